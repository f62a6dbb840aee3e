"""The residue check's shortcuts (issue 19) give exactly what the plain recipes give.

Each shortcut rules a line or a page out before an expensive test; each test
here holds a shortcut to the recipe it replaces, on the built-in rule pack's
own phrase lists and on generated text built from their pieces.
"""

from __future__ import annotations

import functools
import re
from itertools import filterfalse

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.api import lint_text
from copylint.checks import residue_phrases
from copylint.checks.residue import ResidueCheck
from copylint.checks.residue_credits import sentence_capitals
from copylint.checks.residue_lines import (
    WORD_RE,
    PageLines,
    ends_sentence,
    fold_letters,
    line_infos,
    normalise,
    words_of,
)
from copylint.checks.residue_options import ResidueOptions
from copylint.checks.residue_shapes import _may_shout
from copylint.config import Settings
from copylint.document import Document
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


@settings(deadline=None)  # the first example compiles the rule pack
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


_WORDY = "aZ9_ '’.-,é£\t!?"


@given(st.text(alphabet=st.sampled_from(_WORDY), max_size=60))
def test_words_are_counted_as_listed(text: str) -> None:
    for info in line_infos(Document.plain(text), ()):
        # n_words without listing the words (the ASCII lines), and the words listed later
        assert info.n_words == len(WORD_RE.findall(info.text)) == len(info.words)
        assert info.words == tuple(WORD_RE.findall(info.text))


@given(
    st.lists(
        st.sampled_from(["WATCH", "NOW", "the", "2019", "A1", "x", "I", " ", "-", "?", "é"]),
        max_size=14,
    ).map(" ".join)
)
def test_lines_ruled_out_by_their_capitals_are_never_shouting(text: str) -> None:
    for ln in line_infos(Document.plain(text), ()):
        # The recipe's test on the listed words (CL315 with any minimum of words).
        shouted = sum(map(str.isupper, ln.words))
        letters = list(filterfalse(str.isdigit, ln.words))
        if letters and shouted >= 0.8 * len(letters):
            assert _may_shout(ln), text


def test_a_shouted_line_with_some_lower_case_words_is_still_flagged() -> None:
    # 8 shouted words, 2 lower-case ones: 10 >= 5 * 2, so it is read as before.
    text = "BREAKING: WATCH the VIDEO THAT EVERYONE IS talking ABOUT NOW\n"
    assert [d.code for d in lint_text(text, select=["CL315"])] == ["CL315"]
    text = "BREAKING: WATCH the video that everyone is talking about now today\n"
    assert lint_text(text, select=["CL315"]) == []


_CREDIT_PIECES = ["Courtesy of ", "Photo: ", "Image ", "credit", ". ", "! ", "?", "\u00a0", "\t"]
_CREDIT_PIECES += ["X", "Acme", " ", "é", "©", "Ca"]


@settings(deadline=None)  # the first example compiles the rule pack
@given(st.lists(st.sampled_from(_CREDIT_PIECES), max_size=12).map("".join))
def test_credit_lead_ins_are_tried_where_a_sentence_starts(text: str) -> None:
    o = _pack_options()
    assert o.credit_inline_re is not None
    # The recipe: every capital after a sentence's end.
    every = [m.end() - 1 for m in re.finditer(r"[.!?]\s+[A-Z]", text)]
    fewer = sentence_capitals(text, o)
    assert set(fewer) <= set(every)
    assert [p for p in every if o.credit_inline_re.match(text, p)] == [
        p for p in fewer if o.credit_inline_re.match(text, p)
    ]


@settings(deadline=None)  # the first example compiles the rule pack
@given(
    st.lists(
        st.sampled_from(
            [
                "Continue",
                " reading",
                " content",
                "Skip to main",
                "e-mail",
                "Ihre",
                "published",
                "Video courtesy of",
                "x",
                " ",
                "\n",
                "İ",
                "ſ",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_phrase_filters_rule_out_as_the_recipe_does(text: str) -> None:
    o = _pack_options()
    for f in (o.ui_embedded_filter, o.embed_filter):
        folded = fold_letters(text)
        # The recipe: some phrase has all of its runs of letters in the text.
        recipe = any(all(run in folded for run in runs) for runs in f.runs)
        assert f.may_match(text) == recipe


def test_a_share_bar_is_found_through_its_glued_button_names() -> None:
    assert [d.code for d in lint_text("FacebookTwitterEmail\n", select=["CL310"])] == ["CL310"]
    assert [d.code for d in lint_text("Twitter Facebook LinkedIn\n", select=["CL310"])] == ["CL310"]
    assert lint_text("Opinion polls in print\n", select=["CL310"]) == []


@given(st.text(alphabet=st.sampled_from("aZ9_ '’.-,é\t\x01\x7f\x1c"), max_size=30))
def test_line_records_hold_the_plain_recipes(text: str) -> None:
    # Whatever path a line takes (counted or listed, key by shortcut or in full),
    # its record holds what the plain functions give.
    for info in line_infos(Document.plain(f"{text}\nx  y{text}\n"), ()):
        assert info.key == normalise(info.text)
        assert info.n_words == len(words_of(info.text))
        assert info.sentence_end == ends_sentence(info.text)


@settings(deadline=None)  # the first example compiles the rule pack
@given(
    st.lists(
        st.sampled_from(["Skip to main content", "Video courtesy of Acme", "İhre", "the news", ""]),
        max_size=6,
    )
)
def test_a_pages_filters_read_its_lines_once_folded_as_each_line_folded(
    blocks: list[str],
) -> None:
    o = _pack_options()
    page = line_infos(Document.plain("\n".join(blocks) + "\n"), ())
    assert isinstance(page, PageLines)
    for f in (o.ui_embedded_filter, o.embed_filter):
        # The page's folded text, made once, gives what a plain list of its lines gives.
        assert f.lines(page) == f.lines(list(page))
