"""File-system operations that an untrusted directory cannot redirect.

A repository being linted is attacker-controlled, and so is a cache directory
committed with it or shared with other users.  These helpers never follow a
symbolic link at the last step (``O_NOFOLLOW``), walk into sub-directories by
file descriptor (``dir_fd``) so a link swapped in for a directory is refused,
create files with ``O_EXCL`` under unpredictable names, and never block on a
FIFO (``O_NONBLOCK``).  See docs/security.md.
"""

from __future__ import annotations

import contextlib
import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import mmap

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class UnsafePath(OSError):
    """A path that is a symbolic link, not what it should be, or not ours to trust."""


def open_dir(
    path: str | os.PathLike[str], *, dir_fd: int | None = None, create: bool = False
) -> int:
    """A descriptor for the directory ``path``; refuses a symbolic link.

    With ``create`` a missing directory is made (mode 0o777 minus the umask).
    """
    name = os.fspath(path)
    if create:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, dir_fd=dir_fd)
    try:
        return os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=dir_fd)
    except OSError as err:
        # ELOOP (or ENOTDIR with O_DIRECTORY) means a link or a file stands there.
        if _is_link(name, dir_fd):
            raise UnsafePath(err.errno, "is a symbolic link", name) from None
        raise


def _is_link(name: str, dir_fd: int | None) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def read_regular(
    name: str, *, dir_fd: int | None = None, limit: int | None = None, owned: bool = False
) -> bytes:
    """The bytes of a regular file, opened without following a link or blocking.

    ``limit``: refuse a larger file.  ``owned``: refuse a file that is not this
    user's or that others may write (as ssh treats its keys).
    """
    fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK, dir_fd=dir_fd)
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePath(0, "not a regular file", name)
        if owned and not owned_by_me(st):
            raise UnsafePath(0, "not owned by this user, or writable by others", name)
        if limit is not None and st.st_size > limit:
            raise UnsafePath(0, "too large", name)
        return fh.read() if limit is None else fh.read(limit + 1)[: limit + 1]


def map_regular(name: str, *, owned: bool = False) -> mmap.mmap | bytes:
    """A read-only memory map of a regular file, opened as :func:`read_regular` opens it.

    Performance (issue 19): a large file read only in places (a sorted word list
    searched by bisection) costs no read and no copy.  The map stays valid if the
    file is replaced or removed (writers replace files, never rewrite them).
    An empty file gives ``b""`` (an empty file cannot be mapped).
    """
    import mmap  # here, not at the top: only the lexicon maps files

    fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePath(0, "not a regular file", name)
        if owned and not owned_by_me(st):
            raise UnsafePath(0, "not owned by this user, or writable by others", name)
        if st.st_size == 0:
            return b""
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    finally:
        os.close(fd)


def owned_by_me(st: os.stat_result) -> bool:
    """This user owns it and neither group nor others may write it."""
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


def write_new(name: str, data: bytes, *, dir_fd: int | None = None, mode: int = 0o644) -> None:
    """Create ``name`` with ``data`` atomically: a fresh temporary file, then a rename.

    The temporary name is unpredictable and created with ``O_EXCL``, so no one
    can plant a link there first; the rename replaces a link at ``name`` by
    the file itself, never writing through it.
    """
    # os.urandom, not secrets: secrets imports random and base64, start-up time
    # every run pays (issue 19), for what is 8 random bytes either way.
    tmp = f".{name}.{os.urandom(8).hex()}.tmp"
    fd = os.open(
        tmp,
        os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
        mode,
        dir_fd=dir_fd,
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise


def create_exclusive(name: str, data: bytes, *, dir_fd: int | None = None) -> bool:
    """Create ``name`` only if nothing (not even a dangling link) is there; True if made."""
    try:
        fd = os.open(
            name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644, dir_fd=dir_fd
        )
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return True


def private_directory(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a real directory only this user can change, and so are
    the directories above it (root-owned ones and sticky ones such as /tmp aside).

    The test ssh applies to ``~/.ssh``: another user who can write the directory,
    or one above it, could put files there or swap it.
    """
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or not owned_by_me(st):
        return False
    parent = os.path.dirname(os.path.realpath(path))
    while True:
        try:
            pst = os.stat(parent)
        except OSError:
            return False
        if pst.st_uid not in (0, os.geteuid()):
            return False
        if pst.st_mode & 0o022 and not pst.st_mode & stat.S_ISVTX:
            return False
        up = os.path.dirname(parent)
        if up == parent:
            return True
        parent = up
