"""Damaged sources: every mutation of the fixtures is read or refused, never a crash.

A Wikidata dump or an IMDb directory comes from outside (a download cut short, a
tool that rewrote it, a hostile file).  Whatever its bytes, ``knowledge build``
either builds an index or stops with one :class:`SourceError` line naming the
file (which the command line turns into exit code 2): never a traceback, never
exit 3, never an index half written.  The property tests below mutate the
hand-written fixtures, value by value and byte by byte; the last tests bound
the memory a single endless line or a nesting bomb may take.
"""

from __future__ import annotations

import json
import shutil
import tracemalloc
import unicodedata
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.kindex.build import Filters, build_index
from copylint.kindex.imdb import read_imdb
from copylint.kindex.records import PersonRecord, SourceError, WorkRecord
from copylint.kindex.textfiles import TSV_LINE_LIMIT, WIKIDATA_LINE_LIMIT
from copylint.kindex.wikidata import read_wikidata

from .conftest import FIXTURES, run_cli

WIKIDATA = FIXTURES / "kindex" / "wikidata" / "dump.json"
IMDB = FIXTURES / "kindex" / "imdb"
DUMP_LINES = WIKIDATA.read_bytes().split(b"\n")
ENTITY_LINES = [i for i, line in enumerate(DUMP_LINES) if line.startswith(b"{")]

