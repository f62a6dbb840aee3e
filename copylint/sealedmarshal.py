"""Small caches kept between runs as sealed ``marshal`` files in the user's private directory.

The start-up caches (:mod:`copylint.recache`, :mod:`copylint.codecache`) keep
what a run compiled, so that the next run rebuilds it in microseconds.  Each
is one file in the user's private data directory
(:func:`copylint.userkey.private_dir`), written atomically and carrying a tag
under the user's secret key, as the compiled packs do
(:mod:`copylint.datacache`): a file someone else planted, copied or edited
does not verify and is ignored, and a missing, unreadable or corrupt file reads
as empty.  Nothing here raises: a cache that cannot be read or written only
makes the run slower.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from .userkey import private_dir, user_key


def open_cache(file_name: str) -> tuple[str, bytes, Any] | None:
    """(path, key, stored value or None) of the cache file ``file_name``.

    None when nothing can be kept safely (no private directory or key).
    """
    directory, key = private_dir(), user_key()
    if directory is None or key is None:
        return None
    path = os.path.join(directory, file_name)
    return path, key, load(path, key)


def load(path: str, key: bytes) -> Any:
    """The value stored at ``path``, or None when it is missing, foreign or unreadable."""
    import marshal

    from .safefs import read_regular
    from .userkey import unseal

    try:
        blob = read_regular(path, owned=True)
    except OSError:
        return None
    data = unseal(key, os.path.basename(path).encode(), blob)
    if data is None:
        return None  # not written by this user's copylint
    try:
        return marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None


#: Files of one family kept (one per Python version, for the interpreters in use).
_KEEP_PER_FAMILY = 3


def save(path: str, key: bytes, value: Any, family: str) -> None:
    """Replace the file at ``path`` with ``value``, sealed; silently keep the old one on failure.

    ``family`` is the glob of the files of this cache (one per Python
    version): all but the most recently written few are deleted.
    """
    import marshal

    from .safefs import open_dir, write_new
    from .userkey import seal

    try:
        data = marshal.dumps(value)
    except ValueError:
        return  # something marshal cannot store: keep nothing rather than fail the run
    name = os.path.basename(path)
    with contextlib.suppress(OSError):
        fd = open_dir(os.path.dirname(path))
        try:
            write_new(name, seal(key, name.encode(), data), dir_fd=fd, mode=0o600)
        finally:
            os.close(fd)
    from pathlib import Path

    from .datacache import prune_oldest

    prune_oldest(Path(path).parent, family, _KEEP_PER_FAMILY)
