"""The result cache: hits on unchanged input, misses on any change, never fatal.

The end-to-end tests run the real command line.  To tell a cached result from a
fresh one they mark the stored entries (rewrite every cached message); a run
that prints the mark was served from the cache, one that does not re-linted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copylint.cache import ResultCache, open_entry, seal_entry, settings_fingerprint
from copylint.config import Settings
from copylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from copylint.userkey import user_key

from .conftest import run_cli

MARK = "SERVED-FROM-CACHE"
ARTICLE = (
    "Scroll down for more\n\n"
    "The harbour filmopened onFriday in three cities. Marta Lindquist said it was a hit "
    "with critics and audiences alike.\n\nShare this article\n"
)
KNOWLEDGE = "people:\n  - name: Marta Lindqvist\n    misspellings: [Marta Lindquist]\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project: a config, a knowledge file and a few articles."""
    (tmp_path / "copylint.toml").write_text('knowledge = ["people.yaml"]\n', encoding="utf-8")
    (tmp_path / "people.yaml").write_text(KNOWLEDGE, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"a{i}.txt").write_text(ARTICLE + f"\nItem {i}.\n", encoding="utf-8")
    return tmp_path


def lint(project: Path, *extra: str) -> list[dict]:  # type: ignore[type-arg]
    proc = run_cli("--format", "json", "--exit-zero", *extra, "docs", cwd=project)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def messages(report: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [d["message"] for f in report for d in f["diagnostics"]]


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob("*.json"))


def mark_entries(cache_dir: Path) -> None:
    """Rewrite every cached message to MARK, sealed with this user's key (as copylint would)."""
    secret = user_key()
    assert secret is not None
    for entry in entries(cache_dir):
        key = entry.stem
        payload = open_entry(secret, key, entry.read_bytes())
        assert payload is not None, "an entry copylint wrote must verify"
        data = json.loads(payload)
        for row in data["diagnostics"]:
            row[3] = MARK
        entry.write_bytes(seal_entry(secret, key, json.dumps(data).encode()))


def test_second_run_is_served_from_the_cache(project: Path) -> None:
    first = lint(project)
    assert messages(first), "the articles should produce diagnostics"
    cache_dir = project / ".copylint_cache"  # default: beside the config file
    assert len(entries(cache_dir)) == 3
    assert (cache_dir / "CACHEDIR.TAG").is_file()
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")

    assert lint(project) == first  # same report from the cache
    mark_entries(cache_dir)
    assert set(messages(lint(project))) == {MARK}  # proof that nothing was re-linted


def test_changed_file_is_linted_again(project: Path) -> None:
    lint(project)
    mark_entries(project / ".copylint_cache")
    (project / "docs" / "a1.txt").write_text(
        ARTICLE.replace("onFriday", "on Friday"), encoding="utf-8"
    )
    report = {Path(f["path"]).name: messages([f]) for f in lint(project)}
    assert set(report["a0.txt"]) == {MARK}
    assert MARK not in report["a1.txt"] and report["a1.txt"]


def test_changed_knowledge_invalidates(project: Path) -> None:
    before = lint(project)
    assert any("Lindqvist" in m for m in messages(before))
    mark_entries(project / ".copylint_cache")
    (project / "people.yaml").write_text(KNOWLEDGE + "  - name: Ola Berg\n", encoding="utf-8")
    after = lint(project)
    assert MARK not in messages(after)
    assert after == before


def test_changed_config_invalidates(project: Path) -> None:
    lint(project)
    mark_entries(project / ".copylint_cache")
    (project / "copylint.toml").write_text(
        'knowledge = ["people.yaml"]\nignore = ["CL3"]\n', encoding="utf-8"
    )
    codes = {d["code"] for f in lint(project) for d in f["diagnostics"]}
    assert MARK not in messages(lint(project))
    assert codes and not any(c.startswith("CL3") for c in codes)


