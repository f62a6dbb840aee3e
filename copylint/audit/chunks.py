"""Group the listing into chunks by size, each with a stable id.

A chunk is the unit of work, of writing and of resuming: a worker lints a
chunk and writes its rows as one Parquet part named after the chunk's id.
The id is a digest of the settings fingerprint and the chunk's files (names
and sizes), so the same listing under the same settings gives the same ids,
and ``--resume`` can skip the chunks whose parts exist.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .listing import FileEntry

#: Defaults measured on the BBC corpus (docs/audit.md): every chunk is a Dask
#: task and two Parquet parts, a few milliseconds of the client's and the
#: worker's CPU whatever its size, so 256 files of a few KB (a quarter of a
#: second of lint) spend a quarter of what 64 did on them; at most 1 MB keeps a
#: worker's memory small, and a chunk in flight when an audit stops is little
#: work lost.
DEFAULT_CHUNK_FILES = 256
DEFAULT_CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Chunk:
    """Files linted and written together; ``id`` names its Parquet parts."""

    id: str
    files: tuple[FileEntry, ...]

    @property
    def size(self) -> int:
        """Bytes in the chunk's files (as listed)."""
        return sum(f.size for f in self.files)


def chunk_id(fingerprint: str, files: Iterable[FileEntry]) -> str:
    """The id of a chunk of ``files`` linted under settings ``fingerprint``."""
    h = hashlib.sha256(fingerprint.encode())
    for f in files:
        h.update(f"\0{f.url}\t{f.size}".encode())
    return h.hexdigest()[:24]


def make_chunks(
    entries: Iterable[FileEntry],
    fingerprint: str,
    *,
    max_files: int = DEFAULT_CHUNK_FILES,
    max_bytes: int = DEFAULT_CHUNK_BYTES,
) -> Iterator[Chunk]:
    """Consecutive chunks of at most ``max_files`` files and about ``max_bytes`` bytes.

    A file larger than ``max_bytes`` gets a chunk of its own; the listing's
    order is kept, so the chunks (and their ids) are reproducible.
    """
    files: list[FileEntry] = []
    size = 0
    for entry in entries:
        if files and (len(files) >= max_files or size + entry.size > max_bytes):
            yield Chunk(chunk_id(fingerprint, files), tuple(files))
            files, size = [], 0
        files.append(entry)
        size += entry.size
    if files:
        yield Chunk(chunk_id(fingerprint, files), tuple(files))
