"""English word frequencies for rules that must tell words from non-words.

The data come from the ``wordfreq`` package (its ``large`` English list).
Decoding that list takes about half a second and importing ``wordfreq`` pulls
in heavy dependencies, so the first process compiles the list into a compact
cache file (sorted words plus one frequency byte each) in the user's private
data directory (:func:`copylint.userkey.private_dir`); later processes map
that file into memory (nothing is read or decoded up front: a short article
touches a few hundred of its pages) and never import ``wordfreq``.  The file
is plain data (a header, the UTF-8 words, their offsets and frequencies), never
code: nothing in it can run, and it is read only from a directory no one else
can write, and only if this user owns it.  The cache is keyed by the data
file's identity; when it cannot be written the lexicon is still built, just
in memory.

Lookups go through an open-addressing hash table stored in the same file
(CRC-32 of the word's UTF-8 bytes, linear probing, at most half full): no
per-token tokenising, no dictionary of 300,000 entries to build at start-up,
no word list to split in each process.
"""

from __future__ import annotations

import math
import mmap
import os
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path

#: Bumped when the cache layout changes.
_FORMAT = 5
#: The compiled file's header: magic, then the byte lengths of words, offsets, hash
#: table, frequencies.  (Format 4: the offsets are byte offsets into the UTF-8 words,
#: which stay undecoded.  Format 5: the hash table.)
_MAGIC = b"CLLEX5\n"
_HEADER = struct.Struct("<QQQQ")
#: The wordfreq list compiled into the lexicon.
_LIST = "large"
_LANG = "en"
#: Compiled lexicons kept in the cache directory (one per Python and wordfreq install).
_KEEP_LEXICONS = 4


def cache_dir() -> Path | None:
    """Where compiled lexicons are kept: the user's private data directory, if there is one."""
    from .userkey import private_dir

    return private_dir()


def _data_file() -> Path | None:
    """wordfreq's data file for the list, found on sys.path without importing wordfreq."""
    name = f"{_LIST}_{_LANG}.msgpack.gz"
    for entry in sys.path:
        candidate = Path(entry or ".") / "wordfreq" / "data" / name
        if candidate.is_file():
            return candidate
    return None


def _cache_key(data: Path | None) -> str:
    """A name that changes whenever the source data (or the cache format) changes.

    The data file is gzip, whose last eight bytes are the CRC-32 and length of
    its whole uncompressed content: with the file's size they name the content
    for the price of one small read.  Not its modification time: every install
    of the same wordfreq (a project's venv, pre-commit's, a CI cache) has its
    own, and each compiled its own lexicon and evicted the others'.
    """
    stamp = "nodata"
    if data is not None:
        with data.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            fh.seek(max(0, size - 8))
            stamp = f"{size}-{fh.read(8).hex()}"
    return f"lexicon-{_LANG}-{_LIST}-f{_FORMAT}-{stamp}.bin"


def _is_lexical(word: str) -> bool:
    """Keep letters with inner apostrophes; drop numbers, symbols and multi-word keys."""
    return word.replace("'", "").isalpha()


def _compile() -> tuple[list[str], bytes]:
    """Build (sorted words, one zipf*10 byte per word) from wordfreq."""
    import wordfreq  # heavy import, only on a cold cache

    freqs = wordfreq.get_frequency_dict(_LANG, _LIST)
    words = sorted(w for w in freqs if _is_lexical(w))
    zipfs = bytes(min(255, max(0, round((math.log10(freqs[w]) + 9) * 10))) for w in words)
    return words, zipfs


