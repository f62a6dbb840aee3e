"""The residue check's shortcuts (issue 19) give exactly what the plain recipes give.

Each shortcut rules a line or a page out before an expensive test; each test
here holds a shortcut to the recipe it replaces, on the built-in rule pack's
own phrase lists and on generated text built from their pieces.
"""

from __future__ import annotations

import functools

from hypothesis import given
from hypothesis import strategies as st

from copylint.checks import residue_phrases
from copylint.checks.residue import ResidueCheck
from copylint.checks.residue_lines import normalise
from copylint.checks.residue_options import ResidueOptions
from copylint.config import Settings
from copylint.engine import Linter
from copylint.knowledge import KnowledgeBase


@functools.cache
def _pack_options() -> ResidueOptions:
    """The residue options compiled from the built-in rule pack."""
    linter = Linter(Settings(), KnowledgeBase.empty())
    (check,) = [c for c in linter.checks if isinstance(c, ResidueCheck)]
    return check.opts


def _all_ui_by_splitting(key: str, o: ResidueOptions) -> bool:
    """The recipe: split the key at every separator, then test every part."""
    parts = residue_phrases._LABEL_SEPARATOR.split(key)
    return len(parts) > 1 and all(
        p in o.ui_phrases or (o.ui_patterns is not None and o.ui_patterns.match(p)) for p in parts
    )


_PIECES = [
    "Advertisement",
    "scroll to continue",
    "Share",
    "258 Shares",
    "Back to top",
    "the council met",
    " - ",
    " – ",
    " | ",
    " • ",
    "·",
    "-",
    "  ",
    "\t",
    "\u00a0",
    "\u2009",
    "é",
    "’",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_labels_joined_by_separators_are_found_as_by_splitting(pieces: list[str]) -> None:
    o = _pack_options()
    key = normalise("".join(pieces))
    assert residue_phrases._all_ui(key, o) == _all_ui_by_splitting(key, o)


def test_labels_joined_by_separators_on_the_packs_phrases() -> None:
    o = _pack_options()
    phrases = sorted(o.ui_phrases)[:40]
    found = 0
    for sep in (" - ", " – ", " — ", " | ", " • ", " · ", "\u00a0-\u00a0", " / "):
        for a, b in zip(phrases, phrases[1:], strict=False):
            for text in (f"{a}{sep}{b}", f"{a}{sep}{b} now", f"Read{sep}{a}"):
                key = normalise(text)
                assert residue_phrases._all_ui(key, o) == _all_ui_by_splitting(key, o), text
                found += _all_ui_by_splitting(key, o)
    # Both answers occur (or this test could not fail).
    assert 0 < found < 40 * 3 * 8
