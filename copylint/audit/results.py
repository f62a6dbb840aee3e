"""The audit's Parquet dataset: its two tables, their parts, and the manifest.

Layout of an output directory (local or any fsspec URL)::

    DIR/_audit.json                   what was audited, with which settings
    DIR/diagnostics/part-<id>.parquet one part per chunk: every finding
    DIR/files/part-<id>.parquet       one part per chunk: every file's outcome

Workers write each part under a temporary name and rename it into place, the
``files`` part last, so a part that exists is complete and the ``files`` part
marks its chunk as done (``--resume`` relies on that).  A chunk re-run after its
worker died writes the same names again: rows are never duplicated.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from ..diagnostics import Diagnostic

MANIFEST = "_audit.json"
DIAGNOSTICS = "diagnostics"
FILES = "files"
FORMAT_VERSION = 1
_TMP_SUFFIX = ".tmp"

_EDIT = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])

DIAGNOSTICS_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("content_hash", pa.string()),
        ("code", pa.string()),
        ("rule", pa.string()),
        ("severity", pa.string()),
        ("line", pa.int32()),
        ("column", pa.int32()),
        ("end_line", pa.int32()),
        ("end_column", pa.int32()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("message", pa.string()),
        ("fix_title", pa.string()),
        ("fix_applicability", pa.string()),
        ("fix_edits", pa.list_(_EDIT)),
        ("suggestions", pa.list_(pa.string())),
    ]
)

FILES_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("content_hash", pa.string()),
        ("size", pa.int64()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("findings", pa.int32()),
        ("lint_seconds", pa.float64()),
    ]
)


@dataclass(slots=True)
class FileRow:
    """One file's outcome, as written to the ``files`` table."""

    path: str
    content_hash: str | None
    size: int
    error: str | None
    findings: int
    lint_seconds: float

    @property
    def status(self) -> str:
        """``ok``, or ``error`` when the file (or a rule on it) could not be linted."""
        return "error" if self.error is not None else "ok"


def diagnostics_table(rows: Iterable[tuple[str | None, Diagnostic]]) -> pa.Table:
    """The ``diagnostics`` rows for ``(content hash, diagnostic)`` pairs."""
    cols: dict[str, list[Any]] = {name: [] for name in DIAGNOSTICS_SCHEMA.names}
    for digest, d in rows:
        cols["path"].append(d.path)
        cols["content_hash"].append(digest)
        cols["code"].append(d.code)
        cols["rule"].append(d.rule)
        cols["severity"].append(str(d.severity))
        cols["line"].append(d.line)
        cols["column"].append(d.column)
        cols["end_line"].append(d.end_line)
        cols["end_column"].append(d.end_column)
        cols["start"].append(d.start)
        cols["end"].append(d.end)
        cols["message"].append(d.message)
        fix = d.fix
        cols["fix_title"].append(fix.title if fix else None)
        cols["fix_applicability"].append(fix.applicability.value if fix else None)
        cols["fix_edits"].append(
            [{"start": e.start, "end": e.end, "text": e.text} for e in fix.edits] if fix else None
        )
        cols["suggestions"].append(list(d.suggestions))
    return pa.table(cols, schema=DIAGNOSTICS_SCHEMA)


def files_table(rows: Sequence[FileRow]) -> pa.Table:
    """The ``files`` rows for a chunk."""
    return pa.table(
        {
            "path": [r.path for r in rows],
            "content_hash": [r.content_hash for r in rows],
            "size": [r.size for r in rows],
            "status": [r.status for r in rows],
            "error": [r.error for r in rows],
            "findings": [r.findings for r in rows],
            "lint_seconds": [r.lint_seconds for r in rows],
        },
        schema=FILES_SCHEMA,
    )


def _chunk_of(name: str) -> str | None:
    """The chunk id in a part's file name, or None for another file."""
    if name.startswith("part-") and name.endswith(".parquet"):
        return name[len("part-") : -len(".parquet")]
    return None


class Dataset:
    """An audit output directory, local or remote, through fsspec."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fs, self.root = fsspec.core.url_to_fs(url)
        self.root = self.root.rstrip("/") or "/"

    def _path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def part_path(self, table: str, chunk_id: str) -> str:
        """Where the ``table`` part of chunk ``chunk_id`` lives."""
        return self._path(table, f"part-{chunk_id}.parquet")

    def write_part(self, table: str, chunk_id: str, data: pa.Table) -> None:
        """Write one part atomically: a temporary name, then a rename."""
        final = self.part_path(table, chunk_id)
        tmp = f"{final}.{uuid.uuid4().hex[:8]}{_TMP_SUFFIX}"
        self.fs.makedirs(self._path(table), exist_ok=True)
        with self.fs.open(tmp, "wb") as fh:
            pq.write_table(data, fh, compression="zstd")
        self.fs.mv(tmp, final)

    def done_chunks(self) -> set[str]:
        """Ids of the chunks whose ``files`` part exists (written completely)."""
        directory = self._path(FILES)
        if not self.fs.exists(directory):
            return set()
        done = set()
        for name in self.fs.ls(directory, detail=False):
            chunk = _chunk_of(name.rsplit("/", 1)[-1])
            if chunk is not None:
                done.add(chunk)
        return done

    def remove_stale(self, keep: set[str]) -> int:
        """Delete temporary files and parts of chunks not in ``keep``; how many parts went."""
        removed = 0
        for table in (DIAGNOSTICS, FILES):
            directory = self._path(table)
            if not self.fs.exists(directory):
                continue
            for name in self.fs.ls(directory, detail=False):
                base = name.rsplit("/", 1)[-1]
                if base.endswith(_TMP_SUFFIX):
                    self.fs.rm(name)
                elif _chunk_of(base) not in keep:
                    self.fs.rm(name)
                    removed += table == FILES
        return removed

    def read_manifest(self) -> dict[str, Any] | None:
        """The manifest, or None when this is not (yet) an audit directory."""
        path = self._path(MANIFEST)
        if not self.fs.exists(path):
            return None
        with self.fs.open(path, "rb") as fh:
            data = json.loads(fh.read().decode("utf-8"))
        return data if isinstance(data, dict) else None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Write the manifest (small; written by the client at the start and the end)."""
        self.fs.makedirs(self.root, exist_ok=True)
        with self.fs.open(self._path(MANIFEST), "wb") as fh:
            fh.write(json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8") + b"\n")

    def has_content(self) -> bool:
        """True when the directory exists and is not empty."""
        return bool(self.fs.exists(self.root) and self.fs.ls(self.root, detail=False))

    def clear(self) -> None:
        """Remove a previous audit's tables and manifest (``--overwrite``)."""
        for name in (DIAGNOSTICS, FILES, MANIFEST):
            path = self._path(name)
            if self.fs.exists(path):
                self.fs.rm(path, recursive=True)

    def read_table(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """One table of the dataset (all its parts), or an empty one."""
        schema = DIAGNOSTICS_SCHEMA if table == DIAGNOSTICS else FILES_SCHEMA
        directory = self._path(table)
        paths = (
            sorted(
                p
                for p in self.fs.ls(directory, detail=False)
                if p.endswith(".parquet") and p.rsplit("/", 1)[-1].startswith("part-")
            )
            if self.fs.exists(directory)
            else []
        )
        if not paths:
            empty = schema if columns is None else pa.schema([schema.field(c) for c in columns])
            return empty.empty_table()
        return pq.ParquetDataset(paths, filesystem=self.fs, schema=schema).read(columns=columns)
