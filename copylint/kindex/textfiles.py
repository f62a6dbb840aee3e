"""Open plain, gzip or bzip2 text files line by line, turning damage into one clear error."""

from __future__ import annotations

import bz2
import codecs
import functools
import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .records import SourceError

#: Errors that mean "the compressed stream is cut short or damaged".
_DAMAGE = (EOFError, OSError, zlib.error, gzip.BadGzipFile, ValueError)

#: The longest line read, line end included.  Wikibase refuses to store an entity
#: larger than its ``maxSerializedEntitySize`` (by default MediaWiki's page size
#: limit, 2 MiB), so one entity line of a real dump is well under 16 MiB; a
#: longer "line" is damage (or a file with no line ends at all) and is refused
#: before it is read whole.
WIKIDATA_LINE_LIMIT = 16 * 2**20
#: IMDb's rows are a few hundred bytes; the longest (a principal's characters) a few kB.
TSV_LINE_LIMIT = 2**20


def _open(path: Path) -> IO[bytes]:
    """The file, decompressed by its extension (multi-stream bzip2 and gzip included)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    return open(path, "rb")


def read_lines(path: Path, limit: int, what: str) -> Iterator[tuple[int, str]]:
    """(line number, text without its line end) for each line, decoded as UTF-8.

    Streams: never more than one line (at most ``limit`` bytes) of the file is
    held.  Lines end at ``\\n`` (a ``\\r`` before it is dropped: CRLF files read
    the same); a UTF-8 byte order mark at the start is skipped.  A line longer
    than ``limit`` (``what`` says what a line should have been), a truncated or
    corrupt compressed file, or bytes that are not UTF-8 raise
    :class:`SourceError` naming the file and the line.
    """
    number = 0
    try:
        with _open(path) as raw:
            if raw.peek(3)[:3] == codecs.BOM_UTF8:  # type: ignore[attr-defined]
                raw.read(3)
            # readline(limit + 1) in C: a line without end is never read past the limit
            for number, data in enumerate(iter(functools.partial(raw.readline, limit + 1), b""), 1):  # noqa: B007
                if len(data) > limit:
                    raise SourceError(
                        str(path), f"line longer than {limit // 2**20} MiB: {what}", number
                    )
                yield number, data.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise SourceError(str(path), "not UTF-8 text", number) from None
    except _DAMAGE as exc:
        if isinstance(exc, FileNotFoundError | IsADirectoryError | PermissionError):
            raise SourceError(str(path), f"cannot read: {exc.strerror}") from None
        raise SourceError(
            str(path),
            f"truncated or corrupt compressed data after line {number} ({exc})",
        ) from None
