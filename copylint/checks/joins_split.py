"""How an unknown word splits into known words: the lexicon side of the joins rules.

:class:`WordSplitter` answers three questions about a word the lexicon does
not know: is it an inflection of a known word, which two known words is it
most likely made of (``best_split``), and which three or more common words
(``segment``); and one about its surroundings: is the text around it English
(``english_around``).  It remembers which words the lexicon knows for the
whole run, so each distinct word is looked up once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..lexicon import Lexicon
from .joins_scan import WINDOW_WORD

#: Longest letter run tried as two glued words (two long English words, ~2 x 30).
MAX_SPLIT_LEN = 64
#: A piece this long may be rarer in ``segment`` ("obituaries" 2.8, "crossword" 3.1):
#: long rare words are plurals and derivations of common ones, and long pieces leave
#: little room for a wrong reading.
LONG_PIECE_LEN = 8
LONG_PIECE_MIN_ZIPF = 2.5
#: Longest single piece ``segment`` tries (longer English words are rare).
MAX_PIECE_LEN = 20
#: Words remembered as known or unknown per run: a long run must not grow without limit.
MEMO_LIMIT = 200_000
#: Distinct words looked up before the lexicon's common words are taken in at once
#: (``WordSplitter.seed_common_words``, about 7 ms): a run of a few articles (a
#: pre-commit hook; an article has a few hundred distinct words) looks its words up
#: one by one, as that is cheaper for it; a corpus run takes them in after a few.
SEED_AFTER = 1_000
#: Lexicon entries rarer than this may be two common words glued, if their parts
#: are common enough: the parts' zipf sum minus the entry's must reach JUNK_MIN_GAIN
#: ("thefirst": 7.7 + 6.1 - 1.6 = 12.2; "atone": 6.9 + 6.6 - 2.9 = 10.6).
JUNK_MAX_ZIPF = 2.0
JUNK_MIN_GAIN = 11.5
#: Two function words of two letters or more glued ("ofthe" 3.3, "inthe", "forthe") are
#: listed more often: such an entry is junk up to this frequency, at a higher gain
#: ("ofthe": 7.6 + 7.5 - 3.3 = 11.8; "init" 11.6 and "toto" 11.6 are words).
PAIR_MAX_ZIPF = 3.5
#: A common word glued after an active surname ("Roarkereturns"): this frequent or more.
COMMON_TAIL_MIN_ZIPF = 4.0
PAIR_MIN_GAIN = 11.7
#: A lowercase head of this many letters or more, glued to a function word, needs
#: only this frequency (plurals and derived words are rarer than their stems).
LONG_HEAD_MIN_LEN = 7
LONG_HEAD_MIN_ZIPF = 2.0
#: A head shorter than this, glued to a function word, must hold a vowel ("go|here",
#: "am|two"; not "pl|any", "tv|is": abbreviations).
SHORT_HEAD_LEN = 3
_VOWELS = frozenset("aeiouy")
#: A capitalised word used once is split at any function word only after a head this
#: long: short heads make names and other languages' words ("Sadon", "Brait", "Plotten").
SINGLE_USE_HEAD_MIN_LEN = 5
#: A capitalised word with a past-tense verb glued on: the name has this many letters
#: or more, the verb ("reported", "followed") this many.
PAST_HEAD_MIN_LEN = 4
PAST_TAIL_MIN_LEN = 6
#: A known word at the start of an unknown word, crossing a split by 3+ letters,
#: makes the split doubtful from this length ("weblog|ger" against "we|blogger").
STRADDLE_MIN_LEN = 5
# Inflections stripped to recognise a closed compound the lexicon lists uninflected.
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")
#: Of those, the suffixes before which a final consonant doubles ("blog" -> "blogger").
_DOUBLING = frozenset({"ed", "ing", "er", "ers"})


@dataclass(frozen=True, slots=True)
class SplitOptions:
    """The CL202 options that decide whether and where a word splits.

    Compiled from :class:`copylint.kinds.GluedOptions` (word lists as
    lowercase sets), where each threshold is explained and has its default.
    """

    function_words: frozenset[str]
    capital_tails: frozenset[str]
    compound_heads: frozenset[str]
    name_endings: frozenset[str]
    part_min_zipf: float
    pair_min_zipf: float
    min_part_len: int
    article_join_min_len: int
    capital_head_min_len: int
    content_part_min_len: int
    context_window: int
    max_unknown_share: float
    known_word_zipf: float


class WordSplitter:
    """Splits unknown words into known ones with the lexicon ``lexicon()`` returns."""

    def __init__(self, lexicon: Callable[[], Lexicon], options: SplitOptions) -> None:
        self._lexicon_of = lexicon
        self.o = options
        #: the function words by first and by last letter, for str.startswith/endswith:
        #: a word that neither starts nor ends with one (most words) has no split point
        #: ``junk_concatenation`` and ``_function_word_glued`` look at
        self._starting: dict[str, tuple[str, ...]] = {}
        self._ending: dict[str, tuple[str, ...]] = {}
        for w in sorted(options.function_words):
            if w:
                self._starting[w[0]] = (*self._starting.get(w[0], ()), w)
                self._ending[w[-1]] = (*self._ending.get(w[-1], ()), w)
        #: words known to the lexicon, seen in earlier documents (a fast set filter),
        #: and after SEED_AFTER words the lexicon's common words (``seed_common_words``)
        self._known: set[str] = set()
        self._seeded = False
        #: and those it does not know (names, rare words): asked about once per run
        self._unknown: set[str] = set()
        #: window words that are (not) two common words end to end, for ``english_around``
        self._pairs: dict[str, bool] = {}
        #: ``best_split``'s and ``segment``'s answers: an unknown word (a name, mostly)
        #: recurs within a text and across texts, and each answer costs dozens of lookups
        self._splits: dict[tuple[object, ...], tuple[tuple[str, str], bool, bool] | None] = {}
        self._segments: dict[tuple[object, ...], list[str] | None] = {}

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon, loaded the first time a word needs it."""
        return self._lexicon_of()

    def unknown_words(self, words: Iterable[str], protected: frozenset[str]) -> list[str]:
        """The distinct words the lexicon does not know (nor their inflections)."""
        if not self._seeded and len(self._known) + len(self._unknown) >= SEED_AFTER:
            self.seed_common_words()
        known, unknown = self._known, self._unknown
        fresh = {w for w in set(words) - known if w.casefold() not in protected}
        if not fresh:
            return []
        lex = self.lexicon
        out = []
        for word in fresh:
            if word in unknown:
                out.append(word)
            elif (
                (z := lex.zipf(word)) > 0.0
                and (z >= PAIR_MAX_ZIPF or not self.junk_concatenation(word))
            ) or self.inflected_known(word):
                if len(known) < MEMO_LIMIT:
                    known.add(word)
            else:
                out.append(word)
                if len(unknown) < MEMO_LIMIT:
                    unknown.add(word)
        return out

    def seed_common_words(self) -> None:
        """Take the lexicon's words of PAIR_MAX_ZIPF or more, and their capitalised
        forms, as known (once).

        ``unknown_words`` would take each as known after one lookup: frequent words
        are never junk.  Performance (issue 19): half the distinct words of a corpus
        are among them, and a set difference in C screens them, where each cost a
        lookup and a verdict in Python (BBC: 28,500 lookups, 14,500 of them these).
        """
        if self._seeded:
            return
        self._seeded = True
        lowered = self.lexicon.words_at_least(PAIR_MAX_ZIPF)
        joined = "\n".join(lowered)
        titled = joined.title()
        known = self._known
        known.update(lowered)
        # A capitalised form counts only if it lowercases to its word ("Don'T" does;
        # "Ss…" from "ß…" would not): checked for all at once, one by one if need be.
        if titled.lower() == joined:
            known.update(titled.split("\n"))
        else:
            known.update(t for t in titled.split("\n") if t.lower() in lowered)

    def inflected_known(self, word: str) -> bool:
        """True for an inflection of a known word ("psychodramas", "smallcaps").

        A rare stem does not vouch for a common word with a function word glued
        on ("boomis" is no plural of "boomi").
        """
        low = word.lower()
        lex = self.lexicon
        for suffix in _SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                stem = low[: -len(suffix)]
                z = lex.zipf(stem)
                if z < JUNK_MAX_ZIPF:
                    z = max(z, lex.zipf(stem + "e"))
                if z > 0.0 and (z >= JUNK_MAX_ZIPF or not self._function_word_glued(low)):
                    return True
                if suffix in _DOUBLING and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                    # "weblogger", "podcasting": the stem's last consonant doubled
                    # ("weblog" + g + er); such a form is derived, not glued, when
                    # the undoubled stem is a real, not rare, word.
                    single = stem[:-1]
                    if lex.zipf(single) >= JUNK_MAX_ZIPF and not self.junk_concatenation(single):
                        return True
        return False

    def _function_word_glued(self, low: str) -> bool:
        """True when ``low`` is a common word with a function word glued to its end."""
        if not low or not low.endswith(self._ending.get(low[-1], ())):
            return False
        lex = self.lexicon
        o = self.o
        return any(
            low[i:] in o.function_words and lex.zipf(low[:i]) >= o.pair_min_zipf
            for i in range(o.capital_head_min_len, len(low) - 1)
        )

    def junk_concatenation(self, word: str) -> bool:
        """True for a rare lexicon entry that is two very common words glued ("thefirst").

        Web text glues words so often that the lexicon lists the results
        ("ofthe", "toyour", "orif"); a real rare word made of two short words
        ("atone", "aground", "intone") is far less lopsided: its parts are less
        common, or it is more common itself.
        """
        lex = self.lexicon
        zw = lex.zipf(word)
        if zw >= PAIR_MAX_ZIPF or len(word) > MAX_SPLIT_LEN:
            return False
        low = word.lower()
        words = self.o.function_words
        # (performance) a split point needs a function word at one end or both
        starts = bool(low) and low.startswith(self._starting.get(low[0], ()))
        ends = bool(low) and low.endswith(self._ending.get(low[-1], ()))
        if zw >= JUNK_MAX_ZIPF:
            if not (starts and ends):
                return False
            return any(
                low[:i] in words
                and low[i:] in words
                and lex.zipf(low[:i]) + lex.zipf(low[i:]) - zw >= PAIR_MIN_GAIN
                for i in range(2, len(low) - 1)
            )
        if not (starts or ends):
            return False
        for i in range(1, len(low)):
            head, tail = low[:i], low[i:]
            if head not in words and tail not in words:
                continue
            if i == 1 and head != "a":
                continue
            if lex.zipf(head) + lex.zipf(tail) - zw >= JUNK_MIN_GAIN:
                return True
        return False

    def best_split(
        self,
        word: str,
        in_run: bool = False,
        names: frozenset[str] = frozenset(),
        surnames: frozenset[str] = frozenset(),
        single_use: bool = False,
    ) -> tuple[tuple[str, str], bool, bool] | None:
        """The likeliest split of an unknown word into two known words.

        ``names`` (case-folded) are known names: a capitalised word made of one
        and a function word is split however rare the name is in the lexicon
        ("Roewith" when the knowledge base knows Jane Roe).  ``surnames`` (case-folded)
        are those of the people of the works the document is about: one with a common
        word of four letters or more glued on is split too ("Roarkereturns").
        ``single_use``: the capitalised word occurs once in its text; a name is
        written again, so then any function word glued to a common word counts
        ("Courton Monday", "Unitedin December"), not only ``capital_tails``.

        Returns ``((head, tail), unique, weak)``: ``unique`` when no other split
        qualifies, ``weak`` when neither part is a function word (then the
        word may just be a closed compound the lexicon lacks: "beermaker").
        """
        if len(word) > MAX_SPLIT_LEN:
            return None  # no two words are this long; and each split point costs O(len)
        low = word.lower()
        # A capital inside a camel-case run ("theIntimidatinglist") is a glue
        # point already, not the start of a name.
        capital = word[:1].isupper() and not in_run
        # The answer depends on the word, ``capital``, and for a capitalised word on
        # ``single_use`` and on which of its heads are known names or surnames.
        key: tuple[object, ...] = (word, False)
        if capital:
            heads = range(2, len(word) - 1)
            key = (
                word,
                True,
                single_use,
                tuple(i for i in heads if low[:i] in names) if names else (),
                tuple(i for i in heads if low[:i] in surnames) if surnames else (),
            )
        splits = self._splits
        if key in splits:
            return splits[key]
        found = self._best_split(word, low, capital, names, surnames, single_use)
        if len(splits) < MEMO_LIMIT:
            splits[key] = found
        return found

    def _best_split(
        self,
        word: str,
        low: str,
        capital: bool,
        names: frozenset[str],
        surnames: frozenset[str],
        single_use: bool,
    ) -> tuple[tuple[str, str], bool, bool] | None:
        """``best_split`` for a word with ``low == word.lower()`` and ``capital`` decided."""
        o = self.o
        lex = self.lexicon
        candidates: list[tuple[float, tuple[str, str], bool]] = []
        n = len(word)
        if (
            low[0] == "a"
            and not capital
            and lex.zipf(word[1:]) >= o.pair_min_zipf
            and n >= o.article_join_min_len
        ):
            candidates.append((lex.zipf(word[1:]), (word[:1], word[1:]), False))  # "apublic"
        if (
            low[-1] == "a"
            and word[0].islower()  # "Kashmira", "Roberta": names end so
            and n >= o.article_join_min_len
            and lex.zipf(word[:-1]) >= o.pair_min_zipf
        ):
            candidates.append((lex.zipf(word[:-1]), (word[:-1], word[-1:]), False))  # "facesa"
        # (performance) which split points can qualify at all is known before any lookup
        past_form = capital and single_use and low.endswith("ed")
        for i in range(2, n - 1):
            fh = low[:i] in o.function_words
            ft = low[i:] in o.function_words
            if capital:
                # a capitalised word splits only before a function word or a capital
                # tail, after an active surname, or before a verb in the past tense
                if not (ft or past_form or low[i:] in o.capital_tails or low[:i] in surnames):
                    continue
            elif not (fh or ft) and min(i, n - i) < o.content_part_min_len:
                continue  # two content words, one tiny: see below
            head, tail = word[:i], word[i:]
            zh, zt = lex.zipf(head), lex.zipf(tail)
            if (
                capital
                and low[:i] in surnames
                and not ft
                and n - i >= 4
                and zt >= COMMON_TAIL_MIN_ZIPF
            ):
                candidates.append((zh + zt, (head, tail), False))  # "Roarkereturns"
                continue
            # A known name's word with a function word of three letters or more glued
            # on ("Inquirieswill" when a known title ends "Inquiries"): the knowledge
            # vouches for the head, so any such function word counts as a tail.
            named = capital and low[:i] in names and i >= o.capital_head_min_len
            named_tail = named and ft and n - i >= 3
            if capital and low[:i] in names and (low[i:] in o.capital_tails or named_tail):
                zh = max(zh, o.pair_min_zipf)  # a known name counts as a common word
            # A long lowercase word with a function word glued to its end may be
            # rarer ("miscarriagesin", "expectanciesof"): the tail is telling.
            head_floor = (
                LONG_HEAD_MIN_ZIPF
                if ft and not capital and i >= LONG_HEAD_MIN_LEN
                else o.part_min_zipf
            )
            if zh < head_floor or zt < o.part_min_zipf:
                continue
            if ft and not fh and i < SHORT_HEAD_LEN and not _VOWELS.intersection(low[:i]):
                continue  # "plany" is no "pl any": a short head with no vowel is an abbreviation
            if not ft and low[:i] in o.compound_heads:
                continue  # "overdrew", "upsample": a prefix-like word, not a glue point
            # A name with a verb in the past tense glued on ("Stonereported",
            # "Vaughanfollowed"): names and brands do not end in a verb's inflection.
            past_tail = (
                capital
                and single_use  # its sentence goes on: "Largehearted Boy" is a name
                and not ft
                and i >= PAST_HEAD_MIN_LEN
                and n - i >= PAST_TAIL_MIN_LEN
                and low.endswith("ed")
                and zt >= o.pair_min_zipf
            )
            if past_tail:
                candidates.append((zh + zt, (head, tail), False))
                continue
            if capital:
                # Unknown capitalised words are mostly names ("Okafor", "Preventon"):
                # only a few function words glued to a common word count.
                if (
                    (
                        low[i:] not in o.capital_tails
                        and not named_tail
                        and not (
                            single_use
                            and ft
                            and i >= SINGLE_USE_HEAD_MIN_LEN
                            and low[i:] not in o.name_endings
                        )
                    )
                    or zh < o.pair_min_zipf
                    or i < o.capital_head_min_len
                ):
                    continue
            elif not (fh or ft) and (
                min(zh, zt) < o.pair_min_zipf or min(i, n - i) < o.content_part_min_len
            ):
                continue  # two content words: both common and not tiny ("ups|ample")
            # a capital tail ("Twois", "Yorksaid") is telling on its own, as a function word is
            tells = fh or ft or (capital and low[i:] in o.capital_tails)
            candidates.append((zh + zt, (head, tail), not tells))
        if not candidates:
            return None
        candidates.sort(key=lambda c: -c[0])
        _, best, weak = candidates[0]
        if not weak and self._straddled(low, len(best[0])):
            weak = True
        return best, len(candidates) == 1, weak

    def _straddled(self, low: str, cut: int) -> bool:
        """True when a known word starts the word and runs 3+ letters past ``cut``.

        "weblogs" read as "we|blogs" starts with "weblog": the word may be
        that one's compound or derivation, so the function word is no sure
        glue point.
        """
        lex = self.lexicon
        return any(
            lex.zipf(low[:j]) >= JUNK_MAX_ZIPF and not self.junk_concatenation(low[:j])
            for j in range(max(STRADDLE_MIN_LEN, cut + 3), len(low))
        )

    def segment(
        self,
        word: str,
        min_len: int | None = None,
        min_parts: int = 3,
        floor: float | None = None,
    ) -> list[str] | None:
        """Split a long unknown word into three or more common words, fewest parts first.

        "businesstechscience" -> business, tech, science.  Every part must be a
        common word of at least ``min_part_len`` letters (or a function word at
        either end): short words make nonsense of long rare words ("cinema to
        graphic ally").
        """
        key = (word, min_len, min_parts, floor)
        segments = self._segments
        if key in segments:
            found = segments[key]
            return None if found is None else list(found)
        found = self._segment(word, min_len, min_parts, floor)
        if len(segments) < MEMO_LIMIT:
            segments[key] = None if found is None else list(found)
        return found

    def _segment(
        self, word: str, min_len: int | None, min_parts: int, floor: float | None
    ) -> list[str] | None:
        """``segment`` without the memo."""
        o = self.o
        lex = self.lexicon
        low = word.lower()
        n = len(low)
        floor = o.pair_min_zipf if floor is None else floor
        shortest = o.min_part_len if min_len is None else min_len
        # best[i]: (parts, -total zipf, previous cut) for the prefix low[:i]
        best: list[tuple[int, float, int] | None] = [None] * (n + 1)
        best[0] = (0, 0.0, 0)
        for i in range(1, n + 1):
            for j in range(max(0, i - MAX_PIECE_LEN), i):
                prev = best[j]
                if prev is None:
                    continue
                piece = low[j:i]
                # a short function word only at either end ("…obituariesthe"):
                # inside, short words make nonsense ("cinema to graphic ally")
                edge = j == 0 or i == n
                if len(piece) < shortest and not (edge and piece in o.function_words):
                    continue
                z = lex.zipf(piece)
                if z < floor and (len(piece) < LONG_PIECE_LEN or z < LONG_PIECE_MIN_ZIPF):
                    continue
                cand = (prev[0] + 1, prev[1] - z, j)
                cur = best[i]
                if cur is None or cand[:2] < cur[:2]:
                    best[i] = cand
        whole = best[n]
        if whole is None or whole[0] < min_parts:
            return None
        cuts = []
        i = n
        while i > 0:
            entry = best[i]
            assert entry is not None
            cuts.append(i)
            i = entry[2]
        bounds = [0, *reversed(cuts)]
        return [word[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]

    def english_around(self, text: str, start: int, end: int) -> bool:
        """True when most longer words near the candidate are known English words.

        Other languages written in Latin script ("internen", "menganiaya") are
        full of words the English lexicon lacks, and their words split into
        English ones all too easily.
        """
        o = self.o
        lex = self.lexicon
        span = o.context_window
        words = WINDOW_WORD.findall(text, max(0, start - span), start)
        words += WINDOW_WORD.findall(text, end, min(len(text), end + span))
        if len(words) < 2:
            return True
        unknown = sum(
            1 for w in words if lex.zipf(w) < o.known_word_zipf and not self._two_known(w)
        )
        return unknown <= o.max_unknown_share * len(words)

    def _two_known(self, word: str) -> bool:
        """True when ``word`` is two common English words end to end ("storetimes").

        In a flattened menu most words near a glue point are glued too; read
        as unknown, they would make an English menu look foreign.
        """
        seen = self._pairs.get(word)
        if seen is not None:
            return seen
        lex = self.lexicon
        low = word.lower()
        floor = self.o.pair_min_zipf
        shortest = self.o.content_part_min_len
        found = any(
            lex.zipf(low[:i]) >= floor and lex.zipf(low[i:]) >= floor
            for i in range(shortest, len(low) - shortest + 1)
        ) or (
            # ... or three common words and more ("designbooksdancemoviesmusic"): a
            # flattened menu's runs are as English as the words they are made of
            len(low) >= 3 * self.o.min_part_len and self.segment(word) is not None
        )
        if len(self._pairs) < MEMO_LIMIT:
            self._pairs[word] = found
        return found
