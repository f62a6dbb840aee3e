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

Only items are read (properties, lexemes and other entity types in a dump are
skipped).  A statement counts by its rank: deprecated ones are left out, and
where one value is wanted (a title, the date in one country) a preferred one
wins over normal ones.  ``somevalue`` and ``novalue`` snaks, values of another
datatype than the property's and dates no calendar year can be told from are
no values; structural damage (a line that is not a JSON entity, an entity
without an id or labels, a line longer than :data:`.WIKIDATA_LINE_LIMIT`) stops
the import with one :class:`SourceError` naming the line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import CreditRecord, PersonRecord, Release, SourceError, WorkRecord, clean_text
from .textfiles import WIKIDATA_LINE_LIMIT, read_lines

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
#: A top-level entity id: Q (item), P (property), L (lexeme), M (media info) ...
_ENTITY_ID = re.compile(r"[A-Z][1-9][0-9]{0,14}")
_ITEM_ID = re.compile(r"Q[1-9][0-9]{0,14}")
#: A time value's text: sign, year (Wikidata writes at least four digits; any up to
#: 16 are read), month and day ("00" when unknown), then a time of day Wikidata
#: leaves at 00:00:00Z.
_TIME = re.compile(r"([+-])([0-9]{1,16})-([0-9]{2})-([0-9]{2})T")
_JULIAN = "http://www.wikidata.org/entity/Q1985786"
#: Wikidata's precisions: 9 year, 10 month, 11 day (12-14 are hours to seconds);
#: 8 and below are decades, centuries and more, which give no year to state.
_YEAR, _MONTH, _DAY = 9, 10, 11


@dataclass
class _Labels:
    name: str
    aliases: list[str] = field(default_factory=list)
    iso: str | None = None  # P297 for countries
    is_person: bool = False


def _entities(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, entity) for each item line of the dump; other entity types
    (properties, lexemes) are skipped."""
    lines = read_lines(path, WIKIDATA_LINE_LIMIT, "not one entity of a Wikidata JSON dump")
    for number, line in lines:
        text = line.strip()
        if text in ("[", "]", "", "[]"):
            continue
        if text.endswith(","):
            text = text[:-1]
        entity = _parse(text, path, number)
        if entity.get("type", "item") == "item":
            yield number, entity


_NOT_A_DUMP = "not a Wikidata JSON dump"


def _parse(text: str, path: Path, line: int) -> dict[str, Any]:
    """One entity line as an object with a valid id, or a :class:`SourceError`."""
    try:
        entity = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(
            str(path), f"{_NOT_A_DUMP}: this line is not a JSON entity ({exc.msg})", line
        ) from None
    except RecursionError:  # a nesting bomb: no entity nests that deep
        raise SourceError(str(path), f"{_NOT_A_DUMP}: this line nests too deeply", line) from None
    except ValueError:  # an integer of more digits than Python converts (4300)
        raise SourceError(
            str(path), f"{_NOT_A_DUMP}: this line holds a number too long", line
        ) from None
    if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
        raise SourceError(str(path), f"{_NOT_A_DUMP}: an entity must be an object with an id", line)
    if not _ENTITY_ID.fullmatch(entity["id"]):
        raise SourceError(str(path), f"{_NOT_A_DUMP}: {entity['id'][:40]!r} is no entity id", line)
    return entity


def _statements(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """The non-deprecated statements of ``prop``, preferred ones first."""
    kept = [
        s
        for s in _list_at(entity.get("claims"), prop)
        if isinstance(s, dict) and s.get("rank") != "deprecated"
    ]
    return sorted(kept, key=lambda s: s.get("rank") != "preferred")


def _value(snak: Any) -> Any:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def _item(snak: Any) -> str | None:
    """The item id a snak's value names, or None (another entity type or datatype)."""
    value = _value(snak)
    if not isinstance(value, dict) or value.get("entity-type", "item") != "item":
        return None
    qid = value.get("id")
    if isinstance(qid, str):
        return qid if _ITEM_ID.fullmatch(qid) else None
    number = value.get("numeric-id")  # older dumps give only the number
    if type(number) is int and 0 < number < 10**15:
        return f"Q{number}"
    return None


def _items(entity: dict[str, Any], prop: str) -> list[str]:
    """The item ids ``prop``'s statements name, preferred ones first."""
    return [q for q in (_item(s.get("mainsnak")) for s in _statements(entity, prop)) if q]


def _qualifier_items(statement: dict[str, Any], prop: str) -> list[str]:
    """The item ids of a statement's ``prop`` qualifiers."""
    return [q for q in (_item(s) for s in _list_at(statement.get("qualifiers"), prop)) if q]


def _list_at(mapping: Any, key: str) -> list[Any]:
    """``mapping[key]`` when ``mapping`` is an object and that value a list, else []:
    the shape every list of a dump (claims, qualifiers, aliases) is read through."""
    found = mapping.get(key) if isinstance(mapping, dict) else None
    return found if isinstance(found, list) else []


