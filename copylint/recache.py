"""Compiled regular expressions kept from one run to the next (start-up speed, issue 19).

A run defines about 140 regular expressions before it reads a file: the
modules' own and those built from the rule packs (long phrase alternations).
Python's ``re`` parses and compiles each one in Python code, which costs a
third of the time a short article takes to lint.  The result of that work is
a list of integers (the matcher's program), which ``_sre.compile`` turns into a
pattern object in C in microseconds.

:func:`warm` loads the programs that earlier runs compiled and puts the
pattern objects into ``re``'s own cache, so that ``re.compile`` anywhere (ours,
click's) finds them there; at exit, the programs of patterns compiled anew in
this process are added to the file.  The file lives in the user's private
data directory and carries a tag under the user's key, as the compiled packs
do (:mod:`copylint.datacache`); it is keyed by the Python version and the
matcher's format (``_sre.MAGIC``).

This reaches into ``re``'s internals (``re._cache``, ``re._parser``,
``re._compiler._code``), which differ between Python versions: it is used only
on the versions it was checked against (:data:`_VERSIONS`), and any surprise
turns it off for the run.  It changes no result: the patterns are the ones
``re.compile`` would have built (tests/test_recache.py compares them).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import re
import sys
from typing import Any

#: Python versions whose ``re`` internals this module was checked against.
_VERSIONS = ((3, 11), (3, 12), (3, 13))
#: Programs kept in the file, newest last; the oldest go first when there are
#: more.  As many as ``re`` itself caches: a run that needs more compiles some.
_MAX_ENTRIES = 512
_FORMAT = 1

#: (pattern type, pattern, flags) -> program, as loaded or compiled in this process
_known: dict[tuple[type, str | bytes, int], tuple[Any, ...]] = {}


def _supported() -> bool:
    return (
        sys.implementation.name == "cpython"
        and sys.version_info[:2] in _VERSIONS
        and isinstance(getattr(re, "_cache", None), dict)
        and hasattr(re, "_compiler")
        and hasattr(re, "_parser")
    )


def _file_name() -> str:
    import _sre

    version = "".join(map(str, sys.version_info[:3]))
    return f"regex-{_FORMAT}-py{version}-sre{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def program(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``_sre.compile`` needs to rebuild ``re.compile(pattern, flags)``.

    The same steps as ``re._compiler.compile``, stopping short of the last.
    """
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    code = re._compiler._code(parsed, flags)  # type: ignore[attr-defined]
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    # (the program's opcodes are int subclasses, which marshal does not store)
    return (
        int(flags | state.flags),
        [int(c) for c in code],
        state.groups - 1,
        dict(state.groupdict),
        tuple(indexgroup),
    )


def rebuild(pattern: str | bytes, prog: tuple[Any, ...]) -> re.Pattern[Any]:
    """The pattern object from its program (see :func:`program`)."""
    import _sre

    flags, code, groups, groupindex, indexgroup = prog
    made: re.Pattern[Any] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return made


@functools.cache  # (once per process)
def warm() -> None:
    """Put the patterns earlier runs compiled into ``re``'s cache; save new ones at exit.

    Call it once, early, in a process that runs to completion (the command
    line).  Does nothing where it is not supported or nothing is cached.
    """
    if not _supported():
        return
    from .sealedmarshal import open_cache

    opened = open_cache(_file_name())
    if opened is None:
        return
    path, key, stored = opened
    loaded = _entries(stored)
    cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
    room = getattr(re, "_MAXCACHE", 512) - len(cache)
    for (kind, pattern, flags), prog in list(loaded.items())[-room:] if room > 0 else []:
        try:
            cache.setdefault((kind, pattern, flags), rebuild(pattern, prog))
        except (TypeError, ValueError, RuntimeError):
            return  # a program this matcher does not accept: compile as usual
    _known.update(loaded)
    atexit.register(_save, path, key, set(loaded))


def _entries(stored: Any) -> dict[tuple[type, str | bytes, int], tuple[Any, ...]]:
    """The programs in a file's value, or none if it is not what :func:`_save` writes."""
    try:
        kinds = {"s": str, "b": bytes}
        return {(kinds[k], p, f): tuple(prog) for k, p, f, prog in stored or ()}
    except (ValueError, TypeError, KeyError):
        return {}


def _save(path: str, key: bytes, stored: set[Any]) -> None:
    """Add the programs of the patterns this process compiled anew to the file."""
    cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
    new = [k for k in list(cache) if k not in stored and isinstance(k[1], str | bytes)]
    if not new:
        return
    from .sealedmarshal import save

    entries = dict(_known)
    for kind, pattern, flags in new:
        if flags & re.DEBUG:
            continue
        with contextlib.suppress(Exception):  # noqa: BLE001 - whatever it is, skip it
            entries[(kind, pattern, flags)] = program(pattern, flags)
    kept = list(entries.items())[-_MAX_ENTRIES:]
    value = [("s" if kind is str else "b", p, f, prog) for (kind, p, f), prog in kept]
    save(path, key, value, family="regex-*.marshal")
