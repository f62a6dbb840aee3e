"""End to end: the installed ``copylint`` command fixing copies of real files.

Copies of BBC articles from ``../shared/corpus/bbc`` (copied into tmp_path at
test time, never into the repo) are fixed in place by a real subprocess.  Some
copies get scraped-page residue added and some are turned into CRLF files with
a BOM, so real fixes run through the whole pipeline: read, decode, lint,
apply, re-lint, encode, atomic write.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "corpus" / "bbc"
SEED = SHARED / "seeds" / "000_a02fd4a0a53ef109.txt"
REPO = Path(__file__).resolve().parents[1]
EXPECTED = REPO / "fixtures" / "expected"
KNOWLEDGE = REPO / "fixtures" / "knowledge" / "mission-impossible.yaml"
BOM = b"\xef\xbb\xbf"
# Generic page furniture (not from any one site); CL301 deletes such lines safely.
RESIDUE = ["Advertisement", "Share this article"]

pytestmark = pytest.mark.skipif(not BBC.is_dir(), reason=f"{BBC} is absent (no shared data)")


def copylint_exe() -> str:
    """The console script installed beside this interpreter (or on PATH)."""
    here = Path(sys.executable).with_name("copylint")
    found = str(here) if here.exists() else shutil.which("copylint")
    if not found:
        pytest.skip("the copylint command is not installed (pip install -e .)")
    return found


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [copylint_exe(), "--isolated", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=240,
        check=False,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def damaged_copy(src: Path, i: int) -> bytes:
    """The article, with residue between paragraphs for some files (and CRLF+BOM for others)."""
    text = src.read_text(encoding="utf-8")
    if i % 3 == 0:
        paras = text.split("\n\n")
        paras.insert(min(2, len(paras)), RESIDUE[i % len(RESIDUE)])
        text = "\n\n".join(paras)
    data = text.encode("utf-8")
    if i % 4 == 1:
        data = BOM + data.replace(b"\n", b"\r\n")
    return data


@pytest.fixture(scope="module")
def articles() -> list[Path]:
    files = sorted(BBC.glob("*.txt"))
    return files[::50]  # about 42 articles from every section


def make_tree(root: Path, articles: list[Path], copies: int = 1) -> dict[str, bytes]:
    root.mkdir()
    for i, src in enumerate(articles * copies):
        name = src.name if copies == 1 else f"{i:03d}-{src.name}"
        (root / name).write_bytes(damaged_copy(src, i))
    return snapshot(root)


def findings(root: Path) -> dict[str, list[dict[str, Any]]]:
    proc = run("--no-cache", "--format", "json", ".", cwd=root)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return {Path(f["path"]).name: f["diagnostics"] for f in json.loads(proc.stdout)}


def test_fix_in_place_is_stable_and_leaves_clean_files_alone(
    tmp_path: Path, articles: list[Path]
) -> None:
    root = tmp_path / "tree"
    before = make_tree(root, articles)
    found = findings(root)
    safe = {
        name
        for name, diags in found.items()
        if any((d["fix"] or {}).get("applicability") == "safe" for d in diags)
    }

    first = run("--fix", ".", cwd=root)
    assert first.returncode in (0, 1), first.stderr.decode()
    after = snapshot(root)
    changed = {name for name in before if after[name] != before[name]}
    assert changed, "no file was fixed: the residue lines should have been removed"
    assert changed <= safe  # only files with safe fixes are touched
    for name in before:
        if not found[name]:
            assert after[name] == before[name], f"{name} had no findings but changed"
    assert b"Fixed " in first.stdout
    # encoding, BOM and CRLF line ends survive: a CRLF file stays all CRLF
    for name in changed:
        if before[name].startswith(BOM):
            assert after[name].startswith(BOM)
            assert after[name].count(b"\n") == after[name].count(b"\r\n")
        else:
            assert b"\r" not in after[name]

    second = run("--fix", ".", cwd=root)
    assert second.returncode in (0, 1), second.stderr.decode()
    assert snapshot(root) == after, "a second --fix changed files again"
    assert b"Fixed " not in second.stdout


def test_parallel_fix_matches_serial(tmp_path: Path, articles: list[Path]) -> None:
    one, many = tmp_path / "one", tmp_path / "many"
    before = make_tree(one, articles, copies=2)
    make_tree(many, articles, copies=2)
    serial = run("--fix", "-j", "1", ".", cwd=one)
    parallel = run("--fix", "-j", "4", ".", cwd=many)
    assert serial.returncode == parallel.returncode, parallel.stderr.decode()
    assert snapshot(many) == snapshot(one) != before
    assert parallel.stdout == serial.stdout  # same report, same order
    diff_one = run("--diff", "-j", "1", ".", cwd=tmp_path / "one")
    assert diff_one.returncode == 0 and diff_one.stdout == b""  # fixed: nothing left to do


def test_crlf_bom_copy_fixes_exactly_like_the_lf_copy(tmp_path: Path, articles: list[Path]) -> None:
    lf, crlf = tmp_path / "lf", tmp_path / "crlf"
    lf.mkdir()
    crlf.mkdir()
    for i, src in enumerate(articles[:12]):
        text = damaged_copy(src, 3 * i)  # every one gets residue, stays LF
        (lf / src.name).write_bytes(text)
        (crlf / src.name).write_bytes(BOM + text.replace(b"\n", b"\r\n"))
    for root in (lf, crlf):
        proc = run("--fix", ".", cwd=root)
        assert proc.returncode in (0, 1), proc.stderr.decode()
    for name, data in snapshot(lf).items():
        assert (crlf / name).read_bytes() == BOM + data.replace(b"\n", b"\r\n"), name


def test_diff_predicts_fix_and_changes_nothing(tmp_path: Path, articles: list[Path]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    before = make_tree(a, articles)
    make_tree(b, articles)
    proc = run("--diff", ".", cwd=a)
    assert snapshot(a) == before, "--diff must not write"
    assert run("--fix", ".", cwd=b).returncode in (0, 1)
    changed = sorted(n for n, data in snapshot(b).items() if data != before[n])
    patched = sorted(
        line[len("+++ b/") :].removeprefix("./")
        for line in proc.stdout.decode("utf-8").splitlines()
        if line.startswith("+++ b/")
    )
    assert patched == changed
    assert proc.returncode == (1 if changed else 0), proc.stderr.decode()
    # the diff applies with patch(1) and gives exactly what --fix wrote.  (The diff is
    # of decoded text, so a BOM file's first context line lacks the BOM: patch needs
    # fuzz there, hence no backup files.)
    if changed and shutil.which("patch"):
        applied = subprocess.run(
            ["patch", "-p1", "--binary", "-s", "--no-backup-if-mismatch"],
            cwd=a,
            input=proc.stdout,
            check=False,
        )
        assert applied.returncode == 0
        assert snapshot(a) == snapshot(b)


def test_fix_stdin_writes_fixed_text_to_stdout(tmp_path: Path, articles: list[Path]) -> None:
    src = articles[0]
    data = BOM + damaged_copy(src, 0).replace(b"\n", b"\r\n")
    (tmp_path / "f.txt").write_bytes(data)
    proc = run("--fix", "-", "--stdin-filename", "f.txt", cwd=tmp_path, stdin=data)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert run("--fix", "f.txt", cwd=tmp_path).returncode in (0, 1)
    assert proc.stdout == (tmp_path / "f.txt").read_bytes()
    assert proc.stdout != data  # the residue line went
    assert b"Fixed " in proc.stderr  # the report goes to stderr, stdout is the text


def test_read_only_file_is_reported_and_untouched(tmp_path: Path, articles: list[Path]) -> None:
    p = tmp_path / "ro.txt"
    data = damaged_copy(articles[0], 0)
    p.write_bytes(data)
    p.chmod(0o444)
    try:
        proc = run("--fix", "ro.txt", cwd=tmp_path)
    finally:
        p.chmod(0o644)
    assert proc.returncode == 2
    assert b"ro.txt: is read-only; not changed" in proc.stderr
    assert p.read_bytes() == data


def test_symlink_out_of_the_tree_is_not_written(tmp_path: Path, articles: list[Path]) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    data = damaged_copy(articles[0], 0)
    (outside / "real.txt").write_bytes(data)
    (tree / "inside.txt").write_bytes(data)
    (tree / "link-out.txt").symlink_to(outside / "real.txt")
    (tree / "link-in.txt").symlink_to(tree / "inside.txt")
    proc = run("--fix", "tree", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"link-out.txt: a symlink to a file outside the linted directory; not read" in (
        proc.stderr
    )
    assert (outside / "real.txt").read_bytes() == data
    # a link inside the tree is followed and stays a link
    assert (tree / "link-in.txt").is_symlink()
    assert (tree / "inside.txt").read_bytes() != data


def test_fixes_that_undo_each_other_exit_3_naming_the_rules(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        """pack: house
description: Two house-style rules that disagree.
rules:
"""
        + "".join(
            f"""  - code: {code}
    name: house-{want}
    check: phrases
    severity: warning
    fix: safe
    summary: Prefer {want}.
    explanation: A test rule.
    options: {{phrases: [{{phrase: {bad}, replacement: {want}}}]}}
    examples: {{flag: ["the {bad}"], pass: ["the {want}"]}}
