"""The knowledge model: works, credits, people and organisations as plain values.

Nothing here reads files or builds indexes.  Every value converts to and from
plain dicts of strings, numbers and lists (:meth:`Work.to_dict`,
:meth:`Work.from_dict`), so a compiled index can store it in any format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple


class Credit(NamedTuple):
    """A person's part in a work: ``role`` is "actor", "director", "writer" or a crew role.

    A named tuple, not a dataclass (like :class:`Entity`): a large base has
    hundreds of thousands, and tuples load from the compiled cache about twice
    as fast (issue 7).
    """

    name: str
    role: str
    character: str | None = None


@dataclass(frozen=True)
class Work:
    """A film, series, book … with its credits and facts."""

    title: str
    aliases: tuple[str, ...] = ()
    former_titles: tuple[str, ...] = ()
    released: tuple[tuple[str, dt.date], ...] = ()
    studio: str | None = None
    credits: tuple[Credit, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()
    source: str = ""

    def people(self) -> list[str]:
        """Everyone credited on the work, in file order, without repeats."""
        return list(dict.fromkeys(c.name for c in self.credits))

    def roles_of(self, name: str) -> set[str]:
        """The roles ``name`` has on this work."""
        return {c.role for c in self.credits if c.name == name}

    def with_role(self, role: str) -> list[str]:
        """People with ``role`` on this work."""
        return [c.name for c in self.credits if c.role == role]

    def release_date(self, country: str | None = None) -> dt.date | None:
        """The release date in ``country``, else the earliest known one."""
        dates = dict(self.released)
        if country and country in dates:
            return dates[country]
        return min(dates.values()) if dates else None

    def to_dict(self) -> dict[str, Any]:
        """This work as plain data (see :meth:`from_dict`)."""
        return {
            "title": self.title,
            "aliases": list(self.aliases),
            "former_titles": list(self.former_titles),
            "released": [[country, day.isoformat()] for country, day in self.released],
            "studio": self.studio,
            "credits": [list(c) for c in self.credits],
            "acronyms": [list(a) for a in self.acronyms],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Work:
        """The work that :meth:`to_dict` described."""
        return cls(
            title=data["title"],
            aliases=tuple(data.get("aliases", ())),
            former_titles=tuple(data.get("former_titles", ())),
            released=tuple(
                (country, dt.date.fromisoformat(day)) for country, day in data.get("released", ())
            ),
            studio=data.get("studio"),
            credits=tuple(Credit(*c) for c in data.get("credits", ())),
            acronyms=tuple((a, e) for a, e in data.get("acronyms", ())),
            source=data.get("source", ""),
        )


class Entity(NamedTuple):
    """A person or organisation with its canonical name and known misspellings."""

    name: str
    kind: str  # "person" | "organisation"
    misspellings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """This entity as plain data (see :meth:`from_dict`)."""
        return {"name": self.name, "kind": self.kind, "misspellings": list(self.misspellings)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """The entity that :meth:`to_dict` described."""
        return cls(data["name"], data["kind"], tuple(data.get("misspellings", ())))
