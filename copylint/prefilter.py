"""A cheap whole-document test that lets a check skip most documents.

Several checks only matter where a document contains one of a few words
written with a capital: the first word of a known title, a known person's
first name or surname.  Scanning every word of every document to find out is
most of their cost on an archive where few documents mention anything known
(issue 7).  :class:`CapitalisedWords` answers the question with one regular
expression whose alternatives each start with a literal capital, so the
engine skips ahead between capitals at C speed.

The answer may be a false "yes" (the caller then does its exact scan), never
a false "no".  That guarantee needs care with Unicode case: the pattern
matches a word's first letter by its simple upper case and the rest with
``re.IGNORECASE``, which agrees with ``str.casefold`` only for characters that
fold to one character equal to their lower case.  A document with any other
character (``ß`` folds to ``ss``, the Kelvin sign to ``k``) gets "yes".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _folds_simply(ch: str) -> bool:
    """True when ``ch`` case-folds to one character that simple case mapping also gives."""
    folded = ch.casefold()
    if len(folded) != 1 or folded != ch.lower():
        return False
    return not ch.isupper() or folded.upper() == ch


class CapitalisedWords:
    """May a text contain one of ``words`` as a whole word starting with a capital or digit?

    ``words`` are case-folded; an apostrophe in them also stands for ’.  A
    word counts when the character before it is not a letter, it starts with
    a capital (or a digit) and its case-folded spelling is in ``words``; the
    character after it may be anything but a letter.
    """

    #: Beyond this many words, compiling the pattern (again each time a compiled
    #: knowledge base is loaded) costs too much: about 13 ms for 1,000, 60 ms for 5,000.
    MAX_WORDS = 1000

    def __init__(self, words: Iterable[str]) -> None:
        unique = {w for w in words if w}
        #: the words (case-folded), as given
        self.words = frozenset(unique)
        self.usable = 0 < len(unique) <= self.MAX_WORDS
        self._pattern: re.Pattern[str] | None = None
        if self.usable:
            self._pattern = re.compile(rf"{_capitalised_trie(unique)}(?![^\W\d_])")

    def may_occur(self, text: str) -> bool:
        """False only when ``text`` certainly holds none of the words (see the class)."""
        found = self._starts(text)
        return found is None or next(found, None) is not None

    def starts(self, text: str) -> list[int] | None:
        """Offsets, in order, where the words may start: every start of one, maybe more.

        None when the text's case folding makes that unknowable (see the class).
        """
        found = self._starts(text)
        return None if found is None else list(found)

    def _starts(self, text: str) -> Iterator[int] | None:
        found = self._matches(text)
        return None if found is None else (m.start() for m in found)

    def _matches(self, text: str) -> Iterator[re.Match[str]] | None:
        """The matches whose starts :meth:`_starts` gives."""
        if self._pattern is None or not _folds_simply_throughout(text):
            return None
        return (
            m
            for m in self._pattern.finditer(text)
            if m.start() == 0 or not text[m.start() - 1].isalpha()
        )


#: The last text asked about and the answer.  Performance (issue 19): a document
#: meets several prefilters (titles, cast, people), each asking this of the same text.
_last_folds: tuple[str, bool] = ("", True)


class JointWords:
    """Several prefilters answered by one scan: each part's :meth:`CapitalisedWords.starts`.

    Performance (issue 19): a knowledge base asks two prefilters of every
    document (titles' first words, cast members' first names), and each scan
    over the text costs about as much as the other.  One pattern for all their
    words finds every start of every part when each word is made of letters
    only: then at most one word can match at a place (a shorter one would be
    followed by a letter, a longer one would end in one), and no word starting
    inside another's match can count (a letter stands before it), so the
    places the joint scan finds are the union of the parts' places.  Whose
    each is, is told by the part's own pattern at that place, once per matched
    spelling.  :meth:`of` gives None when that does not hold.
    """

    def __init__(self, parts: tuple[CapitalisedWords, ...]) -> None:
        self._parts = parts
        self._all = CapitalisedWords(frozenset().union(*(p.words for p in parts)))
        #: matched spelling -> whether each part's pattern matches it there
        self._whose: dict[str, tuple[bool, ...]] = {}

    @classmethod
    def of(cls, *parts: CapitalisedWords | None) -> JointWords | None:
        """One scan for ``parts``, or None when it could answer differently (see the class)."""
        usable = [p for p in parts if p is not None and p.usable]
        if len(usable) != len(parts) or not all(w.isalpha() for p in usable for w in p.words):
            return None
        joint = cls(tuple(usable))
        return joint if joint._all.usable else None

    def part_of(self, prefilter: CapitalisedWords) -> int | None:
        """Where ``prefilter`` is among the parts (it, not an equal one), or None."""
        return next((k for k, p in enumerate(self._parts) if p is prefilter), None)

    def starts(self, text: str) -> list[list[int]] | None:
        """Each part's ``starts(text)`` (None when a part's would be None)."""
        found = self._all._matches(text)
        if found is None:
            return None
        out: list[list[int]] = [[] for _ in self._parts]
        whose = self._whose
        for m in found:
            at, spelled = m.start(), m.group()
            parts = whose.get(spelled)
            if parts is None:
                parts = tuple(p._pattern.match(text, at) is not None for p in self._parts)  # type: ignore[union-attr]
                if len(whose) < 4096:
                    whose[spelled] = parts
            for mine, part in zip(out, parts, strict=True):
                if part:
                    mine.append(at)
        return out


def _folds_simply_throughout(text: str) -> bool:
    global _last_folds
    if text.isascii():
        return True
    last, answer = _last_folds
    if last is not text:
        answer = all(_folds_simply(ch) for ch in set(_NON_ASCII_RE.findall(text)))
        _last_folds = (text, answer)
    return answer


def _capitalised_trie(words: Iterable[str]) -> str:
    """One pattern for all ``words``: each first letter a literal capital, the rest in any case.

    The alternatives share their prefixes (a trie), so at each capital the
    engine follows one branch per letter instead of trying every word: a few
    hundred words cost little more than a few.
    """
    by_head: dict[str, list[str]] = {}
    for word in words:
        by_head.setdefault(word[0].upper(), []).append(word[1:])
    branches = [
        _literal(head) + (f"(?i:{rest})" if (rest := _trie(tails)) else "")
        for head, tails in sorted(by_head.items())
    ]
    return _group(branches)


def _trie(words: list[str]) -> str:
    """A pattern matching exactly ``words`` (which may include "", matched last)."""
    by_head: dict[str, list[str]] = {}
    for word in words:
        if word:
            by_head.setdefault(word[0], []).append(word[1:])
    branches = [_literal(head) + _trie(tails) for head, tails in sorted(by_head.items())]
    if "" in words and branches:
        branches.append("")  # this word ends here; longer ones are tried first
    return _group(branches)


def _group(branches: list[str]) -> str:
    if len(branches) <= 1:
        return "".join(branches)
    return "(?:" + "|".join(branches) + ")"


def _literal(ch: str) -> str:
    return "['’]" if ch == "'" else re.escape(ch)
