"""The English lexicon: frequencies from wordfreq, the compiled cache, and its fallbacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from copylint.lexicon import Lexicon, cache_dir


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.default()


def test_frequencies_agree_with_wordfreq(lex: Lexicon) -> None:
    wordfreq = pytest.importorskip("wordfreq")
    for word in ("the", "movie", "scroll", "impossible", "fandango", "reckoning"):
        assert lex.zipf(word) == pytest.approx(wordfreq.zipf_frequency(word, "en"), abs=0.06)


def test_common_words_outrank_rare_ones_and_glued_pairs_are_unknown(lex: Lexicon) -> None:
    assert lex.zipf("the") > lex.zipf("movie") > lex.zipf("fandango") > 0
    for glued in ("fandangothis", "impossiblewith", "moviescroll", "twois"):
        assert lex.zipf(glued) == 0.0
        assert glued not in lex


def test_lookups_ignore_case_and_curly_apostrophes(lex: Lexicon) -> None:
    assert lex.zipf("PlayStation") == lex.zipf("playstation") > 0
    assert lex.zipf("don’t") == lex.zipf("don't") > 0
    assert lex.is_word("YouTube")
    assert not lex.is_word("YouTube", min_zipf=9.0)


def test_from_frequencies_builds_a_small_lexicon() -> None:
    small = Lexicon.from_frequencies({"Alpha": 4.2, "beta": 1.0})
    assert len(small) == 2
    assert small.zipf("alpha") == pytest.approx(4.2)
    assert small.zipf("gamma") == 0.0


def _load_in_subprocess(cache: Path) -> str:
    """Load the lexicon in a fresh interpreter; report whether wordfreq was imported."""
    code = (
        "import sys; from copylint.lexicon import Lexicon; lex = Lexicon.default(); "
        "print(len(lex), lex.zipf('movie'), 'wordfreq' in sys.modules)"
    )
    env = dict(os.environ, COPYLINT_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout.strip()


def test_cold_load_compiles_a_cache_and_warm_load_skips_wordfreq(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _load_in_subprocess(cache)
    files = list(cache.glob("lexicon-en-*.bin"))
    assert len(files) == 1
    assert cold.endswith("True")  # compiled from wordfreq
    warm = _load_in_subprocess(cache)
    assert warm.endswith("False")  # read from the cache alone
    assert warm.split()[:2] == cold.split()[:2]


def test_unwritable_cache_dir_still_gives_a_lexicon(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    lex = Lexicon.load(cache=blocker / "sub")
    assert lex.zipf("movie") > 5


def test_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    Lexicon.load(cache=tmp_path)
    (path,) = tmp_path.glob("lexicon-en-*.bin")
    path.write_bytes(b"garbage")
    assert Lexicon.load(cache=tmp_path).zipf("movie") > 5


def test_cache_dir_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("COPYLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "copylint"
    assert (tmp_path / "xdg" / "copylint").stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("extra", ["", "x", "xy", "xyz"])  # every padding of the offsets
def test_a_saved_lexicon_is_mapped_back_with_the_same_lookups(tmp_path: Path, extra: str) -> None:
    from copylint import lexicon

    freqs = {"alpha": 4.2, "beta": 1.0, "café": 3.3, "naïve": 2.5, "zoë" + extra: 1.7, "ǆ": 0.5}
    small = Lexicon.from_frequencies(freqs)
    words = sorted(w.lower() for w in freqs)
    path = tmp_path / "lexicon-test.bin"
    lexicon._save(path, bytes(small._blob), small._starts, small._zipfs, small._table)
    loaded = lexicon._read(path)
    assert loaded is not None
    mapped = Lexicon(*loaded)
    probes = [*words, *(w.upper() for w in words), "gamma", "caf", "cafés", "", "\ud800", "zzz"]
    assert [mapped.zipf(w) for w in probes] == [small.zipf(w) for w in probes]
    assert mapped.zipf("café") == pytest.approx(3.3)
    assert [mapped.zipf(w + " ") for w in words] == [0.0] * len(words)


def test_the_hash_table_answers_as_a_dictionary_would() -> None:
    """Thousands of words (so slots collide and probes run on): every word is
    found with its own frequency, and near misses are not found."""
    import random

    rnd = random.Random(19)
    letters = "abcdeéfghijklmnopqrstuvwxyz'"
    freqs = {
        "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 9))): rnd.randint(1, 80) / 10
        for _ in range(5000)
    }
    lex = Lexicon.from_frequencies(freqs)
    assert lex._table.count(0) >= len(lex._table) // 2  # at most half full
    assert all(lex.zipf(w) == pytest.approx(z) for w, z in freqs.items())
    misses = {w + s for w in list(freqs)[:500] for s in ("q", "éé")} - set(freqs)
    assert all(lex.zipf(w) == 0.0 for w in misses)


def test_a_damaged_hash_table_finds_nothing_but_does_not_fail() -> None:
    small = Lexicon.from_frequencies({"alpha": 4.2, "beta": 1.0})
    table = [len(small) + 7] * len(small._table)  # every slot names no word, none is empty
    damaged = Lexicon(small._blob, small._starts, small._zipfs, table)
    assert damaged.zipf("alpha") == 0.0
    assert damaged.zipf("gamma") == 0.0


def test_a_truncated_or_empty_lexicon_file_is_refused(tmp_path: Path) -> None:
    from copylint import lexicon

    small = Lexicon.from_frequencies({"alpha": 4.2, "beta": 1.0})
    path = tmp_path / "lexicon-test.bin"
    lexicon._save(path, bytes(small._blob), small._starts, small._zipfs, small._table)
    data = path.read_bytes()
    path.write_bytes(data[:-1])
    assert lexicon._read(path) is None
    path.write_bytes(b"")
    assert lexicon._read(path) is None


def test_the_cache_key_follows_the_data_not_its_install_time(tmp_path: Path) -> None:
    """Two installs of the same wordfreq share one compiled lexicon; new data gets its own."""
    import gzip

    from copylint.lexicon import _cache_key

    first, second, other = (tmp_path / n for n in ("a.msgpack.gz", "b.msgpack.gz", "c.msgpack.gz"))
    first.write_bytes(gzip.compress(b"the same words", mtime=0))
    second.write_bytes(first.read_bytes())
    os.utime(second, ns=(1, 1))  # installed at another time
    other.write_bytes(gzip.compress(b"the same wordz", mtime=0))  # same size, new content
    assert _cache_key(first) == _cache_key(second)
    assert _cache_key(first) != _cache_key(other)
    assert _cache_key(None) != _cache_key(first)


@pytest.mark.parametrize("min_zipf", [0.0, 1.7, 2.5, 2.99, 3.0, 3.3, 3.5, 4.2, 4.25, 30.0])
def test_words_at_least_come_from_the_ranked_section_as_from_the_frequencies(
    tmp_path: Path, min_zipf: float
) -> None:
    """A mapped file answers from its ranked section (thresholds of 3.0 and more) what
    a scan of the frequencies answers; each word is found as itself at that frequency."""
    from copylint import lexicon

    freqs = {"alpha": 4.2, "beta": 3.0, "café": 3.3, "don’t": 3.6, "naïve": 2.5, "gamma": 3.5}
    freqs |= {"delta": 5.1, "zoë": 1.7, "ǆ": 3.4, "omega": 3.49, "epsilon": 4.25}
    small = Lexicon.from_frequencies(freqs)
    path = tmp_path / "lexicon-test.bin"
    lexicon._save(path, bytes(small._blob), small._starts, small._zipfs, small._table)
    loaded = lexicon._read(path)
    assert loaded is not None
    mapped = Lexicon(*loaded)
    assert mapped._ranked is not None and small._ranked is None
    found = mapped.words_at_least(min_zipf)
    assert found == small.words_at_least(min_zipf)
    # "don’t" is stored with its curly apostrophe, so a lookup (which straightens it)
    # does not find it as itself: it is left out, as no lookup key of its own
    # (stored to one decimal: "omega" 3.49 is 3.5, "epsilon" 4.25 is 4.2)
    expected = {w for w in freqs if small.zipf(w) >= min_zipf and "’" not in w}
    assert found == expected
    assert all(mapped.zipf(w) >= min_zipf for w in found)


def test_the_compiled_lexicon_ranks_its_common_words() -> None:
    lex = Lexicon.default()
    common = lex.words_at_least(3.5)
    assert {"movie", "the", "season"} <= common
    assert "fandango" not in common  # 2.4
    assert all(lex.zipf(w) >= 3.5 for w in list(common)[:2000])
