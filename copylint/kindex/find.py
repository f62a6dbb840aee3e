"""``copylint knowledge find``: which known names or titles a spelling could mean, and why.

People are found by near first and last name words (the symmetric-delete index of
name tokens); a one-word query is either word of a name ("Doe", "Jane").
Characters, studios and networks are found by their first and last words (see
:mod:`.findnamed`).
Titles are found by their first words, exactly or one edit away per word, and a
title's first words list the titles going on from them (see :mod:`.findtitles`);
a title is also found by any of its words, wherever they stand in it (see
:mod:`.findwords`).
Every candidate is scored with rapidfuzz against the query and explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .convert import load_entity
from .findnamed import named
from .findtitles import describe, title_hits
from .findwords import inner_hits
from .index import KnowledgeIndex
from .nearwords import MAX_NEAR_LENGTH, edit_note
from .scan import NAME_WORD_RE
from .store import name_parts

#: Edits allowed between a query word and a name word.
NAME_EDITS = 2
#: A title matched by another of its work's titles (an alias, a former title) scores
#: a little less than one matched by its work's main title.
ALIAS_FACTOR = 0.99
#: Near name words asked about at most (the nearest first).
MAX_TOKENS = 200


@dataclass(frozen=True)
class Candidate:
    """A known name or title a query may mean, with the reasons."""

    text: str
    kind: str  # "person", "organisation", "title"
    score: float
    why: str
    #: Breaks ties in the ranking: the more credited first (not shown).
    credits: int = field(default=0, compare=False)

    def to_dict(self) -> dict[str, object]:
        """The candidate as plain JSON values (``--format json``)."""
        return {
            "text": self.text,
            "kind": self.kind,
            "score": round(self.score, 1),
            "why": self.why,
        }


def find(index: KnowledgeIndex, query: str, limit: int = 10) -> list[Candidate]:
    """The ``limit`` best candidates for ``query``: people, titles and listed misspellings."""
    found: dict[str, Candidate] = {}
    parts = [p.casefold() for p in NAME_WORD_RE.findall(query)]
    if len(parts) == 1:
        people = _people_by_one_word(index, query, parts[0], limit)
    elif parts:
        people = _people_by_first_and_last(index, query, parts[0], parts[-1])
        people += _named(index, query, parts[0], parts[-1])
    else:
        people = []
    for c in [*people, *_misspelt(index, query, parts[:1]), *_titles(index, query, limit)]:
        if c.text not in found or found[c.text].score < c.score:
            found[c.text] = c
    ranked = sorted(found.values(), key=lambda c: (-c.score, -c.credits, c.text))
    return ranked[:limit]


def _people_by_first_and_last(
    index: KnowledgeIndex, query: str, first: str, last: str
) -> list[Candidate]:
    """People whose first and last name words are each near the query's."""
    from rapidfuzz import fuzz

    firsts = _near_tokens(index, first)
    lasts = _near_tokens(index, last)
    out = []
    for row, credits in index.people_with(firsts, lasts):
        entity = load_entity(row)
        parts = name_parts(entity.name)
        if parts is None:  # (a name without letters: in no names row the builder writes)
            continue
        reasons = [
            edit_note("first name", first, parts[0], firsts),
            edit_note("last name", last, parts[1], lasts),
            _credits(credits),
        ]
        score = fuzz.ratio(query.casefold(), entity.name.casefold())
        out.append(Candidate(entity.name, entity.kind, score, "; ".join(reasons), credits))
    return out


def _people_by_one_word(
    index: KnowledgeIndex, query: str, word: str, limit: int
) -> list[Candidate]:
    """People whose first or last name word is ``word`` or near it: the nearest words
    first, and among people sharing a word, the most credited."""
    from rapidfuzz import fuzz

    near = _near_tokens(index, word)
    out: list[Candidate] = []
    for distance in sorted(set(near.values())):
        if len(out) >= limit:
            break
        tokens = sorted(t for t, d in near.items() if d == distance)[:MAX_TOKENS]
        for row, credits, first, last in index.people_by_token(tokens, limit - len(out)):
            name = load_entity(row).name
            which = [
                edit_note(what, word, token, near)
                for what, token in (("first name", first), ("last name", last))
                if token in tokens
            ]
            score = fuzz.WRatio(query.casefold(), name.casefold())
            why = "; ".join([*which, _credits(credits)])
            out.append(Candidate(name, row[1], score, why, credits))
    return out


def _named(index: KnowledgeIndex, query: str, first: str, last: str) -> list[Candidate]:
    """Characters and organisations named near the query."""
    from rapidfuzz import fuzz

    return [
        Candidate(name, kind, fuzz.ratio(query.casefold(), name.casefold()), why)
        for name, kind, why in named(index, first, last)
    ]


def _misspelt(index: KnowledgeIndex, query: str, firsts: list[str]) -> list[Candidate]:
    """People for whom the query is a listed misspelling."""
    out = []
    for row in index.misspelt_people(firsts):
        entity = load_entity(row)
        if query.casefold() in (w.casefold() for w in entity.misspellings):
            why = "a listed misspelling of this name"
            out.append(Candidate(entity.name, entity.kind, 100.0, why))
    return out


def _titles(index: KnowledgeIndex, query: str, limit: int) -> list[Candidate]:
    """Works the query may mean by their titles: the ``limit`` best title keys' works."""
    best: dict[str, tuple[float, str]] = {}
    # (a title reached by its first words keeps that reason at an equal score)
    for key, score, why in [*title_hits(index, query), *inner_hits(index, query)]:
        if key not in best or best[key][0] < score:
            best[key] = (score, why)
    # (at an equal score, the shorter titles first: a franchise's roots before its parts)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0].count(" "), kv[0]))[:limit]
    return [
        Candidate(label, "title", score if main else score * ALIAS_FACTOR, reasons, credits)
        for key, (score, why) in ranked
        for label, reasons, credits, main in describe(index, key, why)
    ]


def _near_tokens(index: KnowledgeIndex, word: str) -> dict[str, int]:
    """Name words within :data:`NAME_EDITS` of ``word``, with their distance (a word
    longer than :data:`MAX_NEAR_LENGTH`: itself only, if it is one)."""
    if len(word) > MAX_NEAR_LENGTH:
        return {word: 0} if index.known_tokens([word]) else {}
    return index.near_tokens(word, NAME_EDITS)


def _credits(count: int) -> str:
    return f"{count} credit{'s' if count != 1 else ''}"
