"""Score copylint on a held-out article: defects caught and false alarms.

    python scripts/score_heldout.py [fixtures/heldout/marrowby-s2.txt]

The article comes with its knowledge (``<stem>.yaml`` beside it, the article's
name up to its first "-") and its list of injected defects
(``<stem>-defects.yaml``), both written before copylint was run on it.  A
defect is caught when a finding of its class's code family (names CL1, glued
words and typography CL2, residue CL3, facts CL4) covers part of it; a finding
that covers no defect is a false alarm.  Grammar (CL5) is left out: it needs
a LanguageTool server.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FAMILY = {"names": "CL1", "glued": "CL2", "residue": "CL3", "facts": "CL4"}


@dataclass
class Score:
    """What one run caught and missed, and what it flagged that was not a defect."""

    caught: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    false_alarms: list[dict] = field(default_factory=list)

    @property
    def rate(self) -> float:
        total = len(self.caught) + len(self.missed)
        return len(self.caught) / total if total else 0.0


def defect_spans(text: str, defects: list[dict]) -> list[tuple[int, int, dict]]:
    """Each defect's (start, end) in ``text``: its ``nth`` occurrence (default the first),
    through the end of the ``through`` text when the defect spans several lines."""
    out = []
    for d in defects:
        at = -1
        for _ in range(d.get("nth", 1)):
            at = text.find(d["text"], at + 1)
            if at < 0:
                raise ValueError(f"defect text not in the article: {d['text']!r}")
        end = at + len(d["text"])
        if "through" in d:  # a defect of several lines: up to the end of this text
            last = text.find(d["through"], end)
            if last < 0:
                raise ValueError(f"defect end not in the article: {d['through']!r}")
            end = last + len(d["through"])
        out.append((at, end, d))
    return out


def places(diag: dict) -> list[tuple[int, int]]:
    """Every place a diagnostic covers: its own span and its related ones."""
    own = [(diag["start"], max(diag["end"], diag["start"] + 1))]
    return own + [(r["start"], max(r["end"], r["start"] + 1)) for r in diag.get("related", [])]


def score(text: str, defects: list[dict], diagnostics: list[dict]) -> Score:
    """Match findings with defects (see the module's docstring)."""
    spans = defect_spans(text, defects)
    result = Score()
    used: set[int] = set()
    for start, end, d in spans:
        family = FAMILY[d["class"]]
        hits = [
            i
            for i, diag in enumerate(diagnostics)
            if diag["code"].startswith(family)
            and any(s < end and start < e for s, e in places(diag))
        ]
        used.update(hits)
        (result.caught if hits else result.missed).append(d)
    for i, diag in enumerate(diagnostics):
        if i in used:
            continue
        # a finding on a defect of another class is not a false alarm either
        if any(s < end and start < e for s, e in places(diag) for start, end, _ in spans):
            continue
        result.false_alarms.append(diag)
    return result


def run(article: Path, command: list[str] | None = None) -> Score:
    """Lint ``article`` with its knowledge through the real command line and score it."""
    stem = article.name.split("-")[0]
    knowledge = article.with_name(f"{stem}.yaml")
    defects = yaml.safe_load(article.with_name(f"{stem}-defects.yaml").read_text("utf-8"))
    cmd = command or [sys.executable, "-m", "copylint"]
    proc = subprocess.run(
        [*cmd, "--isolated", "--format", "json", "--ignore", "CL5", "-k", str(knowledge)]
        + [str(article)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr)
    (report,) = json.loads(proc.stdout)
    text = article.read_text("utf-8")
    return score(text, defects["defects"], report["diagnostics"])


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "fixtures/heldout/marrowby-s2.txt"
    result = run(article)
    total = len(result.caught) + len(result.missed)
    print(f"caught {len(result.caught)}/{total} ({result.rate:.3f})")
    for d in result.missed:
        print(f"  missed [{d['class']}] {d['text']!r}: {d.get('note', '')}")
    print(f"false alarms {len(result.false_alarms)}")
    for diag in result.false_alarms:
        print(f"  {diag['line']}:{diag['column']} {diag['code']} {diag['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
