"""Read a Wikidata JSON dump (``.json``, ``.json.gz``, ``.json.bz2``) into records.

The official dumps are one JSON array with one entity per line::

    [
    {"type":"item","id":"Q1",...},
    {"type":"item","id":"Q2",...}
    ]

The file is streamed twice and never held whole.  The first pass keeps the
films and TV works (by P31, instance of) and notes every item they point to:
cast and crew (P161 with the P453 character qualifier, P57, P58, P86, P162),
characters, networks and distributors (P449, P750), countries of publication
(P291 on P577) and series (P179).  The second pass reads those items' labels,
aliases and, for countries, their ISO code (P297).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import CreditRecord, PersonRecord, Release, SourceError, WorkRecord
from .textfiles import read_lines

#: P31 values that make an item a work, in IMDb's titleType vocabulary.
KINDS = {
    "Q11424": "movie",  # film
    "Q24862": "short",  # short film
    "Q202866": "movie",  # animated film
    "Q506240": "tvMovie",  # television film
    "Q5398426": "tvSeries",  # television series
    "Q526877": "tvSeries",  # web series
    "Q1259759": "tvMiniSeries",  # miniseries
    "Q3464665": "tvSeason",  # television series season
    "Q21191270": "tvEpisode",  # television series episode
    "Q24856": "filmSeries",  # film series
}
#: Credit properties and the role each gives.
ROLES = {
    "P161": "actor",
    "P57": "director",
    "P58": "writer",
    "P86": "composer",
    "P162": "producer",
}
#: The label and alias languages read, in order of preference: English, then
#: "mul" (Wikidata's label for all languages, where since 2024 many people's and
#: some works' names are given once instead of per language).
_LANGS = ("en", "en-gb", "en-us", "en-ca", "mul")


@dataclass
class _Labels:
    name: str
    aliases: list[str] = field(default_factory=list)
    iso: str | None = None  # P297 for countries
    is_person: bool = False


def _entities(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, entity) for each entity line of the dump."""
    for number, line in read_lines(path):
        text = line.strip()
        if text in ("[", "]", ""):
            continue
        if text.endswith(","):
            text = text[:-1]
        try:
            entity = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceError(
                str(path),
                f"not a Wikidata JSON dump: this line is not a JSON entity ({exc.msg})",
                number,
            ) from None
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            raise SourceError(
                str(path),
                "not a Wikidata JSON dump: an entity must be an object with an id",
                number,
            )
        yield number, entity


