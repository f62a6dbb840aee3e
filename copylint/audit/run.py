"""Run an audit: list, chunk, schedule on Dask, follow progress, summarise.

The client lists the sources (names and sizes, never bytes), groups them into
chunks and keeps a bounded number of chunks in flight (two per worker thread),
so the memory of the workers and of the scheduler is bounded by the chunks in
flight, not by the archive.  Each finished chunk sends back only its
:class:`~copylint.audit.summary.ChunkSummary`.

Failures:

* a worker that dies (killed, out of memory, a lost node): Dask re-runs its
  chunk elsewhere, and the chunk's parts are written under the same names, so
  no row is duplicated;
* a chunk that keeps killing workers (Dask gives up with ``KilledWorker``):
  its files are re-run one by one, and a file that still kills its worker is
  recorded as an error;
* Ctrl-C: the chunks in flight are lost, every written chunk stays; ``--resume``
  goes on from there.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..api import Options, Session
from ..config import find_config
from ..errors import CopylintError
from .chunks import DEFAULT_CHUNK_BYTES, DEFAULT_CHUNK_FILES, Chunk, make_chunks
from .lintproc import GrammarFailed, LintProcessError, LintSetup
from .listing import list_sources
from .progress import Progress
from .results import FORMAT_VERSION, Dataset
from .summary import AuditSummary, ChunkSummary
from .worker import AuditPlugin, lint_chunk, plugin_name, record_killer

#: Chunks in flight per worker thread: one running, one queued so no worker waits.
IN_FLIGHT_PER_THREAD = 2
#: Deaths of a worker process Dask forgives a task before giving up on it (for a
#: LocalCluster of worker processes built with LOCAL_DASK_CONFIG, as the tests
#: build one): a chunk whose workers died twice is re-run file by file.  Dask's
#: default (3) means eight deaths in a row for one killer file, and a
#: LocalCluster restarting workers that fast has been seen to lose a nanny.
LOCAL_ALLOWED_FAILURES = 1
#: Dask settings of the audit's own LocalCluster, each measured on BBC articles:
#: the workers sample their CPU and memory every 2 s instead of 0.5 s, and do
#: not run Dask's statistical profiler (100 stack samples a second of every
#: thread of the process, which cost 15-40% of the workers' CPU; the
#: dashboard's profile page stays empty).
LOCAL_DASK_CONFIG = {
    "distributed.scheduler.allowed-failures": LOCAL_ALLOWED_FAILURES,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.profile.enabled": False,
}
WORKER_KILLER = (
    "the Dask worker died every time it linted this file (a crash in C code or the "
    "out-of-memory killer); the other files were audited"
)


class AuditError(CopylintError):
    """An audit that cannot start or go on (a usage error: exit 2)."""


@dataclass
class AuditRequest:
    """Everything ``copylint audit`` was asked to do."""

    sources: Sequence[str]
    output: str
    options: Options = field(default_factory=Options)
    encoding: str | None = None
    scheduler: str | None = None
    workers: int | None = None
    resume: bool = False
    overwrite: bool = False
    chunk_files: int = DEFAULT_CHUNK_FILES
    chunk_bytes: int = DEFAULT_CHUNK_BYTES
    progress: bool = True
    #: grammar overrides as on the command line: mode, LanguageTool URL, language
    grammar: tuple[str | None, str | None, str | None] = (None, None, None)
    #: modules or ``.py`` files every lint process imports before building its
    #: session (instrumentation; the tests' fault injection)
    preload: tuple[str, ...] = ()


@dataclass
class AuditOutcome:
    """What a finished audit did."""

    summary: AuditSummary
    chunks: int = 0
    skipped_chunks: int = 0
    skipped_files: int = 0
    isolated_chunks: int = 0
    removed_stale: int = 0
    seconds: float = 0.0
    dashboard: str | None = None


def worker_options(options: Options) -> Options:
    """``options`` as every worker must see them: one config file, absolute paths.

    A local run picks the config closest to each file; an audit uses one: the
    ``--config`` file, else the one found from the working directory, else
    none (``--isolated`` behaviour), so workers anywhere resolve the same settings.
    """
    knowledge = tuple(str(Path(k).resolve()) for k in options.knowledge)
    if options.isolated:
        return replace(options, knowledge=knowledge)
    config = options.config or find_config(Path.cwd())
    if config is None:
        return replace(options, knowledge=knowledge, isolated=True)
    return replace(options, knowledge=knowledge, config=str(Path(config).resolve()))


def settings_key(
    session: Session,
    encoding: str | None,
    grammar: tuple[str | None, str | None, str | None] = (None, None, None),
) -> str:
    """A digest of the settings, packs, knowledge, grammar overrides and copylint
    version: the resume key."""
    from ..cache import settings_fingerprint
    from ..packs import builtin_pack_paths

    settings = session.settings_for(".")
    packs: list[str | os.PathLike[str]] = [*builtin_pack_paths(), *settings.rule_packs]
    base = settings_fingerprint(settings, packs)
    overrides = ",".join(g or "" for g in grammar)
    return f"{base}:{encoding or ''}:{overrides}:{FORMAT_VERSION}"


def _prepare_output(dataset: Dataset, request: AuditRequest, key: str) -> set[str]:
    """Check the output directory against the request; the chunk ids already written."""
    manifest = dataset.read_manifest()
    if request.resume and manifest is not None:
        if manifest.get("settings") != key:
            raise AuditError(
                f"{request.output}: holds an audit made with other settings or another "
                "copylint version; audit into a new directory, or pass --overwrite"
            )
        return dataset.done_chunks()
    if dataset.has_content():
        if request.overwrite and manifest is not None:
            dataset.clear()
        elif request.overwrite:
            raise AuditError(
                f"{request.output}: is not empty and holds no audit; refusing to overwrite it"
            )
        elif manifest is not None:
            raise AuditError(
                f"{request.output}: holds an earlier audit; pass --resume to continue it "
                "or --overwrite to replace it"
            )
        else:
            raise AuditError(f"{request.output}: is not empty; choose a new or empty directory")
    return set()


def _is_done(chunk: Chunk, done: set[str]) -> bool:
    if chunk.id in done:
        return True
    # A chunk that was linted file by file (it killed workers) is done when every file is.
    return bool(done) and all(f"{chunk.id}-{i}" in done for i in range(len(chunk.files)))


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A Dask client: on ``scheduler``, or on a LocalCluster of one worker per core.

    The local workers run in this process (``processes=False``), one thread
    each, and each drives its own lint process: the lint (the CPU) runs in one
    process per core, as with ``copylint -j N``, while a Dask worker only reads
    bytes, hands them over and writes Parquet.  A Dask worker process of its
    own per core cost about 1.3 s to start and 0.5 s to stop (each imports
    Dask), and about 3 s of CPU per BBC x10 audit in imports, heartbeats and
    task messages (bench/audit.py, docs/audit.md); the crash isolation it gave
    is the lint process's job.
    """
    from distributed import Client, LocalCluster

    from ..parallel import available_cores

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise AuditError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    # Without bokeh there is no dashboard to show: ask for no HTTP server at all.
    dashboard = ":8787" if _bokeh_installed() else None
    import dask

    with (
        warnings.catch_warnings(),
        dask.config.set(LOCAL_DASK_CONFIG),
    ):
        # "Port 8787 is already in use ... on port N instead": the address printed says so.
        warnings.simplefilter("ignore", UserWarning)
        cluster = LocalCluster(
            n_workers=workers or available_cores(),
            threads_per_worker=1,
            processes=False,
            dashboard_address=dashboard,
            silence_logs=logging.ERROR,
        )
    try:
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def worker_threads(client: Any) -> int:
    """How many tasks the cluster runs at once (at least 1 while workers join)."""
    info = client.scheduler_info()
    return max(1, int(sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())))


