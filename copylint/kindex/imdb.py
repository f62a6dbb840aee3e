"""Read a directory of IMDb's non-commercial TSV datasets into records.

Files (``.tsv`` or ``.tsv.gz``), each with its header line, tab-separated,
unquoted, ``\\N`` for an empty field:

* ``title.basics``: tconst, titleType, primaryTitle, originalTitle, isAdult,
  startYear, endYear, runtimeMinutes, genres
* ``title.akas``: titleId, ordering, title, region, language, types,
  attributes, isOriginalTitle
* ``title.crew``: tconst, directors, writers (comma-separated nconsts)
* ``title.principals``: tconst, ordering, nconst, category, job, characters
  (a JSON array)
* ``title.episode``: tconst, parentTconst, seasonNumber, episodeNumber
* ``name.basics``: nconst, primaryName, birthYear, deathYear,
  primaryProfession, knownForTitles

Columns are found by the header's names, so a file with its columns in another
order, or with columns IMDb adds one day, reads the same; a missing key or name
column stops the import, a missing column of optional data (``characters``,
``types`` ...) reads as ``\\N``.  Only ``title.basics`` and
``name.basics`` are required; a table given both as ``.tsv`` and ``.tsv.gz`` is
refused (which one is current?).  Adult titles (``isAdult`` 1) are left out:
editorial copy does not cover them, and their common-word titles would only
switch on works nobody wrote about.  Filters are applied
while reading, so a full dataset never sits in memory: titles by kind and year
first, then only the rows that concern kept titles, then only the names of
people credited on them.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterator
from pathlib import Path

from .records import CreditRecord, PersonRecord, Release, SourceError, WorkRecord, clean_text
from .textfiles import TSV_LINE_LIMIT, read_lines

#: The columns the importer reads from each table, in the order :func:`_rows` gives them.
READ = {
    "title.basics": [
        "tconst",
        "titleType",
        "primaryTitle",
        "originalTitle",
        "isAdult",
        "startYear",
    ],
    "title.akas": ["titleId", "title", "region", "language", "types", "attributes"],
    "title.crew": ["tconst", "directors", "writers"],
    "title.principals": ["tconst", "nconst", "category", "job", "characters"],
    "title.episode": ["tconst", "parentTconst"],
    "name.basics": ["nconst", "primaryName"],
}
#: The columns a table cannot be read without: its keys and its names.
KEYS = {
    "title.basics": {"tconst", "titleType", "primaryTitle"},
    "title.akas": {"titleId", "title"},
    "title.crew": {"tconst"},
    "title.principals": {"tconst", "nconst", "category"},
    "title.episode": {"tconst", "parentTconst"},
    "name.basics": {"nconst", "primaryName"},
}
REQUIRED = ("title.basics", "name.basics")
#: The separator of the akas' ``types`` and ``attributes`` arrays (a control character).
_ARRAY_SEPARATOR = "\x02"
#: Aka types that are not a title the work is known by: a title used only while it was made.
_NOT_KNOWN_BY = frozenset({"working"})
#: akas kept as aliases: titles used where articles are written in English
ENGLISH_REGIONS = frozenset({"US", "GB", "CA", "AU", "IE", "NZ", "XWW"})
_NULL = "\\N"
#: The titles IMDb gives episodes nobody named: "Episode #1.1", "Episode dated 3 May 2004".
PLACEHOLDER_TITLE_RE = re.compile(r"Episode (?:#\d+(?:\.\d+)*|\d+|dated .+)", re.IGNORECASE)
_EPISODE_KINDS = frozenset({"tvEpisode", "tvPilot"})
_ACTING = {"actor", "actress", "self"}


def is_imdb_dir(path: Path) -> bool:
    """True when ``path`` is a directory holding IMDb's ``title.basics`` file."""
    return path.is_dir() and dataset_file(path, "title.basics") is not None