def _statements(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """The non-deprecated statements of ``prop``, preferred ones first."""
    claims = entity.get("claims")
    if not isinstance(claims, dict):
        return []
    found = [
        s for s in claims.get(prop, ()) if isinstance(s, dict) and s.get("rank") != "deprecated"
    ]
    return sorted(found, key=lambda s: s.get("rank") != "preferred")


def _value(snak: Any) -> Any:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def _item(snak: Any) -> str | None:
    value = _value(snak)
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            return str(value["id"])
        if isinstance(value.get("numeric-id"), int):
            return f"Q{value['numeric-id']}"
    return None


def _qualifier_items(statement: dict[str, Any], prop: str) -> list[str]:
    quals = statement.get("qualifiers")
    if not isinstance(quals, dict):
        return []
    return [q for q in (_item(s) for s in quals.get(prop, ())) if q]


def _labels(entity: dict[str, Any], path: Path, line: int) -> tuple[str, list[str]]:
    """The entity's label (English, else "mul", else the first in Latin script, else
    the first) and its English and "mul" aliases."""
    labels = entity.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise SourceError(str(path), f"entity {entity['id']} has no labels", line)
    found = [(lang, _text(labels.get(lang))) for lang in (*_LANGS, *labels)]
    usable = [(lang, text) for lang, text in found if text]
    if not usable:
        raise SourceError(str(path), f"entity {entity['id']} has no usable label", line)
    # An English article writes a name in Latin letters: "Bong Joon-ho", not "봉준호".
    latin = [text for lang, text in usable if lang in _LANGS or _latin(text)]
    name = latin[0] if latin else usable[0][1]
    aliases: list[str] = []
    raw_aliases = entity.get("aliases")
    if isinstance(raw_aliases, dict):
        for lang in _LANGS:
            values = raw_aliases.get(lang)
            for alias in values if isinstance(values, list) else ():
                text = _text(alias)
                # "Saltmarsh (TV series)": a disambiguation, not a way to write the title
                if text and text != name and text not in aliases and not text.endswith(")"):
                    aliases.append(text)
    return name, aliases


def _text(value: Any) -> str:
    """A label's or alias's text, white space normalised ("" when there is none)."""
    if isinstance(value, dict) and isinstance(value.get("value"), str):
        return " ".join(value["value"].split())
    return ""


def _latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin one ("Ingmar Bergman", "Pedro Almodóvar")."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _date(value: Any, path: Path, line: int, entity_id: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of a Wikidata time value, as precise as its precision says."""
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        raise SourceError(str(path), f"entity {entity_id}: P577 is not a time value", line)
    precision = value.get("precision", 11)
    text = value["time"]
    try:
        sign = -1 if text.startswith("-") else 1
        year_s, month_s, rest = text.lstrip("+-").split("-", 2)
        year, month, day = sign * int(year_s), int(month_s), int(rest[:2])
    except ValueError:
        raise SourceError(
            str(path), f"entity {entity_id}: invalid P577 time {text!r}", line
        ) from None
    if precision >= 11 and month and day:
        return year, month, day
    if precision >= 10 and month:
        return year, month, None
    return year, None, None


@dataclass
class _Pending:
    """A work read in pass one, with item ids still to resolve."""

    record: WorkRecord
    credits: list[tuple[str, str, str | None]]  # (person id, role, character id)
    releases: list[tuple[int, int | None, int | None, str | None]]  # place id or None
    networks: list[str]
    line: int


def read_wikidata(path: Path) -> tuple[list[WorkRecord], list[PersonRecord]]:
    """The works of a Wikidata dump and the people credited on them."""
    pending: list[_Pending] = []
    wanted: set[str] = set()
    for line, entity in _entities(path):
        kinds = [
            KINDS[q]
            for q in (_item(s.get("mainsnak")) for s in _statements(entity, "P31"))
            if q in KINDS
        ]
        if not kinds:
            continue
        work = _pass_one(entity, kinds[0], path, line)
        pending.append(work)
        wanted.update(c[0] for c in work.credits)
        wanted.update(c[2] for c in work.credits if c[2])
        wanted.update(r[3] for r in work.releases if r[3])
        wanted.update(work.networks)
        if work.record.series:
            wanted.add(work.record.series)
    labels = _pass_two(path, wanted)
    works: list[WorkRecord] = []
    people: dict[str, PersonRecord] = {}
    for item in pending:
        rec = item.record
        for person, role, character in item.credits:
            known = labels.get(person)
            if known is None:
                continue  # not in this dump (a partial dump): nothing to name them by
            people.setdefault(person, PersonRecord(person, known.name, aliases=known.aliases))
            char = labels[character].name if character and character in labels else None
            rec.credits.append(CreditRecord(person, role, char))
        for year, month, day, place in item.releases:
            country = labels[place].iso if place and place in labels else None
            rec.released.append(Release(country or "worldwide", year, month, day))
        rec.networks = [labels[n].name for n in item.networks if n in labels]
        works.append(rec)
    return works, list(people.values())


def _pass_one(entity: dict[str, Any], kind: str, path: Path, line: int) -> _Pending:
    qid = entity["id"]
    name, aliases = _labels(entity, path, line)
    titles = [
        " ".join(v["text"].split())
        for v in (_value(s.get("mainsnak")) for s in _statements(entity, "P1476"))
        if isinstance(v, dict) and isinstance(v.get("text"), str) and v["text"].strip()
    ]
    title = titles[0] if titles else name
    all_aliases = [t for t in dict.fromkeys([*titles[1:], name, *aliases]) if t != title]
    record = WorkRecord(key=qid, title=title, kind=kind, aliases=all_aliases, source="wikidata")
    credits: list[tuple[str, str, str | None]] = []
    for prop, role in ROLES.items():
        for statement in _statements(entity, prop):
            person = _item(statement.get("mainsnak"))
            if person is None:
                continue
            characters = _qualifier_items(statement, "P453") if prop == "P161" else []
            credits.append((person, role, characters[0] if characters else None))
    releases: list[tuple[int, int | None, int | None, str | None]] = []
    for statement in _statements(entity, "P577"):
        year, month, day = _date(_value(statement.get("mainsnak")), path, line, qid)
        places: list[str | None] = [*_qualifier_items(statement, "P291")]
        releases.extend((year, month, day, place) for place in places or [None])
    if releases:
        record.year = min(r[0] for r in releases)
    networks = [
        n
        for p in ("P449", "P750")
        for s in _statements(entity, p)
        if (n := _item(s.get("mainsnak")))
    ]
    series = [i for s in _statements(entity, "P179") if (i := _item(s.get("mainsnak")))]
    record.series = series[0] if series else None
    for prop in ("P155", "P156"):
        linked = [i for s in _statements(entity, prop) if (i := _item(s.get("mainsnak")))]
        if linked:
            setattr(record, "follows" if prop == "P155" else "followed_by", linked[0])
    return _Pending(record, credits, releases, networks, line)


def _pass_two(path: Path, wanted: set[str]) -> dict[str, _Labels]:
    """Labels, aliases and ISO codes of the ``wanted`` items."""
    out: dict[str, _Labels] = {}
    if not wanted:
        return out
    for line, entity in _entities(path):
        qid = entity["id"]
        if qid not in wanted:
            continue
        name, aliases = _labels(entity, path, line)
        iso = None
        for statement in _statements(entity, "P297"):
            value = _value(statement.get("mainsnak"))
            if isinstance(value, str) and len(value) == 2:
                iso = value.upper()
                break
        out[qid] = _Labels(name, aliases, iso)
    return out