def schedule(
    client: Any,
    chunks: Sequence[Chunk],
    submit: Callable[[Chunk], Any],
    on_done: Callable[[Chunk, Any], None],
    on_killed: Callable[[Chunk], None],
    window: int,
) -> None:
    """Keep ``window`` chunks in flight until every chunk is done.

    ``submit`` returns a future; ``on_done`` gets each chunk's result as it
    arrives; ``on_killed`` gets a chunk whose task Dask gave up on because its
    workers kept dying.  Any other task failure propagates.
    """
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    todo = iter(chunks)
    running: dict[str, tuple[Chunk, Any]] = {}
    flow = as_completed()

    def feed() -> None:
        while len(running) < window:
            chunk = next(todo, None)
            if chunk is None:
                return
            future = submit(chunk)
            running[future.key] = (chunk, future)
            flow.add(future)

    try:
        feed()
        for future in flow:
            chunk, _ = running.pop(future.key)
            try:
                result = future.result()
            except KilledWorker:
                on_killed(chunk)
            else:
                on_done(chunk, result)
            finally:
                future.release()
            feed()
    except BaseException:
        # Ctrl-C, or a failure that ends the audit: the chunks not yet started
        # must not start (the audit's worker plugin is about to be removed).
        client.cancel([f for _, f in running.values()])
        raise


