"""What the words around a name, and its accents, say about a near miss.

Two signals the names check reads before it calls a near miss a slip:

- :func:`in_english_prose`: its weakest evidence (a lone capitalised word that
  is no common English word; a rare word in a full name, in a base too large
  for every namesake to be known) is read from the English lexicon, and means
  nothing in German, Spanish or Dutch prose, where nearly every word is
  unknown to it and German capitalises every noun ("Blick", "Strand").
- :func:`adds_diacritics`: "Aarón Salazar" for a base's "Aaron Salazar" is the
  same name written with the accents that imported bases often lose.
"""

from __future__ import annotations

import re
import unicodedata

#: Words of four letters or more; the lower-case ones are the prose around a name.
#: (Shorter words say little: "und", "der", "mit" are common on English pages too.)
_WORD_RE = re.compile(r"(?<![^\W\d_])[^\W\d_]{4,}")
#: How many prose words either side of a name are read, and how far away.
CONTEXT_WORDS = 12
CONTEXT_CHARS = 150
#: Fewer prose words than this say nothing (a headline, a caption, a list).
MIN_CONTEXT_WORDS = 4
#: A word the English lexicon knows at least this well is English.
ENGLISH_ZIPF = 3.0
#: Prose is English when at least this share of its words are.  On the development
#: pages (BBC and the multilingual web pages of eval-dev), 0.8% of the contexts of
#: capitalised words in English fall below it, and 96% of those in other languages
#: written in Latin script.
MIN_ENGLISH_SHARE = 0.5


def in_english_prose(text: str, start: int, end: int) -> bool:
    """False when most lower-case words around ``text[start:end]`` are unknown to
    the English lexicon; True when they are known, or too few to tell."""
    stop = min(len(text), end + CONTEXT_CHARS)
    before = _WORD_RE.findall(text, max(0, start - CONTEXT_CHARS), start)
    after = _WORD_RE.findall(text, end, stop)
    if after and stop < len(text) and text[stop - 1 : stop + 1].isalpha():
        after.pop()  # (cut by the window: not a word)
    prose = [w for w in before if w.islower()][-CONTEXT_WORDS:]
    words = prose + [w for w in after if w.islower()][:CONTEXT_WORDS]
    if len(words) < MIN_CONTEXT_WORDS:
        return True
    from ..lexicon import Lexicon

    zipf = Lexicon.default().zipf
    known = sum(1 for w in words if zipf(w.casefold()) >= ENGLISH_ZIPF)
    return known >= MIN_ENGLISH_SHARE * len(words)


def adds_diacritics(written: str, known: str) -> bool:
    """True when ``written`` is ``known`` with diacritics that ``known`` lacks
    ("Aarón" for "Aaron"); not the other way round ("Zoe" for "Zoë" drops one)."""
    plain_written, marks_written = _unmarked(written)
    plain_known, marks_known = _unmarked(known)
    return plain_written == plain_known and marks_written > marks_known


def _unmarked(word: str) -> tuple[str, int]:
    """``word`` case-folded without its combining marks, and how many it had."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    base = [c for c in decomposed if not unicodedata.combining(c)]
    return "".join(base), len(decomposed) - len(base)
