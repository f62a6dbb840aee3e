#!/usr/bin/env python3
"""Measure what ``--fix`` (and ``--fix --unsafe-fixes``) does to the development set.

Detection scores (``scripts/evaluate.py``) say what the rules flag; this says
what their fixes do to the text, which is what a user who runs ``--fix`` gets:

* residue (``eval-dev/residue-article/sh``, lines labelled ``main`` or
  ``residue``): how many article-body lines the fixes delete (harm) and how
  many residue lines they delete (benefit);
* joins (``eval-dev/joins/{strip,raw}/sh``, true glued positions): how many
  inserted spaces land on a true join (within 3 characters, like score.py),
  how many land elsewhere (harm, counted per rule), and how many joins are left;
* passes: how many lint-and-fix passes each file needed.

Fixes run in this process through :func:`copylint.fixes.fix_text` with the
built-in rules (``--isolated`` settings).  Usage::

    python scripts/evaluate_fixes.py [--shared ../shared] [--show N]
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from copylint.api import Options, Session
from copylint.diagnostics import Diagnostic
from copylint.fixes import applicable, apply_fixes, fix_text
from copylint.fixrun import lint_function
from copylint.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
Lint = Callable[[str], list[Diagnostic]]


def surviving_lines(old: str, new: str) -> list[bool]:
    """For each line of ``old``: is it still in ``new`` (unchanged or lightly edited)?"""
    a, b = old.split("\n"), new.split("\n")
    alive = [False] * len(a)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for i in range(i1, i2):
            if op == "equal":
                alive[i] = True
            elif op == "replace":
                alive[i] = any(
                    difflib.SequenceMatcher(None, a[i], y).ratio() > 0.6 for y in b[j1:j2]
                )
    return alive


def residue(dev: Path, session: Session, unsafe: bool, show: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    shown = 0
    for path in sorted((dev / "residue-article" / "sh").glob("*.txt")):
        labels = [json.loads(x) for x in path.with_suffix(".labels.jsonl").open()]
        text = read_source(path).text
        fixed = fix_text(text, lint_function(session, str(path)), unsafe=unsafe)
        counts[f"passes={fixed.passes}"] += 1
        lines = text.split("\n")
        alive = surviving_lines(text, fixed.text)
        for label in labels:
            i = label["line"] - 1
            if label["label"] not in ("main", "residue") or not lines[i].strip():
                continue
            fate = "kept" if alive[i] else "deleted"
            counts[f"{label['label']} {fate}"] += 1
            if label["label"] == "main" and not alive[i] and shown < show:
                print(f"    body line deleted: {path.name}:{i + 1}: {lines[i][:80]!r}")
                shown += 1
    return counts


def inserted_spaces(text: str, lint: Lint, unsafe: bool) -> list[tuple[int, str]]:
    """Fix ``text`` pass by pass, returning (original offset, rule) of each inserted space."""
    origin: list[int | None] = list(range(len(text) + 1))  # current offset -> original
    found: list[tuple[int, str]] = []
    for _ in range(10):
        diags = [d for d in lint(text) if applicable(d.fix, unsafe=unsafe)]
        code = {id(d.fix): d.code for d in diags}
        result = apply_fixes(text, [d.fix for d in diags if d.fix is not None])
        if result.text == text:
            break
        edits = sorted(
            ((e, code[id(f)]) for f in result.applied for e in f.edits),
            key=lambda pair: (pair[0].start, pair[0].end),
        )
        remapped: list[int | None] = []
        pos = 0
        for e, rule in edits:
            remapped += origin[pos : e.start]
            at = origin[e.start]
            if e.start == e.end and e.text.isspace() and at is not None:
                found.append((at, rule))
            remapped += [None] * len(e.text)
            pos = e.end
        origin = remapped + origin[pos:]
        text = result.text
    return found


def joins(dev: Path, session: Session, unsafe: bool, show: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    shown = 0
    for mode in ("strip", "raw"):
        for path in sorted((dev / "joins" / mode / "sh").glob("*.txt")):
            meta = json.loads(path.with_suffix(".joins.json").read_text(encoding="utf-8"))
            truth = {j["offset"] for j in meta["joins"]}
            ignore = {j["offset"] for j in meta.get("ignore", [])}
            text = read_source(path).text
            hit: set[int] = set()
            for at, rule in inserted_spaces(text, lint_function(session, str(path)), unsafe):
                near = {t for t in truth if abs(t - at) <= 3}
                if near:
                    counts["space at a true join"] += 1
                    hit |= near
                elif not any(abs(t - at) <= 3 for t in ignore):
                    counts[f"space elsewhere ({rule})"] += 1
                    if shown < show:
                        print(f"    wrong space: {path.name}: {text[max(0, at - 20) : at + 20]!r}")
                        shown += 1
            counts["true joins left"] += len(truth - hit)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", type=int, default=5, help="examples of harm to print")
    args = parser.parse_args(argv)
    dev = args.shared / "eval-dev"
    if not dev.is_dir():
        print(f"{dev} not found (pass --shared)", file=sys.stderr)
        return 2
    for unsafe in (False, True):
        title = "--fix --unsafe-fixes" if unsafe else "--fix"
        print(f"== {title}")
        res = residue(dev, Session(Options(isolated=True)), unsafe, args.show)
        print("  residue-article:", dict(sorted(res.items())))
        jn = joins(dev, Session(Options(isolated=True, select=("CL2",))), unsafe, args.show)
        print("  joins (CL2xx only):", dict(sorted(jn.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
