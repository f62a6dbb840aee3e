"""UTF-16 code units ↔ code points.

LanguageTool is written in Java and counts offsets and lengths in UTF-16 code
units, where a character outside the Basic Multilingual Plane (an emoji, a
mathematical letter, a rare CJK ideograph) takes two units.  copylint counts
code points, one per character.  The two agree until the first such
"astral" character; after it they differ by one per astral character.
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Index:
    """Converts offsets for one text; built once per text, O(log n) per offset."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        #: UTF-16 offset at which each astral character starts, ascending.
        self._starts = [cp + k for k, cp in enumerate(astral)]
        self._astral = astral
        self.code_points = len(text)
        self.code_units = len(text) + len(astral)

    def to_utf16(self, cp: int) -> int:
        """The UTF-16 offset of code-point offset ``cp``."""
        cp = min(max(cp, 0), self.code_points)
        return cp + bisect_left(self._astral, cp)

    def to_code_point(self, unit: int, *, round_up: bool = False) -> int:
        """The code-point offset of UTF-16 offset ``unit``.

        An offset that falls between the two halves of a surrogate pair is
        rounded down (for a span's start) or up (``round_up``, for its end), so
        a span never splits a character.
        """
        unit = min(max(unit, 0), self.code_units)
        before = bisect_left(self._starts, unit)  # astral characters starting before ``unit``
        inside = before > 0 and self._starts[before - 1] == unit - 1
        return unit - before + (1 if inside and round_up else 0)

    def span(self, unit_start: int, unit_length: int) -> tuple[int, int]:
        """A LanguageTool ``(offset, length)`` as a code-point ``(start, end)``."""
        start = self.to_code_point(unit_start)
        end = self.to_code_point(unit_start + max(unit_length, 0), round_up=True)
        return start, max(start, end)
