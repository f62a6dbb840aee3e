"""UTF-16 ↔ code-point conversion, checked against Python's own UTF-16 encoder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copylint.grammar.offsets import Utf16Index

# Mostly ASCII, with BMP accents and astral characters (emoji, math letters, CJK ext. B).
_CHARS = st.sampled_from(list("ab é—") + ["😀", "𝔸", "𠀋", "🎉"])


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.lists(_CHARS, max_size=40).map("".join))
def test_every_code_point_offset_round_trips(text: str) -> None:
    index = Utf16Index(text)
    assert index.code_units == units(text)
    for cp in range(len(text) + 1):
        unit = index.to_utf16(cp)
        assert unit == units(text[:cp])
        assert index.to_code_point(unit) == cp
        assert index.to_code_point(unit, round_up=True) == cp


def test_offset_inside_a_surrogate_pair_rounds_outwards() -> None:
    text = "a😀b"  # units: a=0, 😀=1..2, b=3
    index = Utf16Index(text)
    assert index.to_code_point(2) == 1  # start inside the emoji: include it
    assert index.to_code_point(2, round_up=True) == 2  # end inside the emoji: include it
    assert index.span(2, 1) == (1, 2)


def test_span_with_astral_characters_before_and_inside() -> None:
    text = "😀😀 x🎉y z"
    index = Utf16Index(text)
    start = text.index("x")
    # "x🎉y" is 4 units long in UTF-16 but 3 code points.
    assert index.span(units(text[:start]), units("x🎉y")) == (start, start + 3)


def test_out_of_range_offsets_are_clamped() -> None:
    index = Utf16Index("a😀")
    assert index.to_code_point(-5) == 0
    assert index.to_code_point(99) == 2
    assert index.to_utf16(99) == 3
    assert index.span(1, -1) == (1, 1)
