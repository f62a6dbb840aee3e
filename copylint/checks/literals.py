"""Literal word lists compiled into regular expressions, independent of list order.

A pack's word list is a set (copylint.kinds: only lists declared ``ordered``
keep their order).  Python's regex alternation is ordered: at one place the
first alternative that lets the rest of the pattern match wins, so ``air|air
date`` finds "air" in "air date" and the longer entry never shows in a match.
Joining the entries longest first makes every entry reachable and the
compiled pattern the same whatever order the pack lists them in.
"""

from __future__ import annotations

from collections.abc import Iterable


def longest_first(phrases: Iterable[str]) -> list[str]:
    """The distinct ``phrases``, longest first, same lengths in code point order."""
    return sorted(dict.fromkeys(phrases), key=lambda p: (-len(p), p))
