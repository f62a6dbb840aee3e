"""The characters, studios and networks ``copylint knowledge find`` offers for a query.

They are found like people, by the first and last words of their names, each
exact or one edit from a word of a known name (:mod:`.nearwords`): one look-up per
(first, last) pair in the ``characters`` and ``organisations`` tables and in the
people's names (organisations imported as entities: distributors, channels).
"""

from __future__ import annotations

import re
from itertools import product

from .index import KnowledgeIndex
from .nearwords import edit_note, near_vocabulary
from .store import name_parts

#: Near words kept per side of a name (the nearest first): at most this squared pairs.
MAX_WORDS = 20
_WORD_RE = re.compile(r"[^\W\d_]+")


def named(index: KnowledgeIndex, first: str, last: str) -> list[tuple[str, str, str]]:
    """(name as written, kind, why) of each character or organisation whose first and
    last name words are ``first`` and ``last`` (case-folded) or one edit from them."""
    firsts = near_vocabulary(index, first)
    lasts = near_vocabulary(index, last)
    pairs = list(product(_nearest(firsts), _nearest(lasts)))
    if not pairs:
        return []
    people, characters, organisations = index.named(pairs, people=True)
    found = [(name, "character") for name in characters]
    found += [(name, "organisation") for name in organisations]
    found += [(name, kind) for name, kind, _ in people if kind != "person"]  # (found as people)
    out = []
    for name, kind in found:
        parts = name_parts(name)
        if parts is None:
            continue
        why = [
            edit_note("first word", first, parts[0], firsts),
            edit_note("last word", last, parts[1], lasts),
            "a character's name" if kind == "character" else "a studio, network or company",
        ]
        shown = as_written(index, name) if kind == "character" else name
        out.append((shown, kind, "; ".join(why)))
    return out


def as_written(index: KnowledgeIndex, folded: str) -> str:
    """A case-folded name with each word as the index's vocabulary writes it ("tam
    wren" → "Tam Wren"), capitalised words preferred."""
    words = {m.group() for m in _WORD_RE.finditer(folded)}
    written: dict[str, str] = {}
    for word in sorted(index.vocabulary(sorted(words)), key=lambda w: (w.islower(), w)):
        written.setdefault(word.casefold(), word)
    return _WORD_RE.sub(lambda m: written.get(m.group(), m.group()), folded)


def _nearest(near: dict[str, int]) -> list[str]:
    return sorted(near, key=lambda w: (near[w], w))[:MAX_WORDS]
