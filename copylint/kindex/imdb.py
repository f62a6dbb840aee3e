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

Only ``title.basics`` and ``name.basics`` are required.  Filters are applied
while reading, so a full dataset never sits in memory: titles by kind and year
first, then only the rows that concern kept titles, then only the names of
people credited on them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from .records import CreditRecord, PersonRecord, Release, SourceError, WorkRecord
from .textfiles import read_lines

COLUMNS = {
    "title.basics": [
        "tconst",
        "titleType",
        "primaryTitle",
        "originalTitle",
        "isAdult",
        "startYear",
        "endYear",
        "runtimeMinutes",
        "genres",
    ],
    "title.akas": [
        "titleId",
        "ordering",
        "title",
        "region",
        "language",
        "types",
        "attributes",
        "isOriginalTitle",
    ],
    "title.crew": ["tconst", "directors", "writers"],
    "title.principals": ["tconst", "ordering", "nconst", "category", "job", "characters"],
    "title.episode": ["tconst", "parentTconst", "seasonNumber", "episodeNumber"],
    "name.basics": [
        "nconst",
        "primaryName",
        "birthYear",
        "deathYear",
        "primaryProfession",
        "knownForTitles",
    ],
}
REQUIRED = ("title.basics", "name.basics")
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
    """``name.tsv`` or ``name.tsv.gz`` in ``directory``, if present."""
    for suffix in (".tsv", ".tsv.gz"):
        candidate = directory / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _rows(path: Path, name: str) -> Iterator[tuple[int, list[str | None]]]:
    """(line number, fields with ``\\N`` as None) for each data row; the header is checked."""
    columns = COLUMNS[name]
    lines = read_lines(path)
    header = next(lines, None)
    if header is None or header[1].split("\t") != columns:
        raise SourceError(
            str(path), f"not IMDb's {name} file: the header must be {' '.join(columns)}", 1
        )
    for number, line in lines:
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != len(columns):
            raise SourceError(
                str(path),
                f"malformed row: {len(fields)} tab-separated fields, {name} has {len(columns)}",
                number,
            )
        yield number, [None if f == _NULL else f for f in fields]


def _year(value: str | None, path: Path, line: int) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        raise SourceError(str(path), f"malformed row: year {value!r} is not a number", line)
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
    for line, (tconst, kind, primary, original, _a, start, _e, _r, _g) in _rows(
        basics, "title.basics"
    ):
        if tconst is None or primary is None or kind is None:
            raise SourceError(str(basics), "malformed row: no tconst, titleType or title", line)
        year = _year(start, basics, line)
        if kinds is not None and kind not in kinds:
            continue
        if since is not None and (year is None or year < since):
            continue
        rec = WorkRecord(key=tconst, title=" ".join(primary.split()), kind=kind, year=year)
        if year is not None:
            rec.released.append(Release("worldwide", year))
        if original and original != primary:
            rec.aliases.append(" ".join(original.split()))
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
    for _line, (title_id, _o, title, region, language, _t, _a, _orig) in _rows(path, "title.akas"):
        rec = works.get(title_id or "")
        if rec is None or not title:
            continue
        if region not in ENGLISH_REGIONS and language != "en":
            continue
        text = " ".join(title.split())
        if text != rec.title and text not in rec.aliases:
            rec.aliases.append(text)


def _read_episodes(directory: Path, works: dict[str, WorkRecord]) -> None:
    path = dataset_file(directory, "title.episode")
    if path is None:
        return
    for _line, (tconst, parent, _season, _episode) in _rows(path, "title.episode"):
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
        for line, (tconst, _o, nconst, category, job, characters) in _rows(
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
    if value is None:
        return []
    inner = value[2:-2]
    if value[:2] == '["' and value[-2:] == '"]' and '"' not in inner and "\\" not in inner:
        return [" ".join(inner.split())] if inner.strip() else []  # one plain name: no parser
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        raise SourceError(
            str(path), "malformed row: characters must be a JSON array of strings", line
        ) from None
    if not isinstance(parsed, list) or not all(isinstance(c, str) for c in parsed):
        raise SourceError(
            str(path), "malformed row: characters must be a JSON array of strings", line
        )
    return [" ".join(c.split()) for c in parsed if c.strip()]


def _read_names(directory: Path, credited: set[str]) -> dict[str, PersonRecord]:
    path = dataset_file(directory, "name.basics")
    assert path is not None
    people: dict[str, PersonRecord] = {}
    for line, (nconst, name, *_rest) in _rows(path, "name.basics"):
        if nconst is None or name is None:
            raise SourceError(str(path), "malformed row: no nconst or primaryName", line)
        if nconst in credited:
            people[nconst] = PersonRecord(nconst, " ".join(name.split()))
    return people
