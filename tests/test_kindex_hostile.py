"""A knowledge index from an untrusted repository: whatever the file holds, copylint ends
with findings or with one line naming the file and exit 2, in bounded time and memory.

Each hostile index is a real index built from the fixtures by the real command
line, then tampered with through sqlite3; each run is a real ``copylint``
process (issue 16, docs/security.md).
"""

from __future__ import annotations

import contextlib
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from copylint.errors import DataFileError
from copylint.kindex import index as kindex

from .conftest import FIXTURES, MI_KNOWLEDGE, clean_env, copylint_command

#: An article naming the fixtures' works and people (some misspelt), so a lint asks
#: the index about titles, works, cast, people, names and their words.
ARTICLE = """\
Night of the Long Rivers (2018) stars Priya Castellanos as Marta Quill, with Jonas
Whitcome as Henrik Dale. Anneliese Marchetti directed it from a script by Declan
Oyelaran; Haruki Lindqvist wrote the score. The Copper Orchard returns with Rhodri
Vance. Tom Cruise starred in Mission: Impossible, directed by Brian De Palma.
"""
#: Longest a run may take, hostile or not (a hang is killed at KILL_SECONDS).
MAX_SECONDS = 30.0
KILL_SECONDS = 90.0
#: Peak memory a hostile index may add to a good index's run.
MAX_EXTRA_RSS_MB = 40


#: Runs copylint's command line in this process, then writes the process's own peak
#: RSS (VmHWM, in kB) to the file named first: ``ru_maxrss`` would count the memory
#: of the test process it was forked from.
_MEASURED = """
import atexit, runpy, sys
def peak(path=sys.argv[1]):
    with open("/proc/self/status") as fh:
        kb = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    with open(path, "w") as fh:
        fh.write(kb)
atexit.register(peak)
sys.argv = ["copylint", *sys.argv[2:]]
runpy.run_module("copylint", run_name="__main__", alter_sys=True)
"""


