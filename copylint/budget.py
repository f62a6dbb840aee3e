"""A time budget per file, so no input can hold a run indefinitely.

Some inputs make a parser slow in ways copylint cannot fix from outside:
CPython 3.11's ``html.parser`` is quadratic on long runs of unterminated
comments or tags, markdown-it-py on long runs of emphasis markers.  Real copy
never looks like that, but a hostile or corrupted file may, and a linter in CI
must not hang on it.  :func:`time_budget` bounds the work on one file: when it
runs out, the file gets a one-line error (an :class:`~copylint.errors.InputError`,
so every caller already reports it for that file and goes on).

The budget grows with the file (``BASE_SECONDS`` plus ``SECONDS_PER_MB``),
far above what linting normally takes (about 3 s per MB).  The environment
variable ``COPYLINT_FILE_TIMEOUT`` sets the base in seconds; ``0`` disables it.

It uses ``SIGALRM``, so it applies in the main thread of a process on POSIX
(the command line and ``--jobs`` workers); elsewhere it does nothing.  An outer
alarm that is due sooner (a test runner's timeout) is left in charge and
re-armed afterwards.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from types import FrameType
from typing import Any

from .errors import InputError

BASE_SECONDS = 60.0
SECONDS_PER_MB = 30.0


def budget_for(size_chars: int) -> float:
    """Seconds allowed for a file of ``size_chars`` characters (0: no limit)."""
    from .envvars import env_number

    base = env_number("COPYLINT_FILE_TIMEOUT", BASE_SECONDS)
    if base <= 0:
        return 0.0
    return base + SECONDS_PER_MB * size_chars / 1_000_000


#: ``signal.signal`` without its enum wrapper.  Performance (issue 19): the wrapper
#: looks every handler it returns up in an enum, and a Python function is not in it
#: (a caught ValueError): 5 us a call against 0.7, and a file sets two limits, each
#: installing and restoring a handler.
#: (``signal._signal`` is the C module that ``signal`` wraps, in every CPython.)
_set_handler: Callable[[int, Any], Any] = getattr(signal, "_signal", signal).signal


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Expired(BaseException):
    """A limit's alarm went off (``token`` says which limit's).  A BaseException, so
    the engine's guard that turns a crashing rule into CL001 (``except Exception``)
    cannot swallow it.  Performance (issue 19): one class with a token, not a class
    defined per limit (a class costs ~7 us; every file sets one or two limits)."""

    def __init__(self, token: object) -> None:
        super().__init__()
        self.token = token


@contextmanager
def _alarm(seconds: float, error: Callable[[], Exception]) -> Iterator[None]:
    """Raise ``error()`` when the block runs past ``seconds`` of wall time.

    Needs ``SIGALRM`` in the main thread (elsewhere it does nothing); leaves a
    sooner outer alarm in charge and re-arms it afterwards.
    """
    if seconds <= 0 or not _usable():
        yield
        return
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if 0 < outer_delay <= seconds:
        yield  # an outer alarm fires first anyway; leave it alone
        return

    mine = object()  # this limit's token: an _Expired carrying another is an outer limit's

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise _Expired(mine)

    previous = _set_handler(signal.SIGALRM, expire)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            yield
        finally:
            # Disarm first; an alarm that fires before this line is still caught below.
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired as expired:
        if expired.token is not mine:
            raise
        raise error() from None
    finally:
        _set_handler(signal.SIGALRM, previous)
        if outer_delay > 0:
            left = outer_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)


def time_budget(path: str, seconds: float) -> AbstractContextManager[None]:
    """Run the block within ``seconds`` or raise InputError naming ``path``."""
    return _alarm(
        seconds,
        lambda: InputError(
            path,
            f"linting took longer than {seconds:.0f} s and was stopped (unusual markup, "
            "e.g. thousands of unclosed tags?); raise COPYLINT_FILE_TIMEOUT to allow more",
        ),
    )


def wall_limit(seconds: float) -> AbstractContextManager[None]:
    """Raise :class:`TimeoutError` when the block runs past ``seconds`` of wall time.

    For work in C that can be interrupted by a signal but measures its own
    limit in CPU time (the ``regex`` module's ``timeout``, which on a loaded
    machine lets a "1 s" pattern run for several seconds).  Like
    :func:`time_budget` it needs ``SIGALRM`` in the main thread (elsewhere it
    does nothing), leaves a sooner outer alarm in charge and re-arms it after.
    """
    return _alarm(seconds, lambda: TimeoutError(f"took longer than {seconds:g} s"))
