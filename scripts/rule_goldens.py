#!/usr/bin/env python3
"""Per-rule golden cases: ``fixtures/rules/CLnnn/`` (issue 19).

Every built-in rule's pack lists examples that it flags; each one becomes a
case in the rule's own folder, so that a change to one rule changes only that
rule's goldens (the seed's report, ``fixtures/expected/``, changes for any):

* ``<n>.input.txt``: the example, as the pack gives it;
* ``<n>.report.json``: copylint's JSON report on it with that rule alone
  selected (as ``--select CODE --format json``), with the seed's knowledge
  (``fixtures/knowledge/mission-impossible.yaml``) for the rules that need it;
* ``<n>.fixed.txt``: the text after that rule's fixes, safe and unsafe, applied
  until nothing changes (as ``--select CODE --fix --unsafe-fixes``).

Grammar rules (CL5xx) are left out: their findings come from LanguageTool.
Usage, from the repository root::

    python scripts/rule_goldens.py            # compare; list what differs (exit 1)
    python scripts/rule_goldens.py --update   # rewrite the goldens (review the diff!)
    python scripts/rule_goldens.py --update CL201 CL202   # only these rules

tests/test_rule_goldens.py runs the comparison rule by rule.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from copylint.config import Settings  # noqa: E402 - after the path set-up
from copylint.diagnostics import FileResult  # noqa: E402
from copylint.engine import Linter, load_rule_specs  # noqa: E402
from copylint.fixes import fix_text  # noqa: E402
from copylint.formats import build_document  # noqa: E402
from copylint.knowledge import KnowledgeBase, load_knowledge  # noqa: E402
from copylint.packs import RuleSpec  # noqa: E402
from copylint.report.json_report import render_json  # noqa: E402

GOLDEN = ROOT / "fixtures" / "rules"
KNOWLEDGE = ROOT / "fixtures" / "knowledge" / "mission-impossible.yaml"
#: Check kinds whose findings come from outside copylint (LanguageTool).
_EXTERNAL = frozenset({"grammar"})


def golden_rules() -> list[RuleSpec]:
    """The built-in rules that have golden cases: those with examples they flag."""
    return [
        s
        for s in load_rule_specs(Settings())
        if s.examples_flag and s.check not in _EXTERNAL and s.check != "engine"
    ]


_KB: list[KnowledgeBase] = []


def _knowledge() -> KnowledgeBase:
    if not _KB:
        _KB.append(load_knowledge([str(KNOWLEDGE)]))
    return _KB[0]


def cases(spec: RuleSpec) -> Iterator[tuple[str, str]]:
    """(file name, expected content) of every golden file of one rule."""
    settings = Settings(select=(spec.code,), knowledge=(str(KNOWLEDGE),))
    linter = Linter(settings, _knowledge())
    for n, text in enumerate(spec.examples_flag, start=1):
        name = f"{spec.code}/{n}.input.txt"

        def lint(source: str, name: str = name) -> list:  # type: ignore[type-arg]
            return linter.lint_document(build_document(name, source))

        yield f"{n}.input.txt", text
        yield f"{n}.report.json", render_json([FileResult(name, lint(text))])
        yield f"{n}.fixed.txt", fix_text(text, lint, unsafe=True, path=name).text


def compare(spec: RuleSpec) -> list[str]:
    """What differs between one rule's goldens and what copylint does now."""
    folder = GOLDEN / spec.code
    expected = dict(cases(spec))
    problems = []
    for name, content in expected.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{spec.code}/{name}: missing")
        elif path.read_text(encoding="utf-8") != content:
            problems.append(f"{spec.code}/{name}: differs")
    if folder.is_dir():
        problems += [
            f"{spec.code}/{p.name}: no longer a case"
            for p in sorted(folder.iterdir())
            if p.name not in expected
        ]
    return problems


def update(spec: RuleSpec) -> list[str]:
    """Rewrite one rule's goldens; the names of the files that changed."""
    folder = GOLDEN / spec.code
    folder.mkdir(parents=True, exist_ok=True)
    expected = dict(cases(spec))
    changed = []
    for name, content in expected.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8", newline="")
            changed.append(f"{spec.code}/{name}")
    for path in folder.iterdir():
        if path.name not in expected:
            path.unlink()
            changed.append(f"{spec.code}/{path.name} (removed)")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the goldens")
    parser.add_argument("codes", nargs="*", help="only these rules (default: all)")
    args = parser.parse_args(argv)
    specs = [s for s in golden_rules() if not args.codes or s.code in args.codes]
    if args.update:
        changed = [c for spec in specs for c in update(spec)]
        known = {s.code for s in golden_rules()}
        if not args.codes and GOLDEN.is_dir():  # folders of rules that are gone
            for folder in sorted(GOLDEN.iterdir()):
                if folder.is_dir() and folder.name not in known:
                    for path in folder.iterdir():
                        path.unlink()
                    folder.rmdir()
                    changed.append(f"{folder.name}/ (removed)")
        print("\n".join(changed) if changed else "no golden changed")
        return 0
    problems = [p for spec in specs for p in compare(spec)]
    print("\n".join(problems) if problems else f"{len(specs)} rules: goldens match")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
