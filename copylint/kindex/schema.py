"""The index file's tables, and the check that an opened file holds exactly them.

An index comes from the repository being linted, so it is untrusted (see
docs/security.md).  SQLite runs whatever the file's schema declares: a ``meta``
that is a VIEW over an endless recursive CTE hangs the first query, a view of
``zeroblob(900000000)`` fills memory, a trigger or a generated column calls
functions.  The builder writes plain tables and indexes only
(:data:`SCHEMA`, :data:`INDEXES`), so on opening an index :func:`check_schema`
compares the file's ``sqlite_schema`` with them, object by object and statement
by statement (whitespace aside), and anything else is a damaged index.  One
statement over a table of some twenty rows: no measurable cost.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE sources(path TEXT, format TEXT, licence TEXT, works INTEGER, people INTEGER);
CREATE TABLE works(id INTEGER PRIMARY KEY, data TEXT NOT NULL, title TEXT NOT NULL,
                   part_of TEXT, year INTEGER);
CREATE TABLE forms(key TEXT PRIMARY KEY, works TEXT) WITHOUT ROWID;
CREATE TABLE cast_names(name TEXT, work INTEGER, PRIMARY KEY (name, work)) WITHOUT ROWID;
CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                    extra TEXT, credits INTEGER NOT NULL);
CREATE TABLE names(first TEXT, last TEXT, person INTEGER,
                   PRIMARY KEY (first, last, person)) WITHOUT ROWID;
CREATE TABLE misspellings(first TEXT, person INTEGER, PRIMARY KEY (first, person)) WITHOUT ROWID;
CREATE TABLE characters(first TEXT, last TEXT, name TEXT,
                        PRIMARY KEY (first, last, name)) WITHOUT ROWID;
CREATE TABLE organisations(first TEXT, last TEXT, name TEXT,
                           PRIMARY KEY (first, last, name)) WITHOUT ROWID;
CREATE TABLE vocab(cf TEXT NOT NULL, word TEXT NOT NULL, person_only INTEGER NOT NULL,
                   PRIMARY KEY (cf, word)) WITHOUT ROWID;
CREATE TABLE deletes(key TEXT PRIMARY KEY, tokens TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE filters(name TEXT PRIMARY KEY, bits BLOB NOT NULL);
CREATE TABLE wordlists(list TEXT, word TEXT, PRIMARY KEY (list, word)) WITHOUT ROWID;
CREATE TABLE title_words(word TEXT, work INTEGER, PRIMARY KEY (word, work)) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX works_title ON works(title);
CREATE INDEX works_part_of ON works(part_of) WHERE part_of IS NOT NULL;
CREATE INDEX names_last ON names(last);
"""

#: (type, name, table) of a statement of SCHEMA or INDEXES.
_CREATE_RE = re.compile(r"CREATE (TABLE|INDEX) (\w+)(?:\(| ON (\w+)\()")
#: The indexes SQLite itself makes for a rowid table's PRIMARY KEY or UNIQUE (no SQL).
_AUTOINDEX_RE = re.compile(r"sqlite_autoindex_(\w+)_\d+")

#: An object of the file's schema: (type, name, table, its statement as normalised).
SchemaRow = tuple[str, str, str, str]


def _normal(sql: str) -> str:
    """A statement with its runs of white space as one space (SQLite keeps the text as
    written, so the same table may be stored with other line breaks)."""
    return " ".join(sql.split())


@cache
def expected_objects() -> frozenset[SchemaRow]:
    """Every table and index the builder writes, as :func:`check_schema` reads them."""
    out = set()
    for statement in (SCHEMA + INDEXES).split(";"):
        sql = _normal(statement)
        if sql:
            match = _CREATE_RE.match(sql)
            assert match is not None, sql  # (the statements above, not data)
            kind, name, table = match.groups()
            out.add((kind.lower(), name, table or name, sql))
    return frozenset(out)


def schema_problem(rows: list[tuple[object, ...]]) -> str | None:
    """What is wrong with a file whose ``sqlite_schema`` has these (type, name,
    tbl_name, sql) rows, or None when it is exactly the builder's."""
    expected = expected_objects()
    tables = {name for kind, name, _, _ in expected if kind == "table"}
    found: set[SchemaRow] = set()
    for kind, name, table, sql in rows:
        if not (isinstance(kind, str) and isinstance(name, str) and isinstance(table, str)):
            return "a schema entry that is not text"
        if sql is None:  # SQLite's own index of a primary key: implied by its table
            auto = _AUTOINDEX_RE.fullmatch(name)
            if kind == "index" and auto is not None and auto.group(1) == table and table in tables:
                continue
            return f"unexpected {kind} {name!r}"
        if not isinstance(sql, str):
            return f"the {kind} {name!r} has no text"
        row = (kind, name, table, _normal(sql))
        if row not in expected:
            if name in tables:  # (say how: a view in place of a table, other columns …)
                what = "other columns" if kind == "table" else f"a {kind}"
                return f"{name!r} is not the builder's table ({what})"
            return f"unexpected {kind} {name!r}"
        found.add(row)
    missing = sorted(name for _, name, _, _ in expected - found)
    return f"missing {', '.join(missing)}" if missing else None


def check_schema(db: sqlite3.Connection) -> str | None:
    """What is wrong with the schema of the index open in ``db`` (None: nothing).

    Reading ``sqlite_schema`` runs nothing the file declares (SQLite parses the
    statements, and would refuse a malformed one with ``sqlite3.DatabaseError``).
    """
    rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    return schema_problem(rows)


def stored_format(db: sqlite3.Connection) -> str | None:
    """The format version recorded in a file whose ``meta`` is the builder's plain
    table (read only then: nothing a hostile schema declares runs), else None.

    An index of another format has other tables: it is told by its version,
    before its schema is compared with this version's, so that it is asked to
    be rebuilt rather than called damaged.
    """
    meta = next((row for row in expected_objects() if row[0] == "table" and row[1] == "meta"), None)
    found = db.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'meta'"
    ).fetchall()
    if meta is None or len(found) != 1 or not isinstance(found[0][0], str):
        return None
    if _normal(found[0][0]) != meta[3]:
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    return row[0] if row is not None and isinstance(row[0], str) else None
