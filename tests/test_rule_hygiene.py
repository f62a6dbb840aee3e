"""Rule data hygiene, codespell style: the built-in packs' lists and examples.

Every list a built-in rule carries is checked for duplicates (compared as the
checks compare them, case-folded), so a list edit cannot silently do nothing;
every rule of a kind with declared codes has examples both ways (tested
to flag and to pass in test_packs.py); every fix example gives exactly its
expected text, and every rule with an automatic fix has one (issue 19); and
every option a pack sets is one its kind declares (validated at load, see
test_kinds.py).
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from pathlib import Path

import pytest

from copylint.config import Settings
from copylint.diagnostics import Applicability
from copylint.engine import Linter, load_rule_specs
from copylint.errors import DataFileError
from copylint.fixes import fix_text
from copylint.formats import build_document
from copylint.knowledge import load_knowledge
from copylint.packs import RuleSpec, load_packs

from .conftest import MI_KNOWLEDGE

SPECS = load_rule_specs(Settings())


def _lists(spec: RuleSpec) -> Iterator[tuple[str, tuple[str, ...]]]:
    for key, value in spec.options.as_dict().items():
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            yield key, value
        elif isinstance(value, dict):
            for sub, items in value.items():
                if isinstance(items, tuple) and all(isinstance(v, str) for v in items):
                    yield f"{key}.{sub}", items


def _duplicates(items: tuple[str, ...]) -> list[str]:
    """Entries that occur twice once compared as the checks compare them."""
    counts = collections.Counter(" ".join(i.casefold().split()) for i in items)
    return [i for i, n in counts.items() if n > 1]


LISTS = [(s.code, key, items) for s in SPECS for key, items in _lists(s)]


def test_there_are_lists_to_check() -> None:
    assert len(LISTS) > 20


@pytest.mark.parametrize(("code", "key", "items"), LISTS, ids=lambda v: str(v)[:24])
def test_no_list_holds_an_entry_twice(code: str, key: str, items: tuple[str, ...]) -> None:
    assert _duplicates(items) == [], f"{code} {key}"


@pytest.mark.parametrize(("code", "key", "items"), LISTS, ids=lambda v: str(v)[:24])
def test_no_list_entry_is_blank_or_padded(code: str, key: str, items: tuple[str, ...]) -> None:
    assert all(i.strip() and i == i.strip() for i in items), f"{code} {key}"


def test_a_duplicate_is_caught() -> None:
    """The check can fail: a list with a repeated entry (in another case) is reported."""
    assert _duplicates(("Getty", "getty  ", "AP", "Read  more", "read more")) == [
        "getty",
        "read more",
    ]


# --------------------------------------------------------------- fix examples
#: Rules with an automatic fix that have no fix example yet.  The list may only
#: shrink: a new rule with a fix comes with one (``examples: fix:`` in its pack).
WITHOUT_FIX_EXAMPLE = frozenset(
    {
        # a fix that leaves what a sibling rule removes (the credit under a
        # caption, the timestamps of a comment thread), or only a suggestion
        "CL103", "CL303", "CL314", "CL316",
    }
)  # fmt: skip
FIXES = [(s, text, fixed) for s in SPECS for text, fixed in s.examples_fix]
_KNOWLEDGE = load_knowledge([str(MI_KNOWLEDGE)])


def test_fixable_rules_without_a_fix_example_are_only_the_listed_ones() -> None:
    fixable = {
        s.code
        for s in SPECS
        if s.fix is not Applicability.DISPLAY and s.examples_flag and s.check != "grammar"
    }
    missing = {
        code for code in fixable if not any(s.code == code and s.examples_fix for s in SPECS)
    }
    assert missing == WITHOUT_FIX_EXAMPLE & fixable, (
        "a rule with a fix needs an example with its fixed text; "
        "remove a rule from WITHOUT_FIX_EXAMPLE once it has one"
    )
    assert len(FIXES) >= 34


@pytest.mark.parametrize(
    ("spec", "text", "fixed"), FIXES, ids=[f"{s.code}-{t[:24]}" for s, t, _ in FIXES]
)
def test_fix_example_gives_its_fixed_text(spec: RuleSpec, text: str, fixed: str) -> None:
    linter = Linter(Settings(select=(spec.code,), knowledge=(str(MI_KNOWLEDGE),)), _KNOWLEDGE)

    def lint(source: str) -> list:  # type: ignore[type-arg]
        return linter.lint_document(build_document("example.txt", source))

    assert spec.code in {d.code for d in lint(text)}, "a fix example must flag"
    assert fix_text(text, lint, unsafe=True).text == fixed


def test_a_malformed_fix_example_names_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: p\nrules:\n  - code: CL901\n    name: p\n    check: phrases\n"
        "    severity: info\n    fix: safe\n    summary: s\n"
        "    options: {phrases: [foo]}\n"
        "    examples:\n      fix:\n        - text: foo\n          fixd: bar\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        load_packs([pack])
    assert err.value.line == 12 and "{text: ..., fixed: ...}" in str(err.value)
    pack.write_text(pack.read_text().replace("fix:\n", "fixes:\n"), encoding="utf-8")
    with pytest.raises(DataFileError, match="did you mean 'fix'"):
        load_packs([pack])