def dataset_file(directory: Path, name: str) -> Path | None:
    """``name.tsv`` or ``name.tsv.gz`` in ``directory``, if present.

    Both at once is refused: one is likely an older copy of the other, and
    reading the wrong one silently would build an index from stale data.
    """
    found = [
        candidate
        for candidate in (directory / f"{name}.tsv", directory / f"{name}.tsv.gz")
        if candidate.is_file()
    ]
    if len(found) > 1:
        raise SourceError(
            str(directory), f"both {name}.tsv and {name}.tsv.gz: keep the one to read"
        )
    return found[0] if found else None


def _rows(path: Path, name: str) -> Iterator[tuple[int, list[str | None]]]:
    """(line number, the :data:`READ` fields with ``\\N`` as None) for each data row.

    Columns are found by the header's names; every row must have as many
    fields as the header.  A :data:`KEYS` column missing from the header stops
    the import; any other column read is optional data, and when missing it
    reads as ``\\N`` on every row.
    """
    lines = read_lines(path, TSV_LINE_LIMIT, f"not a row of IMDb's {name} file")
    header = next(lines, None)
    if header is None:
        raise SourceError(str(path), f"not IMDb's {name} file: it is empty", 1)
    names = header[1].split("\t")
    width = len(names)
    for column in READ[name]:
        if column not in names and column in KEYS[name]:
            raise SourceError(str(path), f"not IMDb's {name} file: no {column} column", 1)
    # a missing optional column is picked from one \N added past the row's end
    absent = any(column not in names for column in READ[name])
    pick = operator.itemgetter(*(names.index(c) if c in names else width for c in READ[name]))
    for number, line in lines:
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != width:
            raise SourceError(
                str(path),
                f"malformed row: {len(fields)} tab-separated fields, the header has {width}",
                number,
            )
        if absent:
            fields.append(_NULL)
        yield number, [None if f == _NULL else f for f in pick(fields)]


def _year(value: str | None, path: Path, line: int) -> int | None:
    """A ``startYear``: up to four ASCII digits (IMDb writes YYYY), or None."""
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 4 and int(value)):
        raise SourceError(str(path), f"malformed row: startYear {value[:20]!r} is not a year", line)
    return int(value)


def read_imdb(
    directory: Path,
    kinds: frozenset[str] | None = None,
    since: int | None = None,
) -> tuple[list[WorkRecord], list[PersonRecord]]:
    """The titles of an IMDb dataset directory (of ``kinds``, from ``since``) and their people."""
    for name in REQUIRED:
        if dataset_file(directory, name) is None:
            raise SourceError(str(directory), f"no {name}.tsv or {name}.tsv.gz in this directory")
    works: dict[str, WorkRecord] = {}
    basics = dataset_file(directory, "title.basics")
    assert basics is not None
    for line, (tconst, kind, primary, original, adult, start) in _rows(basics, "title.basics"):
        title = clean_text(primary)
        if not tconst or not tconst.strip() or not title or kind is None:
            raise SourceError(str(basics), "malformed row: no tconst, titleType or title", line)
        year = _year(start, basics, line)
        if adult == "1":
            continue
        if kinds is not None and kind not in kinds:
            continue
        if since is not None and (year is None or year < since):
            continue
        rec = WorkRecord(key=tconst, title=title, kind=kind, year=year)
        if year is not None:
            rec.released.append(Release("worldwide", year))
        other = clean_text(original)
        if other and other != title:
            rec.aliases.append(other)
        rec.source = "imdb"
        works[tconst] = rec
    _read_akas(directory, works)
    _read_episodes(directory, works)
    _name_placeholder_episodes(works)
    credited = _read_credits(directory, works)
    people = _read_names(directory, credited)
    for rec in works.values():
        rec.credits = [c for c in rec.credits if c.person in people]
    return list(works.values()), list(people.values())


def _read_akas(directory: Path, works: dict[str, WorkRecord]) -> None:
    path = dataset_file(directory, "title.akas")
    if path is None:
        return
    for _line, (title_id, title, region, language, types, attributes) in _rows(path, "title.akas"):
        rec = works.get(title_id or "")
        if rec is None or not title:
            continue
        if region not in ENGLISH_REGIONS and language != "en":
            continue
        if not _known_by(types, attributes):
            continue
        text = clean_text(title)
        if text and text != rec.title and text not in rec.aliases:
            rec.aliases.append(text)