def run_audit(
    request: AuditRequest,
    client: Any | None = None,
    echo: Callable[[str], None] = lambda _message: None,
) -> AuditOutcome:
    """Audit ``request.sources`` into ``request.output``; ``client`` reuses a Dask client."""
    started = time.monotonic()
    options = worker_options(request.options)
    session = Session(options)
    settings = session.settings_for(".")
    session.linter_for(settings)  # config, pack and knowledge errors: here, once
    key = settings_key(session, request.encoding, request.grammar)

    dataset = Dataset(request.output)
    done = _prepare_output(dataset, request, key)
    outcome = AuditOutcome(AuditSummary())
    with contextlib.ExitStack() as stack:
        dask = client
        if dask is None:
            dask = stack.enter_context(connect(request.scheduler, request.workers))
        # The workers start their lint processes now: each builds its session
        # (about half a second) while this process lists the sources.
        name = plugin_name(key, request.output)
        setup = LintSetup.from_client(
            options, request.encoding, grammar=request.grammar, preload=request.preload
        )
        dask.register_plugin(AuditPlugin(setup, request.output), name=name)
        stack.callback(_unregister, dask, name)
        chunks, todo = _plan(request, settings.exclude, key, done, dataset, outcome)
        progress = Progress(
            sum(len(c.files) for c in todo), sum(c.size for c in todo), enabled=request.progress
        )
        if outcome.skipped_chunks:
            echo(
                f"resuming: {outcome.skipped_chunks:,} of {len(chunks):,} chunks "
                f"({outcome.skipped_files:,} files) were already written"
            )
        outcome.dashboard = getattr(dask, "dashboard_link", None) if _has_dashboard(dask) else None
        if outcome.dashboard:
            echo(f"Dask dashboard: {outcome.dashboard}")
        try:
            _audit_chunks(dask, todo, name, dataset, outcome, progress)
        except GrammarFailed as exc:
            raise AuditError(
                f"LanguageTool failed, so the audit stopped (results without grammar "
                f"findings would look complete): {exc}; the chunks written so far are kept "
                "(run again with --resume)"
            ) from None
        except LintProcessError as exc:
            raise AuditError(str(exc)) from None
    progress.close()

    written = dataset.done_chunks()
    keep = {c.id for c in chunks}
    keep |= {i for i in written if "-" in i and i.split("-")[0] in keep - written}
    outcome.removed_stale = dataset.remove_stale(keep)
    dataset.write_manifest(_manifest(request, key, chunks, complete=True))
    outcome.seconds = time.monotonic() - started
    return outcome


