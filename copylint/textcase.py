"""Casing a replacement like the text it replaces (for rules that suggest words).

A module of its own so that the rules that need it (names, phrases) do not
import the fix machinery (:mod:`copylint.fixes`), which a lint without
``--fix`` never uses (start-up time, issue 19).
"""

from __future__ import annotations


def match_case(original: str, replacement: str) -> str:
    """``replacement`` cased like ``original`` (codespell's ``fix_case``, extended).

    ALL CAPS (two or more cased letters) gives ALL CAPS; an initial capital
    gives an initial capital (the rest of the replacement is kept, so
    "Mcdonald" -> "McDonald" survives); lower case or mixed case leaves the
    replacement as it is, since a replacement's own capitals are deliberate.
    """
    letters = [c for c in original if c.isalpha()]
    if not letters or not replacement:
        return replacement
    cased = [c for c in letters if c.isupper() or c.islower()]
    if len(cased) >= 2 and all(c.isupper() for c in cased):
        return replacement.upper()
    if letters[0].isupper():
        for i, c in enumerate(replacement):
            if c.isalpha():
                return replacement[:i] + c.upper() + replacement[i + 1 :]
    return replacement
