"""The index file: one SQLite database, written once, then opened read-only.

Tables (see :data:`SCHEMA`): works as compact JSON rows loaded one by one;
``forms``, every prefix of every title's normalised words, so a document's
titles are found by walking its capitalised words; ``people`` with their first
and last name tokens; ``characters``; ``vocab``, every word of every name and
title; ``tokens`` and ``deletes``, the symmetric-delete index of name tokens.

The file is written under a temporary name beside the target and renamed into
place only once complete, so a failed build leaves no half-written index.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from ..knowledge import title_key
from .records import SourceInfo
from .symdel import delete_keys

#: "CLKX" in the SQLite header's application id: how an index is told from other files.
APPLICATION_ID = 0x434C4B58
FORMAT_VERSION = 1
_HEADER = b"SQLite format 3\x00"

_TITLE_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # knowledge.py's title words
_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")  # names.py's name words

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE sources(path TEXT, format TEXT, licence TEXT, works INTEGER, people INTEGER);
CREATE TABLE works(id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE forms(key TEXT PRIMARY KEY, works TEXT) WITHOUT ROWID;
CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                    first TEXT NOT NULL, last TEXT NOT NULL, wrong TEXT, credits INTEGER);
CREATE TABLE misspellings(first TEXT NOT NULL, person INTEGER NOT NULL);
CREATE TABLE characters(first TEXT NOT NULL, last TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE vocab(cf TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (cf, word)) WITHOUT ROWID;
CREATE TABLE tokens(id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE);
CREATE TABLE deletes(key TEXT NOT NULL, token INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX people_first ON people(first, last);
CREATE INDEX people_last ON people(last);
CREATE INDEX misspellings_first ON misspellings(first);
CREATE INDEX characters_first ON characters(first, last);
CREATE INDEX deletes_key ON deletes(key);
"""


def is_index_file(path: str | os.PathLike[str]) -> bool:
    """True when the file's content is a copylint index (whatever its name)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(72)
    except OSError:
        return False
    return (
        len(head) == 72
        and head.startswith(_HEADER)
        and int.from_bytes(head[68:72], "big") == APPLICATION_ID
    )


def title_keys(text: str) -> tuple[str, ...]:
    """A title's words, normalised as :func:`copylint.knowledge.title_key` does."""
    return tuple(title_key(w) for w in _TITLE_WORD_RE.findall(text))


def name_parts(name: str) -> tuple[str, str] | None:
    """(first, last) name tokens, case-folded, or None for a name without letters."""
    parts = _NAME_WORD_RE.findall(name)
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
            f"PRAGMA application_id={APPLICATION_ID};"
        )
        self.db.executescript(SCHEMA)
        self._forms: dict[str, list[int]] = {}
        self._vocab: set[str] = set()
        self._tokens: set[str] = set()
        self._characters: set[str] = set()
        self._work_id = 0

    # ------------------------------------------------------------------ works
    def add_work(self, data: str, forms: Iterable[str], words: Iterable[str]) -> None:
        """One work: its stored JSON, its title forms and every word it names."""
        self._work_id += 1
        self.db.execute("INSERT INTO works VALUES (?, ?)", (self._work_id, data))
        for form in forms:
            keys = title_keys(form)
            for n in range(1, len(keys)):
                self._forms.setdefault(" ".join(keys[:n]), [])
            if keys:
                ids = self._forms.setdefault(" ".join(keys), [])
                if not ids or ids[-1] != self._work_id:
                    ids.append(self._work_id)
        self._vocab.update(words)

    def add_character(self, name: str) -> None:
        """A character's name, for telling characters from misspelt people."""
        self._characters.add(name)

    # ----------------------------------------------------------------- people
    def add_people(self, rows: Iterable[tuple[str, str, list[str], int]]) -> None:
        """People and organisations: (name, kind, misspellings, credits)."""
        batch = []
        wrong_rows = []
        for pid, (name, kind, wrong, credits) in enumerate(rows, 1):
            parts = name_parts(name)
            if parts is None:
                continue
            batch.append((pid, name, kind, *parts, json.dumps(wrong) if wrong else None, credits))
            for w in wrong:
                wp = _TITLE_WORD_RE.findall(w)
                if wp:
                    wrong_rows.append((wp[0].casefold(), pid))
            self._vocab.update(_NAME_WORD_RE.findall(name))
            if kind == "person":
                self._tokens.update(parts)
            if len(batch) >= 50_000:
                self.db.executemany("INSERT INTO people VALUES (?,?,?,?,?,?,?)", batch)
                batch.clear()
        self.db.executemany("INSERT INTO people VALUES (?,?,?,?,?,?,?)", batch)
        self.db.executemany("INSERT INTO misspellings VALUES (?,?)", wrong_rows)

    # ----------------------------------------------------------------- finish
    def commit(self, meta: dict[str, str], sources: list[SourceInfo], started: float) -> None:
        """Write the lookup tables and metadata, then move the file into place."""
        db = self.db
        db.executemany(
            "INSERT INTO forms VALUES (?, ?)",
            ((k, ",".join(map(str, v)) if v else None) for k, v in self._forms.items()),
        )
        self._forms.clear()
        db.executemany("INSERT INTO vocab VALUES (?, ?)", ((w.casefold(), w) for w in self._vocab))
        chars = []
        for name in self._characters:
            parts = name_parts(name)
            if parts:
                chars.append((*parts, name.casefold()))
        db.executemany("INSERT INTO characters VALUES (?,?,?)", chars)
        tokens = sorted(self._tokens)
        db.executemany("INSERT INTO tokens VALUES (?, ?)", enumerate(tokens, 1))
        db.executemany(
            "INSERT INTO deletes VALUES (?, ?)",
            ((key, tid) for tid, tok in enumerate(tokens, 1) for key in delete_keys(tok)),
        )
        db.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?)",
            ((s.path, s.format, s.licence, s.works, s.people) for s in sources),
        )
        meta = {**meta, "format": str(FORMAT_VERSION), "works": str(self._work_id)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executescript(INDEXES)
        db.commit()
        db.execute("ANALYZE")
        seconds = f"{time.monotonic() - started:.1f}"
        db.execute("INSERT INTO meta VALUES ('build_seconds', ?)", (seconds,))
        db.commit()
        db.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.target)

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
