"""English word frequencies for rules that must tell words from non-words.

The data come from the ``wordfreq`` package (its ``large`` English list).
Decoding that list takes about half a second and importing ``wordfreq`` pulls
in heavy dependencies, so the first process compiles the list into a compact
cache file (sorted words plus one frequency byte each) in the user's cache
directory; later processes read that file in about ten milliseconds and never
import ``wordfreq``.  The cache is keyed by the data file's identity and
the Python version (``marshal`` is version-specific); when it cannot be
written the lexicon is still built, just in memory.

Lookups are a binary search over the sorted words: no per-token tokenising,
no dictionary of 300,000 entries to build at start-up.
"""

from __future__ import annotations

import bisect
import marshal
import math
import os
import sys
import threading
from array import array
from pathlib import Path

#: Bumped when the cache layout changes.
_FORMAT = 2
#: The wordfreq list compiled into the lexicon.
_LIST = "large"
_LANG = "en"
#: Compiled lexicons kept in the cache directory (one per Python and wordfreq install).
_KEEP_LEXICONS = 4
#: Distinct words looked up before the word list is split for faster searches.
_SPLIT_AFTER = 2000


def cache_dir() -> Path:
    """Where compiled lexicons are kept: ``$COPYLINT_CACHE_DIR``, else the XDG cache dir."""
    explicit = os.environ.get("COPYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


def _data_file() -> Path | None:
    """wordfreq's data file for the list, found on sys.path without importing wordfreq."""
    name = f"{_LIST}_{_LANG}.msgpack.gz"
    for entry in sys.path:
        candidate = Path(entry or ".") / "wordfreq" / "data" / name
        if candidate.is_file():
            return candidate
    return None


def _cache_key(data: Path | None) -> str:
    """A name that changes whenever the source data or the Python version changes."""
    stamp = "nodata"
    if data is not None:
        st = data.stat()
        stamp = f"{st.st_size}-{st.st_mtime_ns}"
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return f"lexicon-{_LANG}-{_LIST}-f{_FORMAT}-py{py}-{stamp}.marshal"


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

    The words stay in one newline-joined string with an array of start offsets:
    loading is a file read, not 300,000 string objects, and a lookup is a binary
    search over slices of that string (memoised, since texts repeat their words).
    """

    __slots__ = ("_blob", "_starts", "_zipfs", "_memo", "_words", "_misses")

    _default: Lexicon | None = None
    _lock = threading.Lock()

    def __init__(self, blob: str, starts: array, zipfs: bytes) -> None:
        if len(starts) != len(zipfs) + 1:
            raise ValueError("words and frequencies differ in length")
        self._blob = blob
        self._starts = starts
        self._zipfs = zipfs
        self._memo: dict[str, float] = {}
        # Performance (issue 7): a long run looks up tens of thousands of new
        # words; past _SPLIT_AFTER of them the blob is split once (tens of
        # milliseconds) so that bisect searches in C.  Short runs never split.
        self._words: list[str] | None = None
        self._misses = 0

    @classmethod
    def from_words(cls, words: list[str], zipfs: bytes) -> Lexicon:
        """A lexicon from sorted lowercase words and one ``zipf * 10`` byte each."""
        return cls("\n".join(words) + "\n", _offsets(words), zipfs)

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
        path = directory / _cache_key(_data_file())
        try:
            blob, raw_starts, zipfs = marshal.loads(path.read_bytes())
            starts = array("I")
            starts.frombytes(raw_starts)
            return cls(blob, starts, zipfs)
        except (OSError, EOFError, ValueError, TypeError):
            pass
        words, zipfs = _compile()
        lexicon = cls.from_words(words, zipfs)
        _save(path, lexicon._blob, lexicon._starts.tobytes(), zipfs)
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
        low = word.lower().replace("\u2019", "'")
        n = len(self._zipfs)
        words = self._words
        if words is None:
            self._misses += 1
            if self._misses > _SPLIT_AFTER:
                words = self._words = self._blob.split("\n")
        if words is not None:
            lo = bisect.bisect_left(words, low, 0, n)
            found = lo < n and words[lo] == low
        else:
            blob, starts = self._blob, self._starts
            lo, hi = 0, n
            while lo < hi:
                mid = (lo + hi) >> 1
                if blob[starts[mid] : starts[mid + 1] - 1] < low:
                    lo = mid + 1
                else:
                    hi = mid
            found = lo < n and blob[starts[lo] : starts[lo + 1] - 1] == low
        z = self._zipfs[lo] / 10 if found else 0.0
        if len(memo) < 200_000:  # bounded: a long run must not grow without limit
            memo[word] = z
        return z

    def is_word(self, word: str, min_zipf: float = 1.0) -> bool:
        """True when ``word`` is in the list at least as often as ``min_zipf``."""
        return self.zipf(word) >= min_zipf


def _offsets(words: list[str]) -> array:
    """Start offsets of each word in the newline-joined blob, plus the end."""
    starts = array("I", [0])
    pos = 0
    for w in words:
        pos += len(w) + 1
        starts.append(pos)
    return starts


def _save(path: Path, blob: str, starts: bytes, zipfs: bytes) -> None:
    """Write the cache atomically; a read-only or missing cache dir is not an error."""
    import tempfile  # only on a cold cache: keeps start-up imports small

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((blob, starts, zipfs)))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return
    # A new Python or wordfreq install gets a new file; old ones (several MB
    # each) would otherwise stay forever.
    from .datacache import prune_oldest

    prune_oldest(path.parent, "lexicon-*.marshal", _KEEP_LEXICONS)
