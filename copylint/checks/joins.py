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

The check is in four parts: ``joins_scan`` finds the places (letter runs,
case segments, code and address tokens), ``joins_split`` splits unknown
words with the lexicon, ``joins_marks`` judges the glue points next to marks,
numerals and handles, ``joins_support`` weighs weak candidates against the
evidence around them; this module judges the case and lower-case glue points
and runs the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..lexicon import Lexicon
from ..packs import RuleSpec
from .base import Check, DocContext
from .joins_marks import (
    CASE,
    GLUED,
    PUNCT,
    MarkGlue,
    glued_alphabet,
    glued_handles,
    space_finding,
    split_candidates,
)
from .joins_scan import (
    ABBREV_NEXT,
    ACRONYM_GLUED,
    CAPS_WORD_BEFORE,
    DATELINE_NEXT,
    DOMAIN_NEXT,
    GLUED_STOP,
    HANDLE_MARKS,
    LOWER_RUN,
    LOWER_WORD,
    POSSESSIVE,
    PROSE_NEXT,
    SENTENCE_NEXT,
    Seg,
    case_segments,
    char_classes,
    code_like,
    exact_runs,
    runs_with_transitions,
)
from .joins_split import SplitOptions, WordSplitter
from .joins_support import Candidate, inside_prose, supported, used_in_prose
from .literals import longest_first

if TYPE_CHECKING:
    from ..knowledge.model import Work


#: Unknown words of one text up to which each is looked for with str.find.
_FIND_MAX_WORDS = 32
#: Letters of a dateline's first word in capitals at least ("NEW DELHI:").
_DATELINE_MIN_LEN = 3
#: ... and of the whole place name: shorter capitals before a colon are an acronym or a
#: product's name ("ChatGPT:", "MyOOS:", "FreeVPN:"), not a place.
_PLACE_MIN_LEN = 5
#: A run of this many case segments before a domain name is a menu, not the name.
_MENU_BEFORE_DOMAIN = 4
#: Letters of the function word glued to an acronym at least: shorter ones end
#: product names and other languages' words ("ARKit", "WLan").
_ACRONYM_TAIL_MIN_LEN = 3
#: Characters looked at on either side of a glued word for a function word.
_FUNCTION_LOOKAROUND = 24
#: Characters looked back from a run for the capitalised heading it may end.
_HEADING_LOOKBACK = 40


def _credited_names(works: Sequence[Work]) -> set[str]:
    """The names of the people and characters of ``works`` (``ctx.mentions.works``)."""
    return {n for w in works for c in w.credits for n in (c.name, c.character) if n}


def _credited_words(works: Sequence[Work]) -> frozenset[str]:
    """The capitalised name words of the people and characters of the works the document
    is about (``ctx.mentions.works``; empty when no work is active)."""
    if not works:
        return frozenset()
    return frozenset(w for n in _credited_names(works) for w in n.split() if w[:1].isupper())


def _credited_surnames(works: Sequence[Work]) -> frozenset[str]:
    """The case-folded surnames (last name words) of the active works' people and
    characters (``ctx.mentions.works``; empty when no work is active)."""
    if not works:
        return frozenset()
    words = (n.replace(".", "").split() for n in _credited_names(works))
    return frozenset(
        w[-1].casefold() if w[-1].casefold() not in ("jr", "sr", "ii", "iii", "iv") else w[-2]
        for w in words
        if len(w) >= 2
    )


