"""Knowledge files in YAML: parsing and line-numbered validation into the model.

Every error names the file and line (:class:`copylint.errors.DataFileError`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import DataFileError, did_you_mean
from ..yamlsource import LineDict, LineList, load_yaml_file
from .model import (
    RELEASE_KINDS,
    WORK_KINDS,
    Credit,
    Entity,
    Release,
    Work,
    normal_region,
)

_COUNTRY_RE = re.compile(r"^(?:[A-Z]{2}|worldwide)$")


def read_knowledge(paths: Iterable[str | Path]) -> tuple[list[Work], dict[str, Entity]]:
    """The works and entities of YAML knowledge files, validated, in file order.

    An entity listed in several files is one entity with all its misspellings.
    """
    works: list[Work] = []
    entities: dict[str, Entity] = {}
    for p in paths:
        file_works, file_entities = _parse_file(load_yaml_file(p), str(p))
        works.extend(file_works)
        for ent in file_entities:
            if ent.name in entities:
                ent = entities[ent.name].merged(ent)
            entities[ent.name] = ent
    return works, entities


_WORK_KEYS = {
    "title",
    "kind",
    "aliases",
    "former_titles",
    "released",
    "studio",
    "networks",
    "directors",
    "writers",
    "producers",
    "featuring",
    "cast",
    "crew",
    "acronyms",
    "part_of",
    "number",
    "episode_count",
    "seasons",
    "episodes",
    "tracks",
}
#: Nested parts: the key, the kind of work each item is, whether it needs a title.
_PARTS = {"seasons": "season", "episodes": "episode", "tracks": "track"}
#: Name lists that credit a role.
_ROLE_LISTS = (
    ("director", "directors"),
    ("writer", "writers"),
    ("producer", "producers"),
    ("featured artist", "featuring"),
)
_RELEASE_KEYS = {"date", "region", "kind", "place", "superseded", "network"}
_TOP_KEYS = {"works", "people", "organisations", "organizations"}
_ENTITY_KEYS = {"name", "misspellings", "aliases", "surname", "suffix", "distinct_from"}
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _unknown_key(obj: LineDict, allowed: set[str], path: str, what: str) -> None:
    for key in obj:
        if key not in allowed:
            tip = did_you_mean(key, allowed)
            raise DataFileError(path, f"unknown key {key!r} in {what}{tip}", obj.line_of(key))


def _string(value: Any, path: str, line: int, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, f"{what} must be a non-empty string", line)
    return " ".join(value.split())


def _strings(obj: LineDict, key: str, path: str, what: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise DataFileError(path, f"{what} {key!r} must be a list of strings", obj.line_of(key))
    lines = value.item_lines if isinstance(value, LineList) else [obj.line_of(key)] * len(value)
    return tuple(
        _string(v, path, ln, f"each of {key!r}") for v, ln in zip(value, lines, strict=True)
    )


def _parse_date(value: Any, path: str, line: int) -> tuple[dt.date, str]:
    """A date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, with its precision."""
    if isinstance(value, dt.date):
        return value, "day"
    m = _DATE_RE.match(str(value).strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = m.group(1), m.group(2), m.group(3)
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise DataFileError(
            path, f"invalid date {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)", line
        ) from None
    return date, "day" if day else "month" if month else "year"


def _region(value: Any, path: str, line: int) -> str:
    if not _COUNTRY_RE.match(str(value)):
        raise DataFileError(
            path,
            f"release region {value!r} must be a two-letter code like US or GB "
            "(UK means GB), or 'worldwide'",
            line,
        )
    return normal_region(str(value))


def _parse_releases(obj: LineDict, path: str) -> tuple[Release, ...]:
    """``released:`` as a date, a map of region to date, or a list of release events."""
    raw = obj.get("released", {})
    line = obj.line_of("released")
    if isinstance(raw, (str, int, dt.date)):
        raw = {"worldwide": raw}
    out: list[Release] = []
    if isinstance(raw, dict):
        for country, value in raw.items():
            ln = raw.line_of(country) if isinstance(raw, LineDict) else line
            date, precision = _parse_date(value, path, ln)
            out.append(Release(_region(country, path, ln), date, precision))
        return tuple(out)
    if not isinstance(raw, LineList):
        raise DataFileError(
            path, "'released' must be a date, map region codes to dates, or list events", line
        )
    for item, ln in zip(raw, raw.item_lines, strict=True):
        if not isinstance(item, LineDict):
            raise DataFileError(path, "each release event must be a mapping with a 'date'", ln)
        _unknown_key(item, _RELEASE_KEYS, path, "a release event")
        if "date" not in item:
            raise DataFileError(path, "a release event needs a 'date'", item.line)
        date, precision = _parse_date(item["date"], path, item.line_of("date"))
        region = _region(item.get("region", "worldwide"), path, item.line_of("region"))
        kind = str(item.get("kind", "release"))
        if kind not in RELEASE_KINDS:
            tip = did_you_mean(kind, RELEASE_KINDS)
            raise DataFileError(
                path,
                f"unknown release kind {kind!r}{tip} (one of: {', '.join(sorted(RELEASE_KINDS))})",
                item.line_of("kind"),
            )
        place = item.get("place")
        if place is not None:
            place = _string(place, path, item.line_of("place"), "'place'")
        superseded = item.get("superseded", False)
        if not isinstance(superseded, bool):
            raise DataFileError(
                path, "'superseded' must be true or false", item.line_of("superseded")
            )
        network = item.get("network")
        if network is not None:
            network = _string(network, path, item.line_of("network"), "'network'")
        out.append(Release(region, date, precision, kind, place, superseded, network))
    return tuple(out)


def _count(obj: LineDict, key: str, path: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DataFileError(path, f"{key!r} must be a whole number", obj.line_of(key))
    return value


def _parse_credits(obj: LineDict, path: str) -> list[Credit]:
    credits: list[Credit] = []
    for role, key in _ROLE_LISTS:
        credits += [Credit(n, role) for n in _strings(obj, key, path, "a work's")]
    for key in ("cast", "crew"):
        if key not in obj:
            continue
        items = obj[key]
        if not isinstance(items, LineList):
            raise DataFileError(path, f"{key!r} must be a list", obj.line_of(key))
        for item, ln in zip(items, items.item_lines, strict=True):
            if isinstance(item, str):
                item = LineDict(name=item)
                item.line, item.key_lines = ln, {}
            if not isinstance(item, LineDict):
                raise DataFileError(path, f"each {key} entry must be a name or a mapping", ln)
            allowed = {"name", "character"} if key == "cast" else {"name", "role"}
            _unknown_key(item, allowed, path, f"a {key} entry")
            name = _string(item.get("name"), path, item.line_of("name"), f"a {key} entry's 'name'")
            if key == "cast":
                character = item.get("character")
                if character is not None:
                    character = _string(character, path, item.line_of("character"), "'character'")
                credits.append(Credit(name, "actor", character))
            else:
                role = _string(item.get("role"), path, item.line_of("role"), "a crew 'role'")
                credits.append(Credit(name, role.casefold()))
    return credits


def _parse_work(
    obj: Any, path: str, line: int, parent: Work | None = None, kind: str = ""
) -> list[Work]:
    """A work and, after it, its seasons, episodes and tracks (each a work of its own)."""
    if not isinstance(obj, LineDict):
        raise DataFileError(path, "each work must be a mapping with a 'title'", line)
    _unknown_key(obj, _WORK_KEYS, path, f"a {kind or 'work'}")
    number = _count(obj, "number", path)
    if "title" in obj:
        title = _string(obj["title"], path, obj.line_of("title"), "'title'")
    elif kind == "season" and parent is not None and number is not None:
        title = f"{parent.title} season {number}"
    else:
        need = "a 'title' or a 'number'" if kind == "season" else "a 'title'"
        raise DataFileError(path, f"a {kind or 'work'} needs {need}", obj.line)
    declared = obj.get("kind")
    if declared is not None:
        declared = str(declared)
        if declared not in WORK_KINDS:
            tip = did_you_mean(declared, WORK_KINDS)
            raise DataFileError(
                path,
                f"unknown kind of work {declared!r}{tip} (one of: {', '.join(sorted(WORK_KINDS))})",
                obj.line_of("kind"),
            )
    part_of = parent.title if parent is not None else None
    if "part_of" in obj:
        part_of = _string(obj["part_of"], path, obj.line_of("part_of"), "'part_of'")
    acronyms_raw = obj.get("acronyms", {})
    if not isinstance(acronyms_raw, dict):
        raise DataFileError(
            path, "'acronyms' must map acronyms to expansions", obj.line_of("acronyms")
        )
    acronyms = []
    for acronym, expansion in acronyms_raw.items():
        ln = acronyms_raw.line_of(acronym) if isinstance(acronyms_raw, LineDict) else obj.line
        if not re.fullmatch(r"[A-Z][A-Z0-9&]{1,9}", str(acronym)):
            raise DataFileError(path, f"acronym {acronym!r} must be 2-10 capital letters", ln)
        acronyms.append((str(acronym), _string(expansion, path, ln, "an acronym's expansion")))
    studio = obj.get("studio")
    if studio is not None:
        studio = _string(studio, path, obj.line_of("studio"), "'studio'")
    networks = _strings(obj, "networks", path, "a work's")
    work = Work(
        title=title,
        aliases=_strings(obj, "aliases", path, "a work's"),
        former_titles=_strings(obj, "former_titles", path, "a work's"),
        releases=_parse_releases(obj, path),
        studio=studio,
        credits=tuple(_parse_credits(obj, path)),
        acronyms=tuple(acronyms),
        source=f"{path}:{obj.line}",
        kind=declared or kind,
        part_of=part_of,
        number=number,
        episode_count=_count(obj, "episode_count", path),
        networks=networks or (parent.networks if parent is not None else ()),
    )
    out = [work]
    for key, part_kind in _PARTS.items():
        if key not in obj:
            continue
        items = obj[key]
        if not isinstance(items, LineList):
            raise DataFileError(path, f"{key!r} must be a list", obj.line_of(key))
        for item, ln in zip(items, items.item_lines, strict=True):
            out += _parse_work(item, path, ln, work, part_kind)
    return out


def _parse_entities(items: Any, kind: str, path: str, line: int) -> list[Entity]:
    if not isinstance(items, LineList):
        raise DataFileError(path, f"'{kind}s' must be a list", line)
    out = []
    for item, ln in zip(items, items.item_lines, strict=True):
        if isinstance(item, str):
            out.append(Entity(_string(item, path, ln, "a name"), kind))
            continue
        if not isinstance(item, LineDict):
            raise DataFileError(path, "each entry must be a name or a mapping with 'name'", ln)
        _unknown_key(item, _ENTITY_KEYS, path, f"a {kind}")
        name = _string(item.get("name"), path, item.line_of("name"), "'name'")
        wrong = _strings(item, "misspellings", path, f"a {kind}'s")
        for w in wrong:
            if w.casefold() == name.casefold():
                raise DataFileError(
                    path,
                    f"{w!r} is listed as a misspelling of itself",
                    item.line_of("misspellings"),
                )
        aliases = _strings(item, "aliases", path, f"a {kind}'s")
        distinct = _strings(item, "distinct_from", path, f"a {kind}'s")
        for key, values in (("aliases", aliases), ("distinct_from", distinct)):
            if any(v.casefold() == name.casefold() for v in values):
                raise DataFileError(
                    path, f"{name!r} is listed in its own {key!r}", item.line_of(key)
                )
        parts: dict[str, str | None] = {}
        for key in ("surname", "suffix"):
            value = item.get(key)
            if value is None:
                parts[key] = None
                continue
            if kind != "person":
                raise DataFileError(path, f"{key!r} is for people only", item.line_of(key))
            value = _string(value, path, item.line_of(key), f"{key!r}")
            inside = name.endswith(value) if key == "suffix" else f" {value}" in f" {name}"
            if not inside:
                where = "end" if key == "suffix" else "be part of"
                raise DataFileError(
                    path, f"{key} {value!r} must {where} the name {name!r}", item.line_of(key)
                )
            parts[key] = value
        out.append(Entity(name, kind, wrong, aliases, parts["surname"], parts["suffix"], distinct))
    return out


def _parse_file(data: Any, path: str) -> tuple[list[Work], list[Entity]]:
    if data is None:
        return [], []
    if not isinstance(data, LineDict):
        raise DataFileError(
            path, "a knowledge file must be a mapping with 'works', 'people' or 'organisations'", 1
        )
    _unknown_key(data, _TOP_KEYS, path, "the knowledge file")
    works_raw = data.get("works")
    if works_raw is None:
        works_raw = LineList()
        works_raw.item_lines = []
    if not isinstance(works_raw, LineList):
        raise DataFileError(path, "'works' must be a list", data.line_of("works"))
    works = [
        part
        for w, ln in zip(works_raw, works_raw.item_lines, strict=True)
        for part in _parse_work(w, path, ln)
    ]
    entities = []
    if "people" in data:
        entities += _parse_entities(data["people"], "person", path, data.line_of("people"))
    for key in ("organisations", "organizations"):
        if key in data:
            entities += _parse_entities(data[key], "organisation", path, data.line_of(key))
    return works, entities
