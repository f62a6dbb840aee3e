"""Near spellings of a query word, found by exact look-ups, and how to say how near.

``copylint knowledge find`` asks the index about every string one edit from a
query word (about 55 per letter): the vocabulary's presence filter rules out
nearly all of them without a statement, and one indexed look-up answers the
rest.  The symmetric-delete index (:mod:`.symdel`) covers people's name words
only; this covers every word of every name and title.
"""

from __future__ import annotations

from .index import KnowledgeIndex
from .symdel import MIN_LENGTH

#: Words longer than this are looked up exactly only: their near spellings are many
#: long strings (a 20,000-letter query word would make gigabytes of them), and no
#: name or title word is that long.
MAX_NEAR_LENGTH = 40
#: Letters a one-edit variant may insert or substitute, beside the word's own.
_ALPHABET = "abcdefghijklmnopqrstuvwxyz'’"


def one_edit_variants(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from
    ``word`` (letters from the Latin alphabet and the word itself)."""
    letters = set(_ALPHABET) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return out


def variants(word: str) -> list[str]:
    """``word`` and, if it is of a length worth it, its one-edit variants."""
    if MIN_LENGTH <= len(word) <= MAX_NEAR_LENGTH:
        return sorted({word} | one_edit_variants(word))
    return [word]


def near_vocabulary(index: KnowledgeIndex, word: str) -> dict[str, int]:
    """Words (case-folded) of any known name or title that are ``word`` (0) or one edit
    from it (1)."""
    found = {w.casefold() for w in index.vocabulary(variants(word))}
    return {w: 0 if w == word else 1 for w in found}


def edit_note(what: str, written: str, known: str, near: dict[str, int]) -> str:
    """How a known word is near the written one: "last name exact", "first name 1 edit
    (jnae → jane)"."""
    distance = near.get(known)
    if distance == 0:
        return f"{what} exact"
    return f"{what} {distance} edit{'s' if distance != 1 else ''} ({written} → {known})"
