"""The word splitter's shortcuts give the answers of its full path (issue 19).

Performance: ``unknown_words`` takes the lexicon's common words as known without a
lookup, ``best_split`` and ``segment`` remember their answers, and the junk test
skips words with no function word at either end.  Each is checked against the
splitter without the shortcut, on words of every kind the rules meet: common
words (lower case, capitalised, in capitals), rare words, names, junk entries
("ofthe"), inflections, glued words.
"""

from __future__ import annotations

from copylint.checks.joins import GluedWordsCheck
from copylint.checks.joins_split import PAIR_MAX_ZIPF, WordSplitter
from copylint.config import Settings
from copylint.engine import Linter
from copylint.lexicon import Lexicon

_WORDS = [
    "movie", "Movie", "MOVIE", "season", "Season", "about", "About", "their", "Their",
    "fandango", "Fandango", "psychodramas", "smallcaps", "ofthe", "Ofthe", "thefirst",
    "toyour", "atone", "aground", "intone", "Impossiblewith", "editionswitch", "Twois",
    "Kenteris", "Yuganskneftegas", "Okafor", "weblogger", "podcasting", "boomis",
    "miscarriagesin", "beermaker", "Roewith", "Roarkereturns", "Stonereported",
    "straße", "Straße", "café", "Café", "naïve", "facesa", "apublic", "theIntimidatinglist",
]  # fmt: skip


def _check() -> GluedWordsCheck:
    linter = Linter(Settings(select=("CL201", "CL202", "CL203")))
    (check,) = [c for c in linter.checks if isinstance(c, GluedWordsCheck)]
    return check


def _plain_splitter(check: GluedWordsCheck) -> WordSplitter:
    """A splitter of the same options that never takes the common words as known."""
    splitter = WordSplitter(lambda: check.lexicon, check.split)
    splitter._seeded = True  # (the shortcut under test, turned off)
    return splitter


def test_common_words_are_known_as_a_lookup_would_know_them() -> None:
    check = _check()
    seeded = WordSplitter(lambda: check.lexicon, check.split)
    seeded.seed_common_words()
    common = seeded._known
    lex = Lexicon.default()
    assert {"movie", "Movie", "season", "Season"} <= common
    assert all(lex.zipf(w) >= PAIR_MAX_ZIPF for w in common)
    # capitalised forms of the rare and junk words are not among them
    assert not {"Fandango", "Ofthe", "fandango", "ofthe"} & common


def test_unknown_words_are_the_same_with_and_without_the_common_words() -> None:
    check = _check()
    protected = frozenset({"okafor"})
    seeded = WordSplitter(lambda: check.lexicon, check.split)
    seeded.seed_common_words()
    got = seeded.unknown_words(_WORDS, protected)
    want = _plain_splitter(check).unknown_words(_WORDS, protected)
    assert sorted(got) == sorted(want)
    assert {"ofthe", "Kenteris", "Impossiblewith"} <= set(got)  # the test has unknown words
    # ... and asked again, from the splitter's memory, the same
    assert sorted(seeded.unknown_words(_WORDS, protected)) == sorted(want)


def test_a_short_run_looks_its_words_up_and_a_long_one_takes_the_common_words_in() -> None:
    from copylint.checks import joins_split

    check = _check()
    splitter = WordSplitter(lambda: check.lexicon, check.split)
    splitter.unknown_words(_WORDS, frozenset())
    assert not splitter._seeded and len(splitter._known) < 100
    words = [f"{w}s" for w in sorted(check.lexicon.words_at_least(4.0))]
    splitter.unknown_words(words[: joins_split.SEED_AFTER], frozenset())
    splitter.unknown_words(["movie"], frozenset())
    assert splitter._seeded and len(splitter._known) > 20_000


def test_best_split_and_segment_remember_only_what_their_answer_depends_on() -> None:
    check = _check()
    remembering = WordSplitter(lambda: check.lexicon, check.split)
    cases = [
        ("Roewith", False, frozenset({"roe"}), frozenset(), False),
        ("Roewith", False, frozenset(), frozenset(), False),  # no known name: another answer
        ("Roarkereturns", False, frozenset(), frozenset({"roarke"}), False),
        ("Roarkereturns", False, frozenset(), frozenset(), False),
        ("Stonereported", False, frozenset(), frozenset(), True),
        ("Stonereported", False, frozenset(), frozenset(), False),
        ("Impossiblewith", True, frozenset(), frozenset(), False),
        ("Impossiblewith", False, frozenset(), frozenset(), False),
        ("editionswitch", False, frozenset({"edition"}), frozenset(), True),
    ]
    answers = []
    for _ in range(2):  # the second round answers from memory
        for word, in_run, names, surnames, single in cases:
            fresh = WordSplitter(lambda: check.lexicon, check.split)
            want = fresh.best_split(word, in_run, names, surnames, single_use=single)
            assert remembering.best_split(word, in_run, names, surnames, single_use=single) == want
            answers.append(want)
    assert len({repr(a) for a in answers}) > 3  # the cases do differ
    for word in ("businesstechscience", "foodhealthjobsmagazine", "Kenteris"):
        fresh = WordSplitter(lambda: check.lexicon, check.split)
        want = fresh.segment(word)
        assert remembering.segment(word) == want
        assert remembering.segment(word) == want
        got = remembering.segment(word)
        if got is not None:
            got.append("mutated")  # a caller's change does not reach the memory
            assert remembering.segment(word) == want


def test_junk_concatenations_are_still_told_from_rare_words() -> None:
    splitter = _check().splitter
    assert all(splitter.junk_concatenation(w) for w in ("ofthe", "thefirst", "toyour"))
    assert not any(splitter.junk_concatenation(w) for w in ("atone", "aground", "fandango"))
