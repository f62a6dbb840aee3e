"""Dataclass methods compiled once and kept from one run to the next (start-up speed, issue 19).

``@dataclass`` writes the source text of the methods it generates
(``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, …) and
compiles it with ``exec``: about 0.5 ms a class on Python 3.11, some 20 ms of
the 130 ms a short article takes, for the 35 dataclasses a run defines before
it reads a file (:mod:`copylint.records` avoids the cost for classes that are
built rarely, at the price of a slower generic ``__init__``).  The compiled
code depends on nothing but that text and the interpreter.

:func:`warm` loads the code objects that earlier runs compiled, keyed by their
source text, and gives :mod:`dataclasses` an ``exec`` that looks the text up
before compiling it; at exit, the code compiled anew in this process is added
to the file.  ``exec`` then runs the same code it would have compiled: the
classes, their methods and every result are unchanged
(tests/test_codecache.py compares them).  The file is sealed under the user's
key like the compiled packs (:mod:`copylint.sealedmarshal`): code is loaded
only from a file this user's copylint wrote.

It relies on :mod:`dataclasses` calling the built-in ``exec`` by its global
name, which holds on the versions in :data:`_VERSIONS`; elsewhere :func:`warm`
does nothing.
"""

from __future__ import annotations

import atexit
import functools
import sys
from types import CodeType
from typing import Any

#: Python versions whose ``dataclasses`` was checked to compile through ``exec``.
_VERSIONS = ((3, 11), (3, 12), (3, 13))
#: Code objects kept in the file, least recently used first (a lint run uses about 160).
_MAX_ENTRIES = 512
_FORMAT = 2

#: source text -> its marshalled code, as read from the file (unmarshalled when used)
_stored: dict[str, bytes] = {}
#: source text -> its code, for the texts this process used, in the order it used them
_codes: dict[str, CodeType] = {}


def _supported() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in _VERSIONS:
        return False
    import dataclasses

    return "exec" not in vars(dataclasses)  # nobody else has redirected it


def _file_name() -> str:
    # Code objects are specific to the interpreter build: its bytecode tag and release.
    return f"dataclass-code-{_FORMAT}-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def cached_exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec(source, globals, locals)``, compiling a source text only the first time it is seen."""
    if type(source) is str:
        code = _codes.get(source)
        if code is None:
            code = _codes[source] = _stored_code(source) or _compile(source)
        source = code
    exec(source, globals, locals)


def _stored_code(source: str) -> CodeType | None:
    import marshal

    blob = _stored.get(source)
    try:
        code = marshal.loads(blob) if blob is not None else None
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _compile(source: str) -> CodeType:
    # As exec compiles text: named "<string>", and with no future features of
    # this module's (``annotations`` would turn the generated methods'
    # annotations into strings).
    return compile(source, "<string>", "exec", dont_inherit=True)


@functools.cache  # (once per process)
def warm() -> None:
    """Let :mod:`dataclasses` reuse the code earlier runs compiled; save new code at exit.

    Call it once, early, before the modules that define dataclasses are
    imported, in a process that runs to completion (the command line).  Does
    nothing where it is not supported or nothing can be kept.
    """
    if not _supported():
        return
    from .sealedmarshal import open_cache

    opened = open_cache(_file_name())
    if opened is None:
        return
    path, key, stored = opened
    _stored.update(_entries(stored))
    import dataclasses

    dataclasses.exec = cached_exec  # type: ignore[attr-defined]
    atexit.register(_save, path, key)


def _entries(stored: Any) -> dict[str, bytes]:
    """The code in a file's value, or none if it is not what :func:`_save` writes."""
    if not isinstance(stored, list):
        return {}
    return {
        source: code
        for source, code in (e for e in stored if isinstance(e, tuple) and len(e) == 2)
        if isinstance(source, str) and isinstance(code, bytes)
    }


def _save(path: str, key: bytes) -> None:
    """Add the code this process compiled anew to the file; the least recently used goes first."""
    if all(source in _stored for source in _codes):
        return
    import marshal

    from .sealedmarshal import save

    unused = [(s, blob) for s, blob in _stored.items() if s not in _codes]
    used = [(s, _stored.get(s) or marshal.dumps(code)) for s, code in _codes.items()]
    save(path, key, (unused + used)[-_MAX_ENTRIES:], family="dataclass-code-*.marshal")
