"""Offsets and LSP positions: code points on our side, the client's units on the wire.

copylint reports code-point offsets into the source text.  LSP positions are a
line and a character counted in the negotiated encoding: UTF-16 code units
unless client and server agreed on UTF-8 (or UTF-32, which is code points).
Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as the LSP specification says.
"""

from __future__ import annotations

import bisect
import re

_LINE_END = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    """Length of ``text`` in the encoding's code units."""
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text)


class LineIndex:
    """Converts between code-point offsets of one text and LSP (line, character) pairs."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding.lower().replace("_", "-")
        self._starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def _line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line break)."""
        if line + 1 < len(self._starts):
            end = self._starts[line + 1]
            return end - 2 if self.text[max(end - 2, 0) : end] == "\r\n" else end - 1
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, character) of a code-point offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        return line, _units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position (clamped to its line, as LSP asks)."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[line], self._line_end(line)
        if self.encoding not in ("utf-8", "utf-16"):
            return min(start + max(character, 0), end)
        used = 0
        for i in range(start, end):
            if used >= character:
                return i
            used += _units(self.text[i], self.encoding)
        return end

    def line_end(self, line: int) -> int:
        """Offset where ``line``'s content ends (where an end-of-line comment goes)."""
        return self._line_end(line)
