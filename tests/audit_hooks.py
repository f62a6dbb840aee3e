"""Fault injection for the audit tests, preloaded by each lint process (``preload=``).

It makes one check misbehave on documents holding a marker word, the way a
buggy rule or a crash in C code would on a real file:

* ``zebra-crash-marker``: the rule raises (the engine records CL001);
* ``zebra-kill-marker``: the lint process is killed (SIGKILL, as the
  out-of-memory killer or a segfault ends it) every time it meets the file;
* ``zebra-hang-marker``: the lint process stops answering for good, with the
  time-budget alarm blocked (work stuck in C code never sees the signal);
* ``zebra-worker-killer``: the Dask worker that started the lint process is
  killed (SIGKILL), as when the out-of-memory killer picks the worker.

Loaded into a lint process only; nothing here runs in the test process.
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from copylint.checks.quotes import QuotesCheck

CRASH_MARKER = "zebra-crash-marker"
KILL_MARKER = "zebra-kill-marker"
HANG_MARKER = "zebra-hang-marker"
WORKER_KILL_MARKER = "zebra-worker-killer"

_original = QuotesCheck.run


def _run(self: Any, doc: Any, ctx: Any) -> Any:
    if CRASH_MARKER in doc.text:
        raise ZeroDivisionError("a rule bug, for the test")
    if KILL_MARKER in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    if WORKER_KILL_MARKER in doc.text:
        os.kill(os.getppid(), signal.SIGKILL)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:  # stuck for good, deaf to its alarm: only its watch on the parent ends it
            time.sleep(3600)
    if HANG_MARKER in doc.text:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            time.sleep(3600)
    return _original(self, doc, ctx)


QuotesCheck.run = _run  # type: ignore[method-assign]

# Tests that check no lint process outlives its worker name a file for their pids.
if os.environ.get("COPYLINT_TEST_LINT_PIDS"):
    with open(os.environ["COPYLINT_TEST_LINT_PIDS"], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
