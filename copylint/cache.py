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
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__
from .config import Settings
from .diagnostics import Applicability, Diagnostic, Edit, Fix, Severity

#: The default cache folder name, next to the config file (or in the cwd).
CACHE_DIR_NAME = ".copylint_cache"
#: Bumped when the entry layout changes, so old entries are simply missed.
_FORMAT = "1"
_PACKAGE_DIR = Path(__file__).resolve().parent
_BLOCK = 1 << 20


def file_digest(path: str | os.PathLike[str]) -> str:
    """sha256 of a file's bytes ("missing" when it cannot be read, which then never matches)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            # Performance (issue 7): read(n) allocates n bytes first; a warm-cache
            # run digests every file, most of them a few kilobytes.
            if os.fstat(fh.fileno()).st_size < _BLOCK:
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


def settings_fingerprint(settings: Settings, pack_paths: Iterable[str | os.PathLike[str]]) -> str:
    """A digest of everything besides the file itself that a file's result depends on."""
    h = hashlib.sha256()
    for part in (_FORMAT, __version__, code_stamp(), repr(settings)):
        h.update(part.encode())
        h.update(b"\0")
    for path in [*pack_paths, *settings.knowledge]:
        h.update(f"{path}={file_digest(path)}\0".encode())
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
        raw = "\0".join((fingerprint, os.path.abspath(path), encoding or "", content_sha256))
        return hashlib.sha256(raw.encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> list[Diagnostic] | None:
        """The cached diagnostics for ``key`` (reported under ``path``), or None."""
        try:
            with open(self._entry(key), encoding="utf-8") as fh:
                data = json.load(fh)
            return [_decode(path, row) for row in data["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # missing, unreadable or corrupt: lint the file again

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        """Store diagnostics for ``key`` atomically; a failure to write is ignored."""
        try:
            payload = json.dumps(
                {"diagnostics": [_encode(d) for d in diagnostics]},
                ensure_ascii=False,
                separators=(",", ":"),
            )
        except (TypeError, ValueError):
            return  # something in a diagnostic is not JSON data: leave it uncached
        entry = self._entry(key)
        shard = str(entry.parent)
        tmp = f"{entry}.{os.getpid()}.tmp"
        try:
            if shard not in self._made:
                self._prepare_root()
                os.makedirs(shard, exist_ok=True)
                self._made.add(shard)
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, entry)  # readers see the old entry or the new one, never half
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def _prepare_root(self) -> None:
        """Create the cache folder, marked so that git and backup tools skip it."""
        if (self.root / ".gitignore").exists():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / ".gitignore").write_text("# Created by copylint.\n*\n", encoding="utf-8")
        (self.root / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by copylint.\n",
            encoding="utf-8",
        )


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
    ]


def _decode(path: str, row: list[Any]) -> Diagnostic:
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
    ) = row
    fix = None
    if fix_row is not None:
        title, applicability, edits = fix_row
        fix = Fix(title, tuple(Edit(s, e, t) for s, e, t in edits), Applicability(applicability))
    return Diagnostic(
        path=path,
        code=code,
        rule=rule,
        severity=Severity(severity),
        message=message,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
        suggestions=tuple(suggestions),
    )
