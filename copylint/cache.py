"""The result cache: unchanged files under unchanged settings are not linted again.

Like ruff's cache, an entry is valid only for the exact inputs that produced
it.  Its key hashes

* the file's raw bytes (``SourceText.sha256``), its absolute path (format
  adapters and per-file ignores depend on it) and the ``--encoding`` asked for;
* a *fingerprint* of everything else that shapes the result: the copylint
  version, a stamp of copylint's own source files (so a development checkout
  never serves results of older rule code), the resolved settings, and the
  contents of the built-in and user rule packs and of the knowledge files.

Entries are small JSON files under ``<cache dir>/<version>/<key[:2]>/<key>.json``,
written atomically (temporary file + rename), so concurrent runs and workers
never see half an entry.  An entry that cannot be read or parsed is a miss,
never an error.  Diagnostics are stored without their path, which is filled in
again on reading, so the report names the file as the user spelled it.

The cache usually sits inside the repository being linted, which is untrusted
(docs/security.md): it may be committed, shared or crafted.  So

* every entry carries a tag under the user's secret key
  (:mod:`copylint.userkey`), bound to its key; an entry that does not verify
  (committed, copied from another file's slot, written by someone else) is a
  miss, and entries are checked field by field when decoded;
* nothing inside the cache is followed if it is a symbolic link: the root is
  refused if it is one, sub-directories are entered by descriptor with
  ``O_NOFOLLOW``, files are created with ``O_EXCL`` under random temporary
  names and renamed into place, and the marker files are only ever created,
  never rewritten.  A cache that cannot be used safely is simply not used.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__, safefs
from .config import Settings
from .diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from .userkey import tag, user_key

#: The default cache folder name, next to the config file (or in the cwd).
CACHE_DIR_NAME = ".copylint_cache"
#: Bumped when the entry layout changes, so old entries are simply missed.
_FORMAT = "2"  # 2: diagnostics carry related places
_PACKAGE_DIR = Path(__file__).resolve().parent
_BLOCK = 1 << 20


def file_digest(path: str | os.PathLike[str]) -> str:
    """sha256 of a file's bytes ("missing" when it cannot be read or is not a
    regular file, which then never matches: a FIFO must not block here)."""
    h = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return "missing"
            # Performance (issue 7): read(n) allocates n bytes first; a warm-cache
            # run digests every file, most of them a few kilobytes.
            if st.st_size < _BLOCK:
                h.update(fh.read())
            else:
                for block in iter(lambda: fh.read(_BLOCK), b""):
                    h.update(block)
    except OSError:
        return "missing"
    return h.hexdigest()


@functools.cache
def code_stamp() -> str:
    """Sizes and modification times of copylint's own files.

    The version alone does not change while rules are being written; this
    makes a cache made by older code in a checkout miss.  Stat calls only:
    a few dozen files, well under a millisecond, once per process.
    """
    parts = []
    for dirpath, dirnames, filenames in os.walk(_PACKAGE_DIR):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".yaml", ".txt", ".json")):
                full = os.path.join(dirpath, name)
                st = os.stat(full)
                parts.append(f"{os.path.relpath(full, _PACKAGE_DIR)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _data_digest(path: str | os.PathLike[str]) -> str:
    """:func:`file_digest`, except for a compiled knowledge index (hundreds of MB).

    An index is never changed in place: ``copylint knowledge build`` writes a
    new file and renames it over the old one, so its inode, size and time
    identify its content.
    """
    from .kindex.fileformat import is_index_file

    if is_index_file(path):
        st = os.stat(path)
        return f"index:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"
    return file_digest(path)


def settings_fingerprint(settings: Settings, pack_paths: Iterable[str | os.PathLike[str]]) -> str:
    """A digest of everything besides the file itself that a file's result depends on."""
    h = hashlib.sha256()
    for part in (_FORMAT, __version__, code_stamp(), repr(settings)):
        h.update(part.encode())
        h.update(b"\0")
    for path in [*pack_paths, *settings.knowledge]:
        h.update(os.fsencode(path) + f"={_data_digest(path)}\0".encode())
    return h.hexdigest()


def default_cache_dir(settings: Settings) -> Path:
    """``.copylint_cache`` beside the config file, else in the working directory."""
    return settings.root / CACHE_DIR_NAME


