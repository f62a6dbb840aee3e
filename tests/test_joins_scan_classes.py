"""The joins rules' cheap scans in a text's character classes find what the patterns find.

Performance (issue 19): the places worth a closer look (case transitions, long
capital runs, a mark glued to a capitalised word, a digit with letters glued on,
a clitic with a word glued on) are found in ``char_classes(text)`` with
literal-first patterns instead of scanning the text with class-first ones.  Each
scan must give exactly the reference pattern's matches, on any text: Latin-1
letters, characters Latin-1 cannot encode (curly quotes, digits of other scripts,
lone surrogates), and real question marks.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.checks.joins_scan import (
    _HAS_TRANSITION,
    CAPS_HIT,
    CLITIC_GLUE,
    NUMERAL_HIT,
    PUNCT_HIT,
    caps_hits,
    char_classes,
    clitic_glues,
    numeral_hits,
    punct_hits,
    runs_with_transitions,
    transitions,
)

_PIECES = ["a", "b", "z", "A", "B", "Z", "é", "É", "ß", "ÿ", "Þ", "×", "÷", "ɏ", "Ω"]
_PIECES += [" ", ".", "!", "?", ",", "'", "’", "“", "—", "\n", "1", "9", "٣", "０", "\ud800"]
_PIECES += ["the", "The", "THE", "NEWS", "ABCDEFGH", "ll", "re", "s", "t", "ve", "news", "x."]

_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _spans(pattern, text: str) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(_texts)
def test_class_scans_find_what_the_patterns_find(text: str) -> None:
    classes = char_classes(text)
    assert len(classes) == len(text)
    assert list(transitions(classes)) == _spans(_HAS_TRANSITION, text)
    assert list(caps_hits(classes)) == [m.start() for m in CAPS_HIT.finditer(text)]
    assert list(punct_hits(text, classes)) == [m.start() for m in PUNCT_HIT.finditer(text)]
    assert numeral_hits(text, classes) == [m.start() for m in NUMERAL_HIT.finditer(text)]
    assert [m.span() for m in clitic_glues(text)] == _spans(CLITIC_GLUE, text)


def test_each_scan_finds_its_shape_in_prose() -> None:
    text = (
        "HomeNEWSToday “Season 3was” and Part ٣is, FACEBOOKTWITTER.The end?Next "
        "year.What isn’tterrible and I'mvery sure."
    )
    classes = char_classes(text)
    # every reference pattern has matches here: the comparisons are not of empty lists
    for pattern in (_HAS_TRANSITION, CAPS_HIT, PUNCT_HIT, NUMERAL_HIT, CLITIC_GLUE):
        assert pattern.search(text), pattern.pattern
    assert list(transitions(classes)) == _spans(_HAS_TRANSITION, text)
    assert list(caps_hits(classes)) == [m.start() for m in CAPS_HIT.finditer(text)]
    assert list(punct_hits(text, classes)) == [m.start() for m in PUNCT_HIT.finditer(text)]
    assert numeral_hits(text, classes) == [m.start() for m in NUMERAL_HIT.finditer(text)]
    assert len(numeral_hits(text, classes)) == 2  # "3was" and the Arabic-Indic "٣is"
    assert [m.group(2) for m in clitic_glues(text)] == ["terrible", "very"]
    assert [m.group() for m in runs_with_transitions(text)] == [
        m.group() for m in runs_with_transitions(text, classes)
    ]


@settings(max_examples=400, deadline=None)
@given(_texts, st.sampled_from(["", "a", "aa", "The", "NEWS", "ll", "?", "’s", "x.", "news"]))
def test_a_form_is_found_where_an_escaped_pattern_finds_it(text: str, form: str) -> None:
    """used_in_prose finds a form's occurrences with str.find, not a pattern per form."""
    import re

    from copylint.checks.joins_support import _occurrences

    assert list(_occurrences(text, form)) == _spans(re.compile(re.escape(form)), text)
