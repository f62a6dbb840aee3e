"""LSP positions: code-point offsets to (line, character) in UTF-16, UTF-8 and UTF-32 and back."""

from __future__ import annotations

import pytest

from copylint.lsp.positions import LineIndex

TEXT = "naïve 😀 x\r\nsecond\rthird\nlast"


@pytest.mark.parametrize(
    ("encoding", "x_char"),
    [("utf-16", 9), ("utf-8", 12), ("utf-32", 8)],  # "naïve 😀 " is 8 code points
)
def test_positions_count_units_of_the_encoding(encoding: str, x_char: int) -> None:
    index = LineIndex(TEXT, encoding)
    x = TEXT.index("x")
    assert index.position(x) == (0, x_char)
    assert index.offset(0, x_char) == x
    # every line end of LSP: CRLF, lone CR, LF
    assert index.position(TEXT.index("second")) == (1, 0)
    assert index.position(TEXT.index("third")) == (2, 0)
    assert index.position(TEXT.index("last")) == (3, 0)
    assert index.position(len(TEXT)) == (3, 4)


def test_round_trip_for_every_offset() -> None:
    for encoding in ("utf-16", "utf-8", "utf-32"):
        index = LineIndex(TEXT, encoding)
        for offset in range(len(TEXT) + 1):
            if TEXT[offset - 1 : offset + 1] == "\r\n":
                continue  # between CR and LF is no position of its own
            assert index.offset(*index.position(offset)) == offset, (encoding, offset)


def test_out_of_range_positions_clamp_to_the_line() -> None:
    index = LineIndex(TEXT)
    assert index.offset(0, 999) == TEXT.index("\r\n")  # end of line 0's content
    assert index.offset(99, 0) == len(TEXT)
    assert index.offset(-1, 5) == 0
    # a character inside a surrogate pair rounds up to after the emoji
    emoji = TEXT.index("😀")
    assert index.offset(0, 7) == emoji + 1
    assert index.line_end(0) == TEXT.index("\r\n")
    assert index.line_end(1) == TEXT.index("\rthird")
    assert index.line_end(3) == len(TEXT)
