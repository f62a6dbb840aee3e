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
import sys
from types import CodeType
from typing import Any

#: Python versions whose ``dataclasses`` was checked to compile through ``exec``.
_VERSIONS = ((3, 11), (3, 12), (3, 13))
#: Code objects kept in the file, newest last (a run defines about 160).
_MAX_ENTRIES = 1024
_FORMAT = 1

#: source text -> its code, as loaded or compiled in this process
_codes: dict[str, CodeType] = {}
_warmed = False


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
            # As exec compiles text: named "<string>", and with no future
            # features of this module's (``annotations`` would turn the
            # generated methods' annotations into strings).
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _codes[source] = code
        source = code
    exec(source, globals, locals)


def warm() -> None:
    """Let :mod:`dataclasses` reuse the code earlier runs compiled; save new code at exit.

    Call it once, early, before the modules that define dataclasses are
    imported, in a process that runs to completion (the command line).  Does
    nothing where it is not supported or nothing can be kept.
    """
    global _warmed
    if _warmed or not _supported():
        return
    _warmed = True
    from .sealedmarshal import open_cache

    opened = open_cache(_file_name())
    if opened is None:
        return
    path, key, stored = opened
    loaded = _entries(stored)
    _codes.update(loaded)
    import dataclasses

    dataclasses.exec = cached_exec  # type: ignore[attr-defined]
    atexit.register(_save, path, key, frozenset(loaded))


def _entries(stored: Any) -> dict[str, CodeType]:
    """The code in a file's value, or none if it is not what :func:`_save` writes."""
    if not isinstance(stored, list):
        return {}
    return {
        source: code
        for source, code in (e for e in stored if isinstance(e, tuple) and len(e) == 2)
        if isinstance(source, str) and isinstance(code, CodeType)
    }


def _save(path: str, key: bytes, stored: frozenset[str]) -> None:
    """Add the code this process compiled anew to the file, newest last."""
    if stored.issuperset(_codes):
        return
    from .sealedmarshal import save

    kept = list(_codes.items())[-_MAX_ENTRIES:]
    save(path, key, kept, family="dataclass-code-*.marshal")
