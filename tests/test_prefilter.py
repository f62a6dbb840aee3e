"""CapitalisedWords: a document test that may say "yes" wrongly, never "no" wrongly."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.prefilter import CapitalisedWords, JointWords

_LETTER = re.compile(r"[^\W\d_]")


def occurs(words: set[str], text: str) -> bool:
    """The contract, spelled out slowly: a capitalised (or digit-initial) whole word
    whose case-folded spelling, with ’ read as ', is one of ``words``."""
    for i, ch in enumerate(text):
        if not (ch.isupper() or ch.isdigit()):
            continue
        if i and text[i - 1].isalpha():
            continue
        for j in range(i + 1, len(text) + 1):
            if j < len(text) and _LETTER.match(text[j]):
                continue
            if text[i:j].casefold().replace("’", "'") in words:
                return True
    return False


def test_finds_a_capitalised_whole_word() -> None:
    pf = CapitalisedWords(["cruise", "o'neill"])
    assert pf.may_occur("Tom Cruise stars.")
    assert pf.may_occur("CRUISE, again")
    assert pf.may_occur("Cruise's stunts")
    assert pf.may_occur("Eugene O’Neill wrote it")
    assert pf.may_occur("No.1Cruise fan")  # a word may start right after a digit


def test_quiet_on_lower_case_and_inside_words() -> None:
    pf = CapitalisedWords(["cruise", "dead"])
    assert not pf.may_occur("a cruise ship met the deadline")
    assert not pf.may_occur("Cruiser and Deadwood are other words")
    assert not pf.may_occur("ReCruise")
    assert not pf.may_occur("")


def test_digits_start_words_too() -> None:
    pf = CapitalisedWords(["2", "ii"])
    assert pf.may_occur("Part 2 arrives")
    assert pf.may_occur("Part II arrives")
    assert not pf.may_occur("Part ii arrives")  # not capitalised


def test_text_with_unusual_case_folding_is_always_a_yes() -> None:
    # "ẞ" and the Kelvin sign fold to ASCII letters the pattern cannot see.
    pf = CapitalisedWords(["strasse", "kirby"])
    assert pf.may_occur("STRAẞE")
    assert pf.may_occur("\u212airby")
    assert pf.may_occur("Straße")  # ß folds to "ss"
    assert not pf.may_occur("Café Olé, naïve Zoë")  # simple folds: a real answer


def test_no_words_or_too_many_means_always_yes() -> None:
    assert CapitalisedWords([]).may_occur("anything")
    many = CapitalisedWords(f"word{i}" for i in range(CapitalisedWords.MAX_WORDS + 1))
    assert not many.usable and many.may_occur("nothing here")


_PIECES = ["cruise", "ß", "ss", "k", "\u212a", "é", "É", "i", "İ", "ı", "’", "'", "2", "o", "n"]
_SEPARATORS = [" ", "-", ".", "1", "x", "\n", "’", "_"]


def _case(word: str, how: int) -> str:
    return [word, word.upper(), word.capitalize(), word.title()][how]


@settings(max_examples=400, deadline=None)
@given(
    words=st.sets(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3).map("".join)),
    tokens=st.lists(
        st.tuples(
            st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3).map("".join),
            st.integers(0, 3),
            st.sampled_from(_SEPARATORS),
        ),
        max_size=6,
    ),
)
def test_never_a_wrong_no(words: set[str], tokens: list[tuple[str, int, str]]) -> None:
    folded = {w.casefold().replace("’", "'") for w in words}
    text = "".join(_case(word, how) + sep for word, how, sep in tokens)
    if occurs(folded, text):
        assert CapitalisedWords(folded).may_occur(text), (folded, text)


def test_texts_asked_in_turn_get_their_own_case_folding_answer() -> None:
    """The answer about a text's case folding is remembered for one text only:
    texts that alternate (several prefilters on each document) each get theirs."""
    words = CapitalisedWords(["tom", "straße"])
    simple, unusual = "Café talk with Tom", "Straße talk with Tom"
    for _ in range(2):
        assert words.starts(simple) == [15]
        assert words.starts(unusual) is None  # "ß" folds to "ss": always a yes
        assert words.starts("Café talk") == []


_LETTERS = ["the", "a", "ab", "tom", "thea", "ß", "ss", "k", "\u212a", "é", "ı", "i", "İ", "o"]
_WORD = st.lists(st.sampled_from(_LETTERS), min_size=1, max_size=3).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    first=st.sets(_WORD, min_size=1, max_size=4),
    second=st.sets(_WORD | st.sampled_from(["o'n", "2a"]), min_size=1, max_size=4),
    tokens=st.lists(
        st.tuples(_WORD | st.sampled_from(["o'n", "2a", "x"]), st.integers(0, 3)),
        max_size=8,
    ),
    separators=st.lists(st.sampled_from(_SEPARATORS), min_size=8, max_size=8),
)
def test_one_scan_finds_what_each_prefilter_finds(
    first: set[str], second: set[str], tokens: list[tuple[str, int]], separators: list[str]
) -> None:
    """Where the words of either of two prefilters may start, from one scan: the same
    places as each one's own scan, or no joint scan at all (a word not all letters)."""
    a = CapitalisedWords(w.casefold() for w in first)
    b = CapitalisedWords(w.casefold() for w in second)
    text = "".join(_case(w, how) + sep for (w, how), sep in zip(tokens, separators, strict=False))
    joint = JointWords.of(a, b)
    if joint is None:
        assert not all(w.isalpha() for w in a.words | b.words)
        return
    backwards = zip(tokens[::-1], separators, strict=False)
    other = "".join(_case(w, 3 - how) + sep for (w, how), sep in backwards)
    for words in (text, other, text):  # later ones partly from its memo of spellings
        assert joint.starts(words) == (
            None if a.starts(words) is None else [a.starts(words), b.starts(words)]
        )
