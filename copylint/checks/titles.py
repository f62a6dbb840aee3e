"""Titles broken by rewriting: a known title followed by a stray "It"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..packs import RuleSpec
from .base import Check, DocContext
from .literals import longest_first

TITLE_PRONOUN = "CL220"
# What may end the text before a title that is the subject of its clause.
_CLAUSE_START = ".!?:;,(“\"‘'—–"


class TitleJoinCheck(Check):
    """A title glued to a pronoun: a spurious pronoun or a missing sentence break."""

    kind = "title-joins"
    needs_knowledge = True

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        pronouns = self.option(TITLE_PRONOUN, "pronouns", ["It"])
        self._after = re.compile(
            r"[ \t]+(" + "|".join(re.escape(p) for p in longest_first(pronouns)) + r")[ \t]+[a-z]"
        )

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        text = doc.text
        for m in ctx.mentions.titles:
            after = self._after.match(text, m.end)
            if after is None:
                continue
            title = text[m.start : m.end]
            pronoun = after.group(1)
            line_start = text.rfind("\n", 0, m.start) + 1
            before = text[line_start : m.start].rstrip()
            if not before or before[-1] in _CLAUSE_START:
                # The title is the subject: "Title It stars …" -> "Title stars …"
                fix = Fix(
                    f"Delete the spurious “{pronoun}”",
                    (Edit(m.end, after.end(1), ""),),
                    Applicability.UNSAFE,
                )
                message = f"“{pronoun}” after the title “{title}” repeats the subject"
            else:
                # The title ends a phrase: "a look at Title It arrived" -> "Title. It arrived"
                fix = Fix(
                    "Insert a full stop after the title",
                    (Edit(m.end, m.end, "."),),
                    Applicability.UNSAFE,
                )
                message = f"sentence break missing between the title “{title}” and “{pronoun}”"
            yield Finding(TITLE_PRONOUN, m.start, after.end(1), message, fix)
