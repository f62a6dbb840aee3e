"""Records to and from the in-memory knowledge model (:mod:`copylint.knowledge`).

The index stores records in its own compact JSON form (see :func:`work_json`),
so it does not depend on the model's classes; this module is the one place
that knows both sides.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..knowledge import Entity, KnowledgeBase, Work
from .records import CreditRecord, PersonRecord, Release, WorkRecord


def read_yaml(path: Path) -> tuple[list[WorkRecord], list[PersonRecord]]:
    """The works and entities of a YAML knowledge file, as records (validated on load)."""
    kb = KnowledgeBase.load([path])
    works = [from_work(w, f"yaml:{w.source}") for w in kb.works]
    people = [
        PersonRecord(e.name, e.name, kind=e.kind, misspellings=list(e.misspellings))
        for e in kb.entities.values()
    ]
    return works, people


def from_work(work: Work, key: str) -> WorkRecord:
    """A model work as a record; people are keyed by their names."""
    released = [Release(c, d.year, d.month, d.day) for c, d in work.released]
    return WorkRecord(
        key=key,
        title=work.title,
        aliases=list(work.aliases),
        former_titles=list(work.former_titles),
        released=released,
        studio=work.studio,
        credits=[CreditRecord(c.name, c.role, c.character) for c in work.credits],
        acronyms=list(work.acronyms),
        year=min((d.year for _, d in work.released), default=None),
        source=work.source,
    )


def work_json(rec: WorkRecord, names: dict[str, str], series_title: str | None) -> str:
    """The stored form of a work: short keys, people by name, only what is set."""
    data: dict[str, Any] = {"t": rec.title}
    optional: dict[str, Any] = {
        "k": rec.kind,
        "y": rec.year,
        "a": rec.aliases,
        "f": rec.former_titles,
        "r": [[r.country, r.year, r.month, r.day] for r in rec.released],
        "s": rec.studio,
        "n": rec.networks,
        "c": [
            [names[c.person], c.role, c.character] if c.character else [names[c.person], c.role]
            for c in rec.credits
            if c.person in names
        ],
        "x": [list(a) for a in rec.acronyms],
        "p": series_title,
        "o": rec.source,
    }
    data.update({k: v for k, v in optional.items() if v})
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def to_work(text: str) -> Work:
    """A stored work as a model :class:`Work`.

    Only dates known to the day become release dates: a year alone says
    nothing about a day, and the facts rule compares days.
    """
    data = json.loads(text)
    released = [
        [country, dt.date(year, month, day).isoformat()]
        for country, year, month, day in data.get("r", ())
        if month and day
    ]
    return Work.from_dict(
        {
            "title": data["t"],
            "aliases": data.get("a", ()),
            "former_titles": data.get("f", ()),
            "released": released,
            "studio": data.get("s"),
            "credits": data.get("c", ()),
            "acronyms": data.get("x", ()),
            "source": data.get("o", ""),
        }
    )


def stored_year(text: str) -> int | None:
    """The year a stored work first came out, if known."""
    data = json.loads(text)
    years = [r[1] for r in data.get("r", ())]
    if data.get("y"):
        years.append(data["y"])
    return min(years) if years else None


def to_entities(rows: Iterable[tuple[str, str, str | None]]) -> list[Entity]:
    """Stored people rows (name, kind, misspellings JSON) as model entities."""
    return [
        Entity(name, kind, tuple(json.loads(wrong)) if wrong else ()) for name, kind, wrong in rows
    ]
