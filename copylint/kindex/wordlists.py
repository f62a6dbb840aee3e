"""An index's word lists (the first words of titles, of names, of misspellings): read
whole when small, asked word by word when large.

``knowledge build`` stores each list's words in the ``wordlists`` table (one row per
(list, word), clustered on that key), its size in the metadata (``<list>_words``)
and, for a list of at most :data:`WHOLE_WORDS` words, the words themselves as one
newline-joined metadata value.  A list that small is read whole into a frozenset
(fastest: a few hundred words at the bench's 1M people).  A larger one is a
:class:`IndexedWords`: its presence filter rules most words out, the table answers
the rest, and each answer is remembered for the run.

Performance (issue 16): with IMDb's 13M names the first words of names are about
a million words, ~0.23 s of CPU and ~150 MB to read whole in every process, more
than a one-article run may take; a short article asks about a few hundred of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .index import KnowledgeIndex

#: A list of more words than this is asked word by word instead of read whole.
WHOLE_WORDS = 50_000
#: The lists, by their metadata key (also their presence filter's name).
LISTS = ("first_keys", "name_firsts", "misspelling_firsts")
#: Answers remembered per list across the documents of a run (then forgotten).
MEMO_LIMIT = 100_000


class Words(Protocol):
    """What the scans ask of a word list: a frozenset, or a large list's :class:`IndexedWords`."""

    def __contains__(self, word: object, /) -> bool: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[str]: ...

    def isdisjoint(self, words: Iterable[str], /) -> bool: ...


def stored_words(words: Iterable[str]) -> list[str]:
    """A list's words as stored, sorted: exactly the members of the newline-joined
    metadata value split again (an empty list is the one word "")."""
    return sorted(set("\n".join(sorted(words)).split("\n")))


class IndexedWords:
    """A large word list of an index, asked word by word (see the module's doc).

    It answers membership, ``isdisjoint``, ``len`` and iteration exactly as the
    frozenset of the list would; ``|`` and ``-`` give the list with words added or
    taken away (``extra`` and ``without``: the members are the table's words not
    in ``without``, and ``extra``).  Equality and hashing are by identity.
    """

    __slots__ = ("_extra", "_index", "_memo", "_name", "_plain", "_size", "_without")

    def __init__(
        self,
        index: KnowledgeIndex,
        name: str,
        size: int,
        extra: frozenset[str] = frozenset(),
        without: frozenset[str] = frozenset(),
        memo: dict[object, bool] | None = None,
    ) -> None:
        self._index, self._name, self._size = index, name, size
        self._extra, self._without = extra, without
        self._plain = not extra and not without
        # word -> in the stored list (shared by the lists made from this one by | and -)
        self._memo: dict[object, bool] = {} if memo is None else memo

    def __reduce__(self) -> tuple[object, ...]:
        # (what is remembered stays behind)
        args = (self._index, self._name, self._size, self._extra, self._without)
        return (IndexedWords, args)

    def stored(self, word: object) -> bool:
        """True when ``word`` is in the stored list (remembered for the run)."""
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[word] = isinstance(word, str) and self._look_up(word)
        return found

    def _look_up(self, word: str) -> bool:
        ix = self._index
        if not ix.maybe_present(self._name, (word,)):
            return False  # (most words: no statement)
        sql = "SELECT 1 FROM wordlists WHERE list = ? AND word = ?"
        return bool(ix._query(sql, (self._name, word)))

    def __contains__(self, word: object) -> bool:
        if self._plain:  # (a stored list as it is: most asks, one dict look-up)
            found = self._memo.get(word)
            return self.stored(word) if found is None else found
        if word in self._extra:
            return True
        return word not in self._without and self.stored(word)

    def isdisjoint(self, words: Iterable[str]) -> bool:
        """True when none of ``words`` is in the list.

        Performance: the words not asked before are learnt together (one pass over the
        filter, one statement for those it lets through); the answer is then read from
        what is remembered, in C.
        """
        asked = words if isinstance(words, (set, frozenset)) else set(words)
        if not self._plain or len(asked) > MEMO_LIMIT:
            return not any(map(self.__contains__, asked))
        memo = self._memo
        new = asked.difference(memo)
        if new:
            if len(memo) + len(new) > MEMO_LIMIT:
                memo.clear()  # (then every word asked is learnt again)
                new = set(asked)
            self._learn(new)
        return not any(map(memo.__getitem__, asked))

    def _learn(self, words: Iterable[object]) -> None:
        """Remember whether each of ``words`` is in the stored list."""
        ix = self._index
        strings = [w for w in words if isinstance(w, str)]
        passed = ix.maybe_present(self._name, strings)
        sql = f"SELECT word FROM wordlists WHERE list = '{self._name}' AND word IN ({{marks}})"
        found = {w for (w,) in ix._rows_in(sql, passed)} if passed else set()
        memo = self._memo
        for word in words:
            memo[word] = word in found

    def __len__(self) -> int:
        taken = sum(1 for w in self._without if w not in self._extra and self.stored(w))
        added = sum(1 for w in self._extra if w in self._without or not self.stored(w))
        return self._size - taken + added

    def __iter__(self) -> Iterator[str]:
        """Every word (reads the whole list: for small lists and tests only)."""
        sql = "SELECT word FROM wordlists WHERE list = ? ORDER BY word"
        rows = self._index._query(sql, (self._name,))
        words = {w for (w,) in rows if w not in self._without}
        return iter(sorted(words | self._extra))

    def __or__(self, other: Set[str]) -> IndexedWords:
        more = frozenset(other)
        extra, without = self._extra | more, self._without - more
        return IndexedWords(self._index, self._name, self._size, extra, without, self._memo)

    def __sub__(self, other: Set[str]) -> IndexedWords:
        less = frozenset(other)
        extra, without = self._extra - less, self._without | less
        return IndexedWords(self._index, self._name, self._size, extra, without, self._memo)

    def __repr__(self) -> str:
        return f"<IndexedWords {self._name} of {self._index.path}: {len(self)} words>"
