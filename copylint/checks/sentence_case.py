"""Sentence case: a sentence that starts with a lower-case letter."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..lexicon import Lexicon
from ..packs import RuleSpec
from .base import Check, DocContext

SENTENCE_CASE = "CL212"
# A full stop (not an ellipsis), closing quotes or brackets, white space, then a
# lower-case word.  The pattern starts with the literal full stop so the regex
# engine can skip ahead to candidates (issue 7: this runs on every article).
_START_RE = re.compile(r"\.(?<=[^.\s]\.)(?P<close>[\"”’)\]]*)[ \t]+(?P<word>[a-z][^\W\d_]*)")
# What follows a word that makes it part of an address, a path or a code:
# "https://…", "pic.twitter.com/…", "example.org", "my6sense".
_NOT_A_WORD_NEXT = re.compile(r"[:/.@]\w|\d|://")
# A quantity right before an abbreviated unit: "1 tsp.", "4 oz.", "2½ Tbsp.", "1/2 cup."
_QUANTITY = re.compile(r"(?:\d+(?:[.,/]\d+)?|[½⅓⅔¼¾⅛])\s*$")


# A sentence start in capitals: a full stop, maybe closing marks, space, a capital.
_CAPITAL_START = re.compile(r"[.!?][\"”’)\]]*\s+[A-Z]")


#: Below this frequency a lower-case word used again in the text may be a brand
#: ("ecobee" 1.4); every common word a sentence may start with is far above it.
_BRAND_MAX_ZIPF = 2.0

# Quotation marks: a straight double quote toggles; curly ones open and close.
_QUOTE_MARK = re.compile(r"[\"“”]")
# An all-lower-case word of two letters or more.
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def _open_quotation(text: str, para: int, pos: int) -> tuple[int, int] | None:
    """The span of the quotation ``pos`` lies in, within the paragraph starting at
    ``para``: from its opening mark to its closing mark (or the paragraph's end).
    ``None`` when ``pos`` is outside every quotation."""
    opened = -1
    for mark in _QUOTE_MARK.finditer(text, para, pos):
        closes = mark.group() == "”" or (mark.group() == '"' and opened >= 0)
        opened = -1 if closes else mark.start()
    if opened < 0:
        return None
    end = _paragraph_end(text, pos)
    close = _QUOTE_MARK.search(text, pos, end)
    return opened, close.end() if close else end


def _paragraph_end(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` ends: at its blank line, or the text's end."""
    end = text.find("\n\n", pos)
    return end if end >= 0 else len(text)


def _capital_starts(text: str, para: int) -> int:
    """Sentences of the paragraph starting at ``para`` that start with a capital."""
    body = text[para : _paragraph_end(text, para)]
    return len(_CAPITAL_START.findall(body)) + (1 if body.lstrip()[:1].isupper() else 0)


class SentenceCaseCheck(Check):
    """Lower-case sentence starts, with abbreviations and lower-case brands left alone."""

    kind = "sentence-case"

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        self._abbreviations = frozenset(
            a.casefold().rstrip(".") for a in self.option(SENTENCE_CASE, "abbreviations", [])
        )
        self._continuations = frozenset(
            str(w).casefold() for w in self.option(SENTENCE_CASE, "continuations", [])
        )
        self._unit_max_len = int(self.option(SENTENCE_CASE, "unit_max_len", 4))
        self._unit_word_zipf = float(self.option(SENTENCE_CASE, "unit_word_zipf", 3.5))
        self._style_min_starts = int(self.option(SENTENCE_CASE, "style_min_starts", 3))
        self._lowered_name_zipf = float(self.option(SENTENCE_CASE, "lowered_name_zipf", 3.0))

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        text = doc.text
        found = list(self._starts(text, ctx))
        # A paragraph whose sentences mostly start in lower case, several times,
        # is written that way on purpose (a quoted post: "on. meth. dot. com.").
        per_para: dict[int, int] = {}
        for para, _ in found:
            per_para[para] = per_para.get(para, 0) + 1
        styled = {
            para
            for para, lower in per_para.items()
            if lower >= self._style_min_starts and lower > _capital_starts(text, para)
        }
        for para, finding in found:
            if para not in styled:
                yield finding

    def _unit_like(self, word: str) -> bool:
        """Short enough for an abbreviated unit ("oz", "tsp", "Tbsp"), and no common word
        of four letters or more ("3 sets. then" is a sentence end)."""
        if len(word) > self._unit_max_len or not word.isalpha():
            return False
        return len(word) <= 3 or Lexicon.default().zipf(word) < self._unit_word_zipf

    @staticmethod
    def _brand_in_lower_case(text: str, word: str) -> bool:
        """True for a word no dictionary knows that the text writes in lower case again.

        Brands styled in lower case ("ecobee", "bareMinerals" aside) start
        sentences that way on purpose; a slip starts a common word.
        """
        return Lexicon.default().zipf(word) < _BRAND_MAX_ZIPF and text.count(word) >= 2

    @staticmethod
    def _written_mid_sentence(text: str, name: str, stop: int) -> bool:
        """True when the text writes ``name`` with its full stop in mid-sentence
        somewhere other than at ``stop``: after a lower-case word or a comma and
        before a capital ("the new ID. Buzz"): a name that ends in a full stop
        ("ID."), so a lower-case word after it starts no sentence either."""
        pattern = rf"[a-z,] {re.escape(name)}\.(?= [A-Z0-9])"
        return any(m.end() - 1 != stop for m in re.finditer(pattern, text))

    def _quoted_in_lower_case(self, text: str, para: int, pos: int) -> bool:
        """True when ``pos`` lies in a quotation written in lower case on purpose.

        A quoted e-mail or post ("Just spoke to trev. think tbwa shd give
        statement") writes in lower case names the article itself capitalises
        ("TBWA", "Newsnight"); there a lower-case sentence start is the writer's
        style, to be quoted verbatim, not a slip.  The sign is a rare word of the
        quotation that the text writes elsewhere with a capital.
        """
        span = _open_quotation(text, para, pos)
        if span is None:
            return False
        start, end = span
        outside = text[:start] + " " + text[end:]
        lexicon = Lexicon.default()
        for m in _LOWER_WORD.finditer(text, start, end):
            word = m.group()
            if lexicon.zipf(word) >= self._lowered_name_zipf:
                continue  # a common word: "us" is no sign of "US"
            if word.upper() in outside or re.search(
                rf"[a-z,;] {word[0].upper()}{word[1:]}\b", outside
            ):
                return True
        return False

    def _starts(self, text: str, ctx: DocContext) -> Iterator[tuple[int, Finding]]:
        """Each lower-case sentence start, with the offset of its line's start."""
        for m in _START_RE.finditer(text):
            word = m.group("word")
            if m.group("close")[:1] in ('"', "”", "’"):
                continue  # '"I don't know." he said': speech attribution, not a new sentence
            if word in ctx.accept or any(c.isupper() for c in word):  # iPhone, eBay
                continue
            if _NOT_A_WORD_NEXT.match(text, m.end("word")):
                continue  # "… slogan. https://t.co/…", "… 60. pic.twitter.com/…"
            end_of_previous = m.start() + 1  # just after the full stop
            token = re.search(r"(\S+)$", text[max(0, end_of_previous - 40) : end_of_previous])
            if token is None:
                continue
            prev = token.group(1)
            core = prev.rstrip('.!?"”’)]').lstrip('("“‘[')
            if (
                "." in core
                or "@" in core
                or core.casefold() in self._abbreviations
                or len(core) == 1
            ):
                continue  # "U.S.", "example.com", "e.g.", initials
            if core[:1].isupper() and self._written_mid_sentence(text, core, m.start()):
                continue  # "the ID. Buzz" elsewhere: the stop belongs to the name
            prev_start = end_of_previous - len(prev)
            if self._unit_like(core) and _QUANTITY.search(
                text[max(0, prev_start - 12) : prev_start]
            ):
                continue  # "1 tsp. olive oil", "4 oz. cooked rice": a unit, not a sentence end
            if self._brand_in_lower_case(text, word):
                continue  # "ecobee redesigned its thermostat": a name written in lower case
            start = m.start("word")
            line = text.rfind("\n\n", 0, start) + 1
            if ('"' in text or "“" in text) and self._quoted_in_lower_case(text, line, start):
                continue  # a lower-case e-mail or post, quoted as written
            fixed = word[0].upper() + word[1:]
            capitalise = Fix(
                f"Capitalise “{fixed}”", (Edit(start, start + 1, fixed[0]),), Applicability.SAFE
            )
            if word.casefold() in self._continuations:
                # "the second set. and afterwards": a word that continues a sentence
                # more likely follows a stray full stop than starts a new sentence.
                stop = end_of_previous - 1
                yield (
                    line,
                    Finding(  # the span covers the stop the fix deletes
                        SENTENCE_CASE,
                        stop,
                        m.end("word"),
                        f"stray full stop before “{word}”, or a sentence that starts in lower case",
                        Fix(
                            "Delete the full stop",
                            (Edit(stop, stop + 1, ""),),
                            Applicability.UNSAFE,
                        ),
                        suggestions=(capitalise.title,),
                    ),
                )
                continue
            yield (
                line,
                Finding(
                    SENTENCE_CASE,
                    start,
                    m.end("word"),
                    f"sentence starts with a lower-case letter: “{word}”",
                    capitalise,
                ),
            )
