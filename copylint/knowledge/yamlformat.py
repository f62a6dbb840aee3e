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
from .model import Credit, Entity, Work

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
                prev = entities[ent.name]
                ent = Entity(
                    ent.name,
                    ent.kind,
                    tuple(dict.fromkeys(prev.misspellings + ent.misspellings)),
                )
            entities[ent.name] = ent
    return works, entities


_WORK_KEYS = {
    "title",
    "aliases",
    "former_titles",
    "released",
    "studio",
    "directors",
    "writers",
    "cast",
    "crew",
    "acronyms",
}
_TOP_KEYS = {"works", "people", "organisations", "organizations"}
_ENTITY_KEYS = {"name", "misspellings"}


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


def _parse_date(value: Any, path: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, f"invalid date {value!r} (expected YYYY-MM-DD)", line) from None


def _parse_work(obj: Any, path: str, line: int) -> Work:
    if not isinstance(obj, LineDict):
        raise DataFileError(path, "each work must be a mapping with a 'title'", line)
    _unknown_key(obj, _WORK_KEYS, path, "a work")
    if "title" not in obj:
        raise DataFileError(path, "a work needs a 'title'", obj.line)
    title = _string(obj["title"], path, obj.line_of("title"), "'title'")
    released_raw = obj.get("released", {})
    if isinstance(released_raw, str):
        released_raw = {"worldwide": released_raw}
    if not isinstance(released_raw, dict):
        raise DataFileError(
            path, "'released' must map country codes to dates", obj.line_of("released")
        )
    released = []
    for country, value in released_raw.items():
        ln = released_raw.line_of(country) if isinstance(released_raw, LineDict) else obj.line
        if not _COUNTRY_RE.match(str(country)):
            raise DataFileError(
                path,
                f"release country {country!r} must be a two-letter code "
                "like US or GB, or 'worldwide'",
                ln,
            )
        released.append((str(country), _parse_date(value, path, ln)))
    credits: list[Credit] = []
    for role, key in (("director", "directors"), ("writer", "writers")):
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
    return Work(
        title=title,
        aliases=_strings(obj, "aliases", path, "a work's"),
        former_titles=_strings(obj, "former_titles", path, "a work's"),
        released=tuple(released),
        studio=studio,
        credits=tuple(credits),
        acronyms=tuple(acronyms),
        source=f"{path}:{obj.line}",
    )


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
        out.append(Entity(name, kind, wrong))
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
        _parse_work(w, path, ln) for w, ln in zip(works_raw, works_raw.item_lines, strict=True)
    ]
    entities = []
    if "people" in data:
        entities += _parse_entities(data["people"], "person", path, data.line_of("people"))
    for key in ("organisations", "organizations"):
        if key in data:
            entities += _parse_entities(data[key], "organisation", path, data.line_of(key))
    return works, entities
