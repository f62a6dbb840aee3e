"""What runs on a Dask worker: one lint session per worker, and the chunk task.

:class:`AuditPlugin` is registered with the cluster once per audit; each worker
builds its :class:`~copylint.api.Session` (settings, rule packs, lexicon,
knowledge) in ``setup`` and reuses it for every chunk.  :func:`lint_chunk`
reads each file's bytes through fsspec, lints them with the session (the same
``Session.lint_source`` that ``copylint PATH`` uses), writes the chunk's two
Parquet parts and returns a small :class:`~copylint.audit.summary.ChunkSummary`,
so nothing large travels back to the client.
"""

from __future__ import annotations

import gc
import hashlib
import threading
import time
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..diagnostics import Diagnostic, FileResult
from ..engine import INTERNAL_ERROR
from ..errors import InputError
from .chunks import Chunk
from .listing import FileEntry
from .results import DIAGNOSTICS, FILES, Dataset, FileRow, diagnostics_table, files_table
from .summary import ChunkSummary

#: Exercises the checks' lazily built data once per worker, before the first chunk.
_WARM_UP_TEXT = "Warm-up Text: Jane Doe said the filmopened on Friday in The City.\n"


class AuditPlugin(WorkerPlugin):
    """Per-worker state of one audit: its lint session and its output dataset.

    ``options`` are the client's :class:`~copylint.api.Options` with the config
    file and knowledge paths made absolute, so every worker resolves the same
    settings.  The session is used by one task at a time (a lock): copylint's
    per-run memos are not thread-safe, and linting is CPU-bound, so a worker
    with several threads still overlaps reading (I/O) with linting.
    """

    def __init__(self, options: Any, encoding: str | None, output: str) -> None:
        self.options = options
        self.encoding = encoding
        self.output = output
        self.session: Any = None
        self.dataset: Dataset | None = None
        self.filesystems: dict[str, Any] = {}
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "encoding": self.encoding, "output": self.output}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"], state["encoding"], state["output"])  # type: ignore[misc]

    def setup(self, worker: Any = None) -> None:
        """Build the session once for this worker and warm its checks up."""
        from ..api import Session
        from ..document import Document

        session = Session(self.options)
        linter = session.linter_for(session.settings_for("."))
        linter.lint_document(Document.plain(_WARM_UP_TEXT, "<warm-up>"))
        # Rules, lexicon and knowledge live as long as the worker: moved out of
        # the collector's reach, they are not traversed again and again while
        # linting allocates (BBC articles: 1.6 -> 1.06 ms each, measured).
        gc.collect()
        gc.freeze()
        self.session = session
        self.dataset = Dataset(self.output)


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
    if plugin.session is None:
        plugin.setup()
    return plugin


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


def _read(plugin: AuditPlugin, entry: FileEntry) -> bytes:
    """The file's bytes, at most one byte over the size limit.

    Local files are opened directly; URLs through fsspec, with one filesystem
    object per protocol for the worker's life (resolving it for every file
    cost as much as linting a short article).
    """
    from ..sources import max_input_bytes

    limit = max_input_bytes() + 1
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


def _crash_message(diagnostics: list[Diagnostic]) -> str | None:
    """A rule that crashed on the file (CL001): the audit records the file as an error."""
    for d in diagnostics:
        if d.code == INTERNAL_ERROR:
            return d.message
    return None


def lint_chunk(chunk: Chunk, name: str) -> ChunkSummary:
    """Lint a chunk on this worker, write its parts, and return its summary."""
    plugin = _plugin(name)
    assert plugin.dataset is not None
    found: list[tuple[str | None, Diagnostic]] = []
    rows: list[FileRow] = [_lint_entry(plugin, entry, found) for entry in chunk.files]
    plugin.dataset.write_part(DIAGNOSTICS, chunk.id, diagnostics_table(found))
    plugin.dataset.write_part(FILES, chunk.id, files_table(rows))
    return ChunkSummary.of(chunk.id, rows, (d for _, d in found))


def _lint_entry(
    plugin: AuditPlugin, entry: FileEntry, found: list[tuple[str | None, Diagnostic]]
) -> FileRow:
    if entry.error is not None:
        return FileRow(entry.path, None, entry.size, entry.error, 0, 0.0)
    try:
        data = _read(plugin, entry)
    except OSError as err:
        return FileRow(entry.path, None, entry.size, f"cannot read: {err}", 0, 0.0)
    digest = hashlib.sha256(data).hexdigest()
    started = time.perf_counter()
    try:
        with plugin.lock:
            result = lint_bytes(plugin.session, entry.path, data, plugin.encoding)
    except Exception as exc:  # noqa: BLE001 - one file must never abort the audit
        result = FileResult(entry.path, error=f"internal error: {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - started
    found.extend((digest, d) for d in result.diagnostics)
    error = result.error if result.error is not None else _crash_message(result.diagnostics)
    return FileRow(entry.path, digest, len(data), error, len(result.diagnostics), seconds)


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
