"""Rule data hygiene, codespell style: the built-in packs' lists and examples.

Every list a built-in rule carries is checked for duplicates (compared as the
checks compare them, case-folded), so a list edit cannot silently do nothing;
every list is a set unless its check kind declares it ordered
(``kinds.ordered``): set-like lists are sorted, and the kinds build the same
matchers from them in any order, so no entry can hide behind another (a
literal alternation goes longest first); an ordered list has no entry that an
earlier one always matches first (shadowing);
every rule of a kind with declared codes has examples both ways (tested
to flag and to pass in test_packs.py); every fix example gives exactly its
expected text, and every rule with an automatic fix has one (issue 19); and
every option a pack sets is one its kind declares (validated at load, see
test_kinds.py).
"""

from __future__ import annotations

import collections
import dataclasses
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from copylint.config import Settings
from copylint.diagnostics import Applicability
from copylint.engine import Linter, load_rule_specs
from copylint.errors import DataFileError
from copylint.fixes import fix_text
from copylint.formats import build_document
from copylint.kinds import RuleOptions, list_case_sensitive, list_order, ordered
from copylint.knowledge import load_knowledge
from copylint.packs import RuleSpec, load_packs

from .conftest import MI_KNOWLEDGE, load_script

SORTING = load_script("scripts/sort_rule_lists.py")
list_sort_key, sort_pack = SORTING.list_sort_key, SORTING.sort_pack

SPECS = load_rule_specs(Settings())


def _lists(spec: RuleSpec) -> Iterator[tuple[str, tuple[str, ...]]]:
    for key, value in spec.options.as_dict().items():
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            yield key, value
        elif isinstance(value, dict):
            for sub, items in value.items():
                if isinstance(items, tuple) and all(isinstance(v, str) for v in items):
                    yield f"{key}.{sub}", items


def _duplicates(items: tuple[str, ...], exact: bool = False) -> list[str]:
    """Entries that occur twice once compared as the checks compare them.

    Case-folded, unless the kind declares the list case-sensitive (``exact``).
    """
    counts = collections.Counter(" ".join((i if exact else i.casefold()).split()) for i in items)
    return [i for i, n in counts.items() if n > 1]


LISTS = [(s.code, key, items) for s in SPECS for key, items in _lists(s)]
#: (code, key) of the lists their kinds match as written
EXACT = {
    (s.code, key)
    for s in SPECS
    for key, _ in _lists(s)
    if list_case_sensitive(type(s.options), key.split(".")[0])
}


def test_there_are_lists_to_check() -> None:
    assert len(LISTS) > 20


@pytest.mark.parametrize(("code", "key", "items"), LISTS, ids=lambda v: str(v)[:24])
def test_no_list_holds_an_entry_twice(code: str, key: str, items: tuple[str, ...]) -> None:
    assert _duplicates(items, (code, key) in EXACT) == [], f"{code} {key}"


@pytest.mark.parametrize(("code", "key", "items"), LISTS, ids=lambda v: str(v)[:24])
def test_no_list_entry_is_blank_or_padded(code: str, key: str, items: tuple[str, ...]) -> None:
    assert all(i.strip() and i == i.strip() for i in items), f"{code} {key}"


def test_a_duplicate_is_caught() -> None:
    """The check can fail: a list with a repeated entry (in another case) is reported."""
    assert _duplicates(("Getty", "getty  ", "AP", "Read  more", "read more")) == [
        "getty",
        "read more",
    ]
    assert _duplicates(("Inc", "INC", "Ltd", "Ltd"), exact=True) == ["Ltd"]
    assert ("CL201", "company_designators") in EXACT


# ------------------------------------------------------- order: sets, shadowing
def _order(spec: RuleSpec, key: str) -> str | None:
    """Why the list ``key`` ("field" or "field.sub") of ``spec`` is ordered; None for a set."""
    return list_order(type(spec.options), key.split(".")[0])


SET_LISTS = [(s, key, items) for s in SPECS for key, items in _lists(s) if _order(s, key) is None]
ORDERED_LISTS = [(s, key, items) for s in SPECS for key, items in _lists(s) if _order(s, key)]


