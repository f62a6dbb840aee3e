"""False alarms on real, edited copy: the 2,095 BBC articles in ../shared/corpus/bbc.

These articles were edited by a newsroom, so residue and joins findings on
them are almost all false alarms, and with the Mission: Impossible knowledge
loaded no names or facts finding is right (none of them is about those films).
"""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import MI_KNOWLEDGE, run_cli


def _diagnostics(*args: str) -> list[dict]:
    result = run_cli(*args, "--isolated", "--format", "json", timeout=600)
    assert result.returncode in (0, 1), result.stderr
    return [d for report in json.loads(result.stdout) for d in report["diagnostics"]]


def test_residue_and_joins_at_most_one_per_twenty_articles(bbc_dir: Path) -> None:
    files = sorted(bbc_dir.glob("*.txt"))
    diags = _diagnostics(str(bbc_dir), "--select", "CL2,CL3")
    noisy = [d for d in diags if d["rule"].startswith(("residue", "joins"))]
    assert len(noisy) <= len(files) / 20, [
        (Path(d["path"]).name, d["rule"], d["message"]) for d in noisy[:20]
    ]


def test_no_names_or_facts_findings_with_unrelated_knowledge(bbc_dir: Path) -> None:
    diags = _diagnostics(str(bbc_dir), "-k", str(MI_KNOWLEDGE), "--select", "CL1,CL4,CL220")
    assert diags == []
