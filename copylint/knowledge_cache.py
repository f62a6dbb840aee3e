"""A compiled-knowledge cache: large knowledge files load from a pickle, not YAML.

Parsing and validating a knowledge base of 100,000 people and 20,000 works
from YAML takes many seconds; unpickling the built :class:`KnowledgeBase`
(objects and lookup indexes together) takes well under one.  The pickle is
keyed by the content of every knowledge file, the copylint version, the
knowledge code itself and the Python version, so any change rebuilds it.

Only bases whose files add up to :data:`MIN_CACHED_BYTES` or more are cached:
small ones parse in milliseconds and would only litter the cache.  Files live
in the user's cache directory (:func:`copylint.lexicon.cache_dir`, which
honours ``$COPYLINT_CACHE_DIR``), next to the compiled lexicon.  Like a
``.pyc`` file, the pickle is trusted because only this user's copylint writes
it; an unreadable or stale one is rebuilt, never an error.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .cache import file_digest
from .knowledge import KnowledgeBase

#: Knowledge smaller than this (all files together) is parsed every time.
MIN_CACHED_BYTES = 256 * 1024
_FORMAT = "1"
#: The modules whose code shapes a built KnowledgeBase.
_CODE = ("knowledge.py", "yamlsource.py")


def _key(paths: list[str]) -> str:
    h = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        st = os.stat(here / name)
        h.update(f"|{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    for path in paths:
        h.update(f"|{os.path.abspath(path)}={file_digest(path)}".encode())
    return h.hexdigest()[:32]


def cache_file(paths: Iterable[str | os.PathLike[str]]) -> Path:
    """Where the compiled form of these knowledge files is (or would be) kept."""
    from .lexicon import cache_dir

    return cache_dir() / f"knowledge-{_key([os.fspath(p) for p in paths])}.pickle"


def load_knowledge(paths: Iterable[str | os.PathLike[str]]) -> KnowledgeBase:
    """``KnowledgeBase.load(paths)``, from the compiled cache when it is large and unchanged."""
    names = [os.fspath(p) for p in paths]
    try:
        size = sum(os.path.getsize(p) for p in names)
    except OSError:
        size = 0  # a missing file: let KnowledgeBase.load report it
    if size < MIN_CACHED_BYTES:
        return KnowledgeBase.load(names)
    target = cache_file(names)
    cached = _read(target)
    if cached is not None:
        return cached
    kb = KnowledgeBase.load(names)
    _write(target, kb)
    return kb


def _read(target: Path) -> KnowledgeBase | None:
    # Hundreds of thousands of small objects: the cyclic garbage collector
    # would walk them again and again while they are created (3x the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(target, "rb") as fh:
            kb = pickle.load(fh)
        return kb if isinstance(kb, KnowledgeBase) else None
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: rebuild
        return None
    finally:
        if enabled:
            gc.enable()


def _write(target: Path, kb: KnowledgeBase) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