def _plan(
    request: AuditRequest,
    exclude: Any,
    key: str,
    done: set[str],
    dataset: Dataset,
    outcome: AuditOutcome,
) -> tuple[list[Chunk], list[Chunk]]:
    """List and chunk the sources, count what an earlier run did, write the manifest.

    Returns every chunk and the chunks still to do.
    """
    entries = list_sources(request.sources, exclude)
    chunks = list(
        make_chunks(entries, key, max_files=request.chunk_files, max_bytes=request.chunk_bytes)
    )
    if not chunks:
        raise AuditError("the sources name no text files")
    todo = [c for c in chunks if not _is_done(c, done)]
    outcome.chunks = len(chunks)
    outcome.skipped_chunks = len(chunks) - len(todo)
    outcome.skipped_files = sum(len(c.files) for c in chunks) - sum(len(c.files) for c in todo)
    dataset.write_manifest(_manifest(request, key, chunks, complete=False))
    return chunks, todo


def _unregister(dask: Any, name: str) -> None:
    """Remove the audit's plugin: a long-lived cluster must not keep every audit's
    session (and lint processes) alive."""
    with contextlib.suppress(Exception):
        dask.unregister_worker_plugin(name)


def _audit_chunks(
    dask: Any,
    todo: Sequence[Chunk],
    name: str,
    dataset: Dataset,
    outcome: AuditOutcome,
    progress: Progress,
) -> None:
    window = IN_FLIGHT_PER_THREAD * worker_threads(dask)
    isolated: list[tuple[Chunk, int]] = []

    def took(summary: ChunkSummary) -> None:
        outcome.summary.add(summary)
        progress.update(summary.files, summary.bytes, summary.findings)

    def killed(chunk: Chunk) -> None:
        outcome.isolated_chunks += 1
        isolated.extend((chunk, i) for i in range(len(chunk.files)))

    schedule(
        dask,
        todo,
        lambda c: dask.submit(lint_chunk, c, name, key=f"copylint-chunk-{c.id}", pure=False),
        lambda _c, summary: took(summary),
        killed,
        window,
    )
    if not isolated:
        return
    # Chunks whose workers kept dying: each file alone, one at a time, so a
    # death can only be the file in flight (with several in flight, Dask counts
    # a death against every task on the dying worker), and the rest of the
    # chunk is still audited.
    singles = {f"{c.id}-{i}": (c, i) for c, i in isolated}
    subs = [Chunk(sub_id, (c.files[i],)) for sub_id, (c, i) in singles.items()]
    killers: list[tuple[Chunk, int]] = []
    schedule(
        dask,
        subs,
        lambda c: dask.submit(lint_chunk, c, name, key=f"copylint-file-{c.id}", pure=False),
        lambda _c, summary: took(summary),
        lambda sub: killers.append(singles[sub.id]),
        1,
    )
    # Written here, not on a worker: after a run of deaths the cluster may
    # still be restarting its workers, and these rows need no lint.
    for chunk, index in killers:
        took(record_killer(dataset, chunk, index, WORKER_KILLER))


def _bokeh_installed() -> bool:
    return importlib.util.find_spec("bokeh") is not None


def _has_dashboard(client: Any) -> bool:
    if not _bokeh_installed():  # the scheduler's HTTP server, without the dashboard's pages
        return False
    try:
        return bool(client.scheduler_info().get("services", {}).get("dashboard"))
    except Exception:  # noqa: BLE001 - the dashboard is a nicety
        return False


def _manifest(
    request: AuditRequest, key: str, chunks: Sequence[Chunk], *, complete: bool
) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "copylint": __version__,
        "settings": key,
        "sources": list(request.sources),
        "chunks": len(chunks),
        "files": sum(len(c.files) for c in chunks),
        "complete": complete,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
    }