class ResultCache:
    """Stores and finds lint results by key; every failure is a miss, never an error."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.root = Path(directory)
        self.directory = self.root / __version__
        self._made: set[str] = set()

    @staticmethod
    def key(fingerprint: str, path: str, content_sha256: str, encoding: str | None) -> str:
        """The entry key for one file's content under one fingerprint."""
        raw = b"\0".join(
            (
                fingerprint.encode(),
                os.fsencode(os.path.abspath(path)),
                (encoding or "").encode("utf-8", "surrogateescape"),
                content_sha256.encode(),
            )
        )
        return hashlib.sha256(raw).hexdigest()

    def _open_shard(self, key: str, *, create: bool) -> int:
        """A descriptor for the entry's shard directory; no link on the way is followed."""
        if create and not os.path.lexists(self.root):
            self._prepare_root()
        root = safefs.open_dir(self.root)
        try:
            version = safefs.open_dir(__version__, dir_fd=root, create=create)
        finally:
            os.close(root)
        try:
            return safefs.open_dir(key[:2], dir_fd=version, create=create)
        finally:
            os.close(version)

    def get(self, key: str, path: str) -> list[Diagnostic] | None:
        """The cached diagnostics for ``key`` (reported under ``path``), or None."""
        secret = user_key()
        if secret is None or not _is_key(key):
            return None
        try:
            shard = self._open_shard(key, create=False)
            try:
                blob = safefs.read_regular(f"{key}.json", dir_fd=shard, limit=_MAX_ENTRY)
            finally:
                os.close(shard)
        except OSError:
            return None  # missing, a link, not a file, unreadable
        return read_entry(secret, key, path, blob)

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        """Store diagnostics for ``key`` atomically; a failure to write is ignored."""
        secret = user_key()
        if secret is None or not _is_key(key):
            return
        try:
            payload = json.dumps(
                {"diagnostics": [_encode(d) for d in diagnostics]},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
        except (TypeError, ValueError, UnicodeEncodeError):
            return  # something in a diagnostic is not JSON data: leave it uncached
        try:
            shard = self._open_shard(key, create=True)
            try:
                # Readers see the old entry or the new one, never half.
                safefs.write_new(f"{key}.json", seal_entry(secret, key, payload), dir_fd=shard)
            finally:
                os.close(shard)
        except OSError:
            return

    def _prepare_root(self) -> None:
        """Create the cache folder, marked so that git and backup tools skip it.

        The markers are created only where nothing (not even a dangling link)
        stands: a committed ``.gitignore`` link must not make copylint write
        through it.
        """
        os.makedirs(self.root.parent, exist_ok=True)
        root = safefs.open_dir(self.root, create=True)
        try:
            safefs.create_exclusive(".gitignore", b"# Created by copylint.\n*\n", dir_fd=root)
            safefs.create_exclusive(
                "CACHEDIR.TAG",
                b"Signature: 8a477f597d28d172789f06886806bc55\n"
                b"# This file is a cache directory tag created by copylint.\n",
                dir_fd=root,
            )
        finally:
            os.close(root)


#: An entry larger than this is not one copylint wrote for a file it can lint.
_MAX_ENTRY = 64 << 20
_HEX = frozenset("0123456789abcdef")


def _is_key(key: str) -> bool:
    return len(key) == 64 and set(key) <= _HEX


def seal_entry(secret: bytes, key: str, payload: bytes) -> bytes:
    """An entry file: its tag in hex on the first line, then the JSON payload."""
    return tag(secret, key.encode(), payload).hex().encode() + b"\n" + payload


def open_entry(secret: bytes, key: str, blob: bytes) -> bytes | None:
    """The payload of an entry file if its tag verifies for ``key``, else None."""
    head, _, payload = blob.partition(b"\n")
    try:
        mac = bytes.fromhex(head.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    return payload if hmac.compare_digest(mac, tag(secret, key.encode(), payload)) else None


def read_entry(secret: bytes, key: str, path: str, blob: bytes) -> list[Diagnostic] | None:
    """The diagnostics in an entry file's bytes, or None (never an exception) when
    its tag does not verify for ``key`` or its content is not what copylint writes.
    Fuzzed by ``fuzz/fuzz_cache.py``."""
    data = open_entry(secret, key, blob)
    if data is None:
        return None  # not written by this user's copylint for this key
    try:
        return decode_entry(path, data)
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None  # corrupt: lint the file again


def decode_entry(path: str, data: bytes) -> list[Diagnostic]:
    """Decode an entry's payload, checking every field; raises ValueError (or
    KeyError, TypeError, IndexError) on anything copylint would not have written."""
    obj = json.loads(data.decode("utf-8"))
    if not isinstance(obj, dict) or not isinstance(obj["diagnostics"], list):
        raise ValueError("not an entry")
    return [_decode(path, row) for row in obj["diagnostics"]]


def _encode(d: Diagnostic) -> list[object]:
    fix = None
    if d.fix is not None:
        edits = [[e.start, e.end, e.text] for e in d.fix.edits]
        fix = [d.fix.title, d.fix.applicability.value, edits]
    return [
        d.code,
        d.rule,
        int(d.severity),
        d.message,
        d.start,
        d.end,
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        fix,
        list(d.suggestions),
        [[r.start, r.end, r.line, r.column, r.end_line, r.end_column] for r in d.related],
    ]


def _int(value: object, low: int = 0) -> int:
    if type(value) is not int or value < low:
        raise ValueError("not a position")
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise ValueError("not a string")
    return value


def _decode(path: str, row: list[Any]) -> Diagnostic:
    if not isinstance(row, list) or len(row) != 13:
        raise ValueError("not a diagnostic")
    (
        code,
        rule,
        severity,
        message,
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        fix_row,
        suggestions,
        related_rows,
    ) = row
    start, end = _int(start), _int(end)
    line, column, end_line, end_column = (
        _int(line, 1),
        _int(column, 1),
        _int(end_line, 1),
        _int(end_column, 1),
    )
    if end < start or (end_line, end_column) < (line, column):
        raise ValueError("span ends before it starts")
    fix = None
    if fix_row is not None:
        title, applicability, edits = fix_row
        fix = Fix(
            _str(title),
            tuple(Edit(_int(s), _int(e), _str(t)) for s, e, t in edits),
            Applicability(applicability),
        )
        if any(e.end < e.start for e in fix.edits):
            raise ValueError("edit ends before it starts")
    if not isinstance(suggestions, list):
        raise ValueError("suggestions are not a list")
    if not isinstance(related_rows, list) or not all(
        isinstance(r, list) and len(r) == 6 for r in related_rows
    ):
        raise ValueError("related places are not a list of places")
    related = tuple(
        Related(_int(a), _int(b), _int(c, 1), _int(d, 1), _int(e, 1), _int(f, 1))
        for a, b, c, d, e, f in related_rows
    )
    return Diagnostic(
        path=path,
        code=_str(code),
        rule=_str(rule),
        severity=Severity(severity),
        message=_str(message),
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
        suggestions=tuple(_str(x) for x in suggestions),
        related=related,
    )
