"""A cache of compiled data files: rule packs and knowledge bases, pickled.

Parsing YAML is the slowest part of starting copylint on one file (importing
PyYAML alone takes longer than linting a short article), and a knowledge base
of 100,000 people takes many seconds to parse and index.  Unpickling the
built objects takes a millisecond for the packs and well under a second for
such a base.

Each set of files has one slot, ``<kind>-<hash of their paths>.pickle`` in the
user's cache directory (:func:`copylint.lexicon.cache_dir`, which honours
``$COPYLINT_CACHE_DIR``), so editing a file replaces its slot instead of
adding one.  A slot starts with a stamp line: a digest of the files' contents,
copylint's version, the size and time of the copylint modules that shape the
value, and the Python version; a slot whose stamp differs is rebuilt.  Like a
``.pyc`` file, the pickle is trusted because only this user's copylint writes
it; an unreadable, stale or corrupt slot is rebuilt, never an error, and a
cache directory that cannot be written only costs the time saved.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

from . import __version__
from .cache import file_digest

T = TypeVar("T")
_FORMAT = "1"
#: Slots at least this large are frozen out of the garbage collector's sight.
_FREEZE_BYTES = 1 << 20
_PACKAGE_DIR = Path(__file__).resolve().parent


def slot_file(kind: str, paths: Sequence[str | os.PathLike[str]]) -> Path:
    """The slot that holds the compiled form of these files."""
    from .lexicon import cache_dir

    names = "\0".join(os.path.abspath(p) for p in paths)
    return cache_dir() / f"{kind}-{hashlib.sha256(names.encode()).hexdigest()[:24]}.pickle"


def _stamp(paths: Sequence[str | os.PathLike[str]], code: Sequence[str]) -> bytes:
    h = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for module in code:
        st = os.stat(_PACKAGE_DIR / module)
        h.update(f"|{module}:{st.st_size}:{st.st_mtime_ns}".encode())
    for path in paths:
        h.update(f"|{os.path.abspath(path)}={file_digest(path)}".encode())
    return h.hexdigest().encode()


def load_cached(
    kind: str,
    paths: Sequence[str | os.PathLike[str]],
    build: Callable[[], T],
    code: Sequence[str],
) -> T:
    """``build()``, or what it returned last time if nothing it depends on changed since.

    ``build`` reads ``paths``; its errors propagate and nothing is cached.
    ``code`` names the copylint modules (relative to the package) whose code
    shapes the value: the classes pickled and the code that builds them.
    """
    target = slot_file(kind, paths)
    stamp = _stamp(paths, code)
    cached = _read(target, stamp)
    if cached is not None:
        return cast(T, cached)
    value = build()
    _write(target, stamp, value)
    return value


def _read(target: Path, stamp: bytes) -> object | None:
    try:
        with open(target, "rb") as fh:
            if fh.readline().rstrip(b"\n") != stamp:
                return None
            # Up to hundreds of thousands of small objects: the cyclic garbage
            # collector would walk them again and again while they are created,
            # and once more in full soon after (a quarter of a second for a base
            # of 100,000 people).  They live for the whole run and hold no
            # cycles, so a large load is moved out of the collector's sight.
            enabled = gc.isenabled()
            gc.disable()
            try:
                value = pickle.load(fh)
                if fh.tell() >= _FREEZE_BYTES:
                    gc.freeze()
                return value
            finally:
                if enabled:
                    gc.enable()
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: rebuild
        return None


def _write(target: Path, stamp: bytes, value: object) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(stamp + b"\n")
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    kind = target.name.rsplit("-", 1)[0]
    prune_oldest(target.parent, f"{kind}-*.pickle", MAX_SLOTS_PER_KIND)


#: Slots kept per kind: sets of files a user lints with stay; ones used once
#: (temporary checkouts, test runs) go, oldest written first.
MAX_SLOTS_PER_KIND = 32


def prune_oldest(directory: Path, pattern: str, keep: int) -> None:
    """Delete all but the ``keep`` most recently written files matching ``pattern``."""
    try:
        entries = [(p.stat().st_mtime_ns, p) for p in directory.glob(pattern)]
    except OSError:
        return
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        with contextlib.suppress(OSError):  # another process may have removed it
            path.unlink()