def test_command_line_options_are_part_of_the_key(project: Path) -> None:
    lint(project)
    mark_entries(project / ".copylint_cache")
    selected = lint(project, "--select", "CL2")
    assert MARK not in messages(selected)
    assert {d["code"][:3] for f in selected for d in f["diagnostics"]} == {"CL2"}


def test_corrupt_entries_are_ignored(project: Path) -> None:
    fresh = lint(project, "--no-cache")
    lint(project)
    for i, entry in enumerate(entries(project / ".copylint_cache")):
        entry.write_bytes([b"\x00\xff garbage", b"{", b'{"diagnostics": [[1, 2]]}'][i % 3])
    assert lint(project) == fresh
    assert lint(project) == fresh  # the bad entries were replaced by good ones


def test_no_cache_and_cache_dir(project: Path, tmp_path: Path) -> None:
    lint(project, "--no-cache")
    assert not (project / ".copylint_cache").exists()
    elsewhere = tmp_path / "elsewhere"
    lint(project, "--cache-dir", str(elsewhere))
    assert len(entries(elsewhere)) == 3
    assert not (project / ".copylint_cache").exists()


def test_unwritable_cache_dir_is_not_fatal(project: Path) -> None:
    blocker = project / "not-a-dir"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    assert messages(lint(project, "--cache-dir", str(blocker / "sub")))


def test_entries_round_trip_every_field(tmp_path: Path) -> None:
    diag = Diagnostic(
        path="x.txt",
        code="CL201",
        rule="joins-case-transition",
        severity=Severity.WARNING,
        message="glued ‘words’",
        start=3,
        end=9,
        line=1,
        column=4,
        end_line=2,
        end_column=1,
        fix=Fix("Insert a space", (Edit(5, 5, " "), Edit(7, 8, "")), Applicability.UNSAFE),
        suggestions=("one", "two"),
    )
    plain = Diagnostic(
        path="x.txt",
        code="CL301",
        rule="residue-ui-phrase",
        severity=Severity.INFO,
        message="m",
        start=0,
        end=1,
        line=1,
        column=1,
        end_line=1,
        end_column=2,
    )
    cache = ResultCache(tmp_path)
    key = cache.key("f" * 64, "x.txt", "0" * 64, None)
    assert cache.get(key, "x.txt") is None
    cache.put(key, [diag, plain])
    got = cache.get(key, "renamed.txt")
    assert got is not None
    assert [g.path for g in got] == ["renamed.txt", "renamed.txt"]
    assert got == [
        Diagnostic(**{**{s: getattr(d, s) for s in Diagnostic.__slots__}, "path": "renamed.txt"})
        for d in (diag, plain)
    ]


def test_key_depends_on_every_part() -> None:
    base = ResultCache.key("fp", "a.txt", "sha", None)
    assert base == ResultCache.key("fp", "a.txt", "sha", None)
    others = {
        ResultCache.key("fp2", "a.txt", "sha", None),
        ResultCache.key("fp", "b.txt", "sha", None),
        ResultCache.key("fp", "a.txt", "sha2", None),
        ResultCache.key("fp", "a.txt", "sha", "latin-1"),
    }
    assert base not in others and len(others) == 4


def test_fingerprint_follows_settings_and_file_contents(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: []\n", encoding="utf-8")
    know = tmp_path / "k.yaml"
    know.write_text(KNOWLEDGE, encoding="utf-8")
    settings = Settings(knowledge=(str(know),))
    first = settings_fingerprint(settings, [pack])
    assert first == settings_fingerprint(settings, [pack])
    assert first != settings_fingerprint(Settings(knowledge=(str(know),), ignore=("CL2",)), [pack])
    know.write_text(KNOWLEDGE + "  - name: Ola Berg\n", encoding="utf-8")
    second = settings_fingerprint(settings, [pack])
    assert second != first
    pack.write_text("rules: []\n# changed\n", encoding="utf-8")
    assert settings_fingerprint(settings, [pack]) != second
