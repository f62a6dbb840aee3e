"""Reading input files into text and writing fixed text back, safely.

Reading decodes bytes to ``str`` without guessing: UTF-8 by default (a BOM is
detected and remembered), UTF-16/UTF-32 when their BOM says so, or whatever
``encoding=`` names.  Anything else is an :class:`~copylint.errors.InputError`
with a reason a person can act on; there is no silent replacement character
and no mojibake.  Line ends are kept exactly as they are on disk.

Writing (:func:`write_atomic`) goes through a temporary file in the same
directory and :func:`os.replace`, after checking that the file has not changed
since it was read, so an interrupted or refused write leaves the original
intact.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .envvars import env_number
from .errors import CopylintError, InputError

#: How much of a file is inspected for NUL bytes to call it binary (git does the same).
BINARY_SNIFF_BYTES = 8192

#: Inputs larger than this are refused with a one-line error instead of being read:
#: linting runs at roughly 0.3 MB/s, so a 50 MB dump would hold a run for minutes
#: and its memory for gigabytes.  ``COPYLINT_MAX_FILE_MB`` raises (or lowers) it.
DEFAULT_MAX_FILE_MB = 10


def max_input_bytes() -> int:
    """The size limit for one input, from ``COPYLINT_MAX_FILE_MB`` or the default."""
    return int(env_number("COPYLINT_MAX_FILE_MB", DEFAULT_MAX_FILE_MB) * 1024 * 1024)


def _too_large(path: str, size: int | None, limit: int) -> InputError:
    """``size`` None: only known to exceed the limit (a stream read up to it)."""
    size_note = f" ({size / 1048576:.1f} MB)" if size is not None else ""
    return InputError(
        path,
        f"input is over the {limit / 1048576:g} MB size limit{size_note}; "
        "split it, exclude it, or raise COPYLINT_MAX_FILE_MB",
    )


# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Codecs whose BOM-less and BOM-carrying names we normalise, so that
# ``--encoding utf-16`` on a file with a BOM means "the BOM tells the order".
_BOM_FAMILIES = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}


class WriteError(CopylintError):
    """Fixed text could not be written back; the original file is untouched."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded input and what is needed to write it back the same way.

    ``text`` is the decoded content without its BOM, line ends untouched.
    ``size``, ``mtime_ns`` and ``sha256`` describe the raw bytes as read, so
    :func:`write_atomic` can tell whether the file changed on disk meanwhile;
    they are ``None``/``""`` for standard input.
    """

    path: str
    text: str
    encoding: str
    bom: bytes = b""
    size: int | None = None
    mtime_ns: int | None = None
    sha256: str = ""

    def encode(self, text: str) -> bytes:
        """``text`` as bytes in this source's encoding, with its BOM (if it had one)."""
        return self.bom + text.encode(self.encoding)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(encoding: str, path: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    return _BOM_FAMILIES.get(name, name)


def _detect_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", None


def _undecodable(path: str, data: bytes, err: UnicodeDecodeError, encoding: str) -> InputError:
    """An error naming the line, column and byte where decoding failed."""
    byte = data[err.start] if err.start < len(data) else 0
    if encoding.startswith(("utf-16", "utf-32")):
        return InputError(path, f"not valid {encoding} at byte offset {err.start}")
    good = data[: err.start]
    line = good.count(b"\n") + 1
    last_line = good[good.rfind(b"\n") + 1 :]
    # The prefix decoded cleanly up to err.start, so this cannot fail for UTF-8;
    # for other codecs fall back to a byte count rather than raise again.
    try:
        column = len(last_line.decode(encoding)) + 1
    except UnicodeDecodeError:
        column = len(last_line) + 1
    what = "UTF-8" if encoding == "utf-8" else encoding
    hint = "pass --encoding to read it as another encoding"
    return InputError(
        path,
        f"not valid {what} at line {line}, column {column} (byte 0x{byte:02x}); {hint}",
    )


def _binary_reason(head: bytes) -> str:
    """Why bytes with NULs are refused; BOM-less UTF-16 text gets a hint, not "binary"."""
    even, odd = head[0::2], head[1::2]
    for zeros, order in ((odd, "le"), (even, "be")):
        # ASCII-range text in UTF-16 has a NUL in every other byte.
        if len(zeros) >= 2 and zeros.count(0) >= 0.9 * len(zeros):
            return (
                f"looks like UTF-16 without a byte-order mark; pass --encoding "
                f"utf-16-{order} to read it"
            )
    return "binary file, skipped"


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """Decode ``data`` by the policy in the module docstring.

    Returns ``(text, encoding, bom)``; raises :class:`InputError` for binary
    or undecodable data.
    """
    bom, bom_encoding = _detect_bom(data)
    wanted = _canonical(encoding, path) if encoding else None
    if wanted in ("utf-16", "utf-32"):
        # The BOM decides the byte order; without one, Python's default (BE per
        # the Unicode standard would be ambiguous), so demand an explicit order.
        if bom_encoding is None or not bom_encoding.startswith(wanted):
            raise InputError(
                path, f"{wanted} without a byte-order mark; pass --encoding {wanted}-le or -be"
            )
        wanted = bom_encoding
    if wanted is not None and bom_encoding != wanted:
        bom = b""  # an explicit encoding reads every byte; no BOM is taken off
    chosen = wanted or bom_encoding or "utf-8"
    body = data[len(bom) :]
    wide = chosen.startswith(("utf-16", "utf-32"))
    if not wide and b"\x00" in body[:BINARY_SNIFF_BYTES]:
        raise InputError(path, _binary_reason(body[:BINARY_SNIFF_BYTES]))
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as err:
        raise _undecodable(path, body, err, chosen) from None
    return text, chosen, bom


def read_source(path: str | os.PathLike[str], encoding: str | None = None) -> SourceText:
    """Read and decode one file.

    Raises :class:`InputError` for directories, unreadable, binary or
    undecodable files.  An empty file is an empty text.
    """
    name = os.fspath(path)
    limit = max_input_bytes()
    # Performance (issue 19): a run reads thousands of small files, so this is
    # plain system calls (open, fstat, read until the end, close) without a
    # buffered file object, and a directory is told by the fstat of the open
    # descriptor rather than by a stat of its own.
    try:
        fd = os.open(name, os.O_RDONLY | _O_BINARY)
    except OSError as err:
        if os.path.isdir(name):  # (where a directory cannot be opened at all)
            raise InputError(name, "is a directory, not a file") from None
        raise InputError(name, err.strerror or str(err)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(name, "is a directory, not a file")
        if st.st_size > limit:
            raise _too_large(name, st.st_size, limit)
        data = _read_all(fd, st.st_size, limit)
    except OSError as err:
        raise InputError(name, err.strerror or str(err)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large(name, None, limit)
    text, enc, bom = decode_bytes(data, name, encoding)
    return SourceText(
        path=name,
        text=text,
        encoding=enc,
        bom=bom,
        size=len(data),
        mtime_ns=st.st_mtime_ns,
        sha256=_digest(data),
    )


#: Windows opens in text mode unless told otherwise; elsewhere there is no such flag.
_O_BINARY = getattr(os, "O_BINARY", 0)


def _read_all(fd: int, size: int, limit: int) -> bytes:
    """The bytes of ``fd`` up to its end, at most ``limit + 1`` of them.

    Asks for one byte more than ``size`` (the fstat size); if that byte comes,
    the file is growing (or reports no size, like /proc files) and reading goes
    on, still bounded.  Performance (issue 7): asking for the whole limit up
    front would allocate it.
    """
    want = min(size + 1, limit + 1)
    chunks: list[bytes] = []
    got = 0
    while True:
        if got == want <= limit:
            want = limit + 1  # more than its size: read on, up to the limit
        if got >= want:
            break
        piece = os.read(fd, want - got)
        if not piece:
            break
        chunks.append(piece)
        got += len(piece)
    return b"".join(chunks)


def read_stdin(
    encoding: str | None = None, name: str = "<stdin>", stream: BinaryIO | None = None
) -> SourceText:
    """Read and decode standard input (or ``stream``) entirely; ``name`` labels errors."""
    limit = max_input_bytes()
    data = (stream or sys.stdin.buffer).read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, None, limit)
    text, enc, bom = decode_bytes(data, name, encoding)
    return SourceText(path=name, text=text, encoding=enc, bom=bom, sha256=_digest(data))


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _resolve_target(path: str, root: str | os.PathLike[str] | None) -> str:
    """The real file to replace; refuses symlinks that lead outside ``root``
    (by default, the link's own directory).

    Writing to the symlink's target (rather than replacing the link by a
    regular file) keeps the link working.
    """
    if not os.path.islink(path):
        return path
    real = Path(os.path.realpath(path))
    if root is None:
        root = os.path.dirname(os.path.abspath(path))
    if not _inside(real, Path(os.path.realpath(root))):
        raise WriteError(path, f"is a symlink to {real}, outside {os.fspath(root)}; not written")
    return str(real)


def _check_unchanged(target: str, expected: SourceText, shown: str) -> os.stat_result:
    """Stat ``target`` and refuse if its bytes differ from what was read."""
    try:
        st = os.stat(target)
    except OSError as err:
        raise WriteError(shown, f"cannot write: {err.strerror or err}") from None
    if expected.size is None:
        raise WriteError(shown, "was not read from a file; refusing to write it")
    changed = st.st_size != expected.size
    if not changed:
        # Same size: compare the content itself.  An mtime check alone would miss
        # a same-size save within the filesystem's timestamp granularity, and a
        # mere `touch` (new mtime, same bytes) is harmless.
        try:
            with open(target, "rb") as fh:
                changed = _digest(fh.read()) != expected.sha256
        except OSError as err:
            raise WriteError(shown, f"cannot re-read: {err.strerror or err}") from None
    if changed:
        raise WriteError(shown, "changed on disk since it was read; not overwritten")
    return st


def _is_read_only(target: str, st: os.stat_result) -> bool:
    # os.access alone is not enough: root may write anything, yet a file with no
    # write bits is one its owner meant to protect.
    return not os.access(target, os.W_OK) or not (st.st_mode & 0o222)


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    expected: SourceText,
    root: str | os.PathLike[str] | None = None,
) -> None:
    """Replace the file at ``path`` with ``data``, or leave it exactly as it was.

    Refuses with :class:`WriteError` when the file changed since ``expected``
    was read, when it is read-only, or when it is a symlink leading outside
    ``root``.  The new content is written to a temporary file beside the
    original, flushed to disk, given the original's permission bits (and
    owner, where allowed) and renamed over it; on any failure (including ``KeyboardInterrupt``) the
    temporary file is removed and the original is untouched.
    """
    shown = os.fspath(path)
    target = _resolve_target(shown, root)
    st = _check_unchanged(target, expected, shown)
    if _is_read_only(target, st):
        raise WriteError(shown, "is read-only; not changed")
    directory = os.path.dirname(os.path.abspath(target))
    base = os.path.basename(target)
    import tempfile  # here, not at the top: only writing fixes needs it (start-up speed)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".copylint-tmp", dir=directory)
    except OSError as err:
        raise WriteError(shown, f"cannot create a temporary file: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
            # Keep the owner and group too where we may (root fixing a user's file);
            # an unprivileged user simply keeps its own.
            with contextlib.suppress(OSError):
                os.fchown(fh.fileno(), st.st_uid, st.st_gid)
        # Check again as late as possible: an editor may have saved meanwhile.
        # (A save in the microseconds between this check and the rename cannot
        # be seen without locks, which editors do not take.)
        _check_unchanged(target, expected, shown)
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise WriteError(shown, f"cannot write: {err.strerror or err}") from None
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    """Make the rename durable; best effort (not every platform can open a directory)."""
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(dfd)
    finally:
        os.close(dfd)
