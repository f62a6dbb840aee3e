"""Importers: the hand-written Wikidata and IMDb fixtures, in the official layouts."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from copylint.kindex.imdb import read_imdb
from copylint.kindex.records import Release, SourceError, WorkRecord
from copylint.kindex.wikidata import read_wikidata

from .conftest import FIXTURES

WIKIDATA = FIXTURES / "kindex" / "wikidata" / "dump.json"
IMDB = FIXTURES / "kindex" / "imdb"
#: IMDb's published layout of each table (the importer finds its columns by name).
IMDB_COLUMNS = {
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


def test_wikidata_film_with_cast_characters_crew_and_dated_releases() -> None:
    works, people = read_wikidata(WIKIDATA)
    film = next(w for w in works if w.key == "Q96000001")
    names = {p.key: p.name for p in people}
    assert film.title == "The Lantern Keeper" and film.kind == "movie"
    assert "Lantern Keeper" in film.aliases
    credits = {(names[c.person], c.role, c.character) for c in film.credits}
    assert ("Cillian Murphy", "actor", "Silas Wren") in credits
    assert ("Obadiah Finch", "actor", None) in credits
    assert ("Maren Holloway", "director", None) in credits
    assert ("Teodor Vasquez-Lind", "writer", None) in credits
    assert ("Ingrid Solberg", "composer", None) in credits
    assert ("Amadou Kessler", "producer", None) in credits
    # P577 with P291: the country's ISO code comes from its own entity (P297);
    # the deprecated year-only statement is left out.
    assert film.released == [Release("US", 2021, 9, 17), Release("GB", 2021, 10, 1)]
    assert film.networks == ["Kestrel Pictures"]  # P750
    # People's labels and aliases come from their own entities (second pass).
    holloway = next(p for p in people if p.name == "Maren Holloway")
    assert holloway.aliases == ["M. Holloway"]


def test_wikidata_series_season_structure_and_date_precision() -> None:
    works, _ = read_wikidata(WIKIDATA)
    by_key = {w.key: w for w in works}
    series, one, two = by_key["Q96000401"], by_key["Q96000402"], by_key["Q96000403"]
    assert series.kind == "tvSeries" and series.networks == ["Channel Meridian"]  # P449
    assert series.released == [Release("worldwide", 2019)]  # precision 9: year only
    assert "Saltmarsh (TV series)" not in series.aliases  # a disambiguation, not a title
    assert one.kind == "tvSeason" and one.series == "Q96000401"  # P179
    assert one.released == [Release("worldwide", 2019, 3)]  # precision 10: month
    assert one.followed_by == "Q96000403" and two.follows == "Q96000402"  # P156 / P155
    assert "Q5" not in by_key and "Q30" not in by_key  # not works


def test_wikidata_compressed_dumps_read_the_same(tmp_path: Path) -> None:
    import bz2

    plain = read_wikidata(WIKIDATA)
    gz = tmp_path / "dump.json.gz"
    gz.write_bytes(gzip.compress(WIKIDATA.read_bytes()))
    bz = tmp_path / "dump.json.bz2"
    bz.write_bytes(bz2.compress(WIKIDATA.read_bytes()))
    assert read_wikidata(gz) == plain
    assert read_wikidata(bz) == plain


def test_imdb_titles_akas_crew_principals_and_episodes() -> None:
    works, people = read_imdb(IMDB)
    by_key = {w.key: w for w in works}
    names = {p.key: p.name for p in people}
    film = by_key["tt9100001"]
    assert film.title == "Night of the Long Rivers" and film.year == 2018
    assert film.aliases == ["Long Rivers"]  # the GB aka; the French one is left out
    assert by_key["tt9100002"].aliases == ["The House of Shadows"]  # US aka
    credits = [(names[c.person], c.role, c.character) for c in film.credits]
    assert credits.count(("Anneliese Marchetti", "director", None)) == 1  # crew + principals
    assert ("Declan Oyelaran", "writer", None) in credits
    assert ("Jonas Whitcombe", "actor", "Henrik Dale") in credits
    assert ("Jonas Whitcombe", "actor", "Young Henrik") in credits  # characters: a JSON array
    assert ("Haruki Lindqvist", "composer", None) in credits
    assert ("Greta Okonjo", "producer", None) in credits
    assert by_key["tt9100004"].series == "tt9100003"  # title.episode
    # An episode IMDb titles as unnamed: named after its series, not found by that title.
    unnamed = by_key["tt9100007"]
    assert unnamed.title == "The Copper Orchard: Episode #2.1" and not unnamed.by_title
    assert by_key["tt9100005"].by_title  # "The Long Winter": a real title
    assert by_key["tt9100006"].year is None  # \N
    assert "Nobody Uncredited" not in names.values()  # credited on nothing


def test_imdb_filters_by_kind_and_year_and_reads_gzip(tmp_path: Path) -> None:
    for f in IMDB.iterdir():
        (tmp_path / (f.name + ".gz")).write_bytes(gzip.compress(f.read_bytes()))
    works, people = read_imdb(tmp_path, frozenset({"movie"}), 2000)
    assert [w.key for w in works] == ["tt9100001"]
    assert "Benoît Lacasse" not in {p.name for p in people}  # only on the 1994 film


def _copy_imdb(tmp_path: Path) -> Path:
    target = tmp_path / "imdb"
    shutil.copytree(IMDB, target)
    return target


def test_malformed_tsv_row_names_file_and_line(tmp_path: Path) -> None:
    d = _copy_imdb(tmp_path)
    p = d / "title.principals.tsv"
    lines = p.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("\t", " ", 2)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as exc:
        read_imdb(d)
    assert str(exc.value).startswith(f"{p}:4: malformed row")


def test_truncated_gzip_is_a_clear_error(tmp_path: Path) -> None:
    data = gzip.compress(WIKIDATA.read_bytes())
    p = tmp_path / "dump.json.gz"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError) as exc:
        read_wikidata(p)
    assert str(exc.value).startswith(f"{p}: truncated or corrupt compressed data")


def test_entity_without_labels_names_the_entity(tmp_path: Path) -> None:
    text = WIKIDATA.read_text(encoding="utf-8")
    p = tmp_path / "dump.json"
    p.write_text(
        text.replace(
            '"id":"Q96000105","labels":{"en":{"language":"en","value":"Cillian Murphy"}}',
            '"id":"Q96000105","labels":{}',
        ),
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as exc:
        read_wikidata(p)
    entity = '{"type":"item","id":"Q96000105"'
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(entity))
    assert str(exc.value) == f"{p}:{line}: entity Q96000105 has no labels"


def test_dump_that_is_not_json(tmp_path: Path) -> None:
    p = tmp_path / "dump.json"
    p.write_text("<html><body>Service unavailable</body></html>\n", encoding="utf-8")
    with pytest.raises(SourceError) as exc:
        read_wikidata(p)
    assert str(exc.value).startswith(f"{p}:1: not a Wikidata JSON dump")


def _relabelled(tmp_path: Path, labels: str, aliases: str = "{}") -> list[str]:
    """The people's names read from the fixture with Cillian Murphy's labels and
    aliases replaced (JSON objects keyed by language, as in the dumps)."""
    text = WIKIDATA.read_text(encoding="utf-8")
    old = (
        '"id":"Q96000105","labels":{"en":{"language":"en","value":"Cillian Murphy"}},'
        '"descriptions":{},"aliases":{}'
    )
    assert old in text
    p = tmp_path / "dump.json"
    new = f'"id":"Q96000105","labels":{labels},"descriptions":{{}},"aliases":{aliases}'
    p.write_text(text.replace(old, new), encoding="utf-8")
    _, people = read_wikidata(p)
    person = next(p for p in people if p.key == "Q96000105")
    return [person.name, *person.aliases]


def test_wikidata_labels_for_all_languages_and_latin_script_are_preferred(
    tmp_path: Path,
) -> None:
    def label(lang: str, value: str) -> str:
        return f'"{lang}":{{"language":"{lang}","value":"{value}"}}'

    # Since 2024 many people's names are given once, as the "mul" label.
    mul = "{" + label("ja", "キリアン・マーフィー") + "," + label("mul", "Cillian Murphy") + "}"
    assert _relabelled(tmp_path, mul) == ["Cillian Murphy"]
    # English first; aliases in English and "mul"
    both = "{" + label("mul", "Cillian Murphy") + "," + label("en", "Cillian  Murphy") + "}"
    aliases = '{"mul":[{"language":"mul","value":"C. Murphy"}],"fr":[{"value":"Murphy"}]}'
    assert _relabelled(tmp_path, both, aliases) == ["Cillian Murphy", "C. Murphy"]
    # Neither: a label in Latin letters before one in another script, whatever their order.
    other = "{" + label("ru", "Киллиан Мерфи") + "," + label("ga", "Cillian Ó Murchú") + "}"
    assert _relabelled(tmp_path, other) == ["Cillian Ó Murchú"]
    only = "{" + label("ru", "Киллиан Мерфи") + "}"
    assert _relabelled(tmp_path, only) == ["Киллиан Мерфи"]
    # Aliases that are not lists (a damaged dump) are no aliases, not a crash.
    assert _relabelled(tmp_path, both, '{"en": 7, "mul": "C. M."}') == ["Cillian Murphy"]


# --- Real-world variants of the official formats --------------------------------------------
#
# Each dump below is written in the official layout (Wikibase's docs/topics/json.md): one
# entity per line inside a JSON array, every line but the last ending in a comma, snaks with
# "snaktype" and, only for "value", a "datavalue".

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
JULIAN = "http://www.wikidata.org/entity/Q1985786"


def _item_snak(prop: str, qid: str) -> dict[str, object]:
    value = {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {"value": value, "type": "wikibase-entityid"},
        "datatype": "wikibase-item",
    }


def _time_snak(
    prop: str, time: str, precision: int, calendar: str = GREGORIAN
) -> dict[str, object]:
    value = {
        "time": time,
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": precision,
        "calendarmodel": calendar,
    }
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {"value": value, "type": "time"},
        "datatype": "time",
    }


def _no_snak(prop: str, snaktype: str, datatype: str = "wikibase-item") -> dict[str, object]:
    """A ``somevalue`` (unknown) or ``novalue`` snak: no datavalue at all."""
    return {"snaktype": snaktype, "property": prop, "datatype": datatype}


def _statement(
    snak: dict[str, object],
    rank: str = "normal",
    qualifiers: dict[str, list[dict[str, object]]] | None = None,
) -> dict[str, object]:
    out: dict[str, object] = {"mainsnak": snak, "type": "statement", "rank": rank}
    if qualifiers:
        out["qualifiers"] = qualifiers
        out["qualifiers-order"] = list(qualifiers)
    return out


def _entity(
    qid: str, label: str, claims: dict[str, list[dict[str, object]]] | None = None, **extra: object
) -> dict[str, object]:
    return {
        "type": "item",
        "id": qid,
        "labels": {"en": {"language": "en", "value": label}},
        "descriptions": {},
        "aliases": {},
        "claims": claims or {},
        "sitelinks": {},
        **extra,
    }


def _film(qid: str, title: str, **claims: list[dict[str, object]]) -> dict[str, object]:
    return _entity(qid, title, {"P31": [_statement(_item_snak("P31", "Q11424"))], **claims})


def _dump(entities: list[dict[str, object]], newline: str = "\n") -> str:
    """The official layout: ``[``, one entity a line, commas between, ``]``."""
    lines = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entities]
    return "[" + newline + ("," + newline).join(lines) + newline + "]" + newline


def _read_dump(tmp_path: Path, entities: list[dict[str, object]]) -> dict[str, WorkRecord]:
    p = tmp_path / "dump.json"
    p.write_text(_dump(entities), encoding="utf-8")
    works, _ = read_wikidata(p)
    return {w.key: w for w in works}


ISO = {
    "snaktype": "value",
    "property": "P297",
    "datavalue": {"value": "US", "type": "string"},
    "datatype": "external-id",
}
PEOPLE = [
    _entity("Q7001", "Ada Quill"),
    _entity("Q7002", "Bram Oduya"),
    _entity("Q30", "United States of America", {"P297": [_statement(ISO)]}),
]


def test_wikidata_somevalue_and_novalue_snaks_are_no_values(tmp_path: Path) -> None:
    film = _film(
        "Q9001",
        "Unknown Quantities",
        P161=[
            _statement(_no_snak("P161", "somevalue")),  # an unknown cast member
            _statement(_item_snak("P161", "Q7001")),
        ],
        P57=[_statement(_no_snak("P57", "novalue"))],  # no director
        P577=[
            _statement(_no_snak("P577", "somevalue", "time")),  # released, date unknown
            _statement(_time_snak("P577", "+2020-05-01T00:00:00Z", 11)),
        ],
        P179=[_statement(_no_snak("P179", "novalue"))],
    )
    film["claims"]["P31"].insert(0, _statement(_no_snak("P31", "somevalue")))  # type: ignore[index]
    rec = _read_dump(tmp_path, [film, *PEOPLE])["Q9001"]
    assert rec.kind == "movie" and rec.series is None
    assert [(c.person, c.role) for c in rec.credits] == [("Q7001", "actor")]
    assert rec.released == [Release("worldwide", 2020, 5, 1)]


def test_wikidata_ranks_deprecated_left_out_preferred_wins_per_country(tmp_path: Path) -> None:
    us = {"P291": [_item_snak("P291", "Q30")]}
    film = _film(
        "Q9002",
        "Ranked",
        P1476=[
            _statement(
                {
                    "snaktype": "value",
                    "property": "P1476",
                    "datavalue": {
                        "value": {"text": "Ranked Choice", "language": "en"},
                        "type": "monolingualtext",
                    },
                    "datatype": "monolingualtext",
                },
                "preferred",
            )
        ],
        P161=[
            _statement(_item_snak("P161", "Q7001"), "deprecated"),
            _statement(_item_snak("P161", "Q7002")),
        ],
        P577=[
            _statement(_time_snak("P577", "+2019-09-10T00:00:00Z", 11), "normal", us),
            _statement(_time_snak("P577", "+2019-09-17T00:00:00Z", 11), "preferred", us),
            _statement(_time_snak("P577", "+2019-03-01T00:00:00Z", 11)),  # worldwide, normal
            _statement(_time_snak("P577", "+2018-01-01T00:00:00Z", 11), "deprecated"),
        ],
    )
    rec = _read_dump(tmp_path, [film, *PEOPLE])["Q9002"]
    assert rec.title == "Ranked Choice" and "Ranked" in rec.aliases
    assert [c.person for c in rec.credits] == ["Q7002"]
    # One date per country: the preferred one; the worldwide date has only a normal one.
    assert sorted(rec.released, key=lambda r: r.country) == [
        Release("US", 2019, 9, 17),
        Release("worldwide", 2019, 3, 1),
    ]
    assert rec.year == 2019


def test_wikidata_time_values_by_precision_and_calendar(tmp_path: Path) -> None:
    def dated(qid: str, time: str, precision: int, calendar: str = GREGORIAN) -> dict[str, object]:
        return _film(qid, qid, P577=[_statement(_time_snak("P577", time, precision, calendar))])

    by_key = _read_dump(
        tmp_path,
        [
            dated("Q1", "+2019-00-00T00:00:00Z", 9),  # year only: month and day 00
            dated("Q2", "+2019-07-00T00:00:00Z", 10),  # month
            dated("Q3", "+2019-07-00T00:00:00Z", 11),  # day claimed, none given: the month
            dated("Q4", "+2010-00-00T00:00:00Z", 8),  # the 2010s: no year to state
            dated("Q5", "+1901-00-00T00:00:00Z", 7),  # the 20th century: no year either
            dated("Q6", "-0044-03-15T00:00:00Z", 11),  # before the common era: no date
            dated("Q7", "+1917-10-25T00:00:00Z", 11, JULIAN),  # = 7 November 1917
            dated("Q8", "+2019-02-30T00:00:00Z", 11),  # a "leap date": the month is known
            dated("Q9", "+02019-12-31T00:00:00Z", 11),  # more than four digits of year
        ],
    )
    released = {k: w.released for k, w in by_key.items()}
    assert released["Q1"] == [Release("worldwide", 2019)]
    assert released["Q2"] == [Release("worldwide", 2019, 7)]
    assert released["Q3"] == [Release("worldwide", 2019, 7)]
    assert released["Q4"] == released["Q5"] == released["Q6"] == []
    assert by_key["Q4"].year is None and by_key["Q6"].year is None
    assert released["Q7"] == [Release("worldwide", 1917, 11, 7)]
    assert released["Q8"] == [Release("worldwide", 2019, 2)]
    assert released["Q9"] == [Release("worldwide", 2019, 12, 31)]


def test_wikidata_qualifiers_missing_or_of_another_datatype(tmp_path: Path) -> None:
    string_snak = {
        "snaktype": "value",
        "property": "P453",
        "datavalue": {"value": "Captain Wren", "type": "string"},
        "datatype": "string",
    }
    film = _film(
        "Q9003",
        "Qualified",
        P161=[
            _statement(_item_snak("P161", "Q7001"), qualifiers={"P453": [string_snak]}),
            _statement(_item_snak("P161", "Q7002"), qualifiers={"P453": []}),
        ],
        P577=[
            _statement(
                _time_snak("P577", "+2001-02-03T00:00:00Z", 11),
                qualifiers={"P291": [_no_snak("P291", "somevalue"), _time_snak("P291", "+1", 9)]},
            )
        ],
    )
    rec = _read_dump(tmp_path, [film, *PEOPLE])["Q9003"]
    assert [(c.person, c.character) for c in rec.credits] == [("Q7001", None), ("Q7002", None)]
    assert rec.released == [Release("worldwide", 2001, 2, 3)]


def test_wikidata_properties_lexemes_and_redirects(tmp_path: Path) -> None:
    film_claim = {"P31": [_statement(_item_snak("P31", "Q11424"))]}
    prop = _entity("P9", "film property", film_claim, datatype="wikibase-item")
    prop["type"] = "property"
    del prop["sitelinks"]
    lexeme = {
        "type": "lexeme",
        "id": "L77",
        "lemmas": {"en": {"language": "en", "value": "film"}},
        "lexicalCategory": "Q1084",
        "language": "Q1860",
        "claims": film_claim,
        "forms": [],
        "senses": [],
    }
    film = _film("Q9004", "Redirected", P161=[_statement(_item_snak("P161", "Q7099"))])
    # The person credited as Q7099 was merged into Q7001: the entity comes under its new id.
    merged = _entity("Q7001", "Ada Quill", redirects={"from": "Q7099", "to": "Q7001"})
    p = tmp_path / "dump.json"
    p.write_text(_dump([prop, lexeme, film, merged]), encoding="utf-8")
    works, people = read_wikidata(p)
    assert [w.key for w in works] == ["Q9004"]  # neither the property nor the lexeme
    assert [(p.key, p.name) for p in people] == [("Q7099", "Ada Quill")]


def test_wikidata_dump_layouts_crlf_bom_commas_empty_and_multistream(tmp_path: Path) -> None:
    import bz2

    entities = [_film("Q9005", "Layout", P161=[_statement(_item_snak("P161", "Q7001"))]), *PEOPLE]
    expected = _read_dump(tmp_path, entities)
    text = _dump(entities)
    variants = {
        "crlf.json": _dump(entities, "\r\n").encode(),
        "bom.json": b"\xef\xbb\xbf" + text.encode(),
        # a last entity line with a comma after all (some tools write one)
        "comma.json": text.replace("\n]", ",\n]").encode(),
        # PHP's serialiser writes an empty map as an empty array: "claims":[], "aliases":[]
        "php.json": text.replace('"aliases":{}', '"aliases":[]')
        .replace('"claims":{}', '"claims":[]')
        .replace('"sitelinks":{}', '"sitelinks":[]')
        .encode(),
        # the official .bz2 dumps are multistream: several bzip2 streams one after another
        "multi.json.bz2": b"".join(
            bz2.compress(part.encode()) for part in (text[:40], text[40:900], text[900:])
        ),
        "multi.json.gz": b"".join(gzip.compress(part.encode()) for part in (text[:40], text[40:])),
    }
    for name, data in variants.items():
        p = tmp_path / name
        p.write_bytes(data)
        works, _ = read_wikidata(p)
        assert {w.key: w for w in works} == expected, name
    for empty in ("[\n]\n", "[]\n", "[\r\n]\r\n", "\ufeff[\n]"):
        p = tmp_path / "empty.json"
        p.write_text(empty, encoding="utf-8")
        assert read_wikidata(p) == ([], []), repr(empty)


# --- IMDb ----------------------------------------------------------------------------------


def _tsv(path: Path, header: str, *rows: str, newline: str = "\n") -> None:
    path.write_text(newline.join([header, *rows]) + newline, encoding="utf-8")


def test_imdb_null_in_every_optional_column(tmp_path: Path) -> None:
    d = tmp_path / "imdb"
    d.mkdir()
    n = "\\N"
    _tsv(
        d / "title.basics.tsv",
        "\t".join(IMDB_COLUMNS["title.basics"]),
        f"tt1\tmovie\tNulls Everywhere\t{n}\t{n}\t{n}\t{n}\t{n}\t{n}",
    )
    _tsv(
        d / "title.akas.tsv",
        "\t".join(IMDB_COLUMNS["title.akas"]),
        f"tt1\t1\t{n}\t{n}\t{n}\t{n}\t{n}\t{n}",
    )
    _tsv(d / "title.crew.tsv", "\t".join(IMDB_COLUMNS["title.crew"]), f"tt1\t{n}\t{n}")
    _tsv(d / "title.episode.tsv", "\t".join(IMDB_COLUMNS["title.episode"]), f"tt2\t{n}\t{n}\t{n}")
    _tsv(
        d / "title.principals.tsv",
        "\t".join(IMDB_COLUMNS["title.principals"]),
        f"tt1\t1\tnm1\tactor\t{n}\t{n}",
        f"tt1\t2\tnm2\t{n}\t{n}\t{n}",  # no category: nothing to credit
    )
    _tsv(
        d / "name.basics.tsv",
        "\t".join(IMDB_COLUMNS["name.basics"]),
        f"nm1\tVera Null\t{n}\t{n}\t{n}\t{n}",
    )
    works, people = read_imdb(d)
    assert [(w.key, w.title, w.year, w.aliases) for w in works] == [
        ("tt1", "Nulls Everywhere", None, [])
    ]
    assert [(c.person, c.role, c.character) for c in works[0].credits] == [("nm1", "actor", None)]
    assert [p.name for p in people] == ["Vera Null"]


def test_imdb_characters_as_json_arrays_with_escapes(tmp_path: Path) -> None:
    d = _copy_imdb(tmp_path)
    p = d / "title.principals.tsv"
    rows = [
        'tt9100002\t2\tnm9200004\tactress\t\\N\t["Jeanne \\"La Rouge\\" Morel"]',
        'tt9100002\t3\tnm9200008\tactor\t\\N\t["\\u00c9tienne","Le Juge \\\\ Narrator"]',
        "tt9100002\t4\tnm9200006\tactor\t\\N\t[]",
        'tt9100002\t5\tnm9200007\tself\t\\N\t["Himself \\ud800"]',
    ]
    p.write_text(p.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    works, people = read_imdb(d)
    names = {x.key: x.name for x in people}
    film = next(w for w in works if w.key == "tt9100002")
    played = {(names[c.person], c.character) for c in film.credits}
    assert ("Priya Castellanos", 'Jeanne "La Rouge" Morel') in played
    assert ("Rhodri Vance", "Étienne") in played
    assert ("Rhodri Vance", "Le Juge \\ Narrator") in played
    assert ("Haruki Lindqvist", None) in played  # an empty array: credited, no character
    # A lone UTF-16 surrogate (a broken \u escape) is no text: dropped, the rest kept.
    assert ("Greta Okonjo", "Himself") in played


def test_imdb_adult_titles_are_left_out(tmp_path: Path) -> None:
    d = _copy_imdb(tmp_path)
    p = d / "title.basics.tsv"
    adult = "tt9100009\tmovie\tNight Heat\tNight Heat\t1\t2018\t\\N\t80\tAdult"
    p.write_text(p.read_text(encoding="utf-8") + adult + "\n", encoding="utf-8")
    keys = {w.key for w in read_imdb(d)[0]}
    assert "tt9100009" not in keys and "tt9100001" in keys


def test_imdb_aka_types_and_attributes_are_arrays(tmp_path: Path) -> None:
    d = _copy_imdb(tmp_path)
    p = d / "title.akas.tsv"
    rows = [
        "tt9100001\t4\tRivers Project\tUS\t\\N\tworking\t\\N\t0",  # a working title
        "tt9100001\t5\tThe Long Rivers\tUS\ten\talternative\x02tv\t\\N\t0",
        "tt9100001\t6\tNight of Long Rivers\tGB\t\\N\t\\N\tliteral English title\x02short title\t0",
        "tt9100001\t7\tRivers of the Night\tUS\t\\N\tdvd\tcomplete title\x02DVD box title\t0",
    ]
    p.write_text(p.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    film = next(w for w in read_imdb(d)[0] if w.key == "tt9100001")
    assert film.aliases == ["Long Rivers", "The Long Rivers", "Rivers of the Night"]


def test_imdb_tsv_and_gz_of_the_same_table_is_refused(tmp_path: Path) -> None:
    d = _copy_imdb(tmp_path)
    crew = d / "title.crew.tsv"
    (d / "title.crew.tsv.gz").write_bytes(gzip.compress(crew.read_bytes()))
    with pytest.raises(SourceError) as exc:
        read_imdb(d)
    assert str(exc.value) == (
        f"{d}: both title.crew.tsv and title.crew.tsv.gz: keep the one to read"
    )


def test_imdb_crlf_and_bom(tmp_path: Path) -> None:
    expected = read_imdb(IMDB)
    d = tmp_path / "imdb"
    d.mkdir()
    for f in IMDB.iterdir():
        data = f.read_bytes().replace(b"\n", b"\r\n")
        (d / f.name).write_bytes(b"\xef\xbb\xbf" + data)
    assert read_imdb(d) == expected


def test_imdb_columns_are_read_by_header_name(tmp_path: Path) -> None:
    expected = read_imdb(IMDB)
    d = _copy_imdb(tmp_path)
    # Reordered columns and a column IMDb may add one day: read by name, as the header says.
    p = d / "name.basics.tsv"
    lines = p.read_text(encoding="utf-8").splitlines()
    fields = [line.split("\t") for line in lines]
    reordered = [[f[1], f[0], *f[2:], "x" if i else "newColumn"] for i, f in enumerate(fields)]
    p.write_text("".join("\t".join(f) + "\n" for f in reordered), encoding="utf-8")
    assert read_imdb(d) == expected
    # A column the importer needs is missing: one clear line naming it.
    p.write_text("".join("\t".join(f[:1] + f[2:]) + "\n" for f in reordered), encoding="utf-8")
    with pytest.raises(SourceError) as exc:
        read_imdb(d)
    assert str(exc.value) == f"{p}:1: not IMDb's name.basics file: no nconst column"
    # A column of optional data that is missing reads as \N on every row.
    p.write_text((IMDB / "name.basics.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    principals = d / "title.principals.tsv"
    rows = [line.split("\t") for line in principals.read_text(encoding="utf-8").splitlines()]
    principals.write_text("".join("\t".join(r[:5]) + "\n" for r in rows), encoding="utf-8")
    works, _ = read_imdb(d)
    credits = [c for w in works for c in w.credits]
    assert ("nm9200005", "actor", None) in {(c.person, c.role, c.character) for c in credits}
    assert all(c.character is None for c in credits)


def test_imdb_only_the_two_required_files(tmp_path: Path) -> None:
    d = tmp_path / "imdb"
    d.mkdir()
    for name in ("title.basics.tsv", "name.basics.tsv"):
        shutil.copy(IMDB / name, d / name)
    works, people = read_imdb(d)
    assert {w.key for w in works} == {f"tt910000{i}" for i in range(1, 8)}
    assert all(not w.credits and not w.aliases for w in works) and people == []
    (d / "name.basics.tsv").unlink()
    with pytest.raises(SourceError) as exc:
        read_imdb(d)
    assert str(exc.value) == f"{d}: no name.basics.tsv or name.basics.tsv.gz in this directory"
