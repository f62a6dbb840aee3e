"""The lint process: where a Dask worker's files are linted, apart from the worker.

Each Dask worker of an audit starts one lint process (``python -m
copylint.audit.lintproc``) and keeps it for the audit.  The lint process
builds the lint session once (settings, rule packs, lexicon, knowledge, the
grammar service when the settings turn grammar on) and lints the files the
worker sends it, one chunk at a time, answering in batches (one per chunk, or
per second on a long chunk: a frame per file cost the worker 0.08 ms of CPU
per file, measured on BBC articles).  Linting there
rather than in a Dask worker thread gives two things a worker thread cannot:

* **a time budget that works**: the lint process lints in its main thread, so
  :func:`copylint.budget.time_budget` (``SIGALRM``) stops a pathological file
  exactly as ``copylint PATH`` does, with the same error; and the worker stops
  a lint process that does not answer within the budget plus a grace period
  (work in C code that never returns to the interpreter) by killing it;
* **crash isolation**: a file that kills the process linting it (a crash in C
  code, the out-of-memory killer, ``os._exit`` in a rule) kills the lint
  process, not the Dask worker.  The worker starts a new lint process and
  sends it the files not yet answered, to be answered file by file, so a
  death then names its file; a file that kills the lint process twice when
  linted alone is recorded as an error.  A silent lint process is handled
  the same way: the file that stays silent alone is over its budget.  No Dask
  task is lost or retried, so no row can be duplicated or lost.

The two processes talk over a pair of pipes in length-prefixed pickle frames
(the lint process is copylint's own code, never the archive's).  The lint
process has its own session (``start_new_session``) so a Ctrl-C at a terminal
reaches the client alone, and it exits when the worker closes its pipe or dies.

This module imports neither Dask nor pyarrow: the lint process does not need them.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, FileResult
from ..errors import CopylintError, InputError

#: Environment variables that change what a file's lint gives; the client's
#: values are passed to every lint process, so all workers lint alike.
LINT_ENV = ("COPYLINT_FILE_TIMEOUT", "COPYLINT_MAX_FILE_MB")
#: Seconds a new lint process may take to build its session (knowledge indexes,
#: a local LanguageTool) before the worker gives up on it.
READY_SECONDS = 600.0
#: Seconds past a file's budget before the worker kills a silent lint process:
#: the process's own alarm stops the lint at the budget, so this covers only
#: work that never returns to the interpreter (and a loaded machine's delays).
GRACE_SECONDS = 15.0
#: Attempts a file gets, answered alone, when the lint process dies on it (the
#: second rules out a process killed for another reason, such as the memory of
#: another process).
ATTEMPTS = 2
#: A lint process answers a chunk in batches, at least this often (seconds), so
#: the worker's wait for an answer is bounded by the budget of one file.
FLUSH_SECONDS = 1.0
_HEADER = struct.Struct("!Q")


@dataclass(frozen=True)
class LintSetup:
    """What a lint process needs to build its session (sent as its first frame)."""

    options: Any  # copylint.api.Options
    encoding: str | None = None
    #: grammar overrides as on the command line: mode, url, language (None: from config)
    grammar: tuple[str | None, str | None, str | None] = (None, None, None)
    #: modules (or ``.py`` files) imported before the session is built:
    #: instrumentation, or a test's fault injection
    preload: tuple[str, ...] = ()
    #: the client's LINT_ENV values
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_client(cls, options: Any, encoding: str | None, **kwargs: Any) -> LintSetup:
        """A setup carrying this process's LINT_ENV values."""
        env = {name: os.environ[name] for name in LINT_ENV if name in os.environ}
        return cls(options, encoding, env=env, **kwargs)

    def budget(self, size: int) -> float | None:
        """Seconds the lint process may take for a file of ``size`` bytes (None: no limit)."""
        from ..budget import BASE_SECONDS, SECONDS_PER_MB

        try:
            base = float(self.env.get("COPYLINT_FILE_TIMEOUT", BASE_SECONDS))
        except ValueError:
            base = BASE_SECONDS
        if base <= 0:
            return None
        return base + SECONDS_PER_MB * size / 1_000_000


@dataclass(slots=True)
class Linted:
    """One file's outcome in the lint process (``error``: unreadable, over budget,
    or a rule crashed on it)."""

    diagnostics: list[Diagnostic]
    error: str | None
    seconds: float


