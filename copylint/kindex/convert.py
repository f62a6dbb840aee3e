"""Imported records to the knowledge model (:mod:`copylint.knowledge.model`).

The index stores the model's own plain-dict form (:meth:`Work.to_dict`,
:meth:`Entity.to_dict`), so a work loaded from an index is the same value a
YAML file would give; this module is the one place that maps the sources'
vocabularies onto the model.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from ..knowledge import Credit, Entity, Work
from ..knowledge.model import Release

if TYPE_CHECKING:  # the records are the builder's; linting with an index needs none
    from .records import PersonRecord, WorkRecord

#: IMDb's titleType (and the Wikidata kinds mapped onto it) to the model's kinds.
MODEL_KINDS = {
    "movie": "film",
    "tvMovie": "film",
    "short": "film",
    "tvShort": "film",
    "video": "film",
    "tvSpecial": "film",
    "tvSeries": "series",
    "tvMiniSeries": "series",
    "filmSeries": "series",
    "tvSeason": "season",
    "tvEpisode": "episode",
    "tvPilot": "episode",
    "videoGame": "game",
}


def model_kind(kind: str) -> str:
    """The model's kind for a source kind ("" when the model has none)."""
    return MODEL_KINDS.get(kind, "")


#: Release precisions kept as the model's release events.  The facts rule
#: (CL404) compares a statement only to the precision an event is known to
#: ("released on 3 May 2019" agrees with a year-only 2019), so all three are kept.
STORED_PRECISIONS = frozenset({"year", "month", "day"})


def to_model_work(rec: WorkRecord, names: dict[str, str], titles: dict[str, str]) -> Work:
    """A record as a model work: people by name, ``series`` as its title."""
    releases = []
    for r in rec.released:
        if ("day" if r.day else "month" if r.month else "year") not in STORED_PRECISIONS:
            continue
        try:
            day = dt.date(r.year, r.month or 1, r.day or 1)
        except ValueError:
            continue  # year 0 or a date no calendar has: not a usable fact
        precision = "day" if r.day else "month" if r.month else "year"
        releases.append(Release(r.country, day, precision))
    credits = [
        Credit(names[c.person], c.role, c.character) for c in rec.credits if c.person in names
    ]
    return Work(
        title=rec.title,
        aliases=tuple(rec.aliases),
        former_titles=tuple(rec.former_titles),
        releases=tuple(releases),
        studio=rec.studio,
        credits=tuple(dict.fromkeys(credits)),
        acronyms=tuple(rec.acronyms),
        source=rec.source,
        kind=model_kind(rec.kind),
        part_of=titles.get(rec.series) if rec.series else None,
        networks=tuple(rec.networks),
    )


def to_model_entity(rec: PersonRecord) -> Entity:
    """A person record as a model entity."""
    if not rec.aliases and not rec.misspellings:  # most imported people
        return Entity(rec.name, rec.kind)
    aliases = tuple(a for a in rec.aliases if a != rec.name)
    return Entity(rec.name, rec.kind, tuple(rec.misspellings), aliases)


def dumps(data: dict[str, Any]) -> str:
    """Compact JSON of a model value's dict, without its empty fields."""
    return json.dumps(
        {k: v for k, v in data.items() if v not in (None, [], "", ())},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def load_work(text: str) -> Work:
    """A stored work."""
    return Work.from_dict(json.loads(text))


def load_entity(row: tuple[str, str, str | None]) -> Entity:
    """A stored person or organisation: (name, kind, its other fields as JSON or None)."""
    name, kind, extra = row
    if extra is None:
        return Entity(name, kind)
    return Entity.from_dict({**json.loads(extra), "name": name, "kind": kind})


def first_year(work: Work) -> int | None:
    """The year the work first came out, if known."""
    return min((r.date.year for r in work.releases), default=None)
