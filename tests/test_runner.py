"""``api.run``: the one run path (the CLI's, the language server's, the audit's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.api import Options, RunSettings, lint_paths, run

from .conftest import run_cli

GLUED = "That was the end of the season.Next year the club moves.\n"
CLEAN = "That was the end of the season. Next year the club moves.\n"


def _project(tmp_path: Path, files: int = 3) -> Path:
    (tmp_path / "copylint.toml").write_text('exclude = ["archive/*"]\n', encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(GLUED, encoding="utf-8")
    for i in range(files):
        (tmp_path / f"a{i:02}.txt").write_text(GLUED if i % 2 == 0 else CLEAN, encoding="utf-8")
    return tmp_path


def _summary(results: list) -> list[tuple[str, list[str]]]:  # type: ignore[type-arg]
    return [(Path(r.path).name, [d.code for d in r.diagnostics]) for r in results]


def test_run_honours_exclude_and_reports_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    outcome = run(["."], RunSettings(cache=False))
    assert _summary(outcome.results) == [
        ("a00.txt", ["CL203"]),
        ("a01.txt", []),
        ("a02.txt", ["CL203"]),
    ]
    assert outcome.exit_code() == 1 and outcome.exit_code(exit_zero=True) == 0
    # lint_paths is the same run: before, it linted the excluded archive too.
    assert _summary(lint_paths(["."], Options(), cache=False)) == _summary(outcome.results)


def test_run_uses_the_result_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    cache = tmp_path / "cache"
    first = run(["."], RunSettings(cache_dir=str(cache)))
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert entries, "the run stored its results"
    from copylint import parallel

    def no_lint(*_args: object, **_kw: object) -> object:
        raise AssertionError("a cached file was linted again")

    monkeypatch.setattr(parallel, "lint_one", no_lint)
    again = run(["."], RunSettings(cache_dir=str(cache)))
    assert again.results == first.results


def test_run_on_worker_processes_gives_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, files=12)
    monkeypatch.chdir(root)
    one = run(["."], RunSettings(cache=False, jobs=1))
    two = run(["."], RunSettings(cache=False, jobs=2))
    assert two.results == one.results
    assert len(one.results) == 12


def test_run_diff_changes_nothing_and_fix_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, files=1)
    monkeypatch.chdir(root)
    diff = run(["a00.txt"], RunSettings(cache=False, diff=True, unsafe_fixes=True))
    assert (
        len(diff.patches) == 1 and "+That was the end of the season. Next year" in diff.patches[0]
    )
    assert diff.would_fix == 1 and diff.exit_code() == 1
    assert (root / "a00.txt").read_text(encoding="utf-8") == GLUED
    fixed = run(["a00.txt"], RunSettings(cache=False, fix=True, unsafe_fixes=True))
    assert fixed.results[0].fixed == 1 and fixed.exit_code() == 0
    assert (root / "a00.txt").read_text(encoding="utf-8") == CLEAN


def test_run_reports_a_missing_path_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, files=1)
    monkeypatch.chdir(root)
    outcome = run(["missing.txt", "a00.txt"], RunSettings(cache=False))
    assert outcome.results[0].error == "no such file or directory"
    assert [d.code for d in outcome.results[1].diagnostics] == ["CL203"]
    assert outcome.exit_code() == 2


def test_the_cli_and_run_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    root = _project(tmp_path)
    monkeypatch.chdir(root)
    proc = run_cli("--format", "json", "--no-cache", ".", cwd=root)
    assert proc.returncode == 1
    from copylint.report.json_report import render_json

    assert json.loads(proc.stdout) == json.loads(
        render_json(run(["."], RunSettings(cache=False)).results)
    )