class GrammarFailed(RuntimeError):
    """LanguageTool failed in a lint process: the audit stops (results would lack CL5xx)."""


class LintProcessError(RuntimeError):
    """A lint process that could not build its session."""


# --- frames -------------------------------------------------------------------


def _write(fd: int, obj: Any) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, n: int) -> bytes:
    parts: list[bytes] = []
    while n:
        part = os.read(fd, min(n, 1 << 20))
        if not part:
            raise EOFError
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _read(fd: int) -> Any:
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size))
    return pickle.loads(_read_exactly(fd, size))  # noqa: S301 - our own process's frames


# --- the lint process -----------------------------------------------------------


def lint_bytes(session: Any, path: str, data: bytes, encoding: str | None) -> FileResult:
    """Lint one file's raw bytes as ``copylint PATH`` lints the file at ``path``."""
    from ..sources import SourceText, decode_bytes, max_input_bytes

    limit = max_input_bytes()
    try:
        if len(data) > limit:
            raise InputError(
                path,
                f"input is over the {limit / 1048576:g} MB size limit "
                f"({len(data) / 1048576:.1f} MB); split it, exclude it, or raise "
                "COPYLINT_MAX_FILE_MB",
            )
        text, chosen, bom = decode_bytes(data, path, encoding)
        source = SourceText(path, text, chosen, bom, size=len(data))
        return FileResult(path, session.lint_source(path, source))
    except InputError as exc:
        return FileResult(path, error=exc.reason)
    except CopylintError as exc:  # a damaged knowledge index met by this file: not a bug
        return FileResult(path, error=str(exc))


def _crash(diagnostics: list[Diagnostic]) -> str | None:
    """A rule that crashed on the file (CL001): the audit records the file as an error."""
    from ..engine import INTERNAL_ERROR

    for d in diagnostics:
        if d.code == INTERNAL_ERROR:
            return d.message
    return None


#: Exercises the checks' lazily built data once, before the first chunk.
_WARM_UP_TEXT = "Warm-up Text: Jane Doe said the filmopened on Friday in The City.\n"


def _preload(names: Sequence[str]) -> None:
    import importlib
    import runpy

    for name in names:
        if name.endswith(".py"):
            runpy.run_path(name, run_name="__copylint_preload__")
        else:
            importlib.import_module(name)


def _serve(read_fd: int, write_fd: int) -> None:
    import gc

    from ..api import Session
    from ..document import Document
    from ..grammar import GrammarRun

    setup: LintSetup = _read(read_fd)
    with contextlib.ExitStack() as stack:
        try:
            _preload(setup.preload)
            session = Session(setup.options)
            settings = session.settings_for(".")
            linter = session.linter_for(settings)
            mode, url, language = setup.grammar
            grammar = GrammarRun(
                settings.grammar, settings.config_path, mode=mode, url=url, language=language
            )
            stack.callback(grammar.close)
            if grammar.failure is not None:
                raise GrammarFailed(str(grammar.failure))
            linter.lint_document(Document.plain(_WARM_UP_TEXT, "<warm-up>"))
        except Exception as exc:  # noqa: BLE001 - told to the worker in one line
            kind = "grammar" if isinstance(exc, GrammarFailed) else "failed"
            _write(write_fd, (kind, f"{type(exc).__name__}: {exc}"))
            return
        # Rules, lexicon and knowledge live as long as the process: moved out of
        # the collector's reach, they are not traversed again and again while
        # linting allocates (BBC articles: 1.6 -> 1.06 ms each, measured).
        gc.collect()
        gc.freeze()
        # The processes it started (a local LanguageTool server, in its own
        # session): the worker ends them if this process dies without stopping them.
        _write(write_fd, ("ready", children(os.getpid())))
        while True:
            try:
                files, one_by_one = _read(read_fd)
            except EOFError:  # the worker is done, or gone
                return
            batch: list[Linted] = []
            flushed = time.monotonic()
            for path, data in files:
                started = time.perf_counter()
                try:
                    result = lint_bytes(session, path, data, setup.encoding)
                except Exception as exc:  # noqa: BLE001 - one file must never stop the rest
                    result = FileResult(path, error=f"internal error: {type(exc).__name__}: {exc}")
                seconds = time.perf_counter() - started
                if grammar.failure is not None:  # this file's CL5xx are missing
                    _write(write_fd, ("grammar", str(grammar.failure)))
                    return
                error = result.error if result.error is not None else _crash(result.diagnostics)
                batch.append(Linted(result.diagnostics, error, seconds))
                if one_by_one or time.monotonic() - flushed >= FLUSH_SECONDS:
                    _write(write_fd, ("files", batch))
                    batch, flushed = [], time.monotonic()
            if batch:
                _write(write_fd, ("files", batch))


