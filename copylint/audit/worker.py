"""What runs on a Dask worker: one lint process per worker, and the chunk task.

:class:`AuditPlugin` is registered with the cluster once per audit; each worker
starts its :class:`~copylint.audit.lintproc.LintProcess` in ``setup`` (which
builds the lint session once: settings, rule packs, lexicon, knowledge,
grammar) and reuses it for every chunk.  :func:`lint_chunk` reads each file's
bytes through fsspec, has the lint process lint them (the same
``Session.lint_source`` that ``copylint PATH`` uses, under the same per-file
time budget), writes the chunk's two Parquet parts and returns a small
:class:`~copylint.audit.summary.ChunkSummary`, so nothing large travels back
to the client.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..diagnostics import Diagnostic
from .chunks import Chunk
from .lintproc import Linted, LintProcess, LintSetup
from .listing import FileEntry
from .results import DIAGNOSTICS, FILES, Dataset, FileRow, diagnostics_table, files_table
from .summary import ChunkSummary


class AuditPlugin(WorkerPlugin):
    """Per-worker state of one audit: its lint process and its output dataset.

    ``setup`` carries the client's :class:`~copylint.api.Options` with the
    config file and knowledge paths made absolute, so every worker resolves
    the same settings.  One chunk at a time uses the lint process (a lock):
    a worker with several threads still overlaps reading (I/O) with linting.
    """

    def __init__(self, setup: LintSetup, output: str) -> None:
        self.lint_setup = setup
        self.output = output
        self.process: LintProcess | None = None
        self.dataset: Dataset | None = None
        self.filesystems: dict[str, Any] = {}
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"setup": self.lint_setup, "output": self.output}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["setup"], state["output"])  # type: ignore[misc]

    def setup(self, worker: Any = None) -> None:
        """Start this worker's lint process (it builds its session meanwhile)."""
        if self.process is None:
            self.process = LintProcess(self.lint_setup)
            self.process.start()
            self.dataset = Dataset(self.output)

    def teardown(self, worker: Any = None) -> None:
        """Stop the lint process (the plugin is removed, or the worker closes)."""
        with self.lock:
            if self.process is not None:
                self.process.stop()


def plugin_name(fingerprint: str, output: str) -> str:
    """The plugin's name for an audit into ``output`` under settings ``fingerprint``.

    Two audits sharing a cluster each have their own plugin (and session).
    """
    digest = hashlib.sha256(f"{fingerprint}\0{output}".encode()).hexdigest()
    return f"copylint-audit-{digest[:16]}"


def _plugin(name: str) -> AuditPlugin:
    from distributed import get_worker

    plugin = get_worker().plugins.get(name)
    if not isinstance(plugin, AuditPlugin):  # the scheduler sends plugins before tasks
        raise RuntimeError(f"copylint audit plugin {name!r} is not on this worker")
    if plugin.process is None:
        plugin.setup()
    return plugin


def _read(plugin: AuditPlugin, entry: FileEntry, limit: int) -> bytes:
    """The file's bytes, at most ``limit`` (the size limit plus one byte).

    Local files are opened directly; URLs through fsspec, with one filesystem
    object per protocol for the worker's life (resolving it for every file
    cost as much as linting a short article).
    """
    protocol, sep, _ = entry.url.partition("://")
    if not sep:
        with open(entry.url, "rb") as fh:
            return fh.read(limit)
    fs = plugin.filesystems.get(protocol)
    if fs is None:
        import fsspec

        fs = plugin.filesystems[protocol] = fsspec.core.url_to_fs(entry.url)[0]
    with fs.open(entry.url, "rb") as fh:
        data: bytes = fh.read(limit)
    return data


def lint_chunk(chunk: Chunk, name: str) -> ChunkSummary:
    """Lint a chunk on this worker, write its parts, and return its summary."""
    from ..sources import max_input_bytes

    plugin = _plugin(name)
    assert plugin.dataset is not None and plugin.process is not None
    rows: list[FileRow | None] = []
    sent: list[tuple[str, bytes]] = []
    digests: list[str] = []
    limit = max_input_bytes() + 1  # once per chunk: it parses the environment
    for entry in chunk.files:
        row, data = _read_entry(plugin, entry, limit)
        rows.append(row)
        if data is not None:
            sent.append((entry.path, data))
            digests.append(hashlib.sha256(data).hexdigest())
    with plugin.lock:
        linted = iter(zip(sent, digests, plugin.process.lint(sent), strict=True))
    found: list[tuple[str | None, Diagnostic]] = []
    for i, row in enumerate(rows):
        if row is None:
            (path, data), digest, outcome = next(linted)
            rows[i] = _file_row(path, data, digest, outcome)
            found.extend((digest, d) for d in outcome.diagnostics)
    done = [r for r in rows if r is not None]
    plugin.dataset.write_part(DIAGNOSTICS, chunk.id, diagnostics_table(found))
    plugin.dataset.write_part(FILES, chunk.id, files_table(done))
    return ChunkSummary.of(chunk.id, done, (d for _, d in found))


def _read_entry(
    plugin: AuditPlugin, entry: FileEntry, limit: int
) -> tuple[FileRow | None, bytes | None]:
    """``(error row, None)`` for a file that cannot be read, else ``(None, bytes)``."""
    if entry.error is not None:
        return FileRow(entry.path, None, entry.size, entry.error, 0, 0.0), None
    try:
        return None, _read(plugin, entry, limit)
    except OSError as err:
        return FileRow(entry.path, None, entry.size, f"cannot read: {err}", 0, 0.0), None


def _file_row(path: str, data: bytes, digest: str, outcome: Linted) -> FileRow:
    return FileRow(
        path, digest, len(data), outcome.error, len(outcome.diagnostics), outcome.seconds
    )


def record_killer(dataset: Dataset, chunk: Chunk, index: int, message: str) -> ChunkSummary:
    """Record file ``index`` of ``chunk`` as an error without reading it.

    For a file whose every attempt killed its worker; the rest of its chunk
    was linted file by file (see :mod:`copylint.audit.run`).
    """
    entry = chunk.files[index]
    sub_id = f"{chunk.id}-{index}"
    rows = [FileRow(entry.path, None, entry.size, message, 0, 0.0)]
    dataset.write_part(DIAGNOSTICS, sub_id, diagnostics_table(()))
    dataset.write_part(FILES, sub_id, files_table(rows))
    return ChunkSummary.of(sub_id, rows, ())
