"""Glued words: text nodes run together when a scraper dropped the markup between them.

Three signals, one rule each:

* CL201 ``joins-case-transition``: a lowercase letter followed by a capital
  inside one word ("TicketsThis", "trailerRead", "NEWSToday").  Brand and
  name forms (iPhone, McQuarrie, PlayStation) are told apart by the lexicon
  (the whole form is a known word), by name prefixes, by form (a one- or
  two-letter lowercase head, a one-letter capital tail) and by use in prose.
* CL202 ``joins-glued-word``: an unknown word that splits into known words
  ("Impossiblewith", "Twois", "editionswitch", "FACEBOOKTWITTER").
* CL203 ``joins-glued-punctuation``: sentence punctuation with no space
  after it ("the season.Next year").

Each candidate is *strong* (its form alone is telling: a sentence opener
glued on, a camel-case word starting lowercase, a function word glued to a
word) or *weak* (two ordinary capitalised words, two content words: also how
brands and closed compounds look).  A weak candidate is reported only when
other glue points crowd around it, as they do in a flattened menu
("HomeNewsSportWeather"); in clean prose such forms stand alone.

Word lists (name prefixes, function words, sentence openers) come from the
rule pack's options; the Python here holds no vocabulary beyond the lexicon.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..lexicon import Lexicon
from ..packs import RuleSpec
from .base import Check, DocContext

CASE = "CL201"
GLUED = "CL202"
PUNCT = "CL203"

_LOW = "a-zß-öø-ÿ"
_UP = "A-ZÀ-ÖØ-Þ"
# Latin letters only: other scripts do not mark word boundaries with case or spaces.
_LETTER = "[A-Za-zÀ-ÖØ-öø-ɏ]"
#: Longest letter run tried as two glued words (two long English words, ~2 x 30).
_MAX_SPLIT_LEN = 64
# A Latin letter run (inner apostrophes allowed) not touching letters of other scripts.
_CASE_RUN = re.compile(rf"(?<![^\W\d_]|['’]){_LETTER}+(?:['’]{_LETTER}+)*(?![^\W\d_])")
# A capital after a lowercase letter, or two capitals before a lowercase letter;
# written capital-first, which the regex engine scans several times faster.
_HAS_TRANSITION = re.compile(rf"[{_UP}](?:(?<=[{_LOW}][{_UP}])|[{_UP}][{_LOW}])")
_IS_LATIN = re.compile(_LETTER).fullmatch
# Cheap scans that find the rare places worth a closer look; the full patterns,
# with their look-behinds, are then matched only there.
# (Possessive quantifiers: the classes are disjoint, so nothing is ever given
# back, and the engine need not remember how; a fifth faster, same matches.)
_LOWER_WORD = re.compile(rf"[{_UP}]?+[{_LOW}]{{4,}}+")
_CAPS_HIT = re.compile(rf"[{_UP}][{_UP}]{{7,}}")
_PUNCT_HIT = re.compile(rf"[.!?][{_UP}][{_LOW}]{{2}}")
# A lowercase word (optionally capitalised) long enough to hide two words, not
# part of an address, handle, path or domain name.  A capitalised one may follow
# other letters ("likeBeijinghave") or a full stop ("000.Russiaand"; "wired.com"
# is a domain); an apostrophe may follow only as a clitic ("crowdthat’s").
_LOWER_RUN = re.compile(
    rf"(?:(?<![\w'’.@#/-])|(?<=[.\w])(?<![\d_])(?=[{_UP}]))"
    rf"[{_UP}]?[{_LOW}]{{4,}}(?![{_LOW}\d_@/-]|\.\w|['’](?!(?:s|re|ll|ve|d|m)\b))"
)
#: Unknown words of one text up to which each is looked for with str.find.
_FIND_MAX_WORDS = 32
# A lowercase word (and a space, maybe an opening quote or "non-") right before a
# form, and a space or light punctuation then a lowercase word right after it.
_PROSE_BEFORE = re.compile(rf"(?<![\w'’])[{_LOW}]+,?[ \t]+(?:non-|[\"“‘(])?\Z")
_PROSE_AFTER = re.compile(rf"(?:['’]?s)?[,;:]?[ \t]+[\"“‘(]?[{_LOW}]")
# An all-capitals word right before a run: the run ends a capitalised heading.
_CAPS_WORD_BEFORE = re.compile(rf"(?<![\w'’])[{_UP}]{{2,}}[ \t]+\Z")
# A long run of capitals (not the head of a capitalised word: "NEWSToday").
_CAPS_RUN = re.compile(rf"(?<![{_UP}\d_'’.@#/-])[{_UP}]{{8,}}(?![{_LOW}\d_'’@/-]|\.\w)")
# Words of the window around a candidate, split at case changes too ("HomeNews").
_WINDOW_WORD = re.compile(rf"[{_UP}]?[{_LOW}]{{4,}}")
# Sentence punctuation directly followed by a capitalised word.
_PUNCT_JOIN = re.compile(rf"(?<![\w.])([{_LOW}]{{2,}})([.!?])([{_UP}][{_LOW}]{{2,}})(?![\w.])")
# Tokens that are code, addresses or handles rather than prose.
_CODE_LIKE = re.compile(r"://|^www\.|\w@\w|_|[{}<>=\\]")
# A run right after these is a handle or a hashtag ("@someHandle").
_HANDLE_MARKS = frozenset("@#")
# A run right before this is a domain name ("NBCNews.com").
_DOMAIN_NEXT = re.compile(r"\.(?:com|org|net|io|co|uk|gov|edu|tv|me)\b", re.I)
# Inflections stripped to recognise a closed compound the lexicon lists uninflected.
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")
_POSSESSIVE = re.compile(r"['’]s$")
# After a one-capital tail, these show an abbreviation or a label: "U.S.", "Q:".
_ABBREV_NEXT = re.compile(r"\.[A-Za-z]|:|-[A-Z]")


@dataclass(frozen=True, slots=True)
class Seg:
    """One case segment of a letter run: ``text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def caps(self) -> bool:
        """All capitals ("NEWS", "X")."""
        return self.text.isupper()

    @property
    def lower_head(self) -> bool:
        """Starts with a lowercase letter ("iPhone"'s "i")."""
        return self.text[:1].islower()


