"""The knowledge model: works, credits, releases, people and organisations as plain values.

Nothing here reads files or builds indexes.  Every value converts to and from
plain dicts of strings, numbers and lists (:meth:`Work.to_dict`,
:meth:`Work.from_dict`, :meth:`Entity.to_dict`, :meth:`Entity.from_dict`), so a
compiled index can store it in any format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

#: Lower-case particles that belong inside a name (Ludwig van Beethoven), shared by the
#: names check and the compiled index so both read a name's words the same way.
NAME_PARTICLES = frozenset(
    (
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "al",
    )
)

#: The kinds of work a knowledge file may declare ("" when it does not say).
WORK_KINDS = frozenset(
    ["film", "series", "season", "episode", "album", "track", "book", "game", "stage show"]
)
#: The kinds of release event.  "release" is the plain, unqualified one.
RELEASE_KINDS = frozenset(["release", "premiere", "theatrical", "streaming", "broadcast"])
#: How much of a date is known.
PRECISIONS = ("year", "month", "day")
#: Region codes that mean the same place; the knowledge keeps the right-hand one.
REGION_SYNONYMS = {"UK": "GB"}


def normal_region(code: str) -> str:
    """A region code as the knowledge keeps it: upper case, ``UK`` read as ``GB``."""
    if code.casefold() == "worldwide":
        return "worldwide"
    upper = code.upper()
    return REGION_SYNONYMS.get(upper, upper)


class Credit(NamedTuple):
    """A person's part in a work: ``role`` is "actor", "director", "writer" or a crew role.

    A named tuple, not a dataclass (like :class:`Entity`): a large base has
    hundreds of thousands, and tuples load from the compiled cache about twice
    as fast (issue 7).
    """

    name: str
    role: str
    character: str | None = None


class Release(NamedTuple):
    """One release event: when (to ``precision``), where and how a work came out.

    ``date`` holds the first day of the period when the precision is "year" or
    "month".  ``region`` is a two-letter code (``GB`` for the UK) or
    "worldwide"; ``place`` a city or festival for a premiere; ``network`` the
    channel or platform that showed it there (a series streams on one platform
    in the US and airs on another in the UK).
    """

    region: str
    date: dt.date
    precision: str = "day"
    kind: str = "release"
    place: str | None = None
    #: an announced date that was later moved: true when written, stale now
    superseded: bool = False
    network: str | None = None

    def matches(self, date: dt.date, precision: str = "day") -> bool:
        """True when a date written to ``precision`` agrees with this event."""
        level = min(PRECISIONS.index(self.precision), PRECISIONS.index(precision))
        if self.date.year != date.year:
            return False
        if level >= 1 and self.date.month != date.month:
            return False
        return level < 2 or self.date.day == date.day

    def to_dict(self) -> dict[str, Any]:
        """This release as plain data."""
        return {
            "region": self.region,
            "date": self.date.isoformat(),
            "precision": self.precision,
            "kind": self.kind,
            "place": self.place,
            "superseded": self.superseded,
            "network": self.network,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Release:
        """The release that :meth:`to_dict` described."""
        return cls(
            data["region"],
            dt.date.fromisoformat(data["date"]),
            data.get("precision", "day"),
            data.get("kind", "release"),
            data.get("place"),
            bool(data.get("superseded", False)),
            data.get("network"),
        )


@dataclass(frozen=True)
class Work:
    """A film, series, season, episode, album, track, book … with its credits and facts.

    Seasons, episodes and tracks are works of their own whose ``part_of`` is
    the title of the work they belong to (a season's series, an episode's
    season, a track's album), with their own ``number`` and credits.
    """

    title: str
    aliases: tuple[str, ...] = ()
    former_titles: tuple[str, ...] = ()
    releases: tuple[Release, ...] = ()
    studio: str | None = None
    credits: tuple[Credit, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()
    source: str = ""
    kind: str = ""
    part_of: str | None = None
    number: int | None = None
    episode_count: int | None = None
    networks: tuple[str, ...] = ()

    @property
    def released(self) -> tuple[tuple[str, dt.date], ...]:
        """(region, date) of every release event (moved dates left out), in file order."""
        return tuple((r.region, r.date) for r in self.releases if not r.superseded)

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
            "releases": [r.to_dict() for r in self.releases],
            "studio": self.studio,
            "credits": [list(c) for c in self.credits],
            "acronyms": [list(a) for a in self.acronyms],
            "source": self.source,
            "kind": self.kind,
            "part_of": self.part_of,
            "number": self.number,
            "episode_count": self.episode_count,
            "networks": list(self.networks),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Work:
        """The work that :meth:`to_dict` described."""
        return cls(
            title=data["title"],
            aliases=tuple(data.get("aliases", ())),
            former_titles=tuple(data.get("former_titles", ())),
            releases=tuple(Release.from_dict(r) for r in data.get("releases", ())),
            studio=data.get("studio"),
            credits=tuple(Credit(*c) for c in data.get("credits", ())),
            acronyms=tuple((a, e) for a, e in data.get("acronyms", ())),
            source=data.get("source", ""),
            kind=data.get("kind", ""),
            part_of=data.get("part_of"),
            number=data.get("number"),
            episode_count=data.get("episode_count"),
            networks=tuple(data.get("networks", ())),
        )


class Entity(NamedTuple):
    """A person or organisation with its canonical name, other names and misspellings.

    ``aliases`` are other correct names (stage names, nicknames, mononyms,
    former names; an organisation's short forms).  ``surname`` and ``suffix``
    say how a person's name splits when that is not its last word ("Helena
    Bonham Carter", "Robert Downey Jr.").  ``distinct_from`` names known people
    this one is *not*, though the names are close (namesakes).
    """

    name: str
    kind: str  # "person" | "organisation"
    misspellings: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    surname: str | None = None
    suffix: str | None = None
    distinct_from: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """This entity as plain data (see :meth:`from_dict`)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "misspellings": list(self.misspellings),
            "aliases": list(self.aliases),
            "surname": self.surname,
            "suffix": self.suffix,
            "distinct_from": list(self.distinct_from),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """The entity that :meth:`to_dict` described."""
        return cls(
            data["name"],
            data["kind"],
            tuple(data.get("misspellings", ())),
            tuple(data.get("aliases", ())),
            data.get("surname"),
            data.get("suffix"),
            tuple(data.get("distinct_from", ())),
        )

    def merged(self, other: Entity) -> Entity:
        """This entity with the other names of ``other`` (the same name from another file)."""
        return Entity(
            self.name,
            self.kind,
            tuple(dict.fromkeys(self.misspellings + other.misspellings)),
            tuple(dict.fromkeys(self.aliases + other.aliases)),
            self.surname or other.surname,
            self.suffix or other.suffix,
            tuple(dict.fromkeys(self.distinct_from + other.distinct_from)),
        )
