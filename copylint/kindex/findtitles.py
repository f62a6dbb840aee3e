"""The titles ``copylint knowledge find`` offers for a query, and why.

A query is read as the first words of a title, each word as written or, if it
is long enough, as a known title word one edit away ("harbor" → "harbour").
The words are walked through the index's ``forms`` (every prefix of every
title's words), one exact look-up per candidate prefix, as far as they go:

- all the words reach a title: that title (exact, or a near miss);
- all the words reach a prefix: the titles going on from it (a franchise);
- most of the words reach a prefix, at least two: the titles going on from
  there ("The Silent Harbour – Retrun" lists the Silent Harbour works).

A title by any of its words ("Silent Harbour" for "The Silent Harbour") is
:mod:`.findwords`' part.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import title_key
from .convert import load_work
from .index import KnowledgeIndex
from .nearwords import variants
from .scan import TITLE_WORD_RE as _TITLE_WORD_RE  # (the words title_keys reads)
from .store import title_keys

#: Edits allowed over the whole query (each misspelt word is one edit away).
MAX_EDITS = 2
#: Prefixes kept at each step of the walk (the fewest edits first).
MAX_PATHS = 32
#: Titles read beyond a prefix before ranking (a range of the forms table).
MAX_TITLES = 500


@dataclass(frozen=True)
class TitleMatch:
    """A title (or the first words of titles) the query's words reached."""

    key: str  # the title key reached ("the silent harbour")
    words: int  # how many of the query's words it covers
    edits: tuple[str, ...]  # one note per word: "silent exact", "harbor 1 edit → harbour"
    works: str | None  # the key's own works ("1,5") when it is a whole title
    edit_count: int  # how many of the words were changed


def near_title_words(index: KnowledgeIndex, word: str) -> dict[str, str]:
    """Title keys one edit from ``word`` (case-folded), each with the word as written,
    found by exact look-ups of the word's variants in the index's vocabulary."""
    if title_key(word) != word.replace("’", "'"):
        return {}  # numbers are exact
    found = index.known_words([v for v in variants(word) if v != word])
    return {title_key(cf): written[0] for cf, written in found.items() if title_key(cf) != word}


def walk(index: KnowledgeIndex, query: str) -> tuple[list[TitleMatch], int]:
    """The title prefixes the query's words reach, word by word, and how many words
    the longest reach covers (0 when the first word starts no title)."""
    words = [w.casefold() for w in _TITLE_WORD_RE.findall(query)]
    paths: list[TitleMatch] = [TitleMatch("", 0, (), None, 0)]
    for depth, word in enumerate(words, 1):
        near = near_title_words(index, word).items()
        options = [(title_key(word), f"{word} exact", 0)]
        options += [(k, f"{word} 1 edit → {w.casefold()}", 1) for k, w in near]
        steps = [
            TitleMatch(f"{p.key} {key}".lstrip(), depth, (*p.edits, note), None, p.edit_count + n)
            for p in paths
            for key, note, n in options
            if p.edit_count + n <= MAX_EDITS
        ]
        found = index.title_prefixes([s.key for s in steps])
        reached = [
            TitleMatch(s.key, depth, s.edits, found[s.key], s.edit_count)
            for s in steps
            if s.key in found
        ]
        if not reached:
            break
        paths = sorted(reached, key=lambda p: p.edit_count)[:MAX_PATHS]
    reach = max((p.words for p in paths), default=0)
    return [p for p in paths if p.words == reach and reach], reach


def title_hits(index: KnowledgeIndex, query: str) -> list[tuple[str, float, str]]:
    """(title key, score, how the words matched) of each title the query may mean, before
    the works are read: whole titles reached, and titles going on from a reached prefix
    (scored lower the fewer of the query's words they cover)."""
    from rapidfuzz import fuzz

    words = [w.casefold() for w in _TITLE_WORD_RE.findall(query)]
    matches, reach = walk(index, query)
    if not reach or (reach < len(words) and (reach < 2 or 2 * reach < len(words))):
        return []  # ("The Minister": one common first word is no evidence)
    asked = " ".join(title_key(w) for w in words)
    covered = reach / len(words)
    out: list[tuple[str, float, str]] = []
    for m in matches:
        how = "; ".join(m.edits) if m.edit_count else ""
        if reach < len(words):
            rest = f"no known title goes on with {' '.join(words[reach:])!r}"
            how = f"{how}; {rest}" if how else rest
        if m.works is not None:
            out.append((m.key, fuzz.ratio(asked, m.key) * covered, how or "title exact"))
        for key, _ in index.titles_starting(m.key, MAX_TITLES):
            score = fuzz.WRatio(asked, key) * covered
            out.append((key, score, f"starts with {m.key!r}" + (f" ({how})" if how else "")))
    return out


def describe(index: KnowledgeIndex, key: str, why: str) -> list[tuple[str, str, int, bool]]:
    """(label, reasons, credits, main) of each work with title key ``key``: "Title (year)",
    its reasons ``why``, then whether ``key`` is another of its titles (then not ``main``),
    its kind and credits."""
    hit = index.title_prefixes([key]).get(key)
    if not hit:
        return []
    ids = [int(i) for i in hit.split(",")]
    years = index.years(ids)
    out = []
    for wid, data in zip(sorted(set(ids)), index.works(ids), strict=True):
        work = load_work(data)
        year = years.get(wid)
        label = f"{work.title} ({year})" if year else work.title
        main = " ".join(title_keys(work.title)) == key
        by = "" if main else f"; as another of its titles ({key!r})"
        credits = len(work.credits)
        kind = work.kind or "work"
        plural = "s" if credits != 1 else ""
        out.append((label, f"{why}{by}; {kind}; {credits} credit{plural}", credits, main))
    return out


def unplaced_words(index: KnowledgeIndex, query: str, most: int = 5) -> list[str]:
    """The first ``most`` distinct words of the query that are words of known titles (a
    hint when nothing is found: the words are known, but no title has them all)."""
    words = list(dict.fromkeys(w.casefold() for w in _TITLE_WORD_RE.findall(query)))
    known = index.known_words(words)
    return [w for w in words if w in known][:most]
