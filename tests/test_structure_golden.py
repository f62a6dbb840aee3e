"""Golden fixtures per construct (issue 12): input, report and fixed output, compared exactly.

``fixtures/structure/`` holds one hand-written file per construct (a table, nested
lists, code and comments, raw HTML in Markdown, HTML tables, lists, figures and
malformed markup); ``fixtures/structure/expected/`` holds, for each, the report
(``NAME.report.txt``) and the file after ``--fix --unsafe-fixes``
(``NAME.fixed.EXT``).  After an intended change, regenerate them with
``python -m tests.test_structure_golden --update`` and review the diff by eye:
only residue elements may go, whole, and every table, list, code block and
comment must stay.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, MI_KNOWLEDGE, run_cli

HERE = FIXTURES / "structure"
EXPECTED = HERE / "expected"
CASES = sorted(p.name for p in HERE.iterdir() if p.is_file())


def outputs(name: str, work: Path) -> tuple[str, str]:
    """(report, fixed file) for one fixture, from the real command line."""
    shutil.copy(HERE / name, work / name)
    args = ("--isolated", "--no-cache", "-k", str(MI_KNOWLEDGE))
    report = run_cli(*args, name, cwd=work).stdout
    run_cli(*args, "--fix", "--unsafe-fixes", name, cwd=work)
    return report, (work / name).read_text(encoding="utf-8")


def expected_paths(name: str) -> tuple[Path, Path]:
    stem, ext = name.rsplit(".", 1)
    return EXPECTED / f"{stem}.report.txt", EXPECTED / f"{stem}.fixed.{ext}"


@pytest.mark.parametrize("name", CASES)
def test_structure_golden(name: str, tmp_path: Path) -> None:
    report, fixed = outputs(name, tmp_path)
    report_path, fixed_path = expected_paths(name)
    assert report == report_path.read_text(encoding="utf-8")
    assert fixed == fixed_path.read_text(encoding="utf-8")


if __name__ == "__main__":
    if "--update" not in sys.argv:
        raise SystemExit("usage: python -m tests.test_structure_golden --update")
    import tempfile

    EXPECTED.mkdir(exist_ok=True)
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            rep, out = outputs(case, Path(tmp))
        rp, fp = expected_paths(case)
        rp.write_text(rep, encoding="utf-8")
        fp.write_text(out, encoding="utf-8")
        print(f"wrote {rp.name}, {fp.name}")
