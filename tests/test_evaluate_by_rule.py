"""scripts/evaluate.py --by-rule: false positives by rule and misses by zone.

A hand-written data set in the development set's layout (index.jsonl, one page,
its labels) and a copylint report on it, linted for real.
"""

from __future__ import annotations

import json
from pathlib import Path

from copylint.api import lint_text

from .conftest import load_script

EVALUATE = load_script("scripts/evaluate.py")

PAGE = [
    ("Council agrees budget", "unlabeled", "before"),
    ("Advertisement", "main", "article"),  # labelled as kept: a false positive when flagged
    (
        "The council met on Monday to discuss the budget for the coming year and agreed it.",
        "main",
        "article",
    ),
    (
        "It will be published in the spring, after the mayor has signed it into law at last.",
        "main",
        "article",
    ),
    ("Share this:", "residue", "after"),
    (
        "Our reporters cover the council, the schools and the harbour for the whole town.",
        "residue",
        "after",
    ),
]


def _dataset(root: Path, lang: str) -> tuple[Path, list[dict]]:
    set_dir = root / "residue" / "xx"
    set_dir.mkdir(parents=True)
    text = "\n".join(t for t, _, _ in PAGE) + "\n"
    (set_dir / "xx-1.txt").write_text(text, encoding="utf-8")
    with open(set_dir / "xx-1.labels.jsonl", "w", encoding="utf-8") as f:
        for n, (t, label, zone) in enumerate(PAGE, 1):
            f.write(json.dumps({"line": n, "label": label, "zone": zone, "text": t}) + "\n")
    (root / "index.jsonl").write_text(json.dumps({"id": "xx-1", "lang": lang}) + "\n")
    diagnostics = [
        {
            "rule": d.rule,
            "code": d.code,
            "line": d.line,
            "end_line": d.end_line,
        }
        for d in lint_text(text, select=["CL3"])
    ]
    return root, [{"path": str(set_dir / "xx-1.txt"), "diagnostics": diagnostics}]


def test_false_positives_are_counted_by_rule_and_misses_by_zone(tmp_path: Path) -> None:
    root, reports = _dataset(tmp_path, "en-GB")
    fps, misses = EVALUATE.by_rule(root, reports, "residue/xx")
    assert fps == {"CL301": 1}  # "Advertisement", labelled main
    # "Share this:" is found; the blurb about the paper, prose with no cue, is not
    flagged = {d["line"] for d in reports[0]["diagnostics"]}
    assert 5 in flagged and 6 not in flagged
    assert misses == {"after": 1}


def test_other_languages_are_left_out_unless_asked(tmp_path: Path) -> None:
    root, reports = _dataset(tmp_path, "de")
    assert EVALUATE.by_rule(root, reports, "residue/xx") == ({}, {})
    fps, misses = EVALUATE.by_rule(root, reports, "residue/xx", english_only=False)
    assert fps == {"CL301": 1} and misses == {"after": 1}