def _words(value: object) -> frozenset[str]:
    """A word-list option: a space-separated string (YAML-safe: no "no"/"on" booleans)."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(value.split())
    if isinstance(value, list | tuple):
        return frozenset(str(v) for v in value)
    raise TypeError(f"expected a space-separated string of words, got {type(value).__name__}")


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
        self.function_tails = frozenset(
            w.lower() for w in _words(opt(CASE, "function_tails", None))
        )
        designators = _words(opt(CASE, "company_designators", None))
        # "PayPerAction LLC.", "AcmeSoft, Inc.": the designator ends the name
        self._designator_next = (
            re.compile(
                rf"[ \t]*,?[ \t]+(?:{'|'.join(map(re.escape, longest_first(designators)))})\b"
            )
            if designators
            else None
        )
        self._function_words_or_starters = self.function_tails | self.sentence_starters
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
        self.split = SplitOptions(
            function_words=frozenset(w.lower() for w in _words(opt(GLUED, "function_words", None))),
            capital_tails=frozenset(w.lower() for w in _words(opt(GLUED, "capital_tails", None))),
            compound_heads=_words(opt(GLUED, "compound_heads", None)),
            name_endings=frozenset(w.lower() for w in _words(opt(GLUED, "name_endings", None))),
            part_min_zipf=float(opt(GLUED, "part_min_zipf", 3.0)),
            pair_min_zipf=float(opt(GLUED, "pair_min_zipf", 3.5)),
            min_part_len=int(opt(GLUED, "min_part_len", 4)),
            article_join_min_len=int(opt(GLUED, "article_join_min_len", 5)),
            capital_head_min_len=int(opt(GLUED, "capital_head_min_len", 3)),
            content_part_min_len=int(opt(GLUED, "content_part_min_len", 4)),
            context_window=int(opt(GLUED, "context_window", 200)),
            max_unknown_share=float(opt(GLUED, "max_unknown_share", 0.25)),
            known_word_zipf=float(opt(GLUED, "known_word_zipf", 1.5)),
        )
        self.certain_head_min_len = int(opt(GLUED, "certain_head_min_len", 3))
        self._lexicon: Lexicon | None = None
        self.splitter = WordSplitter(lambda: self.lexicon, self.split)
        self.marks = MarkGlue(
            self.splitter,
            numeral_tails=_words(opt(GLUED, "numeral_tails", None)),
            clock_marks=_words(opt(GLUED, "clock_marks", None)),
            reply_verbs=_words(opt(GLUED, "reply_verbs", None)),
            comma_tails=_words(opt(PUNCT, "comma_tails", None)),
        )
        self._protected: frozenset[str] = frozenset()
        self._protected_base: frozenset[str] = frozenset()
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
            # A compiled index gives each document its own names: only they are
            # folded again (issue 16), the accepted words and known forms once.
            if made_from is None or made_from[1] is not accept:
                self._protected_base = frozenset(w.casefold() for w in (*accept, *self.known_forms))
            self._protected = self._protected_base.union(map(str.casefold, names))
            self._protected_from = (names, accept)
        return self._protected

    # ------------------------------------------------------------------ run
    def run(self, doc: Document, ctx: DocContext) -> Iterable[Finding]:
        text = doc.text
        names: frozenset[str] = getattr(ctx.knowledge, "name_words", frozenset())
        protected = self._protected_words(names, ctx.accept)
        found: list[Candidate] = []
        # One byte per character naming its class, for the cheap scans (see char_classes).
        classes = char_classes(text)
        works = ctx.mentions.works  # (a property that builds its tuple on every call)
        if CASE in self.specs and ctx.wants(CASE):
            found.extend(self._case_transitions(text, protected, _credited_words(works), classes))
            found.extend(glued_handles(text))
        if GLUED in self.specs and ctx.wants(GLUED):
            found.extend(self._glued_lowercase(text, protected, _credited_surnames(works)))
            found.extend(self.marks.capitals(text, protected, classes))
            found.extend(self.marks.numerals(text, classes))
            found.extend(self.marks.clitics(text))
            found.extend(glued_alphabet(text))
            found.extend(self.marks.reply_headers(text))
            found.extend(self.marks.clock_times(text))
        if PUNCT in self.specs and ctx.wants(PUNCT):
            found.extend(self.marks.punctuation(text, protected, classes))
        if not found:
            return []
        found.sort(key=lambda c: c.finding.start)
        return [
            c.finding
            for c in supported(found, self.support_window, self.min_support, self.run_support)
        ]

    # ------------------------------------------------------- CL201 case joins
    def _case_transitions(
        self,
        text: str,
        protected: frozenset[str],
        credited: frozenset[str],
        classes: bytes | None = None,
    ) -> Iterator[Candidate]:
        prose: dict[str, bool] = {}
        for m in runs_with_transitions(text, classes):
            word = m.group()
            if len(word) < 3 or word.casefold() in protected:
                continue
            segs = case_segments(word, m.start())
            if len(segs) < 2:
                # no glue point ("MPs", "DVDs", "o'NEILLs"); an acronym with a word
                # glued on ("TVwith") is two segments
                continue
            if code_like(text, m.start(), m.end()):
                continue
            before = text[m.start() - 1] if m.start() else ""
            if before in HANDLE_MARKS:
                continue
            if text.startswith("(", m.end()) and word[0].islower():
                continue  # a function call: "getElementById(…)"
            after_digit = m.start() > 0 and text[m.start() - 1].isdigit()
            # "the drug.GettyMarijuana": the run is glued to a sentence end already,
            # so a glue point inside it is no brand's.
            after_stop = bool(GLUED_STOP.search(text, max(0, m.start() - 2), m.start()))
            acronym = ACRONYM_GLUED.match(word)
            if (
                acronym
                and len(acronym.group(2)) >= _ACRONYM_TAIL_MIN_LEN
                and acronym.group(2) in self.split.function_words
                and self.splitter.english_around(text, m.start(), m.end())
            ):
                # "TVwith", "DEAis": an acronym with a function word glued on; case
                # segments would read "T|Vwith", as they read "NEWS|Today"
                at = m.start() + acronym.end(1)
                caps, tail = acronym.group(1), acronym.group(2)
                finding = space_finding(
                    CASE,
                    at,
                    f"“{caps}” and “{tail}” are glued together (missing space?)",
                    f"Insert a space: “{caps} {tail}”",
                    Applicability.UNSAFE,
                )
                yield Candidate(finding, False, m.start(), word)
                continue
            boundaries = len(segs) - 1
            if DOMAIN_NEXT.match(text, m.end()):
                boundaries = min(boundaries, _outside_domain(segs))
            for k in range(boundaries):
                verdict = self._case_boundary(text, segs, k, protected, after_digit, credited)
                if verdict is None:
                    continue
                if verdict == "weak" and after_stop and k == 0:
                    verdict = "tail"  # sure enough to report, not to fix unseen
                weak = verdict == "weak"
                # "FridayWith a": a space, a lowercase "with" or a full stop were lost
                certain = verdict == "strong"
                # repeats of one form do not support each other: "AutoLink's", "AutoLinks"
                form = POSSESSIVE.sub("", word).removesuffix("s")
                if weak and used_in_prose(text, form, self.prose_repeats, prose):
                    continue
                if weak and self._company_name(text, segs, m.end()):
                    continue  # "PayPerAction LLC"
                finding = self._case_finding(segs[k], segs[k + 1], certain)
                in_prose = weak and inside_prose(text, m.start(), m.end())
                yield Candidate(finding, weak, m.start(), form, in_prose, segs[k + 1].text)

    def _case_boundary(
        self,
        text: str,
        segs: list[Seg],
        k: int,
        protected: frozenset[str],
        after_digit: bool,
        credited: frozenset[str] = frozenset(),
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
            and not ABBREV_NEXT.match(text, right.end)
        ):
            return None  # SpaceX, PhD, GmbH; not "CapitolU.S.", "WorldQ:", "EnglandN"
        # "amIt’s", "warBy": a lowercase word with a function word glued on; that
        # the lexicon lists the form ("amit", "warby") is a name's coincidence.
        glued_function_word = (
            left.lower_head
            and POSSESSIVE.sub("", right.text).lower() in self._function_words_or_starters
            and (left.text + right.text).casefold() not in protected
        )
        if not glued_function_word and self._known_form(segs, k, protected, starter):
            return None
        if starter:
            return "strong"  # "TicketsThis", "NEWSThe"
        head = segs[0].start
        if (
            left.caps
            and not right.caps
            and CAPS_WORD_BEFORE.search(text, max(0, head - _HEADING_LOOKBACK), head)
        ):
            return "strong"  # a capitalised heading runs into its text: "WINS AGAINKazakhstan"
        if (
            left.text[:1].isupper()
            and not left.caps
            and right.caps
            and len(right.text) >= _DATELINE_MIN_LEN
            and k + 2 == len(segs)
            and (dateline := DATELINE_NEXT.match(text, right.end))
            and len(right.text) + sum(map(str.isupper, dateline.group(1) or "")) >= _PLACE_MIN_LEN
        ):
            return "tail"  # "Fazlur RehmanKARACHI: The cleric": the next story's dateline
        if left.lower_head and self._product_name(segs, k, protected):
            return "weak"  # "miniMIXA": a lowercase prefix and an unknown all-caps name
        if left.lower_head and (not right.caps or len(right.text) >= 3):
            return "strong"  # "movieScroll", "10pmExclusive", "toldCBS"
        if self._function_tail_in_prose(text, segs, k):
            return "tail"  # "opens on FridayWith a new trailer": strong, but which fix?
        if self._credited_name_glued(segs, k, credited):
            return "tail"  # "DI HaleExclusive": a name of the work's people, then a word
        return "weak"

    def _company_name(self, text: str, segs: list[Seg], end: int) -> bool:
        """True when capitalised words run together end in a company designator.

        "PayPerAction LLC.", "AcmeSoft, Inc.": the designator ends a name, and
        brands are made of capitalised words.  Not when a segment is in
        capitals: "Cloud StorageHP Inc." is a menu item glued to "HP Inc.".
        """
        if self._designator_next is None or any(s.caps for s in segs):
            return False
        return bool(self._designator_next.match(text, end))

    def _product_name(self, segs: list[Seg], k: int, protected: frozenset[str]) -> bool:
        """True when a lowercase word ends in an all-capitals word no lexicon knows.

        Product names are written so ("miniMIXA", "proDAD"): a prefix-like
        word and a coined name in capitals.  A lost space before capitals is
        "toldCBS", "readMORE": the capitals are a known acronym or word.  So
        the form is only as telling as two capitalised words (weak).
        """
        right = segs[k + 1]
        if k + 2 != len(segs) or not right.caps or len(right.text) < 3:
            return False
        if right.text.casefold() in protected:
            return False
        return self.lexicon.zipf(right.text) < self.brand_min_zipf

    def _credited_name_glued(self, segs: list[Seg], k: int, credited: frozenset[str]) -> bool:
        """True when a name word of the active works' people runs into a common word.

        Brands are built from common words or organisation names ("CloudSimple",
        "DisneyLife"); a surname of the cast or their characters with a common
        word glued on ("HaleExclusive") is a headline run into its label.
        """
        left, right = segs[k], segs[k + 1]
        if k != 0 or left.caps or right.caps or left.text not in credited:
            return False
        tail = POSSESSIVE.sub("", right.text)
        return tail not in credited and self.lexicon.zipf(tail) >= self.common_part_zipf

    def _function_tail_in_prose(self, text: str, segs: list[Seg], k: int) -> bool:
        """True for a common word glued to a function word that the sentence goes on from.

        "FridayWith a new trailer": brands end in content words ("CloudSimple",
        "SpeechWorks"), and one that ends in a function word ("LinkedIn") is
        in the lexicon; a function word with lowercase prose after it is a
        lost space, even when nothing else on the page is glued.
        """
        left, right = segs[k], segs[k + 1]
        if k + 2 != len(segs) or left.caps or right.caps:
            return False
        if right.text.lower() not in self.function_tails:
            return False
        if self.lexicon.zipf(left.text) < self.safe_min_zipf:
            return False
        return bool(PROSE_NEXT.match(text, right.end))

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
                    parts[-1] = POSSESSIVE.sub("", parts[-1])  # "WorldCom's"
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

    def _case_finding(self, left: Seg, right: Seg, certain: bool) -> Finding:
        """The finding for one glue point; its fix is safe only when ``certain``.

        Two capitalised words may be a brand or a closed compound
        ("SpeechWorks", "ScanSoft"): other glue points around it make a join
        likely, not certain, so its space is for a person to accept.
        """
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
            and lex.zipf(POSSESSIVE.sub("", right.text)) >= self.safe_min_zipf
        )
        alternatives: tuple[str, ...] = ()
        if not certain and right.text.lower() in self.function_tails:
            alternatives = (f"{left.text} {right.text.lower()}", f"{left.text}. {right.text}")
        return space_finding(
            CASE,
            at,
            message,
            f"Insert a space: “{left.text} {right.text}”",
            Applicability.SAFE if common and certain else Applicability.UNSAFE,
            alternatives,
        )

    # ------------------------------------------------- CL202 lowercase joins
    def _glued_lowercase(
        self, text: str, protected: frozenset[str], surnames: frozenset[str] = frozenset()
    ) -> Iterator[Candidate]:
        unknown = self.splitter.unknown_words(LOWER_WORD.findall(text), protected)
        if not unknown:
            return
        # Performance (issue 7): a place is where LOWER_RUN matches a word
        # exactly.  Its matches never overlap, so matching at every occurrence
        # of the word and scanning the text with finditer find the same places.
        # A text has a handful of unknown words, found fastest by str.find; with
        # many (a 10 MB file), one find per word would be quadratic, so one pass
        # over the text collects them all.  The order (by word, then by
        # position) is the same either way.
        if len(unknown) <= _FIND_MAX_WORDS:
            for word in unknown:
                for m in exact_runs(text, word):
                    yield from self._lowercase_candidate(text, m, protected, surnames)
            return
        wanted = frozenset(unknown)
        places: dict[str, list[re.Match[str]]] = {}
        for m in LOWER_RUN.finditer(text):
            if m.group() in wanted:
                places.setdefault(m.group(), []).append(m)
        for word in unknown:
            for m in places.get(word, ()):
                yield from self._lowercase_candidate(text, m, protected, surnames)

    def _lowercase_candidate(
        self,
        text: str,
        m: re.Match[str],
        names: frozenset[str],
        surnames: frozenset[str] = frozenset(),
    ) -> Iterator[Candidate]:
        """Candidates for one occurrence of an unknown lowercase word."""
        word = m.group()
        in_run = m.start() > 0 and text[m.start() - 1].isalpha()
        split = self.splitter.best_split(word, in_run, names, surnames)
        certain = False
        if (
            split is None
            and word[:1].isupper()
            and SENTENCE_NEXT.match(text, m.end())
            and text.count(word) == 1
        ):
            # A name is written again, and goes on with another name ("Southan
            # Morris"); a glued word is written once, and its sentence goes on
            # ("Cohenat the"): then any function word may be glued on, though
            # the word may still be a rare name (a person decides: no safe fix).
            split = self.splitter.best_split(word, in_run, names, surnames, single_use=True)
            if split is not None:
                parts, unique, weak = list(split[0]), split[1], split[2]
        elif split is not None:
            parts, unique, weak = list(split[0]), split[1], split[2]
            certain = unique and not weak and self._certain_split(*split[0])
        if split is None:
            short = len(word) < 3 * self.split.min_part_len
            if short and not self._function_word_at_an_edge(word):
                return  # two function words among three parts: one is at an edge
            many = self.splitter.segment(word) if len(word) >= 2 * self.split.min_part_len else None
            if many is None or (word[0].isupper() and len(many) < 4):
                return
            functions = sum(1 for p in many if p.lower() in self.split.function_words)
            if short and functions < 2:
                # A short word is three words only with two function words among
                # them ("tomarketit", "hegaveto"): otherwise short pieces make
                # nonsense of rare words.
                return
            # Four or more common words end to end are no compound the lexicon
            # forgot ("foodhealthjobsmagazine"), nor are three with a function
            # word ("valueusedby"); three content words may be a coinage
            # ("bouncebackability") and need company.  Either way there is
            # more than one reading, so the fix is only a suggestion.
            parts, unique, weak = many, False, len(many) < 4 and not functions
        if not self.splitter.english_around(text, m.start(), m.end()):
            return
        if certain:
            applicability = Applicability.SAFE
        else:
            applicability = Applicability.UNSAFE if unique else Applicability.DISPLAY
        in_prose = weak and self._function_word_near(text, m.start(), m.end())
        yield from split_candidates(word, parts, m.start(), applicability, weak, in_prose)

    def _function_word_near(self, text: str, start: int, end: int) -> bool:
        """True when a function word stands on its own right before or after a word.

        Two content words glued ("beermaker", "textphones") are how closed
        compounds look; in a sentence ("the beermaker showed") they are the
        writer's words, and only a sure glue point supports them.  A flattened
        menu ("home deliverydigital subscriptionseducation") has no function words.
        """
        words = self.split.function_words
        before = text[max(0, start - _FUNCTION_LOOKAROUND) : start].split()[-2:]
        after = text[end : end + _FUNCTION_LOOKAROUND].split()[:2]
        return any(w.lower().strip(',;:.!?"“”‘’()') in words for w in (*before, *after))

    def _function_word_at_an_edge(self, word: str) -> bool:
        """True when ``word`` starts or ends with a function word (a cheap pre-test)."""
        low = word.lower()
        words = self.split.function_words
        return any(low[:j] in words or low[-j:] in words for j in range(1, min(8, len(low))))

    def _certain_split(self, head: str, tail: str) -> bool:
        """True when a two-word split is sure enough for a safe fix.

        A function word glued to the end ("Impossiblewith", "policyof") is how
        scrapers glue words; one glued to the front may be a compound's first
        syllable ("weblogger" is not "we blogger"), unless it is a longer
        function word ("thefilm").
        """
        words = self.split.function_words
        if tail.lower() in words:
            return len(tail) > 1  # "heroica" may be a word of another language, not "heroic a"
        # ... and only before a common word: "somebunny" may be a pun, "some bunny" a guess
        return (
            head.lower() in words
            and len(head) >= self.certain_head_min_len
            and self.lexicon.zipf(tail) >= self.common_part_zipf
        )


def _outside_domain(segs: list[Seg]) -> int:
    """How many of a run's first glue points lie before the domain name that ends it.

    "NBCNews.com", "BoxOfficeMojo.com": a domain name is up to three
    capitalised words, so a run of three or fewer before ".com" is all
    domain, unless a lowercase word is glued to its front ("byWordPress.com",
    "onWired.com").  A longer run is a flattened menu ending in a domain
    ("…HealthGardenCarsDietsEXPRESS.co.uk"): all but its last glue point count.
    """
    if len(segs) >= _MENU_BEFORE_DOMAIN:
        return len(segs) - 2
    first = segs[0]
    return 1 if first.lower_head and len(first.text) >= 2 else 0