def _labels(entity: dict[str, Any], path: Path, line: int) -> tuple[str, list[str]]:
    """The entity's label (English, else "mul", else the first in Latin script, else
    the first) and its English and "mul" aliases."""
    labels = entity.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise SourceError(str(path), f"entity {entity['id']} has no labels", line)
    name = _label(labels)
    if not name:
        raise SourceError(str(path), f"entity {entity['id']} has no usable label", line)
    aliases: list[str] = []
    for lang in _LANGS:
        for alias in _list_at(entity.get("aliases"), lang):
            text = _text(alias)
            # "Saltmarsh (TV series)": a disambiguation, not a way to write the title
            if text and text != name and text not in aliases and not text.endswith(")"):
                aliases.append(text)
    return name, aliases


def _label(labels: dict[str, Any]) -> str:
    """The label to name an entity by: English, else "mul", else the first in Latin
    script, else the first ("" when none has text).  Read lazily: a well-known
    entity has hundreds of labels, and most have an English one."""
    for lang in _LANGS:
        if text := _text(labels.get(lang)):
            return text
    first = ""
    for value in labels.values():
        # An English article writes a name in Latin letters: "Bong Joon-ho", not "봉준호".
        if (text := _text(value)) and _latin(text):
            return text
        first = first or text
    return first


def _text(value: Any) -> str:
    """A label's or alias's text, white space normalised ("" when there is none)."""
    return clean_text(value.get("value")) if isinstance(value, dict) else ""


def _latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin one ("Ingmar Bergman", "Pedro Almodóvar")."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _date(value: Any) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a Wikidata time value, as precise as its precision says,
    in the Gregorian calendar; None when it gives no year (a decade, a century, a
    year before the common era or past 9999, a damaged value)."""
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        return None
    precision = value.get("precision", _DAY)
    match = _TIME.match(value["time"])
    if type(precision) is not int or precision < _YEAR or not match:
        return None
    sign, year_s, month_s, day_s = match.groups()
    year, month, day = int(year_s), int(month_s), int(day_s)
    if sign == "-" or not 1 <= year <= 9999:
        return None
    if precision == _YEAR or not 1 <= month <= 12:
        return year, None, None
    if precision == _MONTH or day == 0:
        return year, month, None
    try:
        if value.get("calendarmodel") == _JULIAN:
            day_of = _julian_to_gregorian(year, month, day)
        else:
            day_of = dt.date(year, month, day)
    except ValueError:  # a "leap date" Wikidata allows (30 February): the month stands
        return year, month, None
    return day_of.year, day_of.month, day_of.day


def _julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Julian calendar one (by its Julian day number);
    ValueError for a day the Julian month does not have."""
    leap = year % 4 == 0  # every fourth year, 1900 included
    if day > (29 if month == 2 and leap else _MONTH_DAYS[month - 1]):
        raise ValueError(f"no day {day} in month {month}")
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    julian_day = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(julian_day - 1721425)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


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
        kinds = [KINDS[q] for q in _items(entity, "P31") if q in KINDS]
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
        t
        for v in (_value(s.get("mainsnak")) for s in _statements(entity, "P1476"))
        if isinstance(v, dict) and (t := clean_text(v.get("text")))
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
    releases = _releases(entity)
    if releases:
        record.year = min(r[0] for r in releases)
    networks = [*_items(entity, "P449"), *_items(entity, "P750")]
    series = _items(entity, "P179")
    record.series = series[0] if series else None
    for prop in ("P155", "P156"):
        linked = _items(entity, prop)
        if linked:
            setattr(record, "follows" if prop == "P155" else "followed_by", linked[0])
    return _Pending(record, credits, releases, networks, line)


def _releases(entity: dict[str, Any]) -> list[tuple[int, int | None, int | None, str | None]]:
    """(year, month, day, place id or None) of each P577 date, one rank per place:
    where a place (or no place: worldwide) has a preferred date, its normal ones
    are left out."""
    found: list[tuple[bool, tuple[int, int | None, int | None, str | None]]] = []
    for statement in _statements(entity, "P577"):
        date = _date(_value(statement.get("mainsnak")))
        if date is None:
            continue
        preferred = statement.get("rank") == "preferred"
        places: list[str | None] = [*_qualifier_items(statement, "P291")]
        found.extend((preferred, (*date, place)) for place in places or [None])
    best = {r[3] for preferred, r in found if preferred}
    return [r for preferred, r in found if preferred or r[3] not in best]


def _pass_two(path: Path, wanted: set[str]) -> dict[str, _Labels]:
    """Labels, aliases and ISO codes of the ``wanted`` items."""
    out: dict[str, _Labels] = {}
    if not wanted:
        return out
    for line, entity in _entities(path):
        ids = [i for i in (entity["id"], _redirected_from(entity)) if i in wanted]
        if not ids:
            continue
        name, aliases = _labels(entity, path, line)
        iso = None
        for statement in _statements(entity, "P297"):
            value = _value(statement.get("mainsnak"))
            if isinstance(value, str) and len(value) == 2 and value.isascii() and value.isalpha():
                iso = value.upper()
                break
        for qid in ids:
            out[qid] = _Labels(name, aliases, iso)
    return out


def _redirected_from(entity: dict[str, Any]) -> str | None:
    """The id an entity was merged from, as the API gives it (``"redirects": {"from":
    "Q2", "to": "Q1"}``): works may still point at the old id."""
    redirects = entity.get("redirects")
    old = redirects.get("from") if isinstance(redirects, dict) else None
    return old if isinstance(old, str) and _ITEM_ID.fullmatch(old) else None
