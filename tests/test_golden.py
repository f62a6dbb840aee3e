"""Golden test: copylint's full report on the seed article, compared exactly.

The expected reports live in fixtures/expected/ (seed.report.txt and
seed.report.json).  After an intended change to the rules, regenerate them
with ``python -m tests.test_golden --update`` (from the repository root) and
review the diff line by line: every finding must be right, and nothing correct
may be flagged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .conftest import FIXTURES, MI_KNOWLEDGE, SEED, run_cli

EXPECTED = FIXTURES / "expected"
ARGS = ("--isolated", "--no-cache", "-k", str(MI_KNOWLEDGE), SEED.name)


def _run(*extra: str):  # type: ignore[no-untyped-def]
    return run_cli(*ARGS, *extra, cwd=SEED.parent)


def test_seed_text_report_matches_exactly(seed_path: Path) -> None:
    result = _run()
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    expected = (EXPECTED / "seed.report.txt").read_text(encoding="utf-8")
    assert result.stdout == expected


def test_seed_json_report_matches_exactly(seed_path: Path) -> None:
    result = _run("--format", "json")
    expected = json.loads((EXPECTED / "seed.report.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == expected


def test_seed_report_covers_every_defect_family(seed_path: Path) -> None:
    report = json.loads(_run("--format", "json").stdout)[0]["diagnostics"]
    text = seed_path.read_text(encoding="utf-8")
    flagged = {(d["code"][:3], text[d["start"] : d["end"]]) for d in report}
    for family, fragment in [
        ("CL1", "Cruz"),
        ("CL1", "Atwill"),
        ("CL1", "Henry Cherney"),
        ("CL4", "International Monetary Fund"),
        ("CL4", "June 28, 2024"),
    ]:
        assert (family, fragment) in flagged
    # nothing on the correct names, date and roles
    for d in report:
        span = text[d["start"] : d["end"]]
        for correct in (
            "Ving Rhames",
            "Klementieff",
            "Whigham",
            "Buster Keaton",
            "John Frankenheimer",
            "David Lean",
            "July 12, 2023",
            "Wade Eastwood",
        ):
            assert correct not in span or d["code"].startswith("CL3"), (d["code"], span)


if __name__ == "__main__" and "--update" in sys.argv:
    text = _run()
    (EXPECTED / "seed.report.txt").write_text(text.stdout, encoding="utf-8")
    data = _run("--format", "json")
    (EXPECTED / "seed.report.json").write_text(data.stdout, encoding="utf-8")
    print("updated", EXPECTED)
