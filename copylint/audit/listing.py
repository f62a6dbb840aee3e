"""Expand audit SOURCEs (paths, globs, fsspec URLs) into the files to lint.

The client only *lists*: it learns each file's name and size, never its bytes
(workers read those themselves).  Local paths are expanded exactly as
``copylint PATH...`` expands them (:func:`copylint.api.iter_files`: text
extensions, skipped tool directories, ignore files, ``exclude``), so an audit
and a local run see the same files under the same names.  URLs with a protocol
(``s3://``, ``gs://``, ``memory://``...) are listed through fsspec, keeping
files with the same text extensions.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..api import TEXT_EXTENSIONS, iter_files
from ..errors import InputError

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file to audit.

    ``path`` is the name reported in results (as given, like the local run);
    ``url`` is what a worker opens through fsspec (an absolute local path or a
    full URL); ``error`` is set for a file that cannot be linted at all (a FIFO
    met on a walk), which is recorded without being read.
    """

    path: str
    url: str
    size: int
    error: str | None = None


class SourceError(InputError):
    """A SOURCE that names nothing: a usage error, reported before the audit starts."""


def is_url(source: str) -> bool:
    """True for ``protocol://...`` sources (``file://`` included)."""
    head, sep, _ = source.partition("://")
    return bool(sep) and head.isidentifier()


def list_sources(sources: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[FileEntry]:
    """Every file the SOURCEs name, each once; raises SourceError for one naming nothing."""
    seen: set[str] = set()
    for source in sources:
        found = False
        for entry in _list_one(source, tuple(exclude)):
            found = True
            if entry.url not in seen:
                seen.add(entry.url)
                yield entry
        if not found:
            raise SourceError(source, "no such file or directory, or no text files in it")


def _list_one(source: str, exclude: tuple[str, ...]) -> Iterator[FileEntry]:
    if is_url(source):
        yield from _list_url(source)
        return
    if _GLOB_CHARS.intersection(source) and not os.path.exists(source):
        paths = sorted(glob.glob(source, recursive=True))
    else:
        paths = [source]
    if not paths:
        return
    for item in iter_files(paths, exclude):
        if isinstance(item, InputError):
            if os.path.exists(item.path) or os.path.islink(item.path):
                yield FileEntry(item.path, os.path.abspath(item.path), 0, item.reason)
            continue
        if os.path.isdir(item):
            continue  # a glob matched a directory name with no text files: iter_files walked it
        try:
            size = os.stat(item).st_size
        except OSError as err:
            yield FileEntry(item, os.path.abspath(item), 0, err.strerror or str(err))
            continue
        yield FileEntry(item, os.path.abspath(item), size)


def _list_url(source: str) -> Iterator[FileEntry]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(source)
    protocol = source.partition("://")[0]

    def url_of(name: str) -> str:
        return fs.unstrip_protocol(name) if protocol != "file" else name

    if _GLOB_CHARS.intersection(root):
        infos = fs.glob(root, detail=True)
        names = sorted(infos)
        for name in names:
            info = infos[name]
            if info.get("type") == "directory":
                yield from _walk_url(fs, name, url_of)
            elif name.lower().endswith(TEXT_EXTENSIONS):
                yield FileEntry(url_of(name), url_of(name), int(info.get("size") or 0))
        return
    if not fs.exists(root):
        return
    if fs.isdir(root):
        yield from _walk_url(fs, root, url_of)
    else:
        size = int(fs.info(root).get("size") or 0)
        yield FileEntry(url_of(root), url_of(root), size)


def _walk_url(fs: Any, root: str, url_of: Callable[[str], str]) -> Iterator[FileEntry]:
    infos = fs.find(root, detail=True)
    for name in sorted(infos):
        info = infos[name]
        parts = name.split("/")
        if any(p.startswith(".") for p in parts[len(root.rstrip("/").split("/")) :]):
            continue  # hidden files and directories, as on a local walk
        if info.get("type") == "file" and name.lower().endswith(TEXT_EXTENSIONS):
            yield FileEntry(url_of(name), url_of(name), int(info.get("size") or 0))
