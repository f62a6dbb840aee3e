"""Importers: the hand-written Wikidata and IMDb fixtures, in the official layouts."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from copylint.kindex.imdb import read_imdb
from copylint.kindex.records import Release, SourceError
from copylint.kindex.wikidata import read_wikidata

from .conftest import FIXTURES

WIKIDATA = FIXTURES / "kindex" / "wikidata" / "dump.json"
IMDB = FIXTURES / "kindex" / "imdb"


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
