"""Open plain, gzip or bzip2 text files line by line, turning damage into one clear error."""

from __future__ import annotations

import bz2
import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .records import SourceError

#: Errors that mean "the compressed stream is cut short or damaged".
_DAMAGE = (EOFError, OSError, zlib.error, gzip.BadGzipFile, ValueError)


def _open(path: Path) -> IO[bytes]:
    """The file, decompressed by its extension."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    return open(path, "rb")


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text without its newline) for each line, decoded as UTF-8.

    Streams: never more than one block of the file is held.  A truncated or
    corrupt compressed file, or bytes that are not UTF-8, raise
    :class:`SourceError` naming the file and the last line read.
    """
    number = 0
    try:
        with _open(path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            for number, line in enumerate(text, 1):  # noqa: B007 - used after the loop
                yield number, line.rstrip("\r\n")
    except UnicodeDecodeError:
        raise SourceError(str(path), "not UTF-8 text", number + 1) from None
    except _DAMAGE as exc:
        if isinstance(exc, FileNotFoundError | IsADirectoryError | PermissionError):
            raise SourceError(str(path), f"cannot read: {exc.strerror}") from None
        raise SourceError(
            str(path),
            f"truncated or corrupt compressed data after line {number} ({exc})",
        ) from None
