"""The index file: one SQLite database, written once, then opened read-only.

Tables (see :data:`SCHEMA`): ``works``, each the model's own dict as compact
JSON, loaded one by one, with its title and ``part_of`` for its family;
``forms``, every prefix of every title's normalised words, so a document's
titles are found by walking its capitalised words; ``cast_names`` (works by
cast member); ``people`` (entities as JSON) found through ``names`` (first and
last tokens of each name and alias) and ``misspellings``; ``characters`` and
``organisations``; ``title_words``, the works by each normalised word of any of
their titles (for ``knowledge find``: a title by an inner word; the lint does not
read it); ``vocab``, every word of every name and title (marked when
it is only a word of people's or characters' names); ``deletes``,
the symmetric-delete index of people's name tokens (each key with the tokens
it stands for); ``filters``, a presence filter of each look-up's keys
(:data:`FILTERS`, :mod:`.presence`); ``wordlists``, the words of each list of
:data:`.wordlists.LISTS` (first words of titles, names and misspellings).  Tables
are clustered on their look-up keys (``WITHOUT ROWID``), so a look-up reads one
B-tree and no separate index.

The file is written under a temporary name beside the target and renamed into
place only once complete, so a failed build leaves no half-written index.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from ..knowledge import Entity, Work, title_key
from .convert import dumps
from .fileformat import APPLICATION_ID, FORMAT_VERSION, is_index_file  # noqa: F401 - re-exported
from .presence import build, encode
from .records import SourceInfo
from .scan import NAME_WORD_RE
from .scan import TITLE_WORD_RE as _TITLE_WORD_RE  # (knowledge.index's title words)
from .schema import INDEXES, SCHEMA
from .symdel import delete_keys
from .wordlists import LISTS, WHOLE_WORDS, stored_words

#: The page cache while writing (KiB): the lookup tables' B-trees stay in memory.
_CACHE_KIB = 256 * 1024

#: The presence filter of each look-up (see :mod:`.presence`): the query giving every
#: key the look-up can find, as one column or a (first, last) pair.  A filter must
#: hold every key its look-up's query can return a row for.
FILTERS = {
    "forms": "SELECT key FROM forms",
    "cast": "SELECT DISTINCT name FROM cast_names",
    "pairs": (
        "SELECT first, last FROM names UNION ALL SELECT first, last FROM characters "
        "UNION ALL SELECT first, last FROM organisations"
    ),
    "vocab": "SELECT DISTINCT cf FROM vocab",
    "vocab0": "SELECT DISTINCT cf FROM vocab WHERE person_only = 0",
    "tokens": ("SELECT key FROM deletes WHERE instr(' ' || tokens || ' ', ' ' || key || ' ') > 0"),
    "deletes": "SELECT key FROM deletes",
    **{name: f"SELECT word FROM wordlists WHERE list = '{name}'" for name in LISTS},
}


#: An entity's fields after its name and kind when it has nothing more (see add_people).
_PLAIN = Entity("", "")[2:]


def title_keys(text: str) -> tuple[str, ...]:
    """A title's words, normalised as :func:`copylint.knowledge.title_key` does."""
    return tuple(title_key(w) for w in _TITLE_WORD_RE.findall(text))


def name_parts(name: str) -> tuple[str, str] | None:
    """(first, last) name tokens, case-folded, or None for a name without letters."""
    parts = NAME_WORD_RE.findall(name)
    if not parts:
        return None
    return parts[0].casefold(), parts[-1].casefold()