"""
            for code, bad, want in (("CL901", "colour", "color"), ("CL902", "color", "colour"))
        )
    )
    (tmp_path / "copylint.toml").write_text('rule-packs = ["house.yaml"]\n')
    p = tmp_path / "a.txt"
    p.write_bytes(b"The colour red.\n")
    proc = subprocess.run(
        [copylint_exe(), "--fix", "a.txt"], cwd=tmp_path, capture_output=True, check=False
    )
    assert proc.returncode == 3, proc.stderr.decode()
    assert b"CL901, CL902" in proc.stderr and b"a.txt" in proc.stderr
    assert p.read_bytes() == b"The colour red.\n"
    # on stdin the input is echoed unchanged, so a pipeline loses nothing
    piped = subprocess.run(
        [copylint_exe(), "--fix", "-"],
        cwd=tmp_path,
        input=b"The colour red.\n",
        capture_output=True,
        check=False,
    )
    assert piped.returncode == 3 and piped.stdout == b"The colour red.\n"


def test_killed_mid_run_leaves_every_file_whole(tmp_path: Path, articles: list[Path]) -> None:
    """SIGKILL a running --fix: each file is the original or the fully fixed text."""
    reference = tmp_path / "ref"
    originals = make_tree(reference, articles, copies=3)
    started = time.monotonic()
    assert run("--fix", ".", cwd=reference).returncode in (0, 1)
    took = time.monotonic() - started
    fixed = snapshot(reference)
    assert fixed != originals
    interrupted = 0
    for fraction in (0.5, 0.7, 0.85, 0.95):
        root = tmp_path / f"kill-{fraction}"
        shutil.copytree(reference, root)
        for name, data in originals.items():
            (root / name).write_bytes(data)
        proc = subprocess.Popen(
            [copylint_exe(), "--isolated", "--fix", "."],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(took * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        now = snapshot(root)
        for name, data in now.items():
            if name.endswith(".copylint-tmp"):
                continue  # a SIGKILL cannot clean up; the original beside it is whole
            assert data in (originals[name], fixed[name]), name
        done = sum(now[n] == fixed[n] != originals[n] for n in originals)
        interrupted += 0 < done < sum(fixed[n] != originals[n] for n in originals)
    print(f"runs killed part-way through the files: {interrupted} of 4")


# ------------------------------------------------------------------ golden: the seed article


@pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is absent (no shared data)")
@pytest.mark.parametrize(
    ("flags", "expected"),
    [((), "seed.fix.txt"), (("--unsafe-fixes",), "seed.unsafe-fixes.txt")],
)
def test_seed_article_golden(tmp_path: Path, flags: tuple[str, ...], expected: str) -> None:
    """The seed article after --fix (and --unsafe-fixes): every change reviewed by eye.

    After a deliberate rule change, regenerate with ``COPYLINT_UPDATE_GOLDEN=1``
    and review the diff of ``fixtures/expected/`` before committing it.
    """
    golden = EXPECTED / expected
    p = tmp_path / "seed.txt"
    p.write_bytes(SEED.read_bytes())
    proc = run("--fix", *flags, "-k", str(KNOWLEDGE), "seed.txt", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    if os.environ.get("COPYLINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(p.read_bytes())
        pytest.skip(f"wrote {golden}; review it")
    if not golden.is_file():
        pytest.skip(f"{golden} not generated yet")
    assert p.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
    again = run("--fix", *flags, "-k", str(KNOWLEDGE), "seed.txt", cwd=tmp_path)
    assert b"Fixed " not in again.stdout
    assert p.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
