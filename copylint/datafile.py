"""Reading the repository's data files (knowledge, rule packs, configs, word lists) safely.

These files are named by the repository's own config, so they are untrusted
(docs/security.md): a FIFO would block ``open()`` for ever, ``/dev/zero`` or
a device would be read until memory runs out, and a huge file would be
parsed into many times its size.  :func:`read_data_file` opens without
blocking, refuses anything but a regular file, and caps the size.
"""

from __future__ import annotations

import os
import stat

from .errors import DataFileError

#: Largest data file read, in MB: far above a knowledge base of 100,000
#: people in YAML (about 15 MB), well below what parsing could hold in memory.
MAX_DATA_MB = 100

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_data_file(path: str | os.PathLike[str], limit_mb: float = MAX_DATA_MB) -> bytes:
    """The bytes of a data file; :class:`DataFileError` (naming it) when it is not a
    regular file, is over ``limit_mb``, or cannot be read."""
    name = os.fspath(path)
    limit = int(limit_mb * 1024 * 1024)
    try:
        fd = os.open(name, _FLAGS)
    except FileNotFoundError:
        raise DataFileError(name, "file not found") from None
    except IsADirectoryError:
        raise DataFileError(name, "is a directory, expected a file") from None
    except OSError as exc:
        raise DataFileError(name, f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DataFileError(name, "is a directory, expected a file")
        if not stat.S_ISREG(st.st_mode):
            raise DataFileError(name, "not a regular file (a FIFO, device or socket); not read")
        if st.st_size > limit:
            raise DataFileError(
                name,
                f"is {st.st_size / 1048576:.0f} MB, over the {limit_mb:g} MB limit for data files",
            )
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise DataFileError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while being read
        raise DataFileError(name, f"is over the {limit_mb:g} MB limit for data files")
    return data
