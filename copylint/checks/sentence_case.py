"""Sentence case: a sentence that starts with a lower-case letter."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..packs import RuleSpec
from .base import Check, DocContext

SENTENCE_CASE = "CL212"
# A full stop (not an ellipsis), closing quotes or brackets, white space, then a
# lower-case word.  The pattern starts with the literal full stop so the regex
# engine can skip ahead to candidates (issue 7: this runs on every article).
_START_RE = re.compile(r"\.(?<=[^.\s]\.)(?P<close>[\"”’)\]]*)[ \t]+(?P<word>[a-z][^\W\d_]*)")


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

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        text = doc.text
        for m in _START_RE.finditer(text):
            word = m.group("word")
            if m.group("close")[:1] in ('"', "”", "’"):
                continue  # '"I don't know." he said': speech attribution, not a new sentence
            if word in ctx.accept or any(c.isupper() for c in word):  # iPhone, eBay
                continue
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
            start = m.start("word")
            fixed = word[0].upper() + word[1:]
            capitalise = Fix(
                f"Capitalise “{fixed}”", (Edit(start, start + 1, fixed[0]),), Applicability.SAFE
            )
            if word.casefold() in self._continuations:
                # "the second set. and afterwards": a word that continues a sentence
                # more likely follows a stray full stop than starts a new sentence.
                stop = end_of_previous - 1
                yield Finding(  # the span covers the stop the fix deletes
                    SENTENCE_CASE,
                    stop,
                    m.end("word"),
                    f"stray full stop before “{word}”, or a sentence that starts in lower case",
                    Fix("Delete the full stop", (Edit(stop, stop + 1, ""),), Applicability.UNSAFE),
                    suggestions=(capitalise.title,),
                )
                continue
            yield Finding(
                SENTENCE_CASE,
                start,
                m.end("word"),
                f"sentence starts with a lower-case letter: “{word}”",
                capitalise,
            )
