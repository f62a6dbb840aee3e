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
no word list to split in each process.  The file also lists the common words
most frequent first (:meth:`Lexicon.words_at_least`), so a rule can screen a
text's frequent words with one set operation.
"""

from __future__ import annotations

import itertools
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
_FORMAT = 6
#: The compiled file's header: magic, then the byte lengths of words, offsets, hash
#: table, frequencies and ranked words.  (Format 4: the offsets are byte offsets into
#: the UTF-8 words, which stay undecoded.  Format 5: the hash table.  Format 6: the
#: ranked words and their cuts.)
_MAGIC = b"CLLEX6\n"
_HEADER = struct.Struct("<QQQQQ")
#: The ranked section lists the words of this ``zipf * 10`` or more, most frequent first
#: (about 25,000 words, 200 KB), each followed by a newline; 256 cuts (32-bit) say where
#: the words of each ``zipf * 10`` value end, so ``words_at_least`` decodes one prefix.
_RANKED_MIN = 30
_CUTS = 256
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

    __slots__ = ("_blob", "_starts", "_zipfs", "_memo", "_table", "_mask", "_ranked", "_at_least")

    _default: Lexicon | None = None
    _lock = threading.Lock()

    def __init__(
        self,
        blob: bytes | mmap.mmap,
        starts: Sequence[int],
        zipfs: bytes,
        table: Sequence[int] | None = None,
        ranked: tuple[bytes, Sequence[int]] | None = None,
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
        #: the ranked section and its cuts (see _RANKED_MIN), when mapped from a file
        self._ranked = ranked
        self._at_least: dict[float, frozenset[str]] = {}

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
            # the saved file ranks the common words: map it, as later processes will
            loaded = _read(path)
            if loaded is not None:
                return cls(*loaded)
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

    def words_at_least(self, min_zipf: float) -> frozenset[str]:
        """The listed words that ``zipf`` rates ``min_zipf`` or more, each its own lookup key.

        Every word returned is lowercase with straight apostrophes, so
        ``zipf(w) >= min_zipf`` holds for each (remembered per threshold).  For
        rules that screen many words: one set operation in C instead of a lookup
        each.  From a compiled file, thresholds of 3.0 and more decode one prefix of
        its ranked section; otherwise the frequencies are scanned.
        """
        found = self._at_least.get(min_zipf)
        if found is not None:
            return found
        # the smallest stored value that passes the caller's own comparison
        least = next((b for b in range(256) if b / 10 >= min_zipf), 256)
        if self._ranked is not None and least >= _RANKED_MIN:
            section, cuts = self._ranked
            end = cuts[least] if least < _CUTS else 0
            found = frozenset(section[:end].decode("utf-8").split("\n")[:-1] if end else ())
        else:
            found = frozenset(_words_at_least(self._blob, self._starts, self._zipfs, least))
        self._at_least[min_zipf] = found
        return found

    def is_word(self, word: str, min_zipf: float = 1.0) -> bool:
        """True when ``word`` is in the list at least as often as ``min_zipf``."""
        return self.zipf(word) >= min_zipf


def _own_keys(
    blob: bytes | mmap.mmap, starts: Sequence[int], zipfs: bytes, least: int
) -> list[tuple[int, bytes]]:
    """(value, UTF-8 word) of the words whose ``zipf * 10`` byte is ``least`` or more and
    that are their own lookup key (lowercase, straight apostrophes), in the list's order."""
    passes = bytes(1 if b >= least else 0 for b in range(256))
    found = []
    for i in itertools.compress(range(len(zipfs)), zipfs.translate(passes)):
        raw = bytes(blob[starts[i] : starts[i + 1] - 1])
        word = raw.decode("utf-8", "replace")
        if "\ufffd" not in word and word.lower().replace("\u2019", "'") == word:
            found.append((zipfs[i], raw))
    return found


def _words_at_least(
    blob: bytes | mmap.mmap, starts: Sequence[int], zipfs: bytes, least: int
) -> list[str]:
    """The words of ``zipf * 10`` byte ``least`` or more that are their own lookup key."""
    return [raw.decode("utf-8") for _, raw in _own_keys(blob, starts, zipfs, least)]


def _ranking(
    blob: bytes | mmap.mmap, starts: Sequence[int], zipfs: bytes
) -> tuple[bytes, array[int]]:
    """The ranked section (see _RANKED_MIN) and its cuts: ``cuts[v]`` is the length of
    the section's prefix that holds the words of value ``v`` or more."""
    ranked = sorted(_own_keys(blob, starts, zipfs, _RANKED_MIN), key=lambda e: -e[0])
    section = b"".join(raw + b"\n" for _, raw in ranked)
    sizes = [0] * (_CUTS + 1)
    for value, raw in ranked:
        sizes[value] += len(raw) + 1
    cuts = array("I", [0] * _CUTS)
    total = 0
    for value in range(_CUTS - 1, -1, -1):
        total += sizes[value]
        cuts[value] = total
    return section, cuts


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
) -> (
    tuple[bytes | mmap.mmap, Sequence[int], bytes, Sequence[int], tuple[bytes, Sequence[int]]]
    | None
):
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
    n_blob, n_starts, n_table, n_zipfs, n_ranked = _HEADER.unpack_from(data, len(_MAGIC))
    if (
        head + n_blob + n_starts + n_table + 4 * _CUTS + n_zipfs + n_ranked != len(data)
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
    where += n_starts + n_table
    cuts = _uint32s(data, where, 4 * _CUTS)
    if max(cuts) > n_ranked:
        return None
    where += 4 * _CUTS
    zipfs = data[where : where + n_zipfs]
    # The ranked section is small and read whole (only when a rule asks for it, it is
    # decoded, a prefix at a time).
    return data, starts, zipfs, table, (data[where + n_zipfs :], cuts)


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
    section, cuts = _ranking(words, starts, zipfs)
    header = _MAGIC + _HEADER.pack(
        len(words), 4 * len(starts), 4 * len(table), len(zipfs), len(section)
    )
    # The offsets are written as positions in the file (see _read).
    placed = array("I", [start + len(header) for start in starts])
    slots = array("I", table)
    if sys.byteorder != "little":
        placed.byteswap()
        slots.byteswap()
        cuts.byteswap()
    body = placed.tobytes() + slots.tobytes() + cuts.tobytes() + zipfs + section
    try:
        _write_in(path, header + words + body)
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
