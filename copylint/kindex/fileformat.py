"""How an index file is told from other files (kept apart so that telling costs no imports)."""

from __future__ import annotations

import os
import stat

#: "CLKX" in the SQLite header's application id: how an index is told from other files.
APPLICATION_ID = 0x434C4B58
#: 7: ``title_words`` (the works by each word of their titles) for ``knowledge find``.
FORMAT_VERSION = 7
_HEADER = b"SQLite format 3\x00"


def is_index_file(path: str | os.PathLike[str]) -> bool:
    """True when the file's content is a copylint index (whatever its name)."""
    try:
        # Non-blocking, regular files only: a FIFO named as knowledge must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            head = fh.read(72)
    except OSError:
        return False
    return (
        len(head) == 72
        and head.startswith(_HEADER)
        and int.from_bytes(head[68:72], "big") == APPLICATION_ID
    )