class Lexicon:
    """A read-only word list with Zipf frequencies (``log10`` of uses per billion words).

    Words are lowercase; lookups lowercase their argument.  ``zipf`` of an unknown
    word is 0.0.  Typical values: "the" 7.7, "movie" 5.4, "scroll" 4.0, "fandango" 2.4.

    The words stay in one newline-joined UTF-8 buffer (a memory map of the
    compiled file) with an array of start offsets and a hash table of word
    numbers: loading is no read at all, not 300,000 string objects, and a
    lookup hashes the word and compares it with a slice or two of that buffer
    (memoised, since texts repeat their words).

    Performance (issue 19): the lookups were a binary search, in Python over
    the buffer and, past 2,000 distinct words, in C over the buffer split into
    300,000 byte strings (tens of milliseconds in every worker of a run).  The
    table answers 32,000 distinct corpus words in a third of that time, with
    nothing to build.
    """

    __slots__ = ("_blob", "_starts", "_zipfs", "_memo", "_table", "_mask")

    _default: Lexicon | None = None
    _lock = threading.Lock()

    def __init__(
        self,
        blob: bytes | mmap.mmap,
        starts: Sequence[int],
        zipfs: bytes,
        table: Sequence[int] | None = None,
    ) -> None:
        if len(starts) != len(zipfs) + 1:
            raise ValueError("words and frequencies differ in length")
        if table is None:
            table = _hash_table(_split(blob, starts))
        if len(table) < 2 * len(zipfs) or len(table) & (len(table) - 1):
            raise ValueError("the hash table is not a power of two over twice the words")
        self._blob = blob
        self._starts = starts
        self._zipfs = zipfs
        self._table = table
        self._mask = len(table) - 1
        self._memo: dict[str, float] = {}

    @classmethod
    def from_words(cls, words: list[str], zipfs: bytes) -> Lexicon:
        """A lexicon from sorted lowercase words and one ``zipf * 10`` byte each."""
        encoded = [w.encode("utf-8") for w in words]
        return cls(b"\n".join(encoded) + b"\n", _offsets(encoded), zipfs, _hash_table(encoded))

    @classmethod
    def from_frequencies(cls, freqs: dict[str, float]) -> Lexicon:
        """A lexicon from ``word -> zipf`` pairs (for tests and custom word lists)."""
        lowered = {w.lower(): z for w, z in freqs.items()}
        words = sorted(lowered)
        return cls.from_words(words, bytes(min(255, max(0, round(lowered[w] * 10))) for w in words))

    @classmethod
    def load(cls, cache: Path | None = None) -> Lexicon:
        """Read the compiled cache, compiling (and trying to save) it first if needed."""
        directory = cache if cache is not None else cache_dir()
        path = None if directory is None else directory / _cache_key(_data_file())
        if path is not None:
            loaded = _read(path)
            if loaded is not None:
                return cls(*loaded)
        words, zipfs = _compile()
        lexicon = cls.from_words(words, zipfs)
        if path is not None:
            _save(path, bytes(lexicon._blob), lexicon._starts, zipfs, lexicon._table)
        return lexicon

    @classmethod
    def default(cls) -> Lexicon:
        """The process-wide English lexicon, loaded on first use."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.load()
        return cls._default

    def __len__(self) -> int:
        return len(self._zipfs)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.zipf(word) > 0.0

    def zipf(self, word: str) -> float:
        """The word's Zipf frequency (0.0 when unknown); case-insensitive."""
        memo = self._memo
        z = memo.get(word)
        if z is not None:
            return z
        # (a lone surrogate encodes to bytes no UTF-8 word has: not found)
        low = word.lower().replace("\u2019", "'").encode("utf-8", "surrogatepass")
        blob, starts, table, mask = self._blob, self._starts, self._table, self._mask
        z = 0.0
        h = zlib.crc32(low) & mask
        try:
            for _ in range(len(table)):  # bounded, whatever the file holds
                number = table[h]
                if not number:  # an empty slot: the word is not in the list
                    break
                if blob[starts[number - 1] : starts[number] - 1] == low:
                    z = self._zipfs[number - 1] / 10
                    break
                h = (h + 1) & mask
        except IndexError:  # a damaged file's slot names no word: not found
            z = 0.0
        if len(memo) < 200_000:  # bounded: a long run must not grow without limit
            memo[word] = z
        return z

    def is_word(self, word: str, min_zipf: float = 1.0) -> bool:
        """True when ``word`` is in the list at least as often as ``min_zipf``."""
        return self.zipf(word) >= min_zipf


def _split(blob: bytes | mmap.mmap, starts: Sequence[int]) -> list[bytes]:
    """The words of a newline-joined blob whose word starts are ``starts``."""
    return [bytes(blob[starts[i] : starts[i + 1] - 1]) for i in range(len(starts) - 1)]


