"""English word frequencies for rules that must tell words from non-words.

The data come from the ``wordfreq`` package (its ``large`` English list).
Decoding that list takes about half a second and importing ``wordfreq`` pulls
in heavy dependencies, so the first process compiles the list into a compact
cache file (sorted words plus one frequency byte each) in the user's cache
directory; later processes read that file in a few tens of milliseconds and
never import ``wordfreq``.  The cache is keyed by the data file's identity and
the Python version (``marshal`` is version-specific); when it cannot be
written the lexicon is still built, just in memory.

Lookups are a binary search over the sorted word list: no per-token
tokenising, no dictionary of 300,000 entries to build at start-up.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.util
import marshal
import math
import os
import sys
import tempfile
import threading
from pathlib import Path

#: Bumped when the cache layout changes.
_FORMAT = 1
#: The wordfreq list compiled into the lexicon.
_LIST = "large"
_LANG = "en"


def cache_dir() -> Path:
    """Where compiled lexicons are kept: ``$COPYLINT_CACHE_DIR``, else the XDG cache dir."""
    explicit = os.environ.get("COPYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


def _data_file() -> Path | None:
    """wordfreq's data file for the list, found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data" / f"{_LIST}_{_LANG}.msgpack.gz"


def _cache_key(data: Path | None) -> str:
    """A name that changes whenever the source data or the Python version changes."""
    ident = f"{_FORMAT}|{sys.version_info[:2]}|{_LIST}|{_LANG}"
    if data is not None and data.exists():
        st = data.stat()
        ident += f"|{data}|{st.st_size}|{st.st_mtime_ns}"
    digest = hashlib.sha1(ident.encode()).hexdigest()[:16]
    return f"lexicon-{_LANG}-{digest}.marshal"


def _is_lexical(word: str) -> bool:
    """Keep letters with inner apostrophes; drop numbers, symbols and multi-word keys."""
    return word.replace("'", "").isalpha()


def _compile() -> tuple[str, bytes]:
    """Build (newline-joined sorted words, one zipf*10 byte per word) from wordfreq."""
    import wordfreq  # heavy import, only on a cold cache

    freqs = wordfreq.get_frequency_dict(_LANG, _LIST)
    words = sorted(w for w in freqs if _is_lexical(w))
    zipfs = bytes(min(255, max(0, round((math.log10(freqs[w]) + 9) * 10))) for w in words)
    return "\n".join(words), zipfs


class Lexicon:
    """A read-only word list with Zipf frequencies (``log10`` of uses per billion words).

    Words are lowercase; lookups lowercase their argument.  ``zipf`` of an unknown
    word is 0.0.  Typical values: "the" 7.7, "movie" 5.4, "scroll" 4.0, "fandango" 2.4.
    """

    __slots__ = ("_words", "_zipfs", "_memo")

    _default: Lexicon | None = None
    _lock = threading.Lock()

    def __init__(self, words: list[str], zipfs: bytes) -> None:
        if len(words) != len(zipfs):
            raise ValueError("words and frequencies differ in length")
        self._words = words
        self._zipfs = zipfs
        self._memo: dict[str, float] = {}

    @classmethod
    def from_frequencies(cls, freqs: dict[str, float]) -> Lexicon:
        """A lexicon from ``word -> zipf`` pairs (for tests and custom word lists)."""
        words = sorted(w.lower() for w in freqs)
        lowered = {w.lower(): z for w, z in freqs.items()}
        return cls(words, bytes(min(255, max(0, round(lowered[w] * 10))) for w in words))

    @classmethod
    def load(cls, cache: Path | None = None) -> Lexicon:
        """Read the compiled cache, compiling (and trying to save) it first if needed."""
        directory = cache if cache is not None else cache_dir()
        path = directory / _cache_key(_data_file())
        try:
            blob, zipfs = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            blob, zipfs = _compile()
            _save(path, blob, zipfs)
        return cls(blob.split("\n"), zipfs)

    @classmethod
    def default(cls) -> Lexicon:
        """The process-wide English lexicon, loaded on first use."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.load()
        return cls._default

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.zipf(word) > 0.0

    def zipf(self, word: str) -> float:
        """The word's Zipf frequency (0.0 when unknown); case-insensitive."""
        memo = self._memo
        z = memo.get(word)
        if z is not None:
            return z
        low = word.lower().replace("\u2019", "'")
        words = self._words
        i = bisect.bisect_left(words, low)
        z = self._zipfs[i] / 10 if i < len(words) and words[i] == low else 0.0
        if len(memo) < 50_000:  # bounded: a long run must not grow without limit
            memo[word] = z
        return z

    def is_word(self, word: str, min_zipf: float = 1.0) -> bool:
        """True when ``word`` is in the list at least as often as ``min_zipf``."""
        return self.zipf(word) >= min_zipf


def _save(path: Path, blob: str, zipfs: bytes) -> None:
    """Write the cache atomically; a read-only or missing cache dir is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((blob, zipfs)))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
