"""Glue points found next to marks, numerals and handles (CL201-CL203).

The scans here need no split of a word into dictionary words: a numeral
with a function word glued on ("Season 3was"), a clock time's "am" glued to
the next word, a comment header's verb glued to the commenter's name, a
clitic ("it'sthe"), capitals run together ("FACEBOOKTWITTER"), a full stop
or comma glued to the next word, a repeated handle, a flattened A-Z index.
:class:`MarkGlue` holds their compiled options; :mod:`copylint.checks.joins`
runs them with the case and lower-case scans and judges the support.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..lexicon import Lexicon
from .joins_scan import (
    CAPS_RUN,
    COMMA_HIT,
    COMMA_JOIN,
    NUMERAL_GLUE,
    PUNCT_JOIN,
    caps_hits,
    char_classes,
    clitic_glues,
    code_like,
    numeral_hits,
    punct_hits,
)
from .joins_split import JUNK_MAX_ZIPF, SplitOptions, WordSplitter
from .joins_support import Candidate

CASE = "CL201"
GLUED = "CL202"
PUNCT = "CL203"

#: Letters of the alphabet in order that make an A-Z index ("abcdefghij…").
_ALPHABET_MIN = 10
#: What follows a comment header's verb and colon: a date or a time ("November 19,
#: 2019", "19 Nov", "2019-11-19", "9:12 am").
_REPLY_DATE = r"[ \t]*(?=[A-Z][a-z]{2,8}\.?[ \t]+\d|\d)"
#: A handle ("@AOC", "@Indiapost_News"), and what makes one an e-mail address's domain.
_HANDLE = re.compile(r"@([A-Za-z0-9_]{2,})")
_HANDLE_DOMAIN = re.compile(r"\.[A-Za-z]")
#: Letters of a word glued to a handle at least ("Report", "Facebook").
_HANDLE_TAIL_MIN_LEN = 3


class MarkGlue:
    """The glue-point scans next to marks and numerals, with their options compiled."""

    def __init__(
        self,
        splitter: WordSplitter,
        *,
        numeral_tails: Iterable[str],
        clock_marks: Iterable[str],
        reply_verbs: Iterable[str],
        comma_tails: Iterable[str],
    ) -> None:
        self.splitter = splitter
        #: the splitter's options (part lengths and frequencies)
        self.split: SplitOptions = splitter.o
        self.numeral_tails = frozenset(w.lower() for w in numeral_tails)
        marks = sorted(w.lower() for w in clock_marks)
        # ":12 am" then a letter: the literal colon first lets the engine skip ahead
        self.clock_glue = (
            re.compile(rf":\d\d[ \t]?(?i:({'|'.join(map(re.escape, marks))}))([^\W\d_]+)")
            if marks
            else None
        )
        verbs = sorted(w.lower() for w in reply_verbs)
        self.reply_verbs = tuple(f"{v}:" for v in verbs)
        self.reply_glue = (
            re.compile(rf"([\w-]*?[^\W_])({'|'.join(map(re.escape, verbs))}):{_REPLY_DATE}")
            if verbs
            else None
        )
        self.comma_tails = frozenset(w.lower() for w in comma_tails)

    @property
    def lexicon(self) -> Lexicon:
        """The English lexicon (the splitter's: loaded the first time it is asked for)."""
        return self.splitter.lexicon

    def numerals(self, text: str, classes: bytes | None = None) -> Iterator[Candidate]:
        """A numeral with a function word glued on: "Season 3was", "edition2was".

        Only words from ``numeral_tails`` count: units, ordinals and suffixes
        ("10pm", "3rd", "1990s", "5km", "4in") are written glued on purpose.
        A word glued to the numeral's front is split off too when it is a
        common word ("edition2was"), not a code ("mp3", "covid19").
        """
        if not self.numeral_tails:
            return
        last = -1
        for start in numeral_hits(text, char_classes(text) if classes is None else classes):
            # Performance: the full pattern (a word, digits, a word) is matched only
            # where a digit meets letters, from the start of the token it is in.
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            if start <= last:
                continue
            m = NUMERAL_GLUE.match(text, start)
            if m is None:
                continue
            last = m.end()
            head, digits, tail = m.groups()
            if tail not in self.numeral_tails or code_like(text, m.start(), m.end()):
                continue
            at = m.start(3)
            edits = [Edit.insert(at, " ")]
            shown = f"{digits} {tail}"
            if head and (
                len(head) < self.split.min_part_len
                or self.lexicon.zipf(head) < self.split.pair_min_zipf
            ):
                continue  # "mp3was", "abc12is": an identifier, not a word and a number
            if head:
                edits.insert(0, Edit.insert(m.start(2), " "))
                shown = f"{head} {shown}"
            finding = Finding(
                GLUED,
                at - 1,
                at + 1,
                f"“{m.group()}” looks like “{shown}” run together",
                Fix(f"Insert a space: “{shown}”", tuple(edits), Applicability.SAFE),
            )
            yield Candidate(finding, False, m.start(), m.group())

    def clock_times(self, text: str) -> Iterator[Candidate]:
        """A word glued to a clock time's "am" or "pm": "at 10:12 amsaid:", "01:19 AMUS".

        Only in one case ("pmThe" is a case join); not when the mark and the letters
        after it make a word ("10:30 amazing").
        """
        if self.clock_glue is None or ":" not in text:
            return
        for m in self.clock_glue.finditer(text):
            if m.start() == 0 or not text[m.start() - 1].isdigit():
                continue
            mark, word = m.group(1), m.group(2)
            if not (word.isupper() if mark.isupper() else word[0].islower()):
                continue  # "amThe", "AMThe": a change of case, the case joins' (CL201)
            if self.lexicon.zipf(mark + word) > 0.0:
                continue
            at = m.start(2)
            shown = f"{mark} {word}"
            finding = glued_word_finding(at, mark + word, shown, Applicability.UNSAFE)
            yield Candidate(finding, False, m.start(1), mark + word)

    def reply_headers(self, text: str) -> Iterator[Candidate]:
        """A comment header's verb glued to the commenter's name: "jane88says: May 2, 2020".

        Only before a colon and a date or a time, and only when the whole is no word
        ("essays:", "unsaid:").
        """
        if self.reply_glue is None:
            return
        for verb in self.reply_verbs:
            at = text.find(verb)
            while at > 0:
                token_start = at
                while token_start > 0 and (
                    text[token_start - 1].isalnum() or text[token_start - 1] in "_-"
                ):
                    token_start -= 1
                m = self.reply_glue.match(text, token_start)
                if m and m.end(1) == at and self.lexicon.zipf(m.group(1) + m.group(2)) == 0.0:
                    glued, shown = m.group(1) + m.group(2), f"{m.group(1)} {m.group(2)}"
                    finding = glued_word_finding(at, glued, shown, Applicability.UNSAFE)
                    yield Candidate(finding, False, m.start(), glued)
                at = text.find(verb, at + len(verb))

    def clitics(self, text: str) -> Iterator[Candidate]:
        """A word glued to a clitic: "isn’tterrible", "I’mvery", "the city’sconstruction".

        The letters after the apostrophe are no word, but a clitic and a
        common word; names ("O’donnell") and archaic forms ("’twas") are
        either no common word after the clitic or known as a whole.
        """
        lex: Lexicon | None = None
        for m in clitic_glues(text):
            clitic, word = m.group(1), m.group(2)
            if lex is None:
                lex = self.lexicon
            # The whole counts as a word unless it is a junk entry: the lexicon
            # lists web glue such as "snew" (1.1) from "it'snew" itself.
            if (
                lex.zipf(clitic + word) >= JUNK_MAX_ZIPF
                or lex.zipf(word) < self.split.pair_min_zipf
            ):
                continue
            if code_like(text, m.start(), m.end()):
                continue
            if not self.splitter.english_around(text, m.start(), m.end()):
                continue
            at = m.start(2)
            head = m.start()  # the word before the apostrophe, for the message
            while head > 0 and text[head - 1].isalpha():
                head -= 1
            glued = text[head : m.end()]
            shown = f"{text[head:at]} {word}"
            finding = glued_word_finding(at, glued, shown, Applicability.UNSAFE)
            yield Candidate(finding, False, m.start(), m.group())

    def capitals(
        self, text: str, protected: frozenset[str], classes: bytes | None = None
    ) -> Iterator[Candidate]:
        """Capitalised words run together: "FACEBOOKTWITTERYOUTUBE", "NFLNFL"."""
        lex: Lexicon | None = None
        for at in caps_hits(char_classes(text) if classes is None else classes):
            m = CAPS_RUN.match(text, at)
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
            parts = self.splitter.segment(
                word, min_len=3, min_parts=2, floor=self.split.part_min_zipf
            )
            if parts is None:
                continue
            # Two capitalised words may be an acronym the lexicon lacks.
            weak = len(parts) < 3
            yield from split_candidates(word, parts, m.start(), Applicability.DISPLAY, weak)

    # --------------------------------------------- CL203 glued punctuation
    def punctuation(
        self, text: str, protected: frozenset[str], classes: bytes | None = None
    ) -> Iterator[Candidate]:
        for start in punct_hits(text, char_classes(text) if classes is None else classes):
            while start > 0 and text[start - 1].islower():
                start -= 1
            m = PUNCT_JOIN.match(text, start)
            if m is None:
                continue
            left, mark, right = m.group(1), m.group(2), m.group(3)
            if m.group().casefold() in protected or code_like(text, m.start(), m.end()):
                continue
            lex = self.lexicon
            if (
                lex.zipf(left) < self.split.part_min_zipf
                or lex.zipf(right) < self.split.part_min_zipf
            ):
                continue
            yield _missing_space(m, m.start(3), left, mark, right)
        yield from self._commas(text, protected)

    def _commas(self, text: str, protected: frozenset[str]) -> Iterator[Candidate]:
        """A comma with no space before a function word: "the thriller,which runs".

        The word after must be a function word, so a comma-separated list of
        tags or values ("news,sport,weather") is left alone, as is anything in code.
        """
        for hit in COMMA_HIT.finditer(text):
            start = hit.start()
            while start > 0 and "a" <= text[start - 1] <= "z":
                start -= 1
            m = COMMA_JOIN.match(text, start)  # its look-behind sees the text before
            if m is None:
                continue
            left, right = m.group(1), m.group(2)
            if right not in self.comma_tails or m.group().casefold() in protected:
                continue
            if code_like(text, m.start(), m.end()):
                continue
            if self.lexicon.zipf(left) < self.split.part_min_zipf:
                continue
            if not self.splitter.english_around(text, m.start(), m.end()):
                continue
            yield _missing_space(m, m.start(2), left, ",", right)


def glued_handles(text: str) -> Iterator[Candidate]:
    """A word glued to a handle written on its own right before it: "@AOC@AOCReport".

    A flattened embedded post prints the handle twice ("@AOC" / "@AOC" / "Report"):
    the first copy shows where the second ends.  Never a guess from the letters
    alone: "@realDonaldTrump" is one handle.
    """
    if "@" not in text:
        return
    before: str | None = None
    end = -1
    for m in _HANDLE.finditer(text):
        name = m.group(1)
        previous, before = (before if text[end : m.start()].strip() == "" else None), name
        end = m.end()
        if previous is None or _HANDLE_DOMAIN.match(text, m.end()):
            continue  # no handle right before; or an e-mail address: "jane@example.com"
        cut = len(previous)
        if (
            len(name) - cut >= _HANDLE_TAIL_MIN_LEN
            and name.startswith(previous)
            and name[cut].isupper()
            and name[cut + 1 : cut + 2].islower()
        ):
            at = m.start(1) + cut
            head, tail = "@" + name[:cut], name[cut:]
            finding = space_finding(
                CASE,
                at,
                f"“{head}” and “{tail}” are glued together (missing space?)",
                f"Insert a space: “{head} {tail}”",
                Applicability.UNSAFE,
            )
            yield Candidate(finding, False, m.start(), name)


def glued_alphabet(text: str) -> Iterator[Candidate]:
    """An A-Z index flattened into one word: "Tagsabcdefghijklmnopqrstuvwxyz".

    Browse-by-letter menus link each letter on its own; flattened, the
    letters run together and onto the item before.  Ten letters or more in
    alphabetical order glued to a word are no word.  The fix is only a suggestion: an editor
    may rather delete the index than space it out.
    """
    for alphabet in (string.ascii_lowercase, string.ascii_uppercase):
        at = text.find(alphabet[:_ALPHABET_MIN])
        while at >= 0:
            end = at + _ALPHABET_MIN
            while end < len(text) and end - at < 26 and text[end] == alphabet[end - at]:
                end += 1
            before = at > 0 and text[at - 1].isalpha()
            after = end < len(text) and text[end].isalpha()
            # Alone ("the string abcdefghij…") it is a sample, not a flattened menu.
            if (before or after) and not code_like(text, at, end):
                cuts = list(range(at + 1, end))
                if before:
                    cuts.insert(0, at)
                if after:
                    cuts.append(end)
                word = text[at:end]
                message = f"“{word}” looks like the letters of an A-Z index run together"
                for cut in cuts:
                    finding = space_finding(
                        GLUED, cut, message, "Insert a space", Applicability.DISPLAY
                    )
                    yield Candidate(finding, False, at, word)
            at = text.find(alphabet[:_ALPHABET_MIN], end)


def split_candidates(
    word: str,
    parts: list[str],
    start: int,
    applicability: Applicability,
    weak: bool,
    in_prose: bool = False,
) -> Iterator[Candidate]:
    """One CL202 candidate per split point of ``word`` (starting at ``start``) into ``parts``."""
    shown = " ".join(parts)
    at = start
    for part in parts[:-1]:
        at += len(part)
        finding = glued_word_finding(at, word, shown, applicability)
        yield Candidate(finding, weak, start, word, in_prose)


def _missing_space(m: re.Match[str], at: int, left: str, mark: str, right: str) -> Candidate:
    """CL203 for a mark glued to the word after it at ``at`` ("year.The", "thriller,which")."""
    finding = space_finding(
        PUNCT,
        at,
        f"No space after “{mark}” in “{left}{mark}{right}”",
        f"Insert a space after “{mark}”",
        Applicability.UNSAFE,
    )
    return Candidate(finding, False, m.start(), m.group())


def space_finding(
    code: str,
    at: int,
    message: str,
    fix_title: str,
    applicability: Applicability,
    alternatives: tuple[str, ...] = (),
) -> Finding:
    """A finding whose fix inserts one space at ``at``, reported over the two
    characters either side of it (every glue point of CL201, CL202 and CL203)."""
    fix = Fix(fix_title, (Edit.insert(at, " "),), applicability)
    return Finding(code, at - 1, at + 1, message, fix, alternatives)


def glued_word_finding(at: int, glued: str, shown: str, applicability: Applicability) -> Finding:
    """CL202 for ``glued`` written as ``shown`` with one space inserted at ``at``."""
    return space_finding(
        GLUED,
        at,
        f"“{glued}” looks like “{shown}” run together",
        f"Insert a space: “{shown}”",
        applicability,
    )
