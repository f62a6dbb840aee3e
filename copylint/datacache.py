"""A cache of compiled data files: rule packs and knowledge bases, pickled.

Parsing YAML is the slowest part of starting copylint on one file (importing
PyYAML alone takes longer than linting a short article), and a knowledge base
of 100,000 people takes many seconds to parse and index.  Unpickling the
built objects takes a millisecond for the packs and well under a second for
such a base.

Each set of files has one slot, ``<kind>-<hash of their paths>.pickle`` in the
user's private data directory (:func:`copylint.userkey.private_dir`: the cache
directory, honouring ``$COPYLINT_CACHE_DIR``, only if no one else can write
it), so editing a file replaces its slot instead of adding one.  A slot starts
with a stamp line: a digest of the files' contents, copylint's version, the
size and time of the copylint modules that shape the value, and the Python
version; a slot whose stamp differs is rebuilt.

Unpickling runs code named in the file, so a slot is loaded only when (1) it
is a regular file this user owns and no one else may write, in a directory
only this user can change, and (2) it carries a valid tag under the user's
secret key (:mod:`copylint.userkey`), which is kept in that directory and
never in a repository: a planted slot, or one copied from another machine, is
rebuilt, never loaded.  An unreadable, stale or corrupt slot is rebuilt, never
an error, and without a private directory nothing is cached (slower, safe).
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


def slot_file(kind: str, paths: Sequence[str | os.PathLike[str]]) -> Path | None:
    """The slot that holds the compiled form of these files (None: no private directory)."""
    from .userkey import private_dir

    directory = private_dir()
    if directory is None:
        return None
    names = b"\0".join(os.fsencode(os.path.abspath(p)) for p in paths)
    return directory / f"{kind}-{hashlib.sha256(names).hexdigest()[:24]}.pickle"


def _stamp(paths: Sequence[str | os.PathLike[str]], code: Sequence[str]) -> bytes:
    h = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for module in code:
        st = os.stat(_PACKAGE_DIR / module)
        h.update(f"|{module}:{st.st_size}:{st.st_mtime_ns}".encode())
    for path in paths:
        h.update(b"|" + os.fsencode(os.path.abspath(path)) + f"={file_digest(path)}".encode())
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
    from .userkey import user_key

    target = slot_file(kind, paths)
    key = user_key()
    if target is None or key is None:
        return build()
    stamp = _stamp(paths, code)
    cached = _read(target, stamp, key)
    if cached is not None:
        return cast(T, cached)
    value = build()
    _write(target, stamp, value, key)
    return value


def _read(target: Path, stamp: bytes, key: bytes) -> object | None:
    from .safefs import read_regular
    from .userkey import unseal

    try:
        blob = read_regular(str(target), owned=True)
    except OSError:
        return None
    data = unseal(key, target.name.encode(), blob)
    if data is None or not data.startswith(stamp + b"\n"):
        return None  # not written by this user's copylint, or stale
    # Up to hundreds of thousands of small objects: the cyclic garbage
    # collector would walk them again and again while they are created,
    # and once more in full soon after (a quarter of a second for a base
    # of 100,000 people).  They live for the whole run and hold no
    # cycles, so a large load is moved out of the collector's sight.
    enabled = gc.isenabled()
    gc.disable()
    try:
        value: object = pickle.loads(memoryview(data)[len(stamp) + 1 :])
        if len(data) >= _FREEZE_BYTES:
            gc.freeze()
        return value
    except Exception:  # noqa: BLE001 - from other code (a class since renamed): rebuild
        return None
    finally:
        if enabled:
            gc.enable()


def _write(target: Path, stamp: bytes, value: object, key: bytes) -> None:
    from .safefs import open_dir, write_new
    from .userkey import seal

    try:
        data = stamp + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    try:
        fd = open_dir(target.parent)
        try:
            write_new(target.name, seal(key, target.name.encode(), data), dir_fd=fd, mode=0o600)
        finally:
            os.close(fd)
    except OSError:
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