@dataclass
class Run:
    """A finished copylint process: exit code, output, wall time and peak RSS."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float


def run_copylint(*args: str, cwd: Path) -> Run:
    """Run the real command line in a process of its own (killed after KILL_SECONDS,
    which then fails the test), measuring its wall time and peak RSS."""
    peak = cwd / "peak-rss"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(peak), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=KILL_SECONDS,
    )
    seconds = time.monotonic() - started
    rss = int(peak.read_text()) / 1024 if peak.exists() else 0.0
    return Run(done.returncode, done.stdout, done.stderr, seconds, rss)


@pytest.fixture(scope="module")
def good_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real index, built by the real command line from the fixtures."""
    out = tmp_path_factory.mktemp("kindex") / "good.idx"
    sources = [FIXTURES / "kindex" / "imdb", FIXTURES / "kindex" / "wikidata" / "dump.json"]
    done = subprocess.run(
        [*copylint_command(), "knowledge", "build", *map(str, sources), str(MI_KNOWLEDGE)]
        + ["-o", str(out)],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def baseline(good_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The good index's run: findings (it names misspelt people), no error."""
    work = tmp_path_factory.mktemp("article")
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run = lint(good_index, work)
    assert run.returncode == 1, run.stderr
    assert "Whitcombe" in run.stdout  # the index was asked: a misspelt name it knows
    return run


def lint(index: Path, cwd: Path, *options: str) -> Run:
    """Lint the article in ``cwd`` with ``index`` as its only knowledge."""
    if not (cwd / "article.txt").exists():
        (cwd / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return run_copylint(
        "--isolated", "--no-cache", *options, "-k", str(index), "article.txt", cwd=cwd
    )


def tampered(good: Path, tmp_path: Path, *statements: str) -> Path:
    """A copy of the good index with these SQL statements run on it."""
    path = tmp_path / "evil.idx"
    shutil.copy(good, path)
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()
    return path


def assert_damaged(run: Run, index: Path, *reason: str) -> None:
    """Exit 2 with one line on stderr naming the index as damaged, no traceback."""
    assert run.returncode == 2, (run.returncode, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"copylint: error: {index}: damaged index: "), lines[0]
    for words in reason:
        assert words in lines[0], lines[0]
    assert "Traceback" not in run.stderr


# ----------------------------------------------------------------- the schema
SCHEMA_CASES = {
    # a view of the same columns in place of a table
    "view-for-table": (
        "ALTER TABLE meta RENAME TO m2",
        "CREATE VIEW meta(key, value) AS SELECT key, value FROM m2",
    ),
    # a trigger (it could only fire on writes, but is no part of the format)
    "trigger": ("CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END",),
    # a table with other columns
    "other-columns": (
        "DROP TABLE forms",
        "CREATE TABLE forms(key TEXT PRIMARY KEY, works TEXT, more TEXT) WITHOUT ROWID",
    ),
    # a generated column computing a gigabyte from nothing
    "generated-column": (
        "DROP TABLE deletes",
        "CREATE TABLE deletes(key TEXT PRIMARY KEY, tokens TEXT GENERATED ALWAYS AS "
        "(zeroblob(900000000)) VIRTUAL) WITHOUT ROWID",
    ),
    # a missing table
    "missing-table": ("DROP TABLE vocab",),
    # an extra index (the planner would use it; nothing the builder writes)
    "extra-index": ("CREATE INDEX evil ON people(name)",),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_objects_other_than_the_builders_tables_are_refused(
    case: str, good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    index = tampered(good_index, tmp_path, *SCHEMA_CASES[case])
    assert_damaged(lint(index, tmp_path), index)


#: ``meta`` as a VIEW over an endless recursive CTE: the first query never ends.
RECURSIVE_VIEW = (
    "DROP TABLE meta",
    "CREATE VIEW meta(key, value) AS WITH RECURSIVE c(x) AS "
    "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'k' || x, 'v' FROM c",
)


def test_a_recursive_view_does_not_hang(good_index: Path, baseline: Run, tmp_path: Path) -> None:
    """The probe of the issue: ``meta`` as a VIEW over an endless recursive CTE."""
    index = tampered(good_index, tmp_path, *RECURSIVE_VIEW)
    run = lint(index, tmp_path)
    assert run.seconds < MAX_SECONDS, run.seconds
    assert_damaged(run, index, "view")


def test_a_huge_value_is_refused_before_it_is_read(
    good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    """A 48 MB value in a plain table (a view's zeroblob needs none on disk; this one is
    really stored): refused by SQLite's length limit, without reading it."""
    size = 48 * 2**20
    index = tampered(
        good_index,
        tmp_path,
        f"UPDATE meta SET value = hex(zeroblob({size // 2})) WHERE key = 'built'",
    )
    run = lint(index, tmp_path)
    assert_damaged(run, index, "too big")
    assert run.max_rss_mb < baseline.max_rss_mb + MAX_EXTRA_RSS_MB, (run.max_rss_mb, baseline)


def test_a_huge_value_in_a_row_read_per_article_is_refused(
    good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    """The same in a stored work, read only when the article names it."""
    size = 48 * 2**20
    index = tampered(
        good_index,
        tmp_path,
        f"UPDATE works SET data = hex(zeroblob({size // 2})) "
        "WHERE title = 'Night of the Long Rivers'",
    )
    run = lint(index, tmp_path)
    assert_damaged(run, index, "too big")
    assert run.max_rss_mb < baseline.max_rss_mb + MAX_EXTRA_RSS_MB, (run.max_rss_mb, baseline)


# ------------------------------------------------------------- the metadata
META_CASES = {
    "count-not-a-number": "UPDATE meta SET value = 'lots' WHERE key = 'works'",
    "count-negative": "UPDATE meta SET value = '-5' WHERE key = 'people'",
    "count-huge": "UPDATE meta SET value = '9' || hex(zeroblob(3000)) WHERE key = 'works'",
    "list-null": "UPDATE meta SET value = NULL WHERE key = 'first_keys'",
    "list-blob": "UPDATE meta SET value = x'00ff' WHERE key = 'name_firsts'",
    "list-size-not-a-number": "UPDATE meta SET value = 'many' WHERE key = 'first_keys_words'",
    "key-blob": "INSERT INTO meta VALUES (x'07', 'x')",
}


# ----------------------------------------------------------- the stored rows
#: Each changes a cell the article's run reads (a column's affinity would turn an
#: integer into text, so wrong types are blobs, reals or text in integer columns).
ROW_CASES = {
    "work-not-json": "UPDATE works SET data = '{\"title\": ' WHERE year = 2018",
    "work-json-array": "UPDATE works SET data = '[1, 2]' WHERE year = 2018",
    "work-title-integer": "UPDATE works SET data = '{\"title\": 5}' WHERE year = 2018",
    "work-bad-credit": (
        "UPDATE works SET data = json_set(data, '$.credits', json('[[1, 2, 3, 4]]')) "
        "WHERE year = 2018"
    ),
    "work-bad-date": (
        "UPDATE works SET data = json_set(data, '$.releases[0].date', '2018-13-45') "
        "WHERE year = 2018"
    ),
    "work-bad-precision": (
        "UPDATE works SET data = json_set(data, '$.releases[0].precision', 'century') "
        "WHERE year = 2018"
    ),
    "work-deep-json": f"UPDATE works SET data = '{'[' * 100_000}' WHERE year = 2018",
    "work-data-blob": "UPDATE works SET data = x'7b7d' WHERE year = 2018",
    "work-id-text": "UPDATE forms SET works = 'one' WHERE works IS NOT NULL",
    "work-id-missing": "UPDATE forms SET works = '999' WHERE works IS NOT NULL",
    "work-ids-huge": "UPDATE forms SET works = '1' || hex(zeroblob(3000)) WHERE works IS NOT NULL",
    "person-extra-not-json": "UPDATE people SET extra = '{' WHERE name = 'Tom Cruise'",
    "person-extra-wrong-field": (
        "UPDATE people SET extra = '{\"aliases\": [1]}' WHERE name = 'Tom Cruise'"
    ),
    "person-name-blob": "UPDATE people SET name = x'00' WHERE name = 'Jonas Whitcombe'",
    "filter-text": "UPDATE filters SET bits = 'abc' WHERE name = 'forms'",
    "filter-bad-size": "UPDATE filters SET bits = x'00ff00' WHERE name = 'pairs'",
    "vocab-blob": "UPDATE vocab SET word = x'00' WHERE cf = 'rivers'",
    "character-blob": "UPDATE characters SET name = x'00' WHERE last = 'quill'",
}


@pytest.mark.parametrize("case", sorted({**META_CASES, **ROW_CASES}))
def test_bad_metadata_or_garbage_in_stored_rows_is_a_damaged_index(
    case: str, good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    index = tampered(good_index, tmp_path, {**META_CASES, **ROW_CASES}[case])
    assert_damaged(lint(index, tmp_path), index)


def test_corrupt_pages_are_a_damaged_index(good_index: Path, baseline: Run, tmp_path: Path) -> None:
    index = tmp_path / "evil.idx"
    data = bytearray(good_index.read_bytes())
    for i in range(4096 * 3, len(data), 997):  # (the header and first pages kept)
        data[i] ^= 0x5A
    index.write_bytes(bytes(data))
    run = lint(index, tmp_path)
    assert run.seconds < MAX_SECONDS
    assert_damaged(run, index)


# ----------------------------------------------------------- the other ways in
@pytest.mark.parametrize(
    "case", ["view-for-table", "list-null", "person-extra-not-json", "work-not-json"]
)
def test_knowledge_info_and_find_on_a_hostile_index(
    case: str, good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    cases = {**SCHEMA_CASES, **{k: (v,) for k, v in {**META_CASES, **ROW_CASES}.items()}}
    index = tampered(good_index, tmp_path, *cases[case])
    runs = [
        run_copylint("knowledge", "find", str(index), "Tom Cruse", cwd=tmp_path),
        run_copylint("knowledge", "info", str(index), cwd=tmp_path),
    ]
    if case.startswith("work"):  # (a title's works are read by find itself)
        runs[0] = run_copylint("knowledge", "find", str(index), "Night of the", cwd=tmp_path)
    if case.startswith(("person", "work")):  # (info reads no row: it is right to answer)
        assert runs[1].returncode == 0, runs[1].stderr
        runs = runs[:1]
    for run in runs:
        assert_damaged(run, index)


def test_find_skips_a_person_whose_name_has_no_words(
    good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    """A names row pointing at a person named "123" (no name words) is no internal
    error: the name is left out of the people found by first and last name."""
    index = tampered(
        good_index, tmp_path, "UPDATE people SET name = '123' WHERE name = 'Tom Cruise'"
    )
    run = run_copylint("knowledge", "find", str(index), "Tom Cruse", cwd=tmp_path)
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    # (the person is still found by the query being one of its listed misspellings)
    assert run.returncode == 0, run.stderr
    assert "a listed misspelling of this name" in run.stdout


def test_a_hostile_index_in_parallel_workers(
    good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    """Workers open their own connection (after a fork): the same checks, the same line."""
    index = tampered(good_index, tmp_path, ROW_CASES["work-not-json"])
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    run = run_copylint(
        "--isolated",
        "--no-cache",
        "-j",
        "2",
        "-k",
        str(index),
        "a.txt",
        "b.txt",
        "c.txt",
        cwd=tmp_path,
    )
    assert_damaged(run, index)


def test_a_statement_over_its_time_is_stopped(
    good_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last resort: SQLite's progress handler stops a statement that runs too long
    (here any statement: no time allowed, checked at every step)."""
    monkeypatch.setattr(kindex, "STATEMENT_SECONDS", -1.0)
    monkeypatch.setattr(kindex, "_PROGRESS_STEPS", 1)
    with pytest.raises(DataFileError, match=r"damaged index: a query ran for more than -1 s"):
        kindex.KnowledgeIndex(good_index)


# ----------------------------------------------------------- property test
def _mutations(rng: random.Random) -> list[object]:
    """Values a cell may be replaced with: other types, NULL, long strings, JSON junk."""
    return [
        None,
        rng.randint(-(2**63), 2**63 - 1),
        rng.random() * 1e300,
        b"\x00\xff" * rng.randint(1, 50),
        "",
        " ",
        "x" * rng.randint(1, 200_000),
        "\n".join(f"w{i}" for i in range(rng.randint(1, 2000))),
        "1," * rng.randint(1, 1000),
        "{}",
        "[]",
        '{"title": null}',
        '{"aliases": "Tom"}',
        "Tom Cruise",
        "\u202e\x1b[31m",
    ]


def _mutate(good: Path, path: Path, rng: random.Random, table: str) -> None:
    """Replace a few cells of ``table`` and of two other tables with random values (in
    half the cases, of an index claiming to be large: then other look-ups run)."""
    shutil.copy(good, path)
    db = sqlite3.connect(path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    if rng.random() < 0.5:  # a base that claims to be large: the look-ups that need evidence
        db.execute("UPDATE meta SET value = '500000' WHERE key = 'people'")
    for name in (table, *rng.sample(tables, 2)):
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
        for _ in range(3):
            column = rng.choice(columns)
            value = rng.choice(_mutations(rng))
            keys = db.execute(f"SELECT * FROM {name} ORDER BY random() LIMIT 1").fetchone()
            if keys is None:
                continue
            where = " AND ".join(f"{c} IS ?" for c in columns)
            with contextlib.suppress(sqlite3.IntegrityError):  # (NOT NULL, repeated key)
                db.execute(f"UPDATE {name} SET {column} = ? WHERE {where}", (value, *keys))
    db.commit()
    db.close()


TABLES = [
    "meta", "sources", "works", "forms", "cast_names", "people", "names", "misspellings",
    "characters", "organisations", "vocab", "deletes", "filters", "wordlists",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(len(TABLES) * 2))
def test_random_cells_never_crash(
    seed: int, good_index: Path, baseline: Run, tmp_path: Path
) -> None:
    """Whatever a few cells hold, a run ends with findings or one clear line: exit 0, 1
    or 2 (never 3, never a traceback), in bounded time."""
    rng = random.Random(seed)
    index = tmp_path / "mutated.idx"
    _mutate(good_index, index, rng, TABLES[seed % len(TABLES)])
    run = lint(index, tmp_path)
    assert run.returncode in (0, 1, 2), run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.seconds < MAX_SECONDS
    if run.returncode == 2:  # one short line naming the file
        (line,) = run.stderr.strip().splitlines()
        assert line.startswith(f"copylint: error: {index}: ") and len(line) < 300, line


def test_the_language_server_reports_a_hostile_index_and_goes_on(
    good_index: Path, tmp_path: Path
) -> None:
    """A repository's ``copylint.toml`` naming a hostile index, in the real language
    server over stdio: one message naming the file, no diagnostics, the server goes on.
    (Not the recursive view: a server that regressed would outlive the test, growing.)"""
    pytest.importorskip("pygls", reason="the language server needs the copylint[lsp] extra")
    from .test_lsp import Editor, run_session

    tampered(good_index, tmp_path, META_CASES["list-null"])
    (tmp_path / "copylint.toml").write_text('knowledge = ["evil.idx"]\n', encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    async def body(ed: Editor) -> tuple[list[object], list[str]]:
        found = await ed.diagnostics(ed.open(path), 1)
        return found, ed.messages

    started = time.monotonic()
    (found, messages), _, rc = run_session(tmp_path, body)
    assert time.monotonic() - started < MAX_SECONDS
    assert list(found) == []
    assert any("evil.idx: damaged index:" in m for m in messages), messages
    assert rc == 0


def test_an_audit_records_a_damaged_index_not_an_internal_error(
    good_index: Path, tmp_path: Path
) -> None:
    """``copylint audit`` (a worker process of its own): a file that meets a damaged row
    fails with the index's line, not as a bug; the other files are linted."""
    index = tampered(good_index, tmp_path, ROW_CASES["work-json-array"])
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "names-the-work.txt").write_text(ARTICLE, encoding="utf-8")
    (archive / "plain.txt").write_text("The weather was fine on Tuesday.\n", encoding="utf-8")
    run = run_copylint(
        *("audit", "archive", "-o", "out", "--workers", "1", "--isolated", "--no-progress"),
        *("-k", str(index)),
        cwd=tmp_path,
    )
    report = run.stdout + run.stderr
    assert run.seconds < MAX_SECONDS * 2
    assert "2 files" in report and "1 failed" in report, report
    assert f"names-the-work.txt: {index}: damaged index: a stored work: not an object" in report
    assert "internal error" not in report and "Traceback" not in report, report