def case_segments(word: str, offset: int = 0) -> list[Seg]:
    """Split a letter run at case transitions: "TicketsThis" -> Tickets, This.

    A capital run followed by a capitalised word splits before the run's last
    capital ("NEWSToday" -> NEWS, Today), as camel-case splitters do; a run
    followed by a lone lowercase letter at its end does not ("CDs", "BMG's").
    """
    segs: list[Seg] = []
    start = 0
    for i in range(1, len(word)):
        prev, cur = word[i - 1], word[i]
        if prev.islower() and cur.isupper():
            split = True
        elif prev.isupper() and cur.isupper():
            # "NEWSToday", "SMSByMegan": a capital, then a lowercase letter, then
            # a second lowercase letter or the next capital
            tail = word[i + 1 : i + 3]
            split = (
                len(tail) == 2
                and tail[0].isalpha()
                and tail[0].islower()
                and (tail[1].islower() or tail[1].isupper())
            )
        else:
            split = False
        if split:
            segs.append(Seg(offset + start, offset + i, word[start:i]))
            start = i
    segs.append(Seg(offset + start, offset + len(word), word[start:]))
    return segs


def _runs_with_transitions(text: str) -> Iterator[re.Match[str]]:
    """Latin letter runs (see ``_CASE_RUN``) that hold a case transition."""
    last_end = -1
    for hit in _HAS_TRANSITION.finditer(text):
        if hit.start() < last_end:
            continue
        start = hit.start()
        while start > 0:
            ch = text[start - 1]
            if _IS_LATIN(ch) or (ch in "'’" and start > 1 and _IS_LATIN(text[start - 2])):
                start -= 1
            else:
                break
        m = _CASE_RUN.match(text, start)
        if m is None or m.end() <= hit.start():
            last_end = hit.end()
            continue
        last_end = m.end()
        yield m


def _exact_runs(text: str, word: str) -> Iterator[re.Match[str]]:
    """The ``_LOWER_RUN`` matches that are exactly ``word``, in text order."""
    at = text.find(word)
    while at >= 0:
        m = _LOWER_RUN.match(text, at)  # its look-behinds see the text before ``at``
        if m is not None and m.end() == at + len(word):
            yield m
        at = text.find(word, at + 1)


