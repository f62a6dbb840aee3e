"""The text report's summary line, ``[*]`` in ``--statistics``, and ``--diff``'s count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from copylint.report.text import summary_line
from tests.conftest import run_cli

KNOWLEDGE = "works:\n  - title: The Film\n    cast: [Tom Cruise]\n"
# One unsafe fix (a fuzzy name) and one safe fix (a sentence start).
ARTICLE = "The Film stars Tom Cruz. the cast is good.\n"


@pytest.mark.parametrize(
    ("safe", "unsafe", "unsafe_fixes", "expected"),
    [
        (0, 0, False, "Found 2 problems."),
        (1, 0, False, "Found 2 problems (1 fixable with `--fix`)."),
        (0, 1, False, "Found 2 problems (1 fixable with `--fix --unsafe-fixes`)."),
        (
            1,
            1,
            False,
            "Found 2 problems (1 fixable with `--fix`; 1 more with `--fix --unsafe-fixes`).",
        ),
        (1, 1, True, "Found 2 problems (2 fixable with `--fix --unsafe-fixes`)."),
        (2, 0, True, "Found 2 problems (2 fixable with `--fix`)."),
    ],
)
def test_summary_reads_naturally(safe: int, unsafe: int, unsafe_fixes: bool, expected: str) -> None:
    assert summary_line(2, safe, unsafe, unsafe_fixes=unsafe_fixes) == expected


def test_summary_for_one_problem_is_singular() -> None:
    assert summary_line(1, 0, 1, unsafe_fixes=False) == (
        "Found 1 problem (1 fixable with `--fix --unsafe-fixes`)."
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    (tmp_path / "k.yaml").write_text(KNOWLEDGE, encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("unsafe", [False, True])
def test_statistics_mark_the_same_codes_as_the_report(article: Path, unsafe: bool) -> None:
    flags = ["-k", str(article.parent / "k.yaml"), str(article)]
    if unsafe:
        flags.append("--unsafe-fixes")
    report = run_cli(*flags).stdout
    stats = run_cli(*flags, "--statistics").stdout
    in_report = set(re.findall(r": (CL\d+) \[\*\]", report))
    in_stats = set(re.findall(r"(CL\d+)\t\[\*\]", stats))
    assert in_report == in_stats == ({"CL102", "CL212"} if unsafe else {"CL212"})


@pytest.mark.parametrize("unsafe", [False, True])
def test_diff_and_report_agree_on_the_count(article: Path, unsafe: bool) -> None:
    flags = ["-k", str(article.parent / "k.yaml"), str(article)]
    if unsafe:
        flags.append("--unsafe-fixes")
    report = run_cli(*flags).stdout
    diff = run_cli(*flags, "--diff")
    [fixable] = re.findall(r"\((\d+) fixable with", report)
    [would] = re.findall(r"Would fix (\d+) problems?", diff.stderr + diff.stdout)
    assert fixable == would == ("2" if unsafe else "1")
