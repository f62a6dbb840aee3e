"""The quotation-mark scan skips apostrophes between letters, and only them."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from copylint.checks.quotes import _QUOTE_MARK, _has_mark

_MARKS = "„“”‘’\"'"
_PIECES = st.sampled_from([*_MARKS, "a", "Z", "é", "3", "²", "_", " ", "\n", "-", "."])


def _marks_the_scan_reads(text: str) -> list[int]:
    """Every quotation mark, less a ’ or ' with a letter or digit on both sides."""
    out = []
    for i, ch in enumerate(text):
        if ch not in _MARKS:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in "’'" and before.isalnum() and after.isalnum():
            continue
        out.append(i)
    return out


@given(st.lists(_PIECES, max_size=30).map("".join))
@example("that’s O'Neill's ‘Vivy’")
@example("'tis 90s' x_'y ²'²")
def test_the_pattern_matches_the_marks_the_scan_reads(text: str) -> None:
    assert [m.start() for m in _QUOTE_MARK.finditer(text)] == _marks_the_scan_reads(text)
    assert _has_mark(text) == any(ch in _MARKS for ch in text)