def _words(value: object) -> frozenset[str]:
    """A word-list option: a space-separated string (YAML-safe: no "no"/"on" booleans)."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(value.split())
    if isinstance(value, list | tuple):
        return frozenset(str(v) for v in value)
    raise TypeError(f"expected a space-separated string of words, got {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class _Candidate:
    finding: Finding
    weak: bool
    #: start and text of the letter run the candidate sits in: glue points
    #: inside one run ("OptInRealBig") or in repeats of one form do not
    #: support each other
    run: int
    form: str


class GluedWordsCheck(Check):
    """Words run together without a space (CL201-CL203)."""

    kind = "glued-words"

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)

        def opt(code: str, key: str, default: Any) -> Any:
            return self.option(code, key, default) if code in self.specs else default

        # CL201
        self.name_prefixes = _words(opt(CASE, "name_prefixes", None))
        self.sentence_starters = frozenset(
            w.lower() for w in _words(opt(CASE, "sentence_starters", None))
        )
        self.known_forms = _words(opt(CASE, "known_forms", None))
        self.brand_min_zipf = float(opt(CASE, "brand_min_zipf", 1.0))
        self.starter_brand_min_zipf = float(opt(CASE, "starter_brand_min_zipf", 2.5))
        self.common_pair_min_zipf = float(opt(CASE, "common_pair_min_zipf", 1.6))
        self.common_part_zipf = float(opt(CASE, "common_part_zipf", 4.0))
        self.head_word_min_zipf = float(opt(CASE, "head_word_min_zipf", 3.5))
        self.safe_min_zipf = float(opt(CASE, "safe_min_zipf", 3.5))
        self.support_window = int(opt(CASE, "support_window", 150))
        self.min_support = int(opt(CASE, "min_support", 1))
        self.run_support = int(opt(CASE, "run_support", 3))
        self.prose_repeats = int(opt(CASE, "prose_repeats", 3))
        # CL202
        self.function_words = frozenset(
            w.lower() for w in _words(opt(GLUED, "function_words", None))
        )
        self.capital_tails = frozenset(w.lower() for w in _words(opt(GLUED, "capital_tails", None)))
        self.compound_heads = _words(opt(GLUED, "compound_heads", None))
        self.part_min_zipf = float(opt(GLUED, "part_min_zipf", 3.0))
        self.pair_min_zipf = float(opt(GLUED, "pair_min_zipf", 3.5))
        self.min_part_len = int(opt(GLUED, "min_part_len", 4))
        self.context_window = int(opt(GLUED, "context_window", 200))
        self.max_unknown_share = float(opt(GLUED, "max_unknown_share", 0.25))
        self._lexicon: Lexicon | None = None
        #: words known to the lexicon, seen in earlier documents (a fast set filter)
        self._known: set[str] = set()
        #: and those it does not know (names, rare words): asked about once per run
        self._unknown: set[str] = set()
        self._protected: frozenset[str] = frozenset()
        self._protected_from: tuple[frozenset[str], frozenset[str]] | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The English lexicon, loaded the first time a candidate needs it."""
        if self._lexicon is None:
            self._lexicon = Lexicon.default()
        return self._lexicon

    def _protected_words(self, names: frozenset[str], accept: frozenset[str]) -> frozenset[str]:
        """Known names, accepted words and known forms, case-folded.

        Compared case-insensitively: an accepted "vidflix" covers "vidFlix".
        Performance (issue 7): the inputs are the same objects for every
        document of a run, so the set is built once, not once per document
        (thousands of words with a large knowledge base).
        """
        made_from = self._protected_from
        if made_from is None or made_from[0] is not names or made_from[1] is not accept:
            self._protected = frozenset(w.casefold() for w in (*names, *accept, *self.known_forms))
            self._protected_from = (names, accept)
        return self._protected

    # ------------------------------------------------------------------ run
    def run(self, doc: Document, ctx: DocContext) -> Iterable[Finding]:
        text = doc.text
        names: frozenset[str] = getattr(ctx.knowledge, "name_words", frozenset())
        protected = self._protected_words(names, ctx.accept)
        found: list[_Candidate] = []
        if CASE in self.specs and ctx.wants(CASE):
            found.extend(self._case_transitions(text, protected))
        if GLUED in self.specs and ctx.wants(GLUED):
            found.extend(self._glued_lowercase(text, protected))
            found.extend(self._glued_capitals(text, protected))
        if PUNCT in self.specs and ctx.wants(PUNCT):
            found.extend(self._glued_punctuation(text, protected))
        if not found:
            return []
        found.sort(key=lambda c: c.finding.start)
        return [c.finding for c in self._supported(found)]

    def _supported(self, found: list[_Candidate]) -> Iterator[_Candidate]:
        """Strong candidates, and weak ones with enough other candidates close by.

        A run with ``run_support`` glue points or more ("JanuaryDecember
        NovemberOctober…") supports itself: brand names do not run that long.
        """
        starts = [c.finding.start for c in found]
        window = self.support_window
        per_run: dict[int, int] = {}
        for c in found:
            per_run[c.run] = per_run.get(c.run, 0) + 1
        for i, cand in enumerate(found):
            if cand.weak and per_run[cand.run] < self.run_support:
                lo = bisect.bisect_left(starts, starts[i] - window)
                hi = bisect.bisect_right(starts, starts[i] + window)
                others = sum(1 for c in found[lo:hi] if c.run != cand.run and c.form != cand.form)
                if others < self.min_support:
                    continue
            yield cand

    # ------------------------------------------------------- CL201 case joins
    def _case_transitions(self, text: str, protected: frozenset[str]) -> Iterator[_Candidate]:
        prose: dict[str, bool] = {}
        for m in _runs_with_transitions(text):
            word = m.group()
            if len(word) < 3 or word.casefold() in protected:
                continue
            if self._code_like(text, m.start(), m.end()):
                continue
            before = text[m.start() - 1] if m.start() else ""
            if before in _HANDLE_MARKS or _DOMAIN_NEXT.match(text, m.end()):
                continue
            if text.startswith("(", m.end()) and word[0].islower():
                continue  # a function call: "getElementById(…)"
            after_digit = m.start() > 0 and text[m.start() - 1].isdigit()
            segs = case_segments(word, m.start())
            for k in range(len(segs) - 1):
                verdict = self._case_boundary(text, segs, k, protected, after_digit)
                if verdict is None:
                    continue
                weak = verdict == "weak"
                # repeats of one form do not support each other: "AutoLink's", "AutoLinks"
                form = _POSSESSIVE.sub("", word).removesuffix("s")
                if weak and self._used_in_prose(text, form, prose):
                    continue
                yield _Candidate(self._case_finding(segs[k], segs[k + 1]), weak, m.start(), form)

    def _used_in_prose(self, text: str, form: str, cache: dict[str, bool]) -> bool:
        """True when ``form`` sits between lowercase words often: a name in use.

        "experiments in GiveWell communications ... part of GiveWell's research":
        a writer's brand.  Menus repeat their glued items too, but not inside
        running prose.
        """
        if form not in cache:
            hits = 0
            for m in re.finditer(re.escape(form), text):
                if _PROSE_BEFORE.search(text, max(0, m.start() - 30), m.start()) and (
                    _PROSE_AFTER.match(text, m.end())
                ):
                    hits += 1
                    if hits >= self.prose_repeats:
                        break
            cache[form] = hits >= self.prose_repeats
        return cache[form]

    @staticmethod
    def _code_like(text: str, start: int, end: int) -> bool:
        """True when the whitespace-delimited token around [start, end) is code, URL or email."""
        left = start
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        right = end
        n = len(text)
        while right < n and not text[right].isspace():
            right += 1
        if _CODE_LIKE.search(text[left:right]):
            return True
        # A template placeholder: "{* backButton *}", "{{ userName }}".
        return "{" in text[max(0, left - 4) : left] and "}" in text[right : right + 4]

    def _case_boundary(
        self, text: str, segs: list[Seg], k: int, protected: frozenset[str], after_digit: bool
    ) -> str | None:
        """Judge the boundary after ``segs[k]``: None (one word), "strong" or "weak" join."""
        left, right = segs[k], segs[k + 1]
        lex = self.lexicon
        if (left.text.casefold() in protected or right.text.casefold() in protected) and any(
            (s.text + t.text).casefold() in protected for s, t in zip(segs, segs[1:], strict=False)
        ):
            return None  # a known name part on either side: "DeVito", "McQuarrie"
        starter = right.text.lower() in self.sentence_starters
        if left.caps and not right.caps:
            # "NEWSToday": a one-letter head is an article or an initial ("ABrand", "BSkyB").
            if len(left.text) < 2:
                return None
        elif (
            k == 0
            and left.lower_head
            and len(left.text) <= 2
            and not after_digit
            and not starter
            and (len(left.text) == 1 or lex.zipf(left.text) < self.head_word_min_zipf)
        ):
            return None  # iPhone, eBay; but "10pmExclusive", "meHi", "byBATS", "pmThe" are glued
        elif k == 0 and left.text in self.name_prefixes:
            return None  # McQuarrie, MacDonald, DeVito, LeBron
        elif (
            right.caps
            and len(right.text) == 1
            and len(left.text) <= 5
            and k + 2 == len(segs)
            and not starter
            and not _ABBREV_NEXT.match(text, right.end)
        ):
            return None  # SpaceX, PhD, GmbH; not "CapitolU.S.", "WorldQ:", "EnglandN"
        if self._known_form(segs, k, protected, starter):
            return None
        if starter:
            return "strong"  # "TicketsThis", "NEWSThe"
        head = segs[0].start
        if left.caps and not right.caps and _CAPS_WORD_BEFORE.search(text, max(0, head - 40), head):
            return "strong"  # a capitalised heading runs into its text: "WINS AGAINKazakhstan"
        if left.lower_head and (not right.caps or len(right.text) >= 3):
            return "strong"  # "movieScroll", "10pmExclusive", "toldCBS"
        return "weak"

    def _known_form(
        self, segs: list[Seg], k: int, protected: frozenset[str], starter: bool
    ) -> bool:
        """True when a run of segments across the boundary is a known word (PlayStation).

        A sentence opener on the right ("TicketsThis") needs a more frequent
        form, since the lexicon lists many junk concatenations ("sothe").
        """
        lex = self.lexicon
        floor = self.starter_brand_min_zipf if starter else self.brand_min_zipf
        last = len(segs) - 1
        for i in range(max(0, k - 2), k + 1):
            for j in range(k + 2, min(len(segs), i + 4) + 1):
                parts = [s.text for s in segs[i:j]]
                if j - 1 == last:
                    parts[-1] = _POSSESSIVE.sub("", parts[-1])  # "WorldCom's"
                form = "".join(parts)
                if form.casefold() in protected:
                    return True
                z = lex.zipf(form)
                if z < floor:
                    continue
                # Two common words make many junk concatenations ("blackwhite",
                # "newsmedia"); such a form must itself be fairly common.
                if z < self.common_pair_min_zipf and all(
                    lex.zipf(p) >= self.common_part_zipf for p in parts
                ):
                    continue
                return True
        return False

    def _case_finding(self, left: Seg, right: Seg) -> Finding:
        at = right.start
        lex = self.lexicon
        message = f"“{left.text}” and “{right.text}” are glued together (missing space?)"
        if right.text.lower() in self.sentence_starters and not left.caps:
            fix = Fix(
                f"Start a new sentence: “{left.text}. {right.text}”",
                (Edit.insert(at, ". "),),
                Applicability.UNSAFE,
            )
            return Finding(CASE, at - 1, at + 1, message, fix, (f"{left.text} {right.text}",))
        common = (
            lex.zipf(left.text) >= self.safe_min_zipf
            and lex.zipf(_POSSESSIVE.sub("", right.text)) >= self.safe_min_zipf
        )
        fix = Fix(
            f"Insert a space: “{left.text} {right.text}”",
            (Edit.insert(at, " "),),
            Applicability.SAFE if common else Applicability.UNSAFE,
        )
        return Finding(CASE, at - 1, at + 1, message, fix)

    # ------------------------------------------------- CL202 lowercase joins
    def _unknown_words(self, words: Iterable[str], protected: frozenset[str]) -> list[str]:
        """The distinct words the lexicon does not know (nor their inflections)."""
        known, unknown = self._known, self._unknown
        fresh = {w for w in set(words) - known if w.casefold() not in protected}
        if not fresh:
            return []
        lex = self.lexicon
        out = []
        for word in fresh:
            if word in unknown:
                out.append(word)
            elif lex.zipf(word) > 0.0 or self._inflected_known(word):
                if len(known) < 200_000:  # bounded: a long run must not grow without limit
                    known.add(word)
            else:
                out.append(word)
                if len(unknown) < 200_000:
                    unknown.add(word)
        return out

    def _glued_lowercase(self, text: str, protected: frozenset[str]) -> Iterator[_Candidate]:
        unknown = self._unknown_words(_LOWER_WORD.findall(text), protected)
        if not unknown:
            return
        # Performance (issue 7): a place is where _LOWER_RUN matches a word
        # exactly.  Its matches never overlap, so matching at every occurrence
        # of the word and scanning the text with finditer find the same places.
        # A text has a handful of unknown words, found fastest by str.find; with
        # many (a 10 MB file), one find per word would be quadratic, so one pass
        # over the text collects them all.  The order (by word, then by
        # position) is the same either way.
        if len(unknown) <= _FIND_MAX_WORDS:
            for word in unknown:
                for m in _exact_runs(text, word):
                    yield from self._lowercase_candidate(text, m)
            return
        wanted = frozenset(unknown)
        places: dict[str, list[re.Match[str]]] = {}
        for m in _LOWER_RUN.finditer(text):
            if m.group() in wanted:
                places.setdefault(m.group(), []).append(m)
        for word in unknown:
            for m in places.get(word, ()):
                yield from self._lowercase_candidate(text, m)

    def _lowercase_candidate(self, text: str, m: re.Match[str]) -> Iterator[_Candidate]:
        """Candidates for one occurrence of an unknown lowercase word."""
        word = m.group()
        in_run = m.start() > 0 and text[m.start() - 1].isalpha()
        split = self._best_split(word, in_run)
        if split is not None:
            parts, unique, weak = list(split[0]), split[1], split[2]
        else:
            many = self._segment(word) if len(word) >= 3 * self.min_part_len else None
            if many is None or (word[0].isupper() and len(many) < 4):
                return
            # Four or more common words end to end are no compound the lexicon
            # forgot ("foodhealthjobsmagazine"), nor are three with a function
            # word ("valueusedby"); three content words may be a coinage
            # ("bouncebackability") and need company.  Either way there is
            # more than one reading, so the fix is only a suggestion.
            has_function_word = any(p.lower() in self.function_words for p in many)
            parts, unique, weak = many, False, len(many) < 4 and not has_function_word
        if not self._english_around(text, m.start(), m.end()):
            return
        applicability = Applicability.SAFE if unique else Applicability.DISPLAY
        yield from _split_candidates(word, parts, m.start(), applicability, weak)

    def _glued_capitals(self, text: str, protected: frozenset[str]) -> Iterator[_Candidate]:
        """Capitalised words run together: "FACEBOOKTWITTERYOUTUBE", "NFLNFL"."""
        lex: Lexicon | None = None
        for hit in _CAPS_HIT.finditer(text):
            m = _CAPS_RUN.match(text, hit.start())
            if m is None:
                continue
            word = m.group()
            if word.casefold() in protected:
                continue
            if lex is None:
                lex = self.lexicon
            if lex.zipf(word) > 0.0:
                continue
            # acronyms are rarer as words than their fame suggests ("cfl" 3.0)
            parts = self._segment(word, min_len=3, min_parts=2, floor=self.part_min_zipf)
            if parts is None:
                continue
            # Two capitalised words may be an acronym the lexicon lacks.
            weak = len(parts) < 3
            yield from _split_candidates(word, parts, m.start(), Applicability.DISPLAY, weak)

    def _inflected_known(self, word: str) -> bool:
        """True for an inflection of a known word ("psychodramas", "smallcaps")."""
        low = word.lower()
        lex = self.lexicon
        for suffix in _SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                stem = low[: -len(suffix)]
                if lex.zipf(stem) > 0.0 or lex.zipf(stem + "e") > 0.0:
                    return True
        return False

    def _best_split(
        self, word: str, in_run: bool = False
    ) -> tuple[tuple[str, str], bool, bool] | None:
        """The likeliest split of an unknown word into two known words.

        Returns ``((head, tail), unique, weak)``: ``unique`` when no other split
        qualifies, ``weak`` when neither part is a function word (then the
        word may just be a closed compound the lexicon lacks: "beermaker").
        """
        if len(word) > _MAX_SPLIT_LEN:
            return None  # no two words are this long; and each split point costs O(len)
        lex = self.lexicon
        low = word.lower()
        # A capital inside a camel-case run ("theIntimidatinglist") is a glue
        # point already, not the start of a name.
        capital = word[:1].isupper() and not in_run
        candidates: list[tuple[float, tuple[str, str], bool]] = []
        n = len(word)
        if low[0] == "a" and not capital and lex.zipf(word[1:]) >= self.pair_min_zipf and n >= 5:
            candidates.append((lex.zipf(word[1:]), (word[:1], word[1:]), False))  # "apublic"
        for i in range(2, n - 1):
            head, tail = word[:i], word[i:]
            zh, zt = lex.zipf(head), lex.zipf(tail)
            if zh < self.part_min_zipf or zt < self.part_min_zipf:
                continue
            fh = low[:i] in self.function_words
            ft = low[i:] in self.function_words
            if not ft and low[:i] in self.compound_heads:
                continue  # "overdrew", "upsample": a prefix-like word, not a glue point
            if capital:
                # Unknown capitalised words are mostly names ("Okafor", "Preventon"):
                # only a few function words glued to a common word count.
                if low[i:] not in self.capital_tails or zh < self.pair_min_zipf or i < 3:
                    continue
            elif not (fh or ft) and (min(zh, zt) < self.pair_min_zipf or min(i, n - i) < 4):
                continue  # two content words: both common and not tiny ("ups|ample")
            candidates.append((zh + zt, (head, tail), not (fh or ft)))
        if not candidates:
            return None
        candidates.sort(key=lambda c: -c[0])
        _, best, weak = candidates[0]
        return best, len(candidates) == 1, weak

    def _segment(
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
        lex = self.lexicon
        low = word.lower()
        n = len(low)
        floor = self.pair_min_zipf if floor is None else floor
        shortest = self.min_part_len if min_len is None else min_len
        # best[i]: (parts, -total zipf, previous cut) for the prefix low[:i]
        best: list[tuple[int, float, int] | None] = [None] * (n + 1)
        best[0] = (0, 0.0, 0)
        for i in range(1, n + 1):
            for j in range(max(0, i - 20), i):
                prev = best[j]
                if prev is None:
                    continue
                piece = low[j:i]
                # a short function word only at either end ("…obituariesthe"):
                # inside, short words make nonsense ("cinema to graphic ally")
                edge = j == 0 or i == n
                if len(piece) < shortest and not (edge and piece in self.function_words):
                    continue
                z = lex.zipf(piece)
                if z < floor:
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

    def _english_around(self, text: str, start: int, end: int) -> bool:
        """True when most longer words near the candidate are known English words.

        Other languages written in Latin script ("internen", "menganiaya") are
        full of words the English lexicon lacks, and their words split into
        English ones all too easily.
        """
        lex = self.lexicon
        span = self.context_window
        words = _WINDOW_WORD.findall(text, max(0, start - span), start)
        words += _WINDOW_WORD.findall(text, end, min(len(text), end + span))
        if len(words) < 2:
            return True
        unknown = sum(1 for w in words if lex.zipf(w) < 1.5)
        return unknown <= self.max_unknown_share * len(words)

    # --------------------------------------------- CL203 glued punctuation
    def _glued_punctuation(self, text: str, protected: frozenset[str]) -> Iterator[_Candidate]:
        for hit in _PUNCT_HIT.finditer(text):
            start = hit.start()
            while start > 0 and text[start - 1].islower():
                start -= 1
            m = _PUNCT_JOIN.match(text, start)
            if m is None:
                continue
            left, mark, right = m.group(1), m.group(2), m.group(3)
            if m.group().casefold() in protected or self._code_like(text, m.start(), m.end()):
                continue
            lex = self.lexicon
            if lex.zipf(left) < self.part_min_zipf or lex.zipf(right) < self.part_min_zipf:
                continue
            at = m.start(3)
            finding = Finding(
                PUNCT,
                at - 1,
                at + 1,
                f"No space after “{mark}” in “{left}{mark}{right}”",
                Fix(
                    f"Insert a space after “{mark}”", (Edit.insert(at, " "),), Applicability.UNSAFE
                ),
            )
            yield _Candidate(finding, False, m.start(), m.group())


def _split_candidates(
    word: str, parts: list[str], start: int, applicability: Applicability, weak: bool
) -> Iterator[_Candidate]:
    """One CL202 candidate per split point of ``word`` (starting at ``start``) into ``parts``."""
    shown = " ".join(parts)
    at = start
    for part in parts[:-1]:
        at += len(part)
        finding = Finding(
            GLUED,
            at - 1,
            at + 1,
            f"“{word}” looks like “{shown}” run together",
            Fix(f"Insert a space: “{shown}”", (Edit.insert(at, " "),), applicability),
        )
        yield _Candidate(finding, weak, start, word)
