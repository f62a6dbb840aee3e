"""Presence filters: which keys a look-up table of an index may hold, asked without SQL.

A filter is a Bloom filter over one table's look-up keys, written by
``knowledge build`` into the index (table ``filters``) and read once per
process.  It answers "certainly absent" or "maybe present": a key it rules out
is not in the table (no false negatives), so a look-up asks SQLite only about
the keys that pass and answers "none" for the others, exactly as the query
would.

Performance (issue 16): nearly all the keys a news article makes an index look
up are in no table (about 20 new keys per article on a first pass, 95% of them
absent), and each batch of them cost a prepared statement and a B-tree walk
(~0.14 ms per article); a filter rules a key out in ~0.3 µs.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

#: Bits per key: with two hashes, about 1.4% of absent keys pass.
BITS_PER_KEY = 16
#: A filter larger than this is probed where it is stored (a few bytes read per key)
#: instead of being read whole: a one-article run against a base of tens of millions
#: of names must not read a hundred megabytes of filters.
WHOLE_BYTES = 8 * 2**20
#: The second hash's seed (any constant other than the first's 0).
_SEED = 0x9E3779B9
_T = TypeVar("_T")


def encode(key: str | tuple[str, ...]) -> bytes:
    """The bytes a key is hashed as (a pair's words joined by NUL, which no word holds)."""
    text = key if isinstance(key, str) else "\x00".join(key)
    return text.encode("utf-8", "surrogatepass")


def build(keys: Iterable[bytes], count: int) -> bytes:
    """The filter's bits for ``keys`` (about ``count`` of them), as stored."""
    bits = max(64, 1 << (max(count, 1) * BITS_PER_KEY - 1).bit_length())
    mask = bits - 1
    out = bytearray(bits // 8)
    crc = zlib.crc32
    for key in keys:
        for h in (crc(key) & mask, crc(key, _SEED) & mask):
            out[h >> 3] |= 1 << (h & 7)
    return bytes(out)


class Bits(Protocol):
    """A filter's bytes: read whole (``bytes``) or in place (an ``sqlite3.Blob``)."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> int: ...


class PresenceFilter:
    """A stored filter, asked which keys may be present."""

    __slots__ = ("_bits", "_mask", "whole")

    def __init__(self, bits: Bits) -> None:
        size = len(bits)
        if not size or size & (size - 1):
            raise ValueError("a presence filter's size is a power of two")
        self._bits = bits
        self._mask = size * 8 - 1
        #: True when the bits are in memory (else read where stored, per probe)
        self.whole = isinstance(bits, bytes)

    def maybe_present(self, keys: Sequence[_T]) -> list[_T]:
        """Those of ``keys`` (strings or tuples of strings) that may be in the table."""
        bits, mask, crc = self._bits, self._mask, zlib.crc32
        out: list[_T] = []
        for key in keys:
            raw = encode(key)  # type: ignore[arg-type]
            h = crc(raw) & mask
            if bits[h >> 3] >> (h & 7) & 1:
                h = crc(raw, _SEED) & mask
                if bits[h >> 3] >> (h & 7) & 1:
                    out.append(key)
        return out