def _stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name (None: no such process)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].decode().split()
    except (OSError, IndexError):
        return None


def children(parent: int) -> list[tuple[int, str]]:
    """``(pid, start time)`` of each live child process of ``parent`` (Linux; else none).

    The start time tells a process from a later one given the same pid.
    """
    found = []
    with contextlib.suppress(OSError):
        for name in os.listdir("/proc"):
            if name.isdigit():
                fields = _stat(int(name))
                if fields and fields[1] == str(parent) and fields[0] != "Z":
                    found.append((int(name), fields[19]))
    return found


def end_processes(processes: Sequence[tuple[int, str]]) -> None:
    """SIGKILL each ``(pid, start time)`` still running, with its process group
    when it leads one (a LanguageTool server's JVM and anything it started)."""
    for pid, started in processes:
        fields = _stat(pid)
        if fields is None or fields[19] != started or fields[0] == "Z":
            continue  # gone, or the pid now belongs to another process
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if int(fields[2]) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)


def _exit_with_parent(interval: float = 1.0) -> None:
    """End this process when the worker that started it is gone (re-parented).

    A pipe closed by a dead worker is noticed only at the next read or write;
    a lint process busy on a runaway file would otherwise outlive its worker.
    """
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                # os._exit skips the grammar service's clean-up: end its server here.
                end_processes(children(os.getpid()))
                os._exit(0)

    threading.Thread(target=watch, name="copylint-parent-watch", daemon=True).start()


#: Linux's out-of-memory killer picks the process with the highest score; a lint
#: process raises its own, so that under memory pressure it goes before the Dask
#: worker or the client (the audit handles a lint process's death: it costs one
#: file; the audit process's death costs the run).
OOM_SCORE_ADJ = 500


def _prefer_as_oom_victim() -> None:
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as fh:
        fh.write(str(OOM_SCORE_ADJ))


def main(argv: Sequence[str]) -> None:
    """Entry point of the lint process: ``python -m copylint.audit.lintproc READ_FD WRITE_FD``."""
    # Ctrl-C and terminal signals are the client's to handle; the worker stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _prefer_as_oom_victim()
    read_fd, write_fd = int(argv[0]), int(argv[1])
    # Anything a rule prints goes to stderr, never into the frames.
    sys.stdout = sys.stderr
    with contextlib.suppress(BrokenPipeError):
        _serve(read_fd, write_fd)


# --- the worker's side ----------------------------------------------------------


def _died(returncode: int | None) -> str:
    if returncode is not None and returncode < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-returncode).name}"
    return f"exit status {returncode}"


