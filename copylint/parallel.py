"""Lint many files on several cores, with results in input order.

Two layers:

* :func:`ordered_map` is a generic process map: items go to a pool in chunks,
  a bounded number of chunks in flight, results come back in input order.  A
  worker that dies (a crash in C code, the out-of-memory killer) does not sink
  the run: the chunks it may have been working on are re-run one item at a time
  in a single-worker pool, so the item that kills a worker is named and every
  other item still gets its result.
* :func:`lint_files` is copylint's use of it: the parent reads each file's bytes
  once to look its result up in the :class:`~copylint.cache.ResultCache`, builds
  the linters the remaining files need (so configuration and knowledge errors
  surface in the parent, and forked workers inherit compiled rules instead of
  compiling them again), then lints the misses in the pool.  Workers
  (:mod:`copylint.worker`) read and lint their files and write the cache
  entries themselves.

On Linux the pool forks: workers start in milliseconds with every module,
rule and index already in memory.  Elsewhere each worker builds its own
:class:`~copylint.api.Session` once, in the pool's initializer.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

# multiprocessing and concurrent.futures are imported only when a pool is
# started: a one-file run (a pre-commit hook) does not pay for them.
if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

    from .api import Session
    from .cache import ResultCache
    from .diagnostics import FileResult
    from .worker import Task

T = TypeVar("T")
R = TypeVar("R")

#: Below this many files to lint, a pool costs more than it saves.
MIN_PARALLEL_FILES = 8
#: With the default --jobs, runs with fewer files and fewer bytes than these
#: stay in one process (see plan_workers).
AUTO_MIN_FILES = 100
AUTO_MIN_BYTES = 256 * 1024
#: Chunks per worker to aim for: enough to balance uneven files, few enough to keep IPC low.
_CHUNKS_PER_WORKER = 8
_MAX_CHUNK = 64
#: Chunks in flight per worker: keeps workers busy while bounding memory.
_IN_FLIGHT_PER_WORKER = 4

#: Near the end of a run, a chunk is at most this share of the items left per worker.
_TAPER_PER_WORKER = 2

#: Exercises the checks' lazily built data before workers are forked.
_WARM_UP_TEXT = "Warm-up Text: Jane Doe said the filmopened on Friday in The City.\n"

WORKER_DIED = (
    "the copylint worker process died while linting this file "
    "(a crash or the out-of-memory killer); the other files were linted"
)


def available_cores() -> int:
    """The number of cores this process may run on (respects CPU affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class WorkerDied(Generic[T]):
    """Stands in for the result of ``item``, whose worker process ended abruptly."""

    item: T


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork is only safe where it is the platform's tested default (Linux);
    # macOS and Windows spawn fresh interpreters.
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _quiet_worker(initializer: Callable[..., None] | None, *initargs: Any) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it, so
    # workers do not print a traceback each.  SIGTERM (sent by an interrupted
    # parent) and the parent's death end a worker cleanly (copylint.interrupts).
    from .interrupts import setup_worker

    setup_worker()
    if initializer is not None:
        initializer(*initargs)


def _run_chunk(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    from .interrupts import run_task

    return run_task(lambda: [fn(item) for item in chunk])


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Ask every worker to stop now (SIGTERM: each unwinds its task, then exits)."""
    # The executor has no public way to reach its processes; _processes is
    # stable across CPython 3.8-3.13.
    for process in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()


def _chunks(items: Iterable[T], size: int, jobs: int = 1) -> Iterator[list[T]]:
    """``items`` in chunks of ``size``; when their number is known, smaller ones at the end.

    Performance (issue 19): with equal chunks the run ends when the slowest
    worker's last chunk does, while the others wait (half a chunk of idle time
    on average).  Near the end a chunk is a share of what is left (guided
    scheduling), down to one item, so the workers finish nearly together.
    """
    if not isinstance(items, Sequence):
        chunk: list[T] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
        return
    at = 0
    while at < len(items):
        step = max(1, min(size, (len(items) - at) // (_TAPER_PER_WORKER * jobs)))
        yield list(items[at : at + step])
        at += step


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    chunksize: int = 16,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R | WorkerDied[T]]:
    """``map(fn, items)`` on ``jobs`` processes, yielding in input order.

    ``fn`` must be a module-level function (it is sent to workers by name).
    An exception raised by ``fn`` propagates; a worker that dies yields a
    :class:`WorkerDied` for the item it died on (found by re-running the
    suspects in isolation) and the map goes on.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = _mp_context()

    def new_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_quiet_worker, initargs=(initializer, *initargs)
        )

    chunks = _chunks(items, max(1, chunksize), jobs)
    # Each chunk in flight with its future; None when the pool broke before the
    # chunk could be submitted (a worker may die while the window is refilled).
    window: collections.deque[tuple[list[T], Future[list[R]] | None]] = collections.deque()
    pool = new_pool(jobs)
    try:
        while True:
            while len(window) < jobs * _IN_FLIGHT_PER_WORKER:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                try:
                    window.append((chunk, pool.submit(_run_chunk, fn, chunk)))
                except BrokenProcessPool:
                    window.append((chunk, None))
                    break
            if not window:
                return
            chunk, future = window.popleft()
            if future is not None:
                try:
                    yield from future.result()
                    continue
                except BrokenProcessPool:
                    pass
            # The pool is gone.  Chunks that finished before it broke keep their
            # results; the others are suspects, re-run one item at a time.
            pool.shutdown(wait=True, cancel_futures=True)
            for c, f in [(chunk, future), *window]:
                if f is not None and f.done() and not f.cancelled() and f.exception() is None:
                    yield from f.result()
                else:
                    yield from _isolate(fn, c, new_pool)
            window.clear()
            pool = new_pool(jobs)
    except BaseException:
        # Interrupted (or failing): do not wait for the chunks in flight.
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolate(
    fn: Callable[[T], R], chunk: Sequence[T], new_pool: Callable[[int], ProcessPoolExecutor]
) -> Iterator[R | WorkerDied[T]]:
    """Run each item alone in a one-worker pool; an item that breaks it died."""
    from concurrent.futures.process import BrokenProcessPool

    pool: ProcessPoolExecutor | None = None
    try:
        for item in chunk:
            if pool is None:
                pool = new_pool(1)
            try:
                yield pool.submit(_run_chunk, fn, [item]).result()[0]
            except BrokenProcessPool:
                yield WorkerDied(item)
                pool.shutdown(wait=True)
                pool = None
    except BaseException:
        if pool is not None:
            _stop_workers(pool)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


