"""Imported records to the knowledge model (:mod:`copylint.knowledge.model`).

The index stores the model's own plain-dict form (:meth:`Work.to_dict`,
:meth:`Entity.to_dict`), so a work loaded from an index is the same value a
YAML file would give; this module is the one place that maps the sources'
vocabularies onto the model.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import CopylintError
from ..knowledge import Credit, Entity, Work
from ..knowledge.model import PRECISIONS, RELEASE_KINDS, Release

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


class DamagedRecord(CopylintError):
    """A stored work or person that is not what the builder writes (a damaged or
    hostile index): the index names its file when it can."""


#: The model's work fields as stored (:meth:`Work.to_dict` less its empty ones), each
#: with a check of its value; a release's fields likewise.
_TEXT_LIST = "a list of text"
_WORK_FIELDS: dict[str, str] = {
    "title": "text",
    "aliases": _TEXT_LIST,
    "former_titles": _TEXT_LIST,
    "releases": "a list of releases",
    "studio": "text or null",
    "credits": "a list of credits",
    "acronyms": "a list of pairs of text",
    "source": "text",
    "kind": "text",
    "part_of": "text or null",
    "number": "an integer or null",
    "episode_count": "an integer or null",
    "networks": _TEXT_LIST,
}
_RELEASE_FIELDS = {
    "region": "text",
    "date": "a date",
    "precision": "a precision",
    "kind": "a release kind",
    "place": "text or null",
    "superseded": "true or false",
    "network": "text or null",
}
_ENTITY_FIELDS = {
    "misspellings": _TEXT_LIST,
    "aliases": _TEXT_LIST,
    "surname": "text or null",
    "suffix": "text or null",
    "distinct_from": _TEXT_LIST,
}


def _is_text_list(value: object, size: int | None = None) -> bool:
    return (
        isinstance(value, list)
        and all(type(v) is str for v in value)
        and (size is None or len(value) == size)
    )


def _is_credit(value: object) -> bool:
    """A stored credit: [name, role] or [name, role, character or null]."""
    return (
        isinstance(value, list)
        and len(value) in (2, 3)
        and type(value[0]) is str
        and type(value[1]) is str
        and (len(value) == 2 or value[2] is None or type(value[2]) is str)
    )


def _is_date(value: object) -> bool:
    if type(value) is not str:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


#: Each kind of stored value's check.
_CHECKS: dict[str, Callable[[object], bool]] = {
    "text": lambda v: type(v) is str,
    _TEXT_LIST: _is_text_list,
    "a list of credits": lambda v: isinstance(v, list) and all(map(_is_credit, v)),
    "a list of pairs of text": lambda v: (
        isinstance(v, list) and all(_is_text_list(p, 2) for p in v)
    ),
    "a list of releases": lambda v: (
        isinstance(v, list)
        and all(_fields_problem(r, _RELEASE_FIELDS, ("region", "date")) is None for r in v)
    ),
    "an integer or null": lambda v: v is None or type(v) is int,
    "text or null": lambda v: v is None or type(v) is str,
    "a date": _is_date,
    "a precision": lambda v: v in PRECISIONS,
    "a release kind": lambda v: v in RELEASE_KINDS,
    "true or false": lambda v: type(v) is bool,
}


def _fields_problem(data: object, fields: dict[str, str], required: tuple[str, ...]) -> str | None:
    """What is wrong with a stored dict of these ``fields`` (None: nothing)."""
    if not isinstance(data, dict):
        return "not an object"
    for key in required:
        if key not in data:
            return f"no {key}"
    for key, value in data.items():
        what = fields.get(key)
        if what is None:
            return f"an unknown field {key!r}"
        if not _CHECKS[what](value):
            return f"{key} is not {what}"
    return None


def _parsed(text: str, what: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # (JSON nested thousands deep)
        raise DamagedRecord(f"a stored {what} is not JSON") from None


def load_work(text: str) -> Work:
    """A stored work (:class:`DamagedRecord` if it is not one the builder writes)."""
    data = _parsed(text, "work")
    problem = _fields_problem(data, _WORK_FIELDS, ("title",))
    if problem is not None:
        raise DamagedRecord(f"a stored work: {problem}")
    return Work.from_dict(data)  # type: ignore[arg-type]


def load_entity(row: tuple[str, str, str | None]) -> Entity:
    """A stored person or organisation: (name, kind, its other fields as JSON or None)
    (:class:`DamagedRecord` if it is not one the builder writes)."""
    name, kind, extra = row
    if extra is None:
        return Entity(name, kind)
    data = _parsed(extra, "person")
    problem = _fields_problem(data, _ENTITY_FIELDS, ())
    if problem is not None:
        raise DamagedRecord(f"a stored person: {problem}")
    return Entity.from_dict({**data, "name": name, "kind": kind})  # type: ignore[dict-item]


def first_year(work: Work) -> int | None:
    """The year the work first came out, if known."""
    return min((r.date.year for r in work.releases), default=None)