class LintProcess:
    """The worker's handle on its lint process (started on first use, restarted after a death).

    Not thread-safe: the worker's plugin lets one chunk at a time use it.
    """

    def __init__(self, setup: LintSetup) -> None:
        self.setup = setup
        self.proc: subprocess.Popen[bytes] | None = None
        self._to = self._from = -1
        self._ready = False
        #: processes the lint process started (its LanguageTool server), to end
        #: when it dies without stopping them
        self._helpers: list[tuple[int, str]] = []
        #: lint processes started so far (the first, then one per death or stop)
        self.started = 0

    def start(self) -> None:
        """Start the lint process (it builds its session while the worker goes on)."""
        if self.proc is not None:
            return
        child_in, to_child = os.pipe()
        from_child, child_out = os.pipe()
        env = {**os.environ, **self.setup.env}
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "copylint.audit.lintproc", str(child_in), str(child_out)],
                stdin=subprocess.DEVNULL,
                pass_fds=(child_in, child_out),
                start_new_session=True,
                env=env,
            )
        finally:
            os.close(child_in)
            os.close(child_out)
        self._to, self._from = to_child, from_child
        self._ready = False
        self.started += 1
        _write(self._to, self.setup)

    def _wait_ready(self) -> None:
        reply = self._receive(READY_SECONDS)
        if reply is None or reply[0] != "ready":
            why = (
                "did not start in time"
                if reply is None
                else reply[1]
                if reply[0] != "dead"
                else _died(self.proc.returncode if self.proc else None)
            )
            grammar = reply is not None and reply[0] == "grammar"
            self.stop()
            if grammar:
                raise GrammarFailed(why)
            raise LintProcessError(f"the audit's lint process could not start: {why}")
        self._helpers = list(reply[1] or [])
        self._ready = True

    def _receive(self, timeout: float | None) -> tuple[str, Any] | None:
        """The next frame; ("dead", None) when the process died; None after ``timeout``."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                readable, _, _ = select.select([self._from], [], [], left)
            except InterruptedError:  # pragma: no cover - PEP 475 retries select itself
                continue
            if readable:
                break
            return None
        try:
            frame: tuple[str, Any] = _read(self._from)
        except (EOFError, OSError, pickle.UnpicklingError):
            self._reap()
            return ("dead", None)
        return frame

    def _reap(self) -> None:
        """Kill the lint process (dead already, or to be killed) and what it started."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        # Killed, it could not stop its LanguageTool server (a session of its own).
        end_processes(self._helpers)
        self._helpers = []

    def stop(self) -> None:
        """End the lint process: close its pipe (it exits), kill it if it lingers."""
        proc, self.proc = self.proc, None
        for fd in (self._to, self._from):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._to = self._from = -1
        self._ready = False
        helpers, self._helpers = self._helpers, []
        if proc is None:
            return
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        # A lint process that ended normally stopped its server; one killed did not.
        end_processes(helpers)

    def _kill(self) -> None:
        if self.proc is not None:
            self._reap()
        self.stop()

    def lint(self, files: Sequence[tuple[str, bytes]]) -> list[Linted]:
        """Lint ``files`` (path, bytes) in order: one outcome each, whatever happens.

        The lint process answers in batches (one frame per chunk, or per
        second on a long one).  When it dies or stops answering, the files not
        yet answered go to a new lint process that answers file by file, so a
        second death or silence names its file: that file is recorded as an
        error and the rest of the chunk is linted.

        Raises :class:`GrammarFailed` when LanguageTool fails (the chunk must not
        be written without its grammar findings), :class:`LintProcessError` when
        a new lint process cannot build its session.
        """
        out: list[Linted] = []
        deaths = [0] * len(files)
        one_by_one = False
        while len(out) < len(files):
            if self.proc is None:
                self.start()
            if not self._ready:
                self._wait_ready()
            try:
                _write(self._to, (list(files[len(out) :]), one_by_one))
            except OSError:  # it died before reading them
                self._reap()
            while len(out) < len(files):
                i = len(out)
                limit = self._limit(files[i:] if not one_by_one else files[i : i + 1])
                reply = self._receive(None if limit is None else limit + GRACE_SECONDS)
                if reply is not None and reply[0] == "files":
                    out.extend(reply[1])
                    continue
                if reply is not None and reply[0] == "grammar":
                    self._kill()
                    raise GrammarFailed(reply[1])
                # Silent, or dead: the file in flight, or (in a batch) one of the rest.
                returncode = self.proc.returncode if self.proc and reply is not None else None
                self._kill()
                if one_by_one:
                    if reply is None:
                        out.append(Linted([], _over_budget(limit or 0.0), limit or 0.0))
                    else:
                        deaths[i] += 1
                        if deaths[i] >= ATTEMPTS:
                            out.append(Linted([], _killer(returncode), 0.0))
                one_by_one = True
                break
        return out

    def _limit(self, files: Sequence[tuple[str, bytes]]) -> float | None:
        """Seconds to wait for the next answer about ``files`` (None: no limit)."""
        if not files:
            return None
        # The budget grows with the size: the largest file's is the longest.
        budget = self.setup.budget(max(len(data) for _, data in files))
        if budget is None:
            return None
        return budget + FLUSH_SECONDS * (len(files) > 1)


def _over_budget(budget: float) -> str:
    return (
        f"linting took longer than {budget:.0f} s and was stopped (the lint process did not "
        "answer and was killed); raise COPYLINT_FILE_TIMEOUT to allow more"
    )


def _killer(returncode: int | None) -> str:
    return (
        f"the lint process died every time it linted this file ({_died(returncode)}: a crash "
        "in C code or the out-of-memory killer); the other files were audited"
    )


if __name__ == "__main__":
    # Run from the module under its own name, so the frames pickle its classes as
    # copylint.audit.lintproc.* (not __main__.*), which the worker can load.
    from copylint.audit import lintproc

    lintproc.main(sys.argv[1:])