# ------------------------------------------------------------------- linting
def lint_one(
    session: Session,
    path: str,
    encoding: str | None,
    cache: ResultCache | None = None,
    fingerprint: str | None = None,
) -> FileResult:
    """Read and lint one file, storing the result in ``cache`` under ``fingerprint``."""
    from .diagnostics import FileResult
    from .errors import InputError
    from .sources import read_source

    try:
        source = read_source(path, encoding)
        diagnostics = session.lint_source(path, source)  # InputError: over its time budget
    except InputError as exc:
        return FileResult(path, error=exc.reason)
    if cache is not None and fingerprint is not None:
        cache.put(cache.key(fingerprint, path, source.sha256, encoding), diagnostics)
    return FileResult(path, diagnostics)


def plan_workers(jobs: int | None, paths: Sequence[str]) -> int:
    """How many worker processes to use for ``paths`` (1 means in-process).

    With ``jobs`` None or 0 (one per core), a run that is small in files and
    bytes stays in this process: starting workers, each warming its own
    caches, costs more than it saves below about a hundred articles (measured,
    issue 7).  An explicit ``jobs`` is obeyed from :data:`MIN_PARALLEL_FILES`.
    """
    files = len(paths)
    if files < MIN_PARALLEL_FILES:
        return 1
    if jobs is None or jobs < 1:
        if files < AUTO_MIN_FILES and _total_bytes(paths) < AUTO_MIN_BYTES:
            return 1
        jobs = available_cores()
    return max(1, min(jobs, files // 2))


def _total_bytes(paths: Sequence[str]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):  # unreadable: reported when linted
            total += os.path.getsize(path)
    return total


def lint_files(
    session: Session,
    paths: Sequence[str],
    *,
    encoding: str | None = None,
    jobs: int | None = None,
    cache: ResultCache | None = None,
) -> list[FileResult]:
    """Lint ``paths`` (files, already expanded) and return one FileResult each, in order.

    ``jobs`` None or 0 means one worker per available core; ``cache`` None
    disables the result cache.
    """
    from .cache import file_digest, settings_fingerprint
    from .diagnostics import FileResult
    from .packs import builtin_pack_paths
    from .worker import Job, init, run_task

    results: list[FileResult | None] = [None] * len(paths)
    fingerprints: dict[str | None, str] = {}
    tasks: list[Task] = []
    for index, path in enumerate(paths):
        fingerprint = None
        if cache is not None:
            settings = session.settings_for(path)
            fingerprint = fingerprints.get(settings.config_path)
            if fingerprint is None:
                packs: list[str | os.PathLike[str]] = [*builtin_pack_paths(), *settings.rule_packs]
                fingerprint = fingerprints[settings.config_path] = settings_fingerprint(
                    settings, packs
                )
            digest = file_digest(path)
            if digest != "missing":
                hit = cache.get(cache.key(fingerprint, path, digest, encoding), path)
                if hit is not None:
                    results[index] = FileResult(path, hit)
                    continue
        tasks.append((index, path, fingerprint))

    # Build every linter the misses need here: errors in a config or knowledge
    # file are reported once, and forked workers start with compiled rules.
    linters = {
        id(linter): linter
        for linter in (session.linter_for(session.settings_for(path)) for _, path, _ in tasks)
    }

    workers = plan_workers(jobs, [path for _, path, _ in tasks])
    forked = workers > 1 and _mp_context().get_start_method() == "fork"
    if forked:
        # Checks build some things on first use (lexicons, name indexes): one
        # small document builds them here, once, for every forked worker.
        from .document import Document

        for linter in linters.values():
            linter.lint_document(Document.plain(_WARM_UP_TEXT, "<warm-up>"))
            linter.warm_up()
    if workers == 1:
        for index, path, fingerprint in tasks:
            results[index] = lint_one(session, path, encoding, cache, fingerprint)
    else:
        chunk = max(1, min(_MAX_CHUNK, len(tasks) // (workers * _CHUNKS_PER_WORKER)))
        # Objects that exist now (rules, knowledge) stay shared with forked
        # workers only if no garbage collection in a worker touches them.
        gc.freeze()
        try:
            job = Job(encoding=encoding, cache_dir=str(cache.root) if cache is not None else None)
            outcomes = ordered_map(
                run_task,
                tasks,
                jobs=workers,
                chunksize=chunk,
                initializer=init,
                initargs=(session if forked else None, session.options, job),
            )
            for outcome in outcomes:
                if isinstance(outcome, WorkerDied):
                    index, path, _ = outcome.item
                    results[index] = FileResult(path, error=WORKER_DIED)
                else:
                    index, result = outcome
                    assert isinstance(result, FileResult)
                    results[index] = result
        finally:
            gc.unfreeze()
    return [r for r in results if r is not None]