#: JSON texts put in place of a value: every JSON type, and the extremes a
#: parser meets only in damaged or hostile files.
RAW_VALUES = st.one_of(
    st.sampled_from(
        [
            "null",
            "true",
            "false",
            "0",
            "-1",
            "1.5",
            "1e999",  # Python reads it as infinity
            '""',
            '"x"',
            "[]",
            "{}",
            "[null]",
            '{"id":7}',
            '"\\ud800"',  # a lone UTF-16 surrogate: valid JSON, not storable text
            '"a\\u0000b\\u001fc"',  # control characters
            "1" * 5000,  # more digits than Python turns into an int
            "[" * 50_000 + "]" * 50_000,  # nesting deeper than the parser recurses
            '{"a":' * 20_000 + "1" + "}" * 20_000,
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=12).map(json.dumps),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a parsed JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


_HOLE = "\x00hole\x00"


def _replaced(entity: Any, path: tuple[Any, ...], raw: str | None) -> bytes:
    """``entity`` as one JSON line with the value at ``path`` replaced by the JSON
    text ``raw``, or dropped (its key or item) when ``raw`` is None."""
    if not path:
        return (raw or "").encode("utf-8", "surrogatepass")
    parent = entity
    for step in path[:-1]:
        parent = parent[step]
    if raw is None:
        del parent[path[-1]]
        return json.dumps(entity, separators=(",", ":")).encode()
    parent[path[-1]] = _HOLE
    text = json.dumps(entity, separators=(",", ":"))
    return text.replace(json.dumps(_HOLE), raw).encode("utf-8", "surrogatepass")


@st.composite
def damaged_dumps(draw: st.DrawFn) -> bytes:
    """The fixture dump with one line damaged: a value replaced by another JSON
    type, a key dropped, the line cut short, or bytes (maybe not UTF-8) inserted."""
    lines = list(DUMP_LINES)
    index = draw(st.sampled_from(ENTITY_LINES))
    line = lines[index]
    kind = draw(st.sampled_from(["replace", "drop", "truncate", "insert"]))
    if kind in ("replace", "drop"):
        entity = json.loads(line.rstrip(b","))
        path = draw(st.sampled_from(list(_paths(entity))))
        if kind == "drop" and not path:
            kind = "replace"
        raw = draw(RAW_VALUES) if kind == "replace" else None
        comma = b"," if line.endswith(b",") else b""
        lines[index] = _replaced(entity, path, raw) + comma
    elif kind == "truncate":
        lines[index] = line[: draw(st.integers(0, len(line) - 1))]
    else:
        at = draw(st.integers(0, len(line)))
        garbage = draw(st.binary(min_size=1, max_size=6))
        lines[index] = line[:at] + garbage + line[at:]
    return b"\n".join(lines)


#: Field values put in place of an IMDb field.
TSV_FIELDS = st.one_of(
    st.sampled_from(
        [
            "",
            "\\N",
            "0",
            "-1",
            "1" * 5000,
            "²⁰¹⁹",  # digits to str.isdigit(), no number to int()
            "[",
            '["unterminated',
            "[1, 2]",
            '["\\ud800"]',
            "[" * 50_000,
            "[" * 50_000 + "]" * 50_000,
            "a\x00b",
            "tt9100001",
            "nm9200001,,nm9200002",
        ]
    ),
    st.text(max_size=10).filter(lambda t: "\n" not in t and "\r" not in t),
)
IMDB_FILES = sorted(p.name for p in IMDB.iterdir())


@st.composite
def damaged_imdb(draw: st.DrawFn) -> tuple[str, bytes]:
    """One IMDb file of the fixture with one line damaged: a field replaced, a
    field dropped or added, the line cut short, or bytes inserted."""
    name = draw(st.sampled_from(IMDB_FILES))
    lines = (IMDB / name).read_bytes().split(b"\n")
    index = draw(st.integers(0, len(lines) - 2))  # the last "line" is the empty tail
    line = lines[index]
    kind = draw(st.sampled_from(["field", "drop", "add", "truncate", "insert"]))
    fields = line.split(b"\t")
    at = draw(st.integers(0, len(fields) - 1))
    if kind == "field":
        fields[at] = draw(TSV_FIELDS).encode("utf-8", "surrogatepass")
    elif kind == "drop":
        del fields[at]
    elif kind == "add":
        fields.insert(at, draw(TSV_FIELDS).encode("utf-8", "surrogatepass"))
    elif kind == "truncate":
        fields = [line[: draw(st.integers(0, max(len(line) - 1, 0)))]]
    else:
        cut = draw(st.integers(0, len(line)))
        fields = [line[:cut] + draw(st.binary(min_size=1, max_size=6)) + line[cut:]]
    lines[index] = b"\t".join(fields)
    return name, b"\n".join(lines)


def _clean(text: object) -> bool:
    """True for one line of storable text: no control character, no lone surrogate,
    single spaces only (what an index stores and an article can be matched with)."""
    return (
        isinstance(text, str)
        and bool(text)
        and text == " ".join(text.split())
        and all(unicodedata.category(c) not in ("Cc", "Cs") for c in text)
    )


def _check_records(works: list[WorkRecord], people: list[PersonRecord]) -> None:
    """What an importer returns is plain, well-typed text and numbers, whatever it read."""
    for w in works:
        assert isinstance(w.key, str) and w.key.strip() and _clean(w.title)
        assert w.year is None or (type(w.year) is int and 1 <= w.year <= 9999)
        assert all(_clean(text) for text in (*w.aliases, *w.networks))
        for r in w.released:
            assert type(r.year) is int and 1 <= r.year <= 9999 and isinstance(r.country, str)
            assert r.month is None or 1 <= r.month <= 12
            assert r.day is None or 1 <= r.day <= 31
        for c in w.credits:
            assert isinstance(c.person, str) and isinstance(c.role, str)
            assert c.character is None or _clean(c.character)
        assert w.series is None or isinstance(w.series, str)
    for p in people:
        assert _clean(p.name) and all(_clean(a) for a in p.aliases)


def _builds_or_refuses(source: Path, out: Path) -> None:
    """The real build: an index, or one SourceError naming a file of the source and
    no index file (nor its temporary) left behind."""
    if out.exists():
        out.unlink()
    try:
        build_index([source], out, Filters())
    except SourceError as exc:
        assert str(exc).startswith(str(source)), exc
        assert not out.exists()
        assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []
        return
    assert out.is_file()


FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=damaged_dumps())
def test_damaged_wikidata_dumps_are_read_or_refused(tmp_path: Path, data: bytes) -> None:
    dump = tmp_path / "dump.json"
    dump.write_bytes(data)
    try:
        works, people = read_wikidata(dump)
    except SourceError as exc:
        assert str(exc).startswith(f"{dump}:"), exc  # the file and its line
        return
    _check_records(works, people)


@FUZZ
@given(damaged=damaged_imdb())
def test_damaged_imdb_files_are_read_or_refused(tmp_path: Path, damaged: tuple[str, bytes]) -> None:
    name, data = damaged
    d = _damaged_copy(tmp_path, name, data)
    try:
        works, people = read_imdb(d)
    except SourceError as exc:
        assert str(exc).startswith(f"{d / name}:"), exc  # the file and its line
        return
    _check_records(works, people)


@settings(FUZZ, max_examples=80)
@given(data=damaged_dumps())
def test_damaged_dumps_build_an_index_or_none(tmp_path: Path, data: bytes) -> None:
    dump = tmp_path / "dump.json"
    dump.write_bytes(data)
    _builds_or_refuses(dump, tmp_path / "out" / "films.idx")


@settings(FUZZ, max_examples=80)
@given(damaged=damaged_imdb())
def test_damaged_imdb_builds_an_index_or_none(tmp_path: Path, damaged: tuple[str, bytes]) -> None:
    name, data = damaged
    _builds_or_refuses(_damaged_copy(tmp_path, name, data), tmp_path / "out" / "films.idx")


def _damaged_copy(tmp_path: Path, name: str, data: bytes) -> Path:
    """A copy of the IMDb fixture directory (made afresh) with its file ``name`` replaced."""
    d = tmp_path / "imdb"
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(IMDB, d)
    (d / name).write_bytes(data)
    return d


@st.composite
def damaged_archives(draw: st.DrawFn) -> tuple[str, bytes]:
    """The fixture dump gzip- or bzip2-compressed, then cut short or with bytes changed."""
    import bz2
    import gzip

    suffix = draw(st.sampled_from([".json.gz", ".json.bz2"]))
    packed = (gzip.compress if suffix.endswith("gz") else bz2.compress)(WIKIDATA.read_bytes())
    data = bytearray(packed)
    if draw(st.booleans()):
        del data[draw(st.integers(0, len(data) - 1)) :]
    else:
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return suffix, bytes(data)


@FUZZ
@given(damaged=damaged_archives())
def test_damaged_compressed_dumps_are_read_or_refused(
    tmp_path: Path, damaged: tuple[str, bytes]
) -> None:
    suffix, data = damaged
    dump = tmp_path / f"dump{suffix}"
    dump.write_bytes(data)
    try:
        works, people = read_wikidata(dump)
    except SourceError as exc:
        assert str(exc).startswith(f"{dump}:"), exc
        return
    _check_records(works, people)


# --- Resources -----------------------------------------------------------------------------

HUGE = 500 * 1024 * 1024


def _peak_of(call: Any) -> tuple[BaseException | None, int]:
    """The exception ``call()`` raised (None if none) and the peak Python memory it took."""
    tracemalloc.start()
    try:
        call()
    except BaseException as exc:  # noqa: BLE001 - returned for the caller to judge
        return exc, tracemalloc.get_traced_memory()[1]
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return None, peak


def test_an_endless_dump_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    dump = tmp_path / "dump.json"
    with dump.open("wb") as fh:
        fh.write(b"[\n{")
        fh.truncate(HUGE)  # 500 MB without a newline (a sparse file: no disk needed)
    exc, peak = _peak_of(lambda: read_wikidata(dump))
    assert isinstance(exc, SourceError)
    assert str(exc) == (
        f"{dump}:2: line longer than {WIKIDATA_LINE_LIMIT // 2**20} MiB: "
        "not one entity of a Wikidata JSON dump"
    )
    assert peak < 3 * WIKIDATA_LINE_LIMIT


def test_an_endless_compressed_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    d = tmp_path / "imdb"
    shutil.copytree(IMDB, d)
    basics = d / "title.basics.tsv"
    header = basics.read_bytes().split(b"\n")[0] + b"\n"
    basics.unlink()
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip container
    zeros = b"x" * 2**20
    with (d / "title.basics.tsv.gz").open("wb") as fh:
        fh.write(packer.compress(header))
        for _ in range(200):  # 200 MB of one line, 200 kB on disk
            fh.write(packer.compress(zeros))
        fh.write(packer.flush())
    exc, peak = _peak_of(lambda: read_imdb(d))
    assert isinstance(exc, SourceError), exc
    assert str(exc) == (
        f"{d / 'title.basics.tsv.gz'}:2: line longer than {TSV_LINE_LIMIT // 2**20} MiB: "
        "not a row of IMDb's title.basics file"
    )
    assert peak < 3 * WIKIDATA_LINE_LIMIT


@pytest.mark.parametrize(
    "line",
    [
        "[" * 200_000,
        '{"id":"Q1","labels":' * 100_000,
        '{"id":"Q1","claims":{"P31":' + "[" * 100_000,
    ],
)
def test_a_nesting_bomb_is_one_clear_error(tmp_path: Path, line: str) -> None:
    dump = tmp_path / "dump.json"
    dump.write_text(f"[\n{line}\n]\n", encoding="utf-8")
    with pytest.raises(SourceError) as exc:
        read_wikidata(dump)
    assert str(exc.value).startswith(f"{dump}:2: not a Wikidata JSON dump")


# --- The real command line -------------------------------------------------------------------


def _damaged_sources(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """(source, the start of its one error line) for damage the property tests found."""
    dump = tmp_path / "nested.json"
    dump.write_text("[\n" + "[" * 100_000 + "\n]\n", encoding="utf-8")
    yield dump, f"{dump}:2: not a Wikidata JSON dump"
    big = tmp_path / "digits.json"
    lines = WIKIDATA.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"lastrevid":1', '"lastrevid":' + "9" * 5000)
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yield big, f"{big}:2: not a Wikidata JSON dump"
    d = tmp_path / "imdb"
    shutil.copytree(IMDB, d)
    names = d / "name.basics.tsv"
    names.write_bytes(names.read_bytes().replace(b"Lacasse", b"Lacas\xff\xfese"))
    yield d, f"{names}:4: not UTF-8 text"
    years = tmp_path / "imdb-years"
    shutil.copytree(IMDB, years)
    basics = years / "title.basics.tsv"
    basics.write_text(
        basics.read_text(encoding="utf-8").replace("\t2018\t", "\t²⁰¹⁸\t"), encoding="utf-8"
    )
    yield years, f"{basics}:2: malformed row: startYear"


def test_damaged_sources_exit_2_with_one_line_from_the_real_command(tmp_path: Path) -> None:
    out = tmp_path / "out" / "films.idx"
    for source, expected in _damaged_sources(tmp_path):
        proc = run_cli("knowledge", "build", str(source), "-o", str(out))
        assert proc.returncode == 2, (source, proc.stderr)
        lines = proc.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"copylint: error: {expected}"), lines
        assert not out.parent.exists() or list(out.parent.iterdir()) == []
