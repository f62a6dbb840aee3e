"""Rule data hygiene, codespell style: the built-in packs' lists and examples.

Every list a built-in rule carries is checked for duplicates (compared as the
checks compare them, case-folded), so a list edit cannot silently do nothing;
every rule of a kind with declared codes has examples both ways (tested to flag
and to pass in test_packs.py); and every option a pack sets is one its kind
declares (validated at load, see test_kinds.py).
"""

from __future__ import annotations

import collections
from collections.abc import Iterator

import pytest

from copylint.config import Settings
from copylint.engine import load_rule_specs
from copylint.packs import RuleSpec

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
