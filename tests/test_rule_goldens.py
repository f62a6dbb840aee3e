"""Per-rule golden cases (fixtures/rules/CLnnn/): each rule against its own goldens.

A failure names the rule and the case.  After an intended change to a rule,
regenerate only its goldens and review the diff::

    python scripts/rule_goldens.py --update CL201
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import load_script

GOLDENS = load_script("scripts/rule_goldens.py")
RULES = GOLDENS.golden_rules()


@pytest.mark.parametrize("spec", RULES, ids=[s.code for s in RULES])
def test_rule_matches_its_goldens(spec) -> None:  # type: ignore[no-untyped-def]
    assert GOLDENS.compare(spec) == [], (
        f"run `python scripts/rule_goldens.py --update {spec.code}` and review the diff"
    )


def test_every_golden_folder_belongs_to_a_rule_and_every_case_flags() -> None:
    folders = {p.name for p in GOLDENS.GOLDEN.iterdir() if p.is_dir()}
    assert folders == {s.code for s in RULES}
    for spec in RULES:
        for report in (GOLDENS.GOLDEN / spec.code).glob("*.report.json"):
            assert f'"code": "{spec.code}"' in report.read_text(encoding="utf-8"), report


def test_a_changed_rule_output_is_reported_for_that_rule_only(tmp_path: Path) -> None:
    spec = RULES[0]
    saved = GOLDENS.GOLDEN
    try:
        GOLDENS.GOLDEN = tmp_path
        GOLDENS.update(spec)
        first = tmp_path / spec.code / "1.fixed.txt"
        first.write_text(first.read_text(encoding="utf-8") + "changed", encoding="utf-8")
        (tmp_path / spec.code / "9.extra.txt").write_text("x", encoding="utf-8")
        problems = GOLDENS.compare(spec)
        assert problems == [
            f"{spec.code}/1.fixed.txt: differs",
            f"{spec.code}/9.extra.txt: no longer a case",
        ]
        # another rule's (here: missing) goldens are its own business
        assert f"{RULES[1].code}/1.input.txt: missing" in GOLDENS.compare(RULES[1])
    finally:
        GOLDENS.GOLDEN = saved
