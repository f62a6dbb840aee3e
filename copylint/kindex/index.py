"""Queries on an index file, opened read-only (nothing is loaded whole).

An index comes from the repository being linted, so it is opened as untrusted
input (docs/security.md): its schema must be exactly the builder's
(:mod:`.schema`), SQLite hands over no value larger than :data:`MAX_VALUE_BYTES`,
no statement runs longer than :data:`STATEMENT_SECONDS`, and every row is checked
for the types its columns hold.  Whatever the file holds, a damaged index is one
:class:`~copylint.errors.DataFileError` naming it, never a hang or a crash.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from ..errors import DataFileError
from ..knowledge.index import _NUMBER_WORDS, _ROMAN
from . import presence, wordlists
from .convert import DamagedRecord, load_entity
from .fileformat import FORMAT_VERSION, is_index_file
from .presence import PresenceFilter
from .schema import check_schema, stored_format
from .symdel import delete_keys, edit_distance
from .wordlists import IndexedWords

#: A word list of the index: read whole, or asked word by word (see :mod:`.wordlists`).
WordList = frozenset[str] | IndexedWords

if TYPE_CHECKING:
    from .records import SourceInfo

#: A stored person: (name, kind, the other fields as JSON or None); see convert.row_entity.
PersonRow = tuple[str, str, str | None]
#: SQLite's default limit on the variables of one statement is 32766; stay well below.
_BATCH = 900
#: Look-ups remembered per table across the documents of a run (then forgotten, so a
#: huge archive's run stays bounded): articles share most of their capitalised words.
MEMO_LIMIT = 100_000
_K = TypeVar("_K", bound=Hashable)
_T = TypeVar("_T")
_V = TypeVar("_V")
_UNSET: Any = object()
_ABSENT = "\x00"  # remembered: no such key
# Leaves out the words that only names of people and characters use.
_NOT_PERSON_ONLY = " AND person_only = 0"
_NUMBER_SPELLINGS = {**_NUMBER_WORDS, **_ROMAN}  # word -> its title key

#: The longest string or blob SQLite hands over (``SQLITE_LIMIT_LENGTH``): twice the
#: largest filter read whole (larger ones are probed in place through ``blobopen``,
#: which this limit does not cover).  The builder's other values are far smaller
#: (a work's JSON: a few KB; a word list in the metadata: under 1 MB); a hostile
#: value of a gigabyte is refused before it is read.
MAX_VALUE_BYTES = 2 * presence.WHOLE_BYTES
#: The metadata is read whole on opening: at most this many characters altogether.
MAX_META_CHARS = 4 * presence.WHOLE_BYTES
#: A statement running longer than this is stopped (a last resort: with the schema
#: checked, the look-ups are key look-ups of milliseconds even at 1M people).
STATEMENT_SECONDS = 30.0
#: SQLite calls the deadline check every this many virtual-machine steps (~1 ms).
_PROGRESS_STEPS = 100_000
#: A title form's works as stored: ids joined by commas (each fits a 64-bit integer).
_WORK_IDS_RE = re.compile(r"[0-9]{1,18}(?:,[0-9]{1,18})*")
#: A count in the metadata.
_COUNT_RE = re.compile(r"[0-9]{1,18}")

# The types a column's values may have (a row is checked against one per column).
_TEXT = (str,)
_TEXT_OR_NULL = (str, type(None))
_INT = (int,)
_INT_OR_NULL = (int, type(None))
_PERSON: tuple[tuple[type, ...], ...] = (_TEXT, _TEXT, _TEXT_OR_NULL)


def _batches(items: Sequence[_T]) -> Iterable[Sequence[_T]]:
    for i in range(0, len(items), _BATCH):
        yield items[i : i + _BATCH]


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[Any, tuple[Any, ...]]:
    """``{key: (value, …)}`` from (key, value) rows, values in row order."""
    out: dict[Any, list[Any]] = {}
    for key, value in rows:
        out.setdefault(key, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


class KnowledgeIndex:
    """A read-only connection to an index file, reopened after a fork."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        if not is_index_file(self.path):
            raise DataFileError(self.path, "not a copylint knowledge index")
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self._sets: dict[str, WordList | None] = {}
        self._memo: dict[str, dict[Any, Any]] = {}
        self._filters: dict[str, PresenceFilter] = {}
        self._deadline = 0.0
        meta = self.meta()
        version = meta.get("format", "")
        if version != str(FORMAT_VERSION):
            self._refuse_format(version)
        self.work_count = self._count(meta, "works")
        self.people_count = self._count(meta, "people")

    def _count(self, meta: dict[str, str], key: str) -> int:
        """A count of the metadata (0 when absent), checked to be one."""
        value = meta.get(key, "0")
        if not _COUNT_RE.fullmatch(value):
            raise DataFileError(self.path, f"damaged index: bad {key} count")
        return int(value)

    @property
    def db(self) -> sqlite3.Connection:
        # A connection must not cross a fork (parallel linting): each process opens its own,
        # and with it the filters probed in place (they read through the connection).
        if self._db is None or self._pid != os.getpid():
            self._db = self._connect()
            self._pid = os.getpid()
            self._filters = {k: f for k, f in self._filters.items() if f.whole}
        return self._db

    def _connect(self) -> sqlite3.Connection:
        """A read-only connection to the file, guarded as untrusted input, whose
        schema is checked to be exactly the builder's (see the module's doc)."""
        uri = Path(self.path).resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise DataFileError(self.path, f"cannot open the index: {exc}") from None
        try:
            self._guard(db)
            problem = check_schema(db)
            version = stored_format(db) if problem is not None else None
        except sqlite3.DatabaseError as exc:
            db.close()
            raise DataFileError(self.path, f"damaged index: {self._reason(exc)}") from None
        if problem is not None:
            db.close()
            if version is not None and version != str(FORMAT_VERSION):
                self._refuse_format(version)  # (another format has other tables)
            raise DataFileError(self.path, f"damaged index: {problem}")
        return db

    def _refuse_format(self, version: str) -> NoReturn:
        """Refuse an index of another format (``version``, as stored): rebuild it."""
        if not _COUNT_RE.fullmatch(version):  # (not a version: not quoted back)
            raise DataFileError(self.path, "damaged index: no format version")
        raise DataFileError(
            self.path,
            f"index format {version} is not {FORMAT_VERSION}: "
            "rebuild it with this copylint (copylint knowledge build)",
        )

    def _guard(self, db: sqlite3.Connection) -> None:
        """Set the limits of a connection to an untrusted file (each is per connection)."""
        db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        # Defence in depth (the schema check leaves no view, trigger or generated
        # column): functions with side effects are never run from the schema.
        db.execute("PRAGMA trusted_schema=OFF")
        db.execute("PRAGMA query_only=1")
        # Damaged B-tree pages are caught as they are read, not when a cell is used
        # (measured: no difference on one article or 300 with the 1M index).
        db.execute("PRAGMA cell_size_check=ON")
        self._deadline = time.monotonic() + STATEMENT_SECONDS
        db.set_progress_handler(self._overdue, _PROGRESS_STEPS)

    def _overdue(self) -> bool:
        """True (stop the statement) once the current statement's time is up."""
        return time.monotonic() > self._deadline

    def _reason(self, exc: sqlite3.Error) -> str:
        """What went wrong, for the one line naming the index."""
        if isinstance(exc, sqlite3.OperationalError) and time.monotonic() > self._deadline:
            return f"a query ran for more than {STATEMENT_SECONDS:g} s"
        return str(exc)

    def __getstate__(self) -> dict[str, object]:
        return {
            "path": self.path,
            "work_count": self.work_count,
            "people_count": self.people_count,
            # (a large list is asked through the receiving process's own connection)
            "_sets": {k: v for k, v in self._sets.items() if not isinstance(v, IndexedWords)},
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._db, self._pid, self._memo, self._filters = None, -1, {}, {}
        self._deadline = 0.0

    def _filter(self, name: str) -> PresenceFilter:
        """The presence filter of a look-up's keys (see :mod:`.presence`): read once, or
        probed where it is stored when it is large (:data:`.presence.WHOLE_BYTES`)."""
        db = self.db  # (a forked process's own, without the parent's filters probed in place)
        found = self._filters.get(name)
        if found is None:
            sql = "SELECT rowid, length(bits) FROM filters WHERE name = ?"
            rows = self._query(sql, (name,), (_INT, _INT))
            if not rows:
                raise DataFileError(self.path, f"damaged index: no {name} filter")
            rowid, size = rows[0]
            try:
                if size > presence.WHOLE_BYTES:
                    bits = db.blobopen("filters", "bits", rowid, readonly=True)
                else:
                    sql = "SELECT bits FROM filters WHERE rowid = ?"
                    bits = self._query(sql, (rowid,), ((bytes,),))[0][0]
                found = self._filters[name] = PresenceFilter(bits)
            except (TypeError, ValueError, sqlite3.Error):
                raise DataFileError(self.path, f"damaged index: bad {name} filter") from None
        return found

    def maybe_present(self, name: str, keys: Sequence[_T]) -> list[_T]:
        """Those of ``keys`` that the presence filter ``name`` may hold (see
        :data:`copylint.kindex.store.FILTERS`): the others are in no row of its look-up."""
        try:
            return self._filter(name).maybe_present(keys)
        except sqlite3.Error as exc:  # (a filter probed in place)
            raise DataFileError(self.path, f"damaged index: {exc}") from None

    def _remembered(
        self,
        table: str,
        keys: Iterable[_K],
        fetch: Callable[[list[_K]], dict[_K, _V]],
        missing: Any,
        present: str | None = None,
    ) -> dict[_K, _V]:
        """``fetch``'s answer for each key (``missing`` where it has none), asking it only
        about keys not looked up before in this run and, with ``present`` (a filter's
        name, see :data:`copylint.kindex.store.FILTERS`), that the filter may hold.

        Performance (issue 16): a run over an archive asks about the same
        words ("The", "Minister", "John Smith") in article after article; the
        answers of a read-only index never change.
        """
        memo: dict[_K, _V] = self._memo.setdefault(table, {})
        keys = keys if isinstance(keys, list) else list(keys)
        try:  # (most calls of a long run: every key remembered, answered in one pass)
            return {key: memo[key] for key in keys}
        except KeyError:
            pass
        out: dict[_K, _V] = {}
        todo: list[_K] = []
        for key in keys:
            value = memo.get(key, _UNSET)
            if value is _UNSET:
                todo.append(key)
            else:
                out[key] = value
        if todo:
            todo = list(dict.fromkeys(todo))
            # (most keys are in no table: ruled out without a statement)
            asked = todo if present is None else self.maybe_present(present, todo)
            found = fetch(asked) if asked else {}
            if len(memo) + len(todo) > MEMO_LIMIT:
                memo.clear()
            for key in todo:
                memo[key] = out[key] = found.get(key, missing)
        return out

    def _query(
        self,
        sql: str,
        args: Sequence[object] = (),
        types: Sequence[tuple[type, ...]] | None = None,
    ) -> list[tuple[Any, ...]]:
        """The rows of ``sql``; with ``types`` (the types each column may have), every
        value is checked to be of one of them (SQLite lets any column hold anything)."""
        db = self.db
        self._deadline = time.monotonic() + STATEMENT_SECONDS
        try:
            rows = db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise DataFileError(self.path, f"damaged index: {self._reason(exc)}") from None
        if types is not None:
            self._check_types(rows, types)
        return rows

    def _check_types(self, rows: list[tuple[Any, ...]], types: Sequence[tuple[type, ...]]) -> None:
        for row in rows:
            for value, allowed in zip(row, types, strict=True):
                if type(value) not in allowed:
                    raise DataFileError(
                        self.path,
                        f"damaged index: a stored {_type_name(type(value))} where "
                        f"{' or '.join(_type_name(t) for t in allowed)} belongs",
                    )

    def _check_work_ids(self, stored: Iterable[str | None]) -> None:
        """Check titles' works as stored ("1,5", or None for a mere prefix) to read as
        ids, which the callers split and convert."""
        for works in stored:
            if works is not None and not _WORK_IDS_RE.fullmatch(works):
                raise DataFileError(self.path, "damaged index: bad work ids of a title")

    def _rows_in(
        self, sql: str, values: Sequence[Any], types: Sequence[tuple[type, ...]] | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` whose ``IN ({marks})`` list is ``values``, asked in batches
        of as many bound parameters as SQLite takes (``types``: see :meth:`_query`)."""
        for batch in _batches(values):
            marks = ",".join("?" * len(batch))
            yield from self._query(sql.replace("{marks}", marks), batch, types)

    def _people(self, rows: Iterable[tuple[Any, ...]]) -> list[PersonRow]:
        """Stored people (name, kind, extra) checked to parse, so a damaged one names this
        file (most have no extra fields: nothing to parse)."""
        out = []
        for row in rows:
            if row[2] is not None:
                try:
                    load_entity(row)
                except DamagedRecord as exc:
                    raise DataFileError(self.path, f"damaged index: {exc}") from None
            out.append(row)
        return out

    # --------------------------------------------------------------- metadata
    def meta(self) -> dict[str, str]:
        """The build's metadata (format, build time, counts, filters): text values,
        together at most :data:`MAX_META_CHARS` long."""
        out: dict[str, str] = {}
        size = 0
        self._deadline = time.monotonic() + STATEMENT_SECONDS
        try:  # (row by row: a hostile table of many large values stops at the limit)
            for row in self.db.execute("SELECT key, value FROM meta"):
                self._check_types([row], (_TEXT, _TEXT))
                size += len(row[0]) + len(row[1])
                if size > MAX_META_CHARS:
                    raise DataFileError(self.path, "damaged index: metadata too large")
                out[row[0]] = row[1]
        except sqlite3.DatabaseError as exc:
            raise DataFileError(self.path, f"damaged index: {self._reason(exc)}") from None
        return out

    def sources(self) -> list[SourceInfo]:
        """The sources the index was built from, with their licences."""
        from .records import SourceInfo  # (the records module is the builder's)

        sql = "SELECT path, format, licence, works, people FROM sources"
        rows = self._query(sql, (), (_TEXT, _TEXT, _TEXT, _INT, _INT))
        return [SourceInfo(*row) for row in rows]

    # ----------------------------------------------------------------- titles
    def first_keys(self) -> WordList | None:
        """Every normalised first word of a title (a word list, see :mod:`.wordlists`, so
        a document's other words need no query), or None when the index lacks it."""
        return self._meta_set("first_keys")

    def first_spellings(self) -> WordList | None:
        """Every case-folded word whose title key (:func:`copylint.knowledge.title_key`)
        is a first key: the keys and the number words and numerals standing for them."""
        if "first_spellings" not in self._sets:
            firsts = self.first_keys()
            self._sets["first_spellings"] = (
                None
                if firsts is None
                else firsts | {w for w, key in _NUMBER_SPELLINGS.items() if key in firsts}
            )
        return self._sets["first_spellings"]

    def _meta_set(self, key: str) -> WordList | None:
        """One of the index's word lists (:data:`.wordlists.LISTS`), made once: read whole
        when small, else asked word by word; None if absent."""
        if key not in self._sets:
            size_key = f"{key}_words"
            sql = "SELECT key, value FROM meta WHERE key IN (?, ?)"
            rows = dict(self._query(sql, (key, size_key), (_TEXT, _TEXT)))
            size = None if size_key not in rows else self._count(rows, size_key)
            found: WordList | None = None
            if size is not None and size > wordlists.WHOLE_WORDS:
                found = IndexedWords(self, key, size)
            elif key in rows:
                found = frozenset(rows[key].split("\n"))
            elif size is not None:  # (stored in the table only)
                sql = "SELECT word FROM wordlists WHERE list = ?"
                found = frozenset(w for (w,) in self._query(sql, (key,), (_TEXT,)))
            self._sets[key] = found
        return self._sets[key]

    def title_prefixes(self, keys: Sequence[str]) -> dict[str, str | None]:
        """For each key that is a title prefix: its works ("1,5"), or None for a mere prefix."""

        def fetch(wanted: list[str]) -> dict[str, str | None]:
            sql = "SELECT key, works FROM forms WHERE key IN ({marks})"
            rows = dict(self._rows_in(sql, wanted, (_TEXT, _TEXT_OR_NULL)))
            self._check_work_ids(rows.values())
            return rows

        found = self._remembered("forms", keys, fetch, _ABSENT, "forms")
        return {k: v for k, v in found.items() if v != _ABSENT}

    def years(self, ids: Iterable[int]) -> dict[int, int]:
        """The year each of these works first came out, where known."""

        def fetch(wanted: list[int]) -> dict[int, int | None]:
            sql = "SELECT id, year FROM works WHERE id IN ({marks})"
            return dict(self._rows_in(sql, wanted, (_INT, _INT_OR_NULL)))

        found = self._remembered("years", ids, fetch, None)
        return {k: v for k, v in found.items() if v is not None}

    def works(self, ids: Iterable[int]) -> list[str]:
        """The stored JSON of these works, in id order (each id is one the index gave:
        a missing work is a damaged index)."""

        def fetch(wanted: list[int]) -> dict[int, str]:
            sql = "SELECT id, data FROM works WHERE id IN ({marks})"
            return dict(self._rows_in(sql, wanted, (_INT, _TEXT)))

        found = self._remembered("works", sorted(set(ids)), fetch, _ABSENT)
        if _ABSENT in found.values():  # (a title or cast row naming no stored work)
            raise DataFileError(self.path, "damaged index: a reference to a missing work")
        return [found[i] for i in sorted(found)]

    def family(self, titles: Iterable[str]) -> list[tuple[int, str]]:
        """(id, title) of works titled one of ``titles`` or part of one of them."""
        wanted = sorted(set(titles))
        out: set[tuple[int, str]] = set()
        for column in ("title", "part_of"):
            sql = f"SELECT id, title FROM works WHERE {column} IN ({{marks}})"
            out.update(self._rows_in(sql, wanted, (_INT, _TEXT)))
        return sorted(out)

    def cast_works(self, names: Sequence[str]) -> dict[int, int]:
        """For works with a cast member among ``names`` (case-folded): how many are named."""

        def fetch(wanted: list[str]) -> dict[str, tuple[int, ...]]:
            sql = "SELECT name, work FROM cast_names WHERE name IN ({marks})"
            return _grouped(self._rows_in(sql, wanted, (_TEXT, _INT)))

        counts: dict[int, int] = {}
        for works in self._remembered("cast", names, fetch, (), "cast").values():
            for work in works:
                counts[work] = counts.get(work, 0) + 1
        return counts

    # ----------------------------------------------------------------- people
    def people_sharing(
        self, firsts: Sequence[str], lasts: Sequence[str], *, both: bool
    ) -> list[PersonRow]:
        """Stored people one of whose names has its first word in ``firsts`` and (``both``)
        or (otherwise) its last word in ``lasts``."""
        select = (
            "SELECT DISTINCT p.name, p.kind, p.extra FROM names n "
            "JOIN people p ON p.id = n.person WHERE "
        )
        rows: set[PersonRow] = set()
        if both:
            for fb in _batches(list(firsts)):
                for lb in _batches(list(lasts)):
                    sql = (
                        f"{select}n.first IN ({','.join('?' * len(fb))}) "
                        f"AND n.last IN ({','.join('?' * len(lb))})"
                    )
                    rows.update(self._people(self._query(sql, [*fb, *lb], _PERSON)))
            return sorted(rows)
        for column, values in (("first", firsts), ("last", lasts)):
            sql = f"{select}n.{column} IN ({{marks}})"
            rows.update(self._people(self._rows_in(sql, list(values), _PERSON)))
        return sorted(rows)

    def people_pairs(
        self, pairs: Iterable[tuple[str, str]], min_credits: int = 0
    ) -> list[PersonRow]:
        """Stored people credited on ``min_credits`` works or more with a name of one of
        these (first, last) word pairs."""
        select = (
            "SELECT q.f, q.l, p.name, p.kind, p.extra FROM q "
            "JOIN names t ON t.first = q.f AND t.last = q.l JOIN people p ON p.id = t.person "
            f"WHERE p.credits >= {int(min_credits)}"
        )

        def fetch(wanted: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[PersonRow, ...]]:
            out: dict[tuple[str, str], list[PersonRow]] = {}
            rows = self._by_pairs(select, wanted, (_TEXT, _TEXT, *_PERSON))
            for f, last, *row in self._people_at(rows, 2):
                out.setdefault((f, last), []).append((row[0], row[1], row[2]))
            return {k: tuple(v) for k, v in out.items()}

        found = self._remembered(f"pairs-{int(min_credits)}", pairs, fetch, (), "pairs")
        return sorted({row for rows in found.values() for row in rows})

    def name_firsts(self) -> WordList | None:
        """The first words (case-folded) of every stored name of a person, character or
        organisation: no (first, last) pair starting otherwise can match one."""
        return self._meta_set("name_firsts")

    def misspelling_firsts(self) -> WordList | None:
        """The first words of every stored misspelling (None for an index without the list)."""
        if "misspelling_firsts-" not in self._sets:
            firsts = self._meta_set("misspelling_firsts")
            self._sets["misspelling_firsts-"] = None if firsts is None else firsts - {""}
        return self._sets["misspelling_firsts-"]

    def misspelt_people(self, words: Sequence[str]) -> list[PersonRow]:
        """Stored people with a known misspelling whose first word is one of ``words``."""
        firsts = self._meta_set("misspelling_firsts")
        if firsts is not None:  # most documents have none of them: no query
            words = [w for w in words if w in firsts]
        sql = (
            "SELECT p.name, p.kind, p.extra FROM misspellings m "
            "JOIN people p ON p.id = m.person WHERE m.first IN ({marks})"
        )
        return sorted(set(self._people(self._rows_in(sql, list(words), _PERSON))))

    def _by_pairs(
        self,
        select: str,
        pairs: Sequence[tuple[str, str]],
        types: Sequence[tuple[type, ...]] | None = None,
    ) -> list[tuple[Any, ...]]:
        """Rows of ``select`` (over ``t`` joined to ``q(f, l)``) for these (first, last)
        pairs (``types``: see :meth:`_query`).

        The pairs are a ``VALUES`` table joined on the (first, last) key, so
        each is one look-up in the clustered index.
        """
        rows: list[tuple[Any, ...]] = []
        flat = sorted(set(pairs))
        for i in range(0, len(flat), _BATCH // 2):
            batch = flat[i : i + _BATCH // 2]
            values = ",".join("(?,?)" for _ in batch)
            args = [x for pair in batch for x in pair]
            rows += self._query(f"WITH q(f, l) AS (VALUES {values}) {select}", args, types)
        return rows

    def _people_at(self, rows: list[tuple[Any, ...]], at: int) -> list[tuple[Any, ...]]:
        """``rows`` whose columns from ``at`` on are a stored person, checked as
        :meth:`_people` does."""
        self._people(row[at : at + 3] for row in rows)
        return rows

    def named(
        self, pairs: Sequence[tuple[str, str]], *, people: bool
    ) -> tuple[list[PersonRow], set[str], set[str]]:
        """People (with ``people``), case-folded characters and organisations having one of
        these (first, last) words: one statement, one look-up per pair and table."""
        select = (
            "SELECT q.f, q.l, 'c', t.name, NULL, NULL FROM q "
            "JOIN characters t ON t.first = q.f AND t.last = q.l UNION ALL "
            "SELECT q.f, q.l, 'o', t.name, NULL, NULL FROM q "
            "JOIN organisations t ON t.first = q.f AND t.last = q.l"
        )
        if people:
            select += (
                " UNION ALL SELECT q.f, q.l, 'p', p.name, p.kind, p.extra FROM q "
                "JOIN names t ON t.first = q.f AND t.last = q.l JOIN people p ON p.id = t.person"
            )

        def fetch(wanted: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[Any, ...]]:
            out: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
            rows = self._by_pairs(select, wanted, (*(_TEXT,) * 4, _TEXT_OR_NULL, _TEXT_OR_NULL))
            # (a person's kind is text: the characters' and organisations' rows have none)
            self._people_at([r for r in rows if r[2] == "p"], 3)
            self._check_types([r[4:5] for r in rows if r[2] == "p"], (_TEXT,))
            for f, last, *row in rows:
                out.setdefault((f, last), []).append(tuple(row))
            return {k: tuple(v) for k, v in out.items()}

        found = self._remembered("named-p" if people else "named", pairs, fetch, (), "pairs")
        people_rows: list[PersonRow] = []
        characters: set[str] = set()
        organisations: set[str] = set()
        for tag, name, kind, extra in (row for rows in found.values() for row in rows):
            if tag == "p":
                people_rows.append((name, kind, extra))
            else:
                (characters if tag == "c" else organisations).add(name)
        return sorted(set(people_rows)), characters, organisations

    def vocabulary(self, folded: Sequence[str] | None = None, *, people: bool = True) -> set[str]:
        """Words of names and titles (as written) whose case-folded form is in ``folded``
        (every word when None); without the words only names of people and characters use
        unless ``people``."""
        only = "" if people else _NOT_PERSON_ONLY
        if folded is None:
            return {
                r[0] for r in self._query(f"SELECT word FROM vocab WHERE 1{only}", (), (_TEXT,))
            }
        found = self._vocab(folded, only)
        return {word for words in found.values() for word in words}

    def known_words(self, folded: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """For each case-folded form, the words of names and titles (as written) it is,
        leaving out the words only names of people and characters use."""
        found = self._vocab(folded, _NOT_PERSON_ONLY)
        return {k: v for k, v in found.items() if v}

    def _vocab(self, folded: Sequence[str], only: str) -> dict[str, tuple[str, ...]]:
        """Case-folded form -> its words, remembered for the run (one memory per ``only``)."""

        def fetch(wanted: list[str]) -> dict[str, tuple[str, ...]]:
            sql = f"SELECT cf, word FROM vocab WHERE cf IN ({{marks}}){only}"
            return _grouped(self._rows_in(sql, wanted, (_TEXT, _TEXT)))

        return self._remembered("vocab" + only, folded, fetch, (), "vocab0" if only else "vocab")

    def _delete_rows(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:

        def fetch(wanted: list[str]) -> dict[str, tuple[str, ...]]:
            sql = "SELECT key, tokens FROM deletes WHERE key IN ({marks})"
            rows = self._rows_in(sql, wanted, (_TEXT, _TEXT))
            return {key: tuple(tokens.split(" ")) for key, tokens in rows}

        found = self._remembered("deletes", keys, fetch, (), "deletes")
        return {k: v for k, v in found.items() if v}

    def known_tokens(self, tokens: Sequence[str]) -> set[str]:
        """Those of ``tokens`` (case-folded) that are some person's first or last name."""

        def fetch(wanted: list[str]) -> dict[str, bool]:
            # A token is a name token when its own delete key lists it; SQLite
            # looks for it in the list (no Python split of every row).
            sql = (
                "SELECT key FROM deletes WHERE key IN ({marks}) "
                "AND instr(' ' || tokens || ' ', ' ' || key || ' ') > 0"
            )
            return {key: True for (key,) in self._rows_in(sql, wanted, (_TEXT,))}

        found = self._remembered("tokens", tokens, fetch, False, "tokens")
        return {t for t, known in found.items() if known}

    def near_tokens(self, token: str, max_edits: int = 1) -> dict[str, int]:
        """Name tokens within ``max_edits`` of ``token`` (case-folded), with their distance."""
        candidates = {
            c for found in self._delete_rows(sorted(delete_keys(token))).values() for c in found
        }
        out = {}
        for candidate in candidates:
            distance = edit_distance(token, candidate)
            if distance <= max_edits:
                out[candidate] = distance
        return out

    def people_with(
        self, firsts: Iterable[str], lasts: Iterable[str]
    ) -> list[tuple[PersonRow, int]]:
        """(stored person, credits) for people named (first in firsts, last in lasts)."""
        fs, ls = sorted(set(firsts)), sorted(set(lasts))
        if not fs or not ls:
            return []
        rows = self._query(
            "SELECT DISTINCT p.name, p.kind, p.extra, p.credits FROM names n "
            "JOIN people p ON p.id = n.person "
            f"WHERE n.first IN ({','.join('?' * len(fs))}) "
            f"AND n.last IN ({','.join('?' * len(ls))}) LIMIT 1000",
            [*fs, *ls],
            (*_PERSON, _INT),
        )
        return [((r[0], r[1], r[2]), r[3]) for r in self._people_at(rows, 0)]

    # ------------------------------------------------- knowledge find (debugging)
    def titles_starting(self, key: str, cap: int) -> list[tuple[str, str]]:
        """(title key, its works "1,5") of at most ``cap`` titles whose words begin with
        the words of ``key`` and go on, in key order (a range of the ``forms`` B-tree)."""
        # Keys continuing ``key`` lie between "key " and "key!" (the next character after
        # the space): one range look-up, never a scan.
        sql = (
            "SELECT key, works FROM forms WHERE key >= ? AND key < ? AND works IS NOT NULL LIMIT ?"
        )
        rows = self._query(sql, (f"{key} ", f"{key}!", int(cap)), (_TEXT, _TEXT))
        self._check_work_ids(works for _, works in rows)
        return [(k, w) for k, w in rows]

    def people_by_token(
        self, tokens: Sequence[str], limit: int, cap: int = 20_000
    ) -> list[tuple[PersonRow, int, str, str]]:
        """(stored person, credits, first, last) of the ``limit`` people with the most
        credits whose first or last name word is one of ``tokens`` (case-folded),
        chosen among at most ``cap`` names read per column (so a common first name
        costs a bounded read)."""
        if not tokens:
            return []
        # (numbered parameters: ?1 the cap, ?2 the limit, then the tokens, used twice)
        marks = ",".join(f"?{i}" for i in range(3, 3 + len(tokens)))
        sql = " UNION ".join(
            "SELECT p.name, p.kind, p.extra, p.credits, n.first, n.last FROM "
            f"(SELECT person, first, last FROM names WHERE {column} IN ({marks}) LIMIT ?1) n "
            "JOIN people p ON p.id = n.person"
            for column in ("first", "last")
        )
        types = (*_PERSON, _INT, _TEXT, _TEXT)
        rows = self._query(f"{sql} ORDER BY 4 DESC, 1 LIMIT ?2", [cap, limit, *tokens], types)
        return [((r[0], r[1], r[2]), r[3], r[4], r[5]) for r in self._people_at(rows, 0)]

    def works_titled_with(self, words: Sequence[str], cap: int) -> list[tuple[str, int]]:
        """(word, work) of at most ``cap`` works one of whose titles has one of ``words``
        (normalised title words, at most :data:`_BATCH`), in word then work order: one
        range of the ``title_words`` B-tree per word, so a common word costs ``cap`` rows."""
        if not words:
            return []
        wanted = list(words)[:_BATCH]
        sql = f"SELECT word, work FROM title_words WHERE word IN ({','.join('?' * len(wanted))})"
        return [
            (w, n) for w, n in self._query(f"{sql} LIMIT ?", [*wanted, int(cap)], (_TEXT, _INT))
        ]

    def works_among_titled_with(
        self, words: Sequence[str], works: Sequence[int]
    ) -> list[tuple[str, int]]:
        """(word, work) of those of ``works`` one of whose titles has one of ``words``
        (at most 100): one key look-up of ``title_words`` per (word, work) pair."""
        wanted = list(words)[:100]
        if not wanted:
            return []
        head = f"SELECT word, work FROM title_words WHERE word IN ({','.join('?' * len(wanted))})"
        out: list[tuple[str, int]] = []
        for batch in _batches(list(works)):
            sql = f"{head} AND work IN ({','.join('?' * len(batch))})"
            out += [(w, n) for w, n in self._query(sql, [*wanted, *batch], (_TEXT, _INT))]
        return out

    def work_titles(self, ids: Iterable[int]) -> dict[int, str]:
        """The main title of each of these works (a missing work: none)."""
        sql = "SELECT id, title FROM works WHERE id IN ({marks})"
        return dict(self._rows_in(sql, sorted(set(ids)), (_INT, _TEXT)))


def _type_name(t: type) -> str:
    """How a stored value's type is named in a message."""
    return {str: "text", int: "integer", bytes: "blob", type(None): "NULL"}.get(t, t.__name__)