class IndexWriter:
    """Writes an index to a temporary file; :meth:`commit` moves it into place."""

    def __init__(self, target: Path) -> None:
        self.target = target
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;"
            # Performance (issue 16): rows go in unsorted and SQLite orders them
            # in its page cache (in C), which beats sorting them in Python first.
            f"PRAGMA cache_size=-{_CACHE_KIB}; PRAGMA temp_store=MEMORY;"
            f"PRAGMA application_id={APPLICATION_ID};"
        )
        self.db.executescript(SCHEMA)
        self._forms: dict[str, list[int]] = {}
        self._vocab: set[str] = set()  # words of titles, characters, organisations …
        self._person_words: set[str] = set()  # words of people's names
        self._tokens: set[str] = set()
        self._characters: set[str] = set()
        self._organisations: set[str] = set()
        self.people = 0
        self._work_id = 0
        self._works: list[tuple[int, str, str, str | None, int | None]] = []
        self._title_words: list[tuple[str, int]] = []
        self._cast: list[tuple[str, int]] = []
        self._names: list[tuple[str, str, int]] = []
        self._misspellings: list[tuple[str, int]] = []

    # ------------------------------------------------------------------ works
    def add_work(self, work: Work, year: int | None, *, by_title: bool = True) -> None:
        """One work (first out in ``year``): stored whole, found by its title forms
        (unless not ``by_title``), its cast and its family."""
        self._work_id += 1
        wid = self._work_id
        self._works.append((wid, dumps(work.to_dict()), work.title, work.part_of, year))
        if len(self._works) >= 20_000:
            self._flush_works()
        forms = (work.title, *work.aliases, *work.former_titles) if by_title else ()
        keyed = [(form, title_keys(form)) for form in forms]
        self._add_title_words(wid, [keys for _, keys in keyed])
        for form, keys in keyed:
            for n in range(1, len(keys)):
                self._forms.setdefault(" ".join(keys[:n]), [])
            if keys:
                ids = self._forms.setdefault(" ".join(keys), [])
                if not ids or ids[-1] != wid:
                    ids.append(wid)
            self._vocab.update(_TITLE_WORD_RE.findall(form))
        cast = {c.name for c in work.credits if c.role == "actor" and len(c.name.split()) >= 2}
        self._cast.extend((n.casefold(), wid) for n in cast)
        # Names and characters recur from work to work: their words are added
        # once each, from the people (add_people) and in commit().
        self._characters.update(c.character for c in work.credits if c.character)
        for org in (work.studio, *work.networks):
            if org:
                self._organisations.add(org)
        for acronym, expansion in work.acronyms:
            self._vocab.add(acronym)
            self._vocab.update(_TITLE_WORD_RE.findall(expansion))

    def _add_title_words(self, wid: int, titles: list[tuple[str, ...]]) -> None:
        """The work under each distinct normalised word of its titles (``title_words``),
        each title given as its :func:`title_keys`."""
        words = {key for keys in titles for key in keys}
        self._title_words.extend((word, wid) for word in words)

    def _flush_works(self) -> None:
        """Write the works and title words gathered so far (bounded memory)."""
        self.db.executemany("INSERT INTO works VALUES (?, ?, ?, ?, ?)", self._works)
        self.db.executemany("INSERT INTO title_words VALUES (?, ?)", self._title_words)
        self._works.clear()
        self._title_words.clear()

    # ----------------------------------------------------------------- people
    def add_people(self, rows: Iterable[tuple[Entity, int]]) -> None:
        """People and organisations, each with the number of works crediting them."""
        batch: list[tuple[int, str, str, str | None, int]] = []
        name_rows: list[tuple[str, str, int]] = []
        wrong_rows: list[tuple[str, int]] = []
        for entity, credits in rows:
            self.people += 1
            pid = self.people
            extra = None
            if entity[2:] != _PLAIN:  # most imported people have a name and nothing else
                fields = {k: v for k, v in entity.to_dict().items() if k not in ("name", "kind")}
                extra = dumps(fields) if any(fields.values()) else None
            batch.append((pid, entity.name, entity.kind, extra, credits))
            vocab = self._person_words if entity.kind == "person" else self._vocab
            for name in (entity.name, *entity.aliases):
                parts = name_parts(name)
                if parts is not None:
                    name_rows.append((*parts, pid))
                vocab.update(_TITLE_WORD_RE.findall(name))
            for wrong in entity.misspellings:
                words = _TITLE_WORD_RE.findall(wrong)
                if words:
                    wrong_rows.append((words[0].casefold(), pid))
            if entity.kind == "person":
                parts = name_parts(entity.name)
                if parts is not None:
                    self._tokens.update(parts)
            if len(batch) >= 50_000:
                self.db.executemany("INSERT INTO people VALUES (?,?,?,?,?)", batch)
                batch.clear()
        self.db.executemany("INSERT INTO people VALUES (?,?,?,?,?)", batch)
        self._names.extend(name_rows)
        self._misspellings.extend(wrong_rows)

    # ----------------------------------------------------------------- finish
    def commit(self, meta: dict[str, str], sources: list[SourceInfo], started: float) -> None:
        """Write the lookup tables and metadata, then move the file into place."""
        db = self.db
        self._flush_works()
        db.executemany("INSERT OR IGNORE INTO cast_names VALUES (?, ?)", self._cast)
        db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", self._names)
        db.executemany("INSERT OR IGNORE INTO misspellings VALUES (?,?)", self._misspellings)
        self._misspelling_firsts = sorted({f for f, _ in self._misspellings})
        name_firsts = {f for f, _, _ in self._names}
        self._cast, self._names, self._misspellings = [], [], []
        db.executemany(
            "INSERT INTO forms VALUES (?, ?)",
            ((k, ",".join(map(str, v)) if v else None) for k, v in self._forms.items()),
        )
        self._forms_firsts = [k for k in self._forms if " " not in k]
        self._forms.clear()
        for table, names in (
            ("characters", self._characters),
            ("organisations", self._organisations),
        ):
            named: list[tuple[str, str, str]] = []
            # Characters' names are names of people too (in the story): their
            # words are marked like people's, organisations' are not.
            vocab = self._person_words if table == "characters" else self._vocab
            for name in names:
                vocab.update(_TITLE_WORD_RE.findall(name))
                parts = name_parts(name)
                if parts:
                    named.append((*parts, name if table == "organisations" else name.casefold()))
                    name_firsts.add(parts[0])
            db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?,?,?)", named)
        db.executemany(
            "INSERT INTO vocab VALUES (?, ?, 0)", ((w.casefold(), w) for w in self._vocab)
        )
        db.executemany(
            "INSERT INTO vocab VALUES (?, ?, 1)",
            ((w.casefold(), w) for w in self._person_words - self._vocab),
        )
        # Each token under each of its keys; SQLite groups them (sorting in C).
        db.execute("CREATE TEMP TABLE token_keys(key TEXT, token TEXT)")
        db.executemany(
            "INSERT INTO token_keys VALUES (?, ?)",
            ((key, token) for token in self._tokens for key in delete_keys(token)),
        )
        # (ordered within a key too: the same sources make the same file, whatever
        # order Python's sets gave the tokens in)
        db.execute(
            "INSERT INTO deletes SELECT key, group_concat(token, ' ') FROM "
            "(SELECT key, token FROM token_keys ORDER BY key, token) GROUP BY key ORDER BY key"
        )
        db.execute("DROP TABLE token_keys")
        db.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?)",
            ((s.path, s.format, s.licence, s.works, s.people) for s in sources),
        )
        firsts = sorted({k.partition(" ")[0] for k in self._forms_firsts})
        meta = {**meta, "format": str(FORMAT_VERSION), "works": str(self._work_id)}
        lists = {
            "first_keys": firsts,
            "misspelling_firsts": self._misspelling_firsts,
            "name_firsts": sorted(name_firsts),
        }
        for name, words in lists.items():
            # Every list in an exact table; a small one also whole in the metadata
            # (read at once), a large one asked word by word (see wordlists.py).
            stored = stored_words(words)
            db.executemany("INSERT INTO wordlists VALUES (?, ?)", ((name, w) for w in stored))
            meta[f"{name}_words"] = str(len(stored))
            if len(stored) <= WHOLE_WORDS:
                meta[name] = "\n".join(words)
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executescript(INDEXES)
        self._write_filters()
        db.commit()
        seconds = f"{time.monotonic() - started:.1f}"
        db.execute("INSERT INTO meta VALUES ('build_seconds', ?)", (seconds,))
        db.commit()
        db.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.target)

    def _write_filters(self) -> None:
        """A presence filter of each look-up's keys (see :data:`FILTERS`)."""
        for name, sql in FILTERS.items():
            (count,) = self.db.execute(f"SELECT count(*) FROM ({sql})").fetchone()
            keys = (encode(row[0] if len(row) == 1 else row) for row in self.db.execute(sql))
            self.db.execute("INSERT INTO filters VALUES (?, ?)", (name, build(keys, count)))

    def abort(self) -> None:
        """Drop the temporary file (a failed build leaves nothing behind)."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()


def source_rows(infos: Iterable[SourceInfo]) -> Iterator[dict[str, object]]:
    """Sources as plain dicts (for JSON output)."""
    for info in infos:
        yield asdict(info)
