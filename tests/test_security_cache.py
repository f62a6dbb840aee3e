"""A repository and a shared cache directory are untrusted (issue 15, items 1-3 and 6).

Each test plants what a hostile contributor or another user of a shared CI
cache could, runs the real command, and checks that nothing outside the tree
was written, that nothing planted was believed, and that no code ran.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
from pathlib import Path

import pytest

from copylint import __version__, datacache
from copylint.cache import ResultCache, seal_entry, settings_fingerprint
from copylint.config import load_config
from copylint.packs import builtin_pack_paths

from .conftest import clean_env, copylint_command, run_cli

ARTICLE = "Scroll down for more\n\nThe harbour filmopened onFriday in three cities.\n"
CLEAN = "The harbour film opened on Friday in three cities.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content repository with a config file and one article with findings."""
    root = tmp_path / "repo"
    (root / "content").mkdir(parents=True)
    (root / "copylint.toml").write_text("", encoding="utf-8")
    (root / "content" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return root


def codes(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [d["code"] for f in json.loads(proc.stdout) for d in f["diagnostics"]]


def lint(repo: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--format", "json", *extra, "content", cwd=repo)


# ------------------------------------------------------------- 1: cache links
def test_a_committed_marker_link_is_never_written_through(repo: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    cache = repo / ".copylint_cache"
    cache.mkdir()
    (cache / "CACHEDIR.TAG").symlink_to(victim)
    (cache / ".gitignore").symlink_to(tmp_path / "planted-by-link")  # dangling
    proc = lint(repo)
    assert proc.returncode == 1, proc.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (tmp_path / "planted-by-link").exists()


def test_a_linked_version_directory_or_cache_root_gets_no_entries(
    repo: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache = repo / ".copylint_cache"
    cache.mkdir()
    (cache / __version__).symlink_to(elsewhere)
    assert lint(repo).returncode == 1
    assert list(elsewhere.iterdir()) == []

    (cache / __version__).unlink()
    (cache / __version__).mkdir()
    (cache / __version__ / "ab").symlink_to(elsewhere)  # a shard
    assert lint(repo).returncode == 1
    assert list(elsewhere.iterdir()) == []

    root_target = tmp_path / "root-target"
    root_target.mkdir()
    for child in sorted(cache.rglob("*"), reverse=True):
        child.unlink() if child.is_file() or child.is_symlink() else child.rmdir()
    cache.rmdir()
    cache.symlink_to(root_target)
    proc = lint(repo)
    assert proc.returncode == 1, proc.stderr
    assert list(root_target.iterdir()) == []


# ---------------------------------------------------------- 2: crafted entries
def _key_for(repo: Path, name: str) -> str:
    """The entry key an attacker can compute: every input to it is public."""
    settings = load_config(repo / "copylint.toml")
    fingerprint = settings_fingerprint(settings, [*builtin_pack_paths(), *settings.rule_packs])
    path = repo / "content" / name
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ResultCache.key(fingerprint, str(path), digest, None)


def test_crafted_and_foreign_entries_are_misses(repo: Path) -> None:
    before = codes(lint(repo, "--no-cache"))
    assert before, "the article has findings"
    key = _key_for(repo, "a.txt")
    entry = repo / ".copylint_cache" / __version__ / key[:2] / f"{key}.json"
    entry.parent.mkdir(parents=True)
    crafted = [
        json.dumps({"diagnostics": []}).encode(),  # hides every finding
        seal_entry(os.urandom(32), key, json.dumps({"diagnostics": []}).encode()),  # other key
        b"0" * 64 + b"\n" + json.dumps({"diagnostics": []}).encode(),
    ]
    for blob in crafted:
        entry.write_bytes(blob)
        proc = lint(repo)
        assert codes(proc) == before, blob
        assert proc.returncode == 1


def test_a_genuine_entry_moved_to_another_files_slot_is_a_miss(repo: Path) -> None:
    before = codes(lint(repo, "--no-cache"))
    lint(repo)  # caches both files
    clean_key, dirty_key = _key_for(repo, "clean.txt"), _key_for(repo, "a.txt")
    base = repo / ".copylint_cache" / __version__
    clean_entry = base / clean_key[:2] / f"{clean_key}.json"
    dirty_entry = base / dirty_key[:2] / f"{dirty_key}.json"
    assert clean_entry.is_file() and dirty_entry.is_file()
    dirty_entry.write_bytes(clean_entry.read_bytes())  # "no findings", validly tagged
    assert codes(lint(repo)) == before


# ----------------------------------------------------- 3: pickles and key file
class _Payload:
    """Unpickling this runs a shell command: what a planted slot would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _plant_pack_slot(directory: Path, marker: Path, owner: int | None = None) -> Path:
    """A slot for the built-in packs with a correct stamp and a code-running pickle."""
    paths = list(builtin_pack_paths())
    names = b"\0".join(os.fsencode(os.path.abspath(p)) for p in paths)
    import hashlib

    slot = directory / f"packs-{hashlib.sha256(names).hexdigest()[:24]}.pickle"
    stamp = datacache._stamp(paths, ("packs.py", "yamlsource.py", "diagnostics.py"))
    slot.write_bytes(stamp + b"\n" + pickle.dumps(_Payload(marker)))
    if owner is not None:
        os.chown(slot, owner, owner)
    return slot


def _run_with_cache_dir(cache_dir: Path, repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**clean_env(), "COPYLINT_CACHE_DIR": str(cache_dir)}
    return subprocess.run(
        [*copylint_command(), "--isolated", "--no-cache", "content"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("mode", [0o777, 0o1777], ids=["world-writable", "sticky"])
def test_a_pickle_planted_in_a_shared_cache_dir_never_runs(
    repo: Path, tmp_path: Path, mode: int
) -> None:
    shared = tmp_path / "shared-ci-cache"
    shared.mkdir()
    shared.chmod(mode)  # anyone may write: another user plants a slot
    marker = tmp_path / "code-ran"
    _plant_pack_slot(shared, marker, owner=4242)
    proc = _run_with_cache_dir(shared, repo)
    assert proc.returncode == 1, proc.stderr
    assert not marker.exists()
    own = shared / f"user-{os.geteuid()}"
    key = own / "secret.key"
    if mode & 0o1000:
        # others cannot rename what is ours in a sticky directory: copylint keeps
        # its data in a private directory of its own there
        assert own.stat().st_mode & 0o777 == 0o700
        assert key.stat().st_mode & 0o777 == 0o600
        assert list(own.glob("packs-*.pickle"))
    else:
        # anyone could swap even a private sub-directory: nothing is cached
        assert not key.exists() and not list(shared.rglob("*.bin"))


def test_a_private_dir_made_by_someone_else_is_not_used(repo: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-ci-cache"
    shared.mkdir()
    shared.chmod(0o777)
    squatted = shared / f"user-{os.geteuid()}"  # made first by another user
    squatted.mkdir()
    marker = tmp_path / "code-ran"
    _plant_pack_slot(squatted, marker, owner=4242)
    os.chown(squatted, 4242, 4242)
    squatted.chmod(0o777)
    proc = _run_with_cache_dir(shared, repo)
    assert proc.returncode == 1, proc.stderr
    assert not marker.exists()
    assert not (squatted / "secret.key").exists()


def test_an_untagged_pickle_in_the_users_own_dir_never_runs(repo: Path, tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    marker = tmp_path / "code-ran"
    slot = _plant_pack_slot(private, marker)  # right name and stamp, owned by us, no tag
    proc = _run_with_cache_dir(private, repo)
    assert proc.returncode == 1, proc.stderr
    assert not marker.exists()
    # ... and copylint replaced it by its own, tagged slot
    assert not slot.read_bytes().startswith(datacache._stamp(list(builtin_pack_paths()), ()))
    assert _run_with_cache_dir(private, repo).returncode == 1


def test_a_lexicon_owned_by_someone_else_is_not_read(tmp_path: Path) -> None:
    from copylint import lexicon

    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    lex = lexicon.Lexicon.load(cache=private)
    (path,) = private.glob("lexicon-*.bin")
    assert lexicon._read(path) is not None
    os.chown(path, 4242, 4242)
    assert lexicon._read(path) is None
    os.chown(path, os.geteuid(), os.getegid())
    path.chmod(0o666)  # others could have rewritten it
    assert lexicon._read(path) is None
    assert lex.zipf("movie") > 5


# ------------------------------------------------------ 6: --fix through links
def test_fix_on_a_named_symlink_out_of_the_tree_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    (repo / "content" / "link.txt").symlink_to(outside)
    inside_link = repo / "content" / "inside-link.txt"
    inside_link.symlink_to(repo / "content" / "a.txt")
    for named in ("content/link.txt", str(repo / "content" / "link.txt")):
        proc = run_cli("--fix", "--unsafe-fixes", named, cwd=repo)
        assert proc.returncode == 2, proc.stderr
        assert "is a symlink to" in proc.stderr and "not written" in proc.stderr
        assert outside.read_text(encoding="utf-8") == ARTICLE
    # walking finds the same link and does not even read it
    proc = run_cli("--fix", "--unsafe-fixes", "content", cwd=repo)
    assert proc.returncode == 2
    assert "link.txt: a symlink to a file outside the linted directory; not read" in proc.stderr
    assert outside.read_text(encoding="utf-8") == ARTICLE
    # a named link inside the project is still fixed through
    proc = run_cli("--fix", "--unsafe-fixes", "content/inside-link.txt", cwd=repo)
    assert inside_link.is_symlink()
    assert (repo / "content" / "a.txt").read_text(encoding="utf-8") != ARTICLE