def _out_of_order(items: tuple[str, ...]) -> str | None:
    """Where a set-like list first breaks the order, in words; None when it is sorted."""
    for before, entry in zip(items, items[1:], strict=False):
        if list_sort_key(entry) < list_sort_key(before):
            place = next(i for i in items if list_sort_key(i) > list_sort_key(entry))
            return f"{entry!r} is out of order: it goes before {place!r}"
    return None


def test_lists_are_declared_sets_or_ordered() -> None:
    assert len(SET_LISTS) > 100
    assert {(s.code, k) for s, k, _ in ORDERED_LISTS} >= {("CL301", "patterns")}
    with pytest.raises(KeyError):
        list_order(type(SPECS[0].options), "no_such_option")


@pytest.mark.parametrize(
    ("spec", "key", "items"), SET_LISTS, ids=[f"{s.code}-{k}" for s, k, _ in SET_LISTS]
)
def test_set_like_list_is_sorted(spec: RuleSpec, key: str, items: tuple[str, ...]) -> None:
    where = _out_of_order(items)
    assert where is None, (
        f"{Path(spec.pack).name}: rule {spec.code} ({spec.name}), list {key!r}: {where} "
        f"(sets are kept sorted, case-folded; `python scripts/sort_rule_lists.py "
        f"{Path(spec.pack).relative_to(Path(spec.pack).parents[1])}` sorts them)"
    )


def test_an_unsorted_list_is_reported_at_its_first_misplaced_entry() -> None:
    assert _out_of_order(("Al", "De", "mac", "Mc", "Van")) is None
    assert _out_of_order(("Mc", "Mac", "De", "Van")) == "'Mac' is out of order: it goes before 'Mc'"
    assert _out_of_order(("a", "c", "d", "b")) == "'b' is out of order: it goes before 'c'"


def _shadowed(patterns: tuple[str, ...]) -> list[tuple[str, str]]:
    """(earlier, later) entries of an ordered list where the earlier one always wins.

    A later entry that is plain text (no pattern syntax) is shadowed when an
    earlier pattern matches all of it, or its start up to a word's end, at the
    same place: the alternation tries them in order, so where the later one
    would match the earlier one already has ("air" before "air date").
    """
    out = []
    for j, later in enumerate(patterns):
        if re.escape(later).replace("\\ ", " ") != later:
            continue  # a pattern, not a literal: what it matches cannot be listed
        for earlier in patterns[:j]:
            m = re.match(f"(?:{earlier})", later, re.IGNORECASE)
            if m and m.end() and (m.end() == len(later) or not later[m.end()].isalnum()):
                out.append((earlier, later))
    return out


@pytest.mark.parametrize(
    ("spec", "key", "items"), ORDERED_LISTS, ids=[f"{s.code}-{k}" for s, k, _ in ORDERED_LISTS]
)
def test_no_entry_of_an_ordered_list_is_shadowed(
    spec: RuleSpec, key: str, items: tuple[str, ...]
) -> None:
    assert _shadowed(items) == [], f"{spec.code} {key}: an earlier entry always matches first"


def test_a_shadowed_entry_is_caught() -> None:
    """The check can fail: a literal that an earlier pattern (or literal) covers is reported."""
    assert _shadowed((r"more (?:from|in) \w+", "more from us", "we recommend")) == [
        (r"more (?:from|in) \w+", "more from us")
    ]
    assert _shadowed(("air", "air date")) == [("air", "air date")]
    assert _shadowed(("air date", "air", "airline")) == []


def _reversed_lists(options: RuleOptions) -> RuleOptions:
    """``options`` with every set-like list (and every set-like list of a table) reversed."""
    changes: dict[str, object] = {}
    for name, value in options.as_dict().items():
        if list_order(type(options), name) is not None:
            continue
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            changes[name] = value[::-1]
        elif isinstance(value, Mapping):
            changes[name] = {k: v[::-1] if isinstance(v, tuple) else v for k, v in value.items()}
    return dataclasses.replace(options, **changes)  # type: ignore[type-var]


