"""The titles ``copylint knowledge find`` offers by any of their words, and why.

"Silent Harbour" or "Harbour Return" name a title by words that do not start
it.  The index's ``title_words`` lists the works by each normalised
word of any of their titles (the main title, aliases, former titles).  Each
word of the query is looked up as written when it is a title word, else as the
known title words one edit away (:func:`.findtitles.near_title_words`), at most
:data:`MAX_EDITS` such words in a query.  The works having every word are the
candidates:

- a word's works are read up to :data:`MAX_ROWS`; the rarest word read whole
  gives the candidates, and a word with more works (read in part) is asked only
  about those, one key look-up per pair;
- when every word is that common, the candidates are the first
  :data:`MAX_ROWS` works of one of them, and the reason says so.

Each candidate's title is scored with rapidfuzz (WRatio) against the query, less
when the words stand apart (:data:`APART_FACTOR`) or in another order
(:data:`UNORDERED_FACTOR`) than when they follow one another as written, and
less for each misspelt word (times its similarity to the title's word).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import title_key
from .convert import load_work
from .findtitles import MAX_EDITS, near_title_words
from .index import KnowledgeIndex
from .scan import TITLE_WORD_RE as _TITLE_WORD_RE  # (the words title_keys reads)
from .store import title_keys

#: Works read per word of the query at most (a common word is then only a filter).
MAX_ROWS = 2_000
#: Distinct words of a query looked up at most (the others need not be in the title).
MAX_WORDS = 8
#: Near title words asked about per misspelt word at most.
MAX_NEAR = 20
#: A title with the query's words in its order but apart scores this share …
APART_FACTOR = 0.95
#: … and one with them in another order, this share.
UNORDERED_FACTOR = 0.9


@dataclass(frozen=True)
class WordWorks:
    """One word of the query and the works whose titles have it."""

    asked: str  # the word as the query writes it, case-folded
    keys: frozenset[str]  # the title words it stands for (itself, or those one edit away)
    edited: bool  # whether ``keys`` are one edit away (the word is no title word)
    works: frozenset[int]
    partial: bool  # True when the word has more works than were read


@dataclass(frozen=True)
class Placed:
    """Where a title has the query's words."""

    key: str  # the title key ("the silent harbour return part 2")
    words: tuple[str, ...]  # the title's words standing for the query's, in its order
    consecutive: bool  # one after the other, as the query writes them
    in_order: bool


def inner_hits(index: KnowledgeIndex, query: str) -> list[tuple[str, float, str]]:
    """(title key, score, why) of each title having every word of the query (each
    exact or one edit away), wherever the words stand in it."""
    words = list(dict.fromkeys(title_key(w) for w in _TITLE_WORD_RE.findall(query)))
    reads = _read_words(index, words[:MAX_WORDS])
    if not reads:
        return []
    works, partial = _shared_works(index, reads)
    if not works:
        return []
    return _scored(index, query, reads, works, partial)


def _read_words(index: KnowledgeIndex, words: list[str]) -> list[WordWorks]:
    """Each word's works (none at all when a word is in no title, or when more than
    :data:`MAX_EDITS` words are misspelt: no title has them all)."""
    reads: list[WordWorks] = []
    for word in words:
        read = _word_works(index, word, [])
        if read is None:
            near = sorted(near_title_words(index, word))[:MAX_NEAR]
            read = _word_works(index, word, near) if near else None
        if read is None:
            return []
        reads.append(read)
        if sum(r.edited for r in reads) > MAX_EDITS:
            return []
    return reads


def _word_works(index: KnowledgeIndex, word: str, near: list[str]) -> WordWorks | None:
    """The works titled with ``word`` (or, given ``near``, with those words instead),
    read up to :data:`MAX_ROWS`; None when there are none."""
    keys = near or [word]
    rows = index.works_titled_with(keys, MAX_ROWS + 1)
    if not rows:
        return None
    works = frozenset(n for _, n in rows[:MAX_ROWS])
    # (every word asked: one read in part may not have reached the later ones)
    return WordWorks(word, frozenset(keys), bool(near), works, len(rows) > MAX_ROWS)


