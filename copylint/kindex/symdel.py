"""Symmetric-delete keys: near spellings found by exact look-ups.

Two words within one edit of each other (an insertion, a deletion, a
substitution, or, for most pairs, a transposition) share a key: the word
itself or the word with one letter deleted.  The index stores every name
token's keys; a query computes its own and looks them up, then reranks the
few candidates with rapidfuzz.  The vocabulary indexed is that of name
*tokens* (surnames, first names), far smaller than the list of full names.
"""

from __future__ import annotations

#: Tokens shorter than this get no delete keys (too many neighbours to mean anything).
MIN_LENGTH = 4


def delete_keys(token: str) -> set[str]:
    """``token`` and every string made by deleting one of its characters."""
    keys = {token}
    if len(token) >= MIN_LENGTH:
        keys.update(token[:i] + token[i + 1 :] for i in range(len(token)))
    return keys


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (a transposition counts as one edit)."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b))
