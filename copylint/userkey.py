"""The user's private data directory and secret key: what copylint trusts on disk.

Compiled packs and knowledge, the compiled lexicon and the secret key live in
the user's cache directory (``$COPYLINT_CACHE_DIR``, else the XDG cache dir).
That directory is used only when it, and every directory above it, can be
changed by no one else (:func:`copylint.safefs.private_directory`).  When it
is shared (a world-writable CI cache, say), copylint uses a ``user-<uid>``
directory inside it, made mode 0700; if even that is not private (someone else
made it first), nothing is cached: slower, never unsafe.

The key (32 random bytes, mode 0600) authenticates what copylint stores where
others may write, such as result-cache entries in a repository: an entry
whose tag does not verify was not written by this user's copylint and is
ignored.  The tag is keyed BLAKE2b, which is a MAC and faster than HMAC-SHA256.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from pathlib import Path

from . import safefs

KEY_FILE = "secret.key"
_KEY_BYTES = 32
_TAG_BYTES = 32


def user_cache_dir() -> Path:
    """``$COPYLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/copylint`` or ``~/.cache/copylint``."""
    explicit = os.environ.get("COPYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


def private_dir() -> Path | None:
    """The directory for this user's compiled data and key, or None when none is safe."""
    return _private_dir(str(user_cache_dir()), os.geteuid())


@functools.cache
def _private_dir(base: str, uid: int) -> Path | None:
    path = Path(base)
    try:
        if not os.path.lexists(path):
            os.makedirs(path, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if safefs.private_directory(path):
        return path
    own = path / f"user-{uid}"
    try:
        os.mkdir(own, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return own if safefs.private_directory(own) else None


def user_key() -> bytes | None:
    """This user's secret key (made on first use), or None when it cannot be kept privately."""
    directory = private_dir()
    return None if directory is None else _load_key(str(directory))


@functools.cache
def _load_key(directory: str) -> bytes | None:
    path = os.path.join(directory, KEY_FILE)
    for _ in range(2):
        try:
            key = safefs.read_regular(path, limit=_KEY_BYTES, owned=True)
        except FileNotFoundError:
            try:
                fd = os.open(
                    path,
                    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                    0o600,
                )
            except FileExistsError:
                continue  # another process made it meanwhile: read theirs
            except OSError:
                return None
            key = os.urandom(_KEY_BYTES)  # what secrets.token_bytes returns
            with os.fdopen(fd, "wb") as fh:
                fh.write(key)
            return key
        except OSError:
            return None
        # A key others could read would let them forge entries.
        if len(key) == _KEY_BYTES and not os.stat(path).st_mode & 0o077:
            return key
        return None
    return None


def tag(key: bytes, context: bytes, data: bytes) -> bytes:
    """The authentication tag of ``data`` in ``context`` (what it is stored for)."""
    h = hashlib.blake2b(key=key, digest_size=_TAG_BYTES, person=b"copylint-v1")
    h.update(len(context).to_bytes(8, "big"))
    h.update(context)
    h.update(data)
    return h.digest()


def seal(key: bytes, context: bytes, data: bytes) -> bytes:
    """``data`` prefixed with its tag."""
    return tag(key, context, data) + data


def unseal(key: bytes, context: bytes, blob: bytes) -> bytes | None:
    """The data in ``blob`` if its tag verifies for ``context``, else None."""
    if len(blob) < _TAG_BYTES:
        return None
    mac, data = blob[:_TAG_BYTES], blob[_TAG_BYTES:]
    return data if hmac.compare_digest(mac, tag(key, context, data)) else None
