"""What every importer produces: plain records of works and people.

The records are the index's own neutral format, independent of any source's
layout and of the in-memory knowledge model; :mod:`.convert` turns them into
:class:`~copylint.knowledge.Work` objects when an article needs them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..errors import DataFileError


class SourceError(DataFileError):
    """A knowledge source cannot be read: the message names the file and line or entity."""


def clean_text(value: object) -> str:
    """``value`` as one line of text, runs of white space made one space; "" when it
    is not a string.

    Control characters and lone UTF-16 surrogates (a JSON ``\\ud800`` escape
    decodes to one; no index can store it as UTF-8) are damage, not text: they
    are dropped, the rest is kept.
    """
    if not isinstance(value, str):
        return ""
    if not value.isprintable():  # rare: tabs, no-break spaces, controls, surrogates
        value = "".join(" " if c.isspace() else c for c in value if _keeps(c))
    return " ".join(value.split())


def _keeps(char: str) -> bool:
    """False for a control character (other than white space) or a lone surrogate."""
    return char.isspace() or unicodedata.category(char) not in ("Cc", "Cs")


@dataclass(slots=True)
class Release:
    """A publication date with its precision: ``month`` and ``day`` are None when unknown."""

    country: str  # two-letter code or "worldwide"
    year: int
    month: int | None = None
    day: int | None = None


@dataclass(slots=True)
class CreditRecord:
    """A person's part in a work; ``person`` is the source's key for the person."""

    person: str
    role: str  # "actor", "director", "writer" or a crew role (lower case)
    character: str | None = None


@dataclass(slots=True)
class WorkRecord:
    """A film, series, season or episode as read from a source."""

    key: str  # the source's id: "Q25188", "tt1375666", "yaml:file:12"
    title: str
    kind: str = ""  # IMDb's titleType vocabulary: movie, tvSeries, tvEpisode ...
    year: int | None = None
    aliases: list[str] = field(default_factory=list)
    former_titles: list[str] = field(default_factory=list)
    released: list[Release] = field(default_factory=list)
    studio: str | None = None
    networks: list[str] = field(default_factory=list)
    credits: list[CreditRecord] = field(default_factory=list)
    acronyms: list[tuple[str, str]] = field(default_factory=list)
    series: str | None = None  # key of the series or season this is part of
    follows: str | None = None  # key of the work before it (P155)
    followed_by: str | None = None  # key of the work after it (P156)
    source: str = ""  # "wikidata", "imdb" or the YAML file
    #: False for a title no article writes ("Episode #1.1"): not found by its title
    by_title: bool = True

    def first_year(self) -> int | None:
        """The year it first came out: ``year``, else its earliest release."""
        years = [r.year for r in self.released]
        if self.year is not None:
            years.append(self.year)
        return min(years) if years else None


@dataclass(slots=True)
class PersonRecord:
    """A person (or organisation) with the spellings a source knows."""

    key: str
    name: str
    kind: str = "person"  # "person" | "organisation"
    aliases: list[str] = field(default_factory=list)
    misspellings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SourceInfo:
    """One source of an index, as ``knowledge info`` reports it."""

    path: str
    format: str  # "yaml", "wikidata", "imdb"
    licence: str
    works: int = 0
    people: int = 0


#: What each kind of source may be used for; printed by ``knowledge info``.
LICENCES = {
    "wikidata": "CC0 1.0 (public domain dedication), https://www.wikidata.org/wiki/Wikidata:Licensing",
    "imdb": "IMDb non-commercial datasets: personal and non-commercial use only, "
    "https://developer.imdb.com/non-commercial-datasets/",
    "yaml": "your own knowledge file (its licence is yours to state)",
}