def _known_by(types: str | None, attributes: str | None) -> bool:
    """False for an aka no one calls the work by: a working title, or a literal
    translation of the title ("literal English title") rather than a release's."""
    if types and not _NOT_KNOWN_BY.isdisjoint(types.split(_ARRAY_SEPARATOR)):
        return False
    return not (
        attributes and any(a.startswith("literal") for a in attributes.split(_ARRAY_SEPARATOR))
    )


def _read_episodes(directory: Path, works: dict[str, WorkRecord]) -> None:
    path = dataset_file(directory, "title.episode")
    if path is None:
        return
    for _line, (tconst, parent) in _rows(path, "title.episode"):
        rec = works.get(tconst or "")
        if rec is not None and parent:
            rec.series = parent


def _name_placeholder_episodes(works: dict[str, WorkRecord]) -> None:
    """Episodes titled as IMDb titles unnamed ones ("Episode #1.1") are not found by
    their titles (every series has one) and are titled after their series
    ("Heat: Episode #1.1"), so works of different series never share a title."""
    for rec in works.values():
        if rec.kind in _EPISODE_KINDS and PLACEHOLDER_TITLE_RE.fullmatch(rec.title):
            rec.by_title = False
            parent = works.get(rec.series or "")
            if parent is not None:
                rec.title = f"{parent.title}: {rec.title}"


def _read_credits(directory: Path, works: dict[str, WorkRecord]) -> set[str]:
    """Add crew and principals to ``works``; the nconsts credited."""
    credited: set[str] = set()
    crew = dataset_file(directory, "title.crew")
    if crew is not None:
        for _line, (tconst, directors, writers) in _rows(crew, "title.crew"):
            rec = works.get(tconst or "")
            if rec is None:
                continue
            for crew_role, people in (("director", directors), ("writer", writers)):
                for person in (people or "").split(","):
                    if person and not any(
                        c.person == person and c.role == crew_role for c in rec.credits
                    ):
                        rec.credits.append(CreditRecord(person, crew_role))
                        credited.add(person)
    principals = dataset_file(directory, "title.principals")
    if principals is not None:
        for line, (tconst, nconst, category, job, characters) in _rows(
            principals, "title.principals"
        ):
            rec = works.get(tconst or "")
            if rec is None or not nconst or not category:
                continue
            if category in _ACTING:
                played: list[str | None] = [*_characters(characters, principals, line)]
                for character in played or [None]:
                    rec.credits.append(CreditRecord(nconst, "actor", character))
            else:
                role = (job or category).replace("_", " ").casefold()
                if role in ("director", "writer") and any(
                    c.person == nconst and c.role == role for c in rec.credits
                ):
                    continue  # already listed by title.crew
                rec.credits.append(CreditRecord(nconst, role))
            credited.add(nconst)
    return credited


def _characters(value: str | None, path: Path, line: int) -> list[str]:
    """The characters of a principals row: a JSON array of strings, or ``\\N``."""
    if value is None:
        return []
    inner = value[2:-2]
    if value[:2] == '["' and value[-2:] == '"]' and '"' not in inner and "\\" not in inner:
        return [text] if (text := clean_text(inner)) else []  # one plain name: no parser
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):  # not JSON, a number too long, a nesting bomb
        parsed = None
    if not isinstance(parsed, list) or not all(isinstance(c, str) for c in parsed):
        raise SourceError(
            str(path), "malformed row: characters must be a JSON array of strings", line
        )
    return [text for c in parsed if (text := clean_text(c))]


def _read_names(directory: Path, credited: set[str]) -> dict[str, PersonRecord]:
    path = dataset_file(directory, "name.basics")
    assert path is not None
    people: dict[str, PersonRecord] = {}
    for line, (nconst, name) in _rows(path, "name.basics"):
        if nconst is None or name is None:
            raise SourceError(str(path), "malformed row: no nconst or primaryName", line)
        if nconst in credited:
            text = clean_text(name)
            if not text:
                raise SourceError(str(path), "malformed row: no nconst or primaryName", line)
            people[nconst] = PersonRecord(nconst, text)
    return people
