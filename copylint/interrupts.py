"""Ending a run on SIGINT or SIGTERM: cleanly, promptly, and without orphans.

The command installs :func:`install` first: either signal raises
:class:`Interrupted` in the main thread, which unwinds through every
``finally`` (a file being fixed keeps its old content or gets the new one in
full: :func:`copylint.sources.write_atomic` removes its temporary file on any
exception), and the command prints one line, ``copylint: interrupted``, and
exits 130 (SIGINT) or 143 (SIGTERM), as a shell reports a process killed by
that signal.  ``Interrupted`` is not a ``KeyboardInterrupt``, which click
would turn into "Aborted!" and exit 1, the code for findings.

Worker processes (``--jobs``) call :func:`setup_worker`: they ignore SIGINT
(Ctrl-C reaches the whole process group; the parent alone decides), end on
SIGTERM the same clean way (the parent sends it when it is interrupted), and
a watchdog thread ends them when the parent dies without a word (SIGKILL, an
out-of-memory kill), so no worker is left blocked for ever.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

R = TypeVar("R")

#: Exit codes for a run ended by a signal: 128 + the signal's number.
EXIT_SIGINT = 128 + signal.SIGINT
EXIT_SIGTERM = 128 + signal.SIGTERM
#: How often a worker checks that its parent is still alive (seconds).
WATCHDOG_INTERVAL = 0.2


class Interrupted(BaseException):
    """The run was asked to stop by a signal (``signum``)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal number: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def install() -> None:
    """Make SIGINT and SIGTERM raise :class:`Interrupted` in this (main) thread."""
    signal.signal(signal.SIGINT, _raise)
    signal.signal(signal.SIGTERM, _raise)


def install_for_client() -> None:
    """Signals for a command built on a library that expects ``KeyboardInterrupt``.

    ``copylint audit`` waits on Dask's client, which handles a
    ``KeyboardInterrupt`` (not our :class:`Interrupted`) on Ctrl-C.  SIGINT
    gets Python's own handler back even when the shell started us with SIGINT
    ignored (a background job of a script), as :func:`install` does for the
    other commands; SIGTERM, which batch systems send, raises
    :class:`Interrupted` instead of killing the process without a word.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise)


# ------------------------------------------------------------------ workers
_busy = False


def _worker_term(signum: int, frame: FrameType | None) -> None:
    if _busy:
        _raise(signum, frame)  # unwind the task cleanly; run_task then exits
    os._exit(EXIT_SIGTERM)  # idle, waiting for work: nothing to clean up


def setup_worker() -> None:
    """Signal handling and a parent watchdog for a pool worker (call first thing in it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_term)
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_INTERVAL)
            if os.getppid() != parent:  # re-parented: the parent is gone
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch, name="copylint-parent-watchdog", daemon=True).start()


def run_task(fn: Callable[[], R]) -> R:
    """Run a worker's task; if it is interrupted, exit once it has unwound."""
    global _busy
    _busy = True
    try:
        return fn()
    except Interrupted:
        os._exit(EXIT_SIGTERM)
    finally:
        _busy = False