def _state(value: object, depth: int = 0) -> object:
    """What a check built from its options, comparable across builds.

    Compiled patterns compare by their text (an alternation in another order
    is another pattern); containers compare as sets, since a list of separate
    matchers in another order finds the same things; the rule specs a check
    keeps (the options themselves) are left out.
    """
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, RuleSpec | RuleOptions) or depth > 6:
        return type(value).__name__
    if isinstance(value, Mapping):
        items = [(_state(k, depth + 1), _state(v, depth + 1)) for k, v in value.items()]
        return ("map", tuple(sorted(items, key=repr)))
    if isinstance(value, list | tuple | set | frozenset):
        return ("many", tuple(sorted((_state(v, depth + 1) for v in value), key=repr)))
    module = type(value).__module__
    if module.startswith("copylint.") and hasattr(value, "__dict__"):
        fields = {k: v for k, v in vars(value).items() if k != "specs"}
        return (type(value).__name__, _state(fields, depth + 1))
    if module.startswith("copylint.") and hasattr(value, "__slots__"):
        slots = {k: getattr(value, k, None) for k in value.__slots__}
        return (type(value).__name__, _state(slots, depth + 1))
    return type(value).__name__


_WITH_SET_LISTS = sorted({s.code for s, _, _ in SET_LISTS})


@pytest.mark.parametrize("code", _WITH_SET_LISTS)
def test_a_kind_builds_the_same_matchers_from_a_set_in_any_order(code: str) -> None:
    """Reversing a rule's set-like lists changes neither what its kind compiles nor a finding.

    This is what makes them sets: a kind that joined a list into an alternation
    in list order would let an earlier entry shadow a longer one ("air" before
    "air date") and would compile another pattern here.
    """
    specs = [
        dataclasses.replace(s, options=_reversed_lists(s.options)) if s.code == code else s
        for s in SPECS
    ]
    spec = next(s for s in SPECS if s.code == code)
    settings = Settings(knowledge=(str(MI_KNOWLEDGE),))
    written = Linter(settings, _KNOWLEDGE, SPECS)
    turned = Linter(settings, _KNOWLEDGE, specs)
    kind = [c for c in written.checks if code in getattr(c, "specs", {})]
    kind_turned = [c for c in turned.checks if code in getattr(c, "specs", {})]
    assert kind and _state(kind) == _state(kind_turned), f"{code}: another matcher in another order"
    texts = [
        t for s in SPECS if s.check == spec.check for t in (*s.examples_flag, *s.examples_pass)
    ]
    for text in texts:
        doc = build_document("example.txt", text)
        found = [(d.code, d.start, d.end, d.message) for d in written.lint_document(doc)]
        assert found == [(d.code, d.start, d.end, d.message) for d in turned.lint_document(doc)], (
            f"{code}: another finding in another order on {text[:60]!r}"
        )


def test_the_matcher_comparison_sees_an_alternation_in_another_order() -> None:
    """The check can fail: the same words joined in two orders are two states."""
    assert _state(re.compile("air|air date")) != _state(re.compile("air date|air"))
    assert _state([re.compile("a"), re.compile("b")]) == _state([re.compile("b"), re.compile("a")])


def test_the_sorting_script_sorts_sets_and_leaves_ordered_lists(tmp_path: Path) -> None:
    pack = (
        "pack: p\nrules:\n  - code: CL309\n    name: t\n    check: residue\n"
        "    severity: info\n    fix: unsafe\n    summary: s\n    options:\n"
        '      months: [may, jan,\n               "feb x", dec]\n'
        "      patterns: ['z+', 'a+']\n"
        "      filler:\n        - on\n        # the article\n        - the  # comment\n"
        "        - at\n"
    )
    text, done = sort_pack(pack)
    assert done == ["CL309 filler", "CL309 months"]
    assert 'months: [dec, "feb x",\n               jan, may]' in text  # the old width
    assert "patterns: ['z+', 'a+']" in text
    assert "- at\n        - on\n        # the article\n        - the  # comment\n" in text
    assert sort_pack(text) == (text, [])
    assert ordered("why") is not None


# --------------------------------------------------------------- fix examples
#: Rules with an automatic fix that have no fix example yet.  The list may only
#: shrink: a new rule with a fix comes with one (``examples: fix:`` in its pack).
#: (Empty since issue 19's third round: CL103, CL303, CL314 and CL316 got theirs.
#: A fix example shows the rule's own fix alone, so its fixed text may keep a line
#: a sibling rule removes, as CL314's keeps CL301's "Advertisement".)
WITHOUT_FIX_EXAMPLE: frozenset[str] = frozenset()
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
    assert len(FIXES) >= 38


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