def _shared_works(index: KnowledgeIndex, reads: list[WordWorks]) -> tuple[set[int], str | None]:
    """The works having every word, and the word whose works were read in part when
    every word was (the candidates are then some of them only), else None."""
    whole = sorted((r for r in reads if not r.partial), key=lambda r: len(r.works))
    start = whole[0] if whole else reads[0]
    works = set(start.works)
    for read in reads:
        if read is start or not works:
            continue
        if read.partial:  # (asked about the candidates only)
            found = index.works_among_titled_with(sorted(read.keys), sorted(works))
            works &= {n for _, n in found}
        else:
            works &= read.works
    return works, (start.asked if start.partial else None)


def _scored(
    index: KnowledgeIndex,
    query: str,
    reads: list[WordWorks],
    works: set[int],
    partial: str | None,
) -> list[tuple[str, float, str]]:
    """(title key, score, why) of the best-placed title of each work (its main title, or
    an alias or former title when the main title lacks the words)."""
    from rapidfuzz import fuzz

    asked = " ".join(title_key(w) for w in _TITLE_WORD_RE.findall(query))
    out: list[tuple[str, float, str]] = []
    for placed in _placed_titles(index, reads, works):
        score = fuzz.WRatio(asked, placed.key)
        if not placed.in_order:
            score *= UNORDERED_FACTOR
        elif not placed.consecutive:
            score *= APART_FACTOR
        edits = _edits(reads, placed)
        for written, known in edits:  # (WRatio reads "harbou" as part of "harbour")
            score *= fuzz.ratio(written, known) / 100
        notes = [f"{written} 1 edit → {known}" for written, known in edits]
        out.append((placed.key, score, "; ".join([_contains(placed), *notes, *_partial(partial)])))
    return out


def _placed_titles(index: KnowledgeIndex, reads: list[WordWorks], works: set[int]) -> list[Placed]:
    """Where each work's main title has the words, or, when it has not, one of its
    other titles (read from the stored work, for those works only)."""
    out: list[Placed] = []
    others: list[int] = []
    for wid, title in sorted(index.work_titles(works).items()):
        placed = _place(reads, title)
        if placed is None:
            others.append(wid)
        else:
            out.append(placed)
    for data in index.works(others) if others else ():
        work = load_work(data)
        for form in (*work.aliases, *work.former_titles):
            placed = _place(reads, form)
            if placed is not None:
                out.append(placed)
    return out


def _place(reads: list[WordWorks], title: str) -> Placed | None:
    """Where ``title`` has a word standing for each of the query's, or None."""
    keys = title_keys(title)
    positions: list[int] = []
    for read in reads:
        at = next((i for i, k in enumerate(keys) if k in read.keys and i not in positions), None)
        if at is None:
            return None
        positions.append(at)
    in_order = positions == sorted(positions)
    consecutive = in_order and positions[-1] - positions[0] == len(positions) - 1
    shown = tuple(keys[i] for i in sorted(positions))
    return Placed(" ".join(keys), shown, consecutive, in_order)


def _contains(placed: Placed) -> str:
    """Why a title is offered: "title contains 'silent harbour'", with "apart" or "in
    another order" when the words do not follow one another as the query writes them."""
    if placed.consecutive:
        return f"title contains {' '.join(placed.words)!r}"
    words = ", ".join(repr(w) for w in placed.words)
    return f"title contains {words} ({'apart' if placed.in_order else 'in another order'})"


def _edits(reads: list[WordWorks], placed: Placed) -> list[tuple[str, str]]:
    """(as written, the title's word) of each misspelt word: ("harbou", "harbour")."""
    return [
        (r.asked, next((w for w in placed.words if w in r.keys), r.asked))
        for r in reads
        if r.edited
    ]


def _partial(word: str | None) -> list[str]:
    return [] if word is None else [f"among the first {MAX_ROWS:,} titles with {word!r}"]
