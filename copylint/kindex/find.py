"""``copylint knowledge find``: which known names a spelling could mean, and why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .convert import load_entity, load_work
from .index import KnowledgeIndex
from .store import title_keys

_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass(frozen=True)
class Candidate:
    """A known name or title a query may mean, with the reasons."""

    text: str
    kind: str  # "person", "organisation", "title"
    score: float
    why: str


def find(index: KnowledgeIndex, query: str, limit: int = 10) -> list[Candidate]:
    """Candidates for ``query``: people by near first and last names, titles exactly."""
    from rapidfuzz import fuzz

    found: dict[str, Candidate] = {}
    parts = [p.casefold() for p in _NAME_WORD_RE.findall(query)]
    if parts:
        first, last = parts[0], parts[-1]
        firsts = index.near_tokens(first, 2) or {}
        lasts = index.near_tokens(last, 2) or {}
        for row, credits in index.people_with(firsts, lasts):
            entity = load_entity(row)
            name, kind = entity.name, entity.kind
            name_parts = [p.casefold() for p in _NAME_WORD_RE.findall(name)]
            reasons = [
                _edits("first name", first, name_parts[0], firsts),
                _edits("last name", last, name_parts[-1], lasts),
                f"{credits} credit{'s' if credits != 1 else ''}",
            ]
            score = fuzz.ratio(query.casefold(), name.casefold())
            found[name] = Candidate(name, kind, score, "; ".join(reasons))
        for row in index.misspelt_people([first]):
            entity = load_entity(row)
            if query.casefold() in (w.casefold() for w in entity.misspellings):
                found[entity.name] = Candidate(
                    entity.name, entity.kind, 100.0, "a listed misspelling of this name"
                )
    keys = title_keys(query)
    if keys:
        hit = index.title_prefixes([" ".join(keys)]).get(" ".join(keys))
        if hit:
            ids = [int(i) for i in hit.split(",")]
            years = index.years(ids)
            for wid, data in zip(sorted(set(ids)), index.works(ids), strict=True):
                work = load_work(data)
                year = years.get(wid)
                label = f"{work.title} ({year})" if year else work.title
                why = f"title words match; {work.kind or 'work'}; {len(work.credits)} credits"
                found[label] = Candidate(label, "title", 100.0, why)
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.text))
    return ranked[:limit]


def _edits(what: str, written: str, known: str, near: dict[str, int]) -> str:
    distance = near.get(known)
    if distance == 0:
        return f"{what} exact"
    return f"{what} {distance} edit{'s' if distance != 1 else ''} ({written} → {known})"