def _hash_table(words: Sequence[bytes]) -> array[int]:
    """Slots of word numbers plus one (0: empty) by CRC-32, linear probing, at most half full."""
    size = 1 << max(1, (2 * len(words) - 1).bit_length())
    mask = size - 1
    table = array("I", bytes(4 * size))
    crc = zlib.crc32
    for number, word in enumerate(words, 1):
        h = crc(word) & mask
        while table[h]:
            h = (h + 1) & mask
        table[h] = number
    return table


def _offsets(words: list[bytes]) -> array[int]:
    """Start offsets of each word in the newline-joined blob, plus the end."""
    starts = array("I", [0])
    pos = 0
    for w in words:
        pos += len(w) + 1
        starts.append(pos)
    return starts


def _read(
    path: Path,
) -> tuple[bytes | mmap.mmap, Sequence[int], bytes, Sequence[int]] | None:
    """The compiled lexicon at ``path`` (its words mapped, not read), or None if
    missing, foreign or malformed."""
    from .safefs import map_regular

    try:
        data = map_regular(str(path), owned=True)
    except OSError:
        return None
    head = len(_MAGIC) + _HEADER.size
    if len(data) < head or data[: len(_MAGIC)] != _MAGIC:
        return None
    n_blob, n_starts, n_table, n_zipfs = _HEADER.unpack_from(data, len(_MAGIC))
    if (
        head + n_blob + n_starts + n_table + n_zipfs != len(data)
        or n_starts != 4 * (n_zipfs + 1)
        or n_table < 8 * n_zipfs
        or n_table % 4
        or (n_table // 4) & (n_table // 4 - 1)
    ):
        return None
    where = head + n_blob
    starts = _uint32s(data, where, n_starts)
    table = _uint32s(data, where + n_starts, n_table)
    # Written by this user's copylint (the file is theirs, in their private
    # directory), so only the cheap checks that keep lookups in bounds.  The
    # offsets are positions in the file (the words start at ``head``), so
    # lookups slice the map itself.
    if starts[0] != head or not head < starts[-1] <= head + n_blob:
        return None
    return data, starts, data[where + n_starts + n_table :], table


def _uint32s(data: bytes | mmap.mmap, where: int, size: int) -> Sequence[int]:
    """The little-endian 32-bit numbers of ``data[where : where + size]``."""
    if sys.byteorder == "little" and where % 4 == 0 and isinstance(data, mmap.mmap):
        # No copy: the numbers are read where they lie (the writer aligned them).
        return memoryview(data)[where : where + size].cast("I")
    copied = array("I")
    copied.frombytes(data[where : where + size])
    if sys.byteorder != "little":
        copied.byteswap()
    return copied


def _save(
    path: Path, words: bytes, starts: Sequence[int], zipfs: bytes, table: Sequence[int]
) -> None:
    """Write the cache atomically; a read-only or missing cache dir is not an error."""
    # Newlines after the last word align the offsets on four bytes (see _read).
    words += b"\n" * (-(len(_MAGIC) + _HEADER.size + len(words)) % 4)
    header = _MAGIC + _HEADER.pack(len(words), 4 * len(starts), 4 * len(table), len(zipfs))
    # The offsets are written as positions in the file (see _read).
    placed = array("I", [start + len(header) for start in starts])
    slots = array("I", table)
    if sys.byteorder != "little":
        placed.byteswap()
        slots.byteswap()
    try:
        _write_in(path, header + words + placed.tobytes() + slots.tobytes() + zipfs)
    except OSError:
        return
    # A new Python or wordfreq install gets a new file; old ones (several MB
    # each) would otherwise stay forever.
    from .datacache import prune_oldest

    prune_oldest(path.parent, "lexicon-*.bin", _KEEP_LEXICONS)


def _write_in(path: Path, data: bytes) -> None:
    from .safefs import open_dir, write_new

    fd = open_dir(path.parent)
    try:
        write_new(path.name, data, dir_fd=fd)
    finally:
        os.close(fd)
