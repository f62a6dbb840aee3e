"""Quotation marks: unbalanced or wrongly nested quotes, and mixed quote styles.

Each paragraph is scanned with a stack of open quotations.  Curly marks say
whether they open or close; a right single mark between letters is an
apostrophe ("that’s"), and after a word with no single quotation open it is a
plural possessive ("villains’").  A quotation left open at the end of a
paragraph is fine when the next paragraph opens with a quotation mark (the
convention for a quote that runs over several paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..messages import quote
from .base import Check, DocContext
from .literals import longest_first

if TYPE_CHECKING:
    from ..packs import RuleSpec

UNBALANCED, MIXED = "CL210", "CL211"
DOUBLE, SINGLE = "double", "single"
_OPENERS = "“\"‘'"
# A ’ or ' between two letters or digits is an apostrophe ("that’s", "O'Neill") and
# changes nothing (the scan skips it), so it is not matched at all.  Performance
# (issue 19): a third of the marks in news copy.  ``[^\W_]`` is exactly
# ``str.isalnum()`` (the test the scan used), and a paragraph's ends count as spaces.
_QUOTE_MARK = re.compile("[„“”‘’\"'](?!(?<=[^\\W_]['’])[^\\W_])")
# A clitic after an apostrophe typed as ‘ ("isn ‘t", "‘em"): no quotation opens.
_CLITIC = re.compile(r"(?:t|s|re|ll|ve|d|m|em)(?![\w’'])")
# The end of a sentence inside a quotation: where an unclosed one most often ends.
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
# A speaker before an attribution verb: a pronoun, "the director", or one or two
# capitalised words.
_SPEAKER = (
    r"(?:he|she|they|I|we|you|it|(?:the|a|an|his|her|their|our)\s+[\w’'-]+"
    r"|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
)


@dataclass
class _Open:
    kind: str
    at: int
    straight: bool
    #: opened with a low mark ("„", German and others), closed with "“" or "”"
    low: bool = False


def _has_mark(text: str) -> bool:
    """Does ``text`` hold any character of ``_QUOTE_MARK``?  Performance (issue 19):
    ``in`` scans at C speed (and answers at once for a mark wider than the text's
    characters), several times faster than the pattern's search."""
    return (
        '"' in text
        or "'" in text
        or "’" in text
        or "“" in text
        or "”" in text
        or "‘" in text
        or "„" in text
    )


def _closer(q: _Open) -> str:
    """The mark that closes ``q``: “ after „ (German), else ” or ’."""
    if q.low:
        return "“"
    return "”" if q.kind == DOUBLE else "’"


def _is_word(ch: str) -> bool:
    return ch.isalnum()


#: Short lines without a sentence end that may sit inside a quotation running over
#: several paragraphs: an embedded post's label and credit ("Club statement").
_INTERPOSED_MAX = 2
_INTERPOSED_MAX_LEN = 80


# A word written with ‘ in front: an opening quotation, or part of the spelling.
_MARKED_WORD = re.compile(r"‘\w+")


def _spelled_with_opening_mark(text: str) -> set[str]:
    """Words the text writes with ‘ in front two times or more: a spelling, no quotation.

    Transliterations mark the ayn with ‘ ("Siti ‘Aisyah", "‘Umar"); a quotation
    that opens on the same word twice and is never closed is far rarer.
    """
    counts: dict[str, int] = {}
    for m in _MARKED_WORD.finditer(text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    return {word for word, n in counts.items() if n >= 2}


def _unwrapped(doc: Document) -> list[tuple[int, int, str]]:
    """The paragraphs (start, end, text), a hard-wrapped line joined to the line it goes on from.

    A line that ends without a sentence end, followed directly by a line that
    starts in lowercase ("…yang kamu" / "benci celaka…"), is one paragraph
    wrapped: a quotation may close on the second line.
    """
    spans: list[tuple[int, int, str]] = []
    text = doc.text
    for para in doc.paragraphs:
        start, end = para.start, para.start + len(para.text)
        if spans:
            prev_start, prev_end, _ = spans[-1]
            if (
                start - prev_end == 1  # the next line, no blank line between
                and para.text[:1].islower()
                and text[prev_end - 1 : prev_end].isalpha()
            ):
                spans[-1] = (prev_start, end, text[prev_start:end])
                continue
        spans.append((start, end, para.text))
    return spans


def _next_opening(spans: list[tuple[int, int, str]], i: int) -> str:
    """The start of the next paragraph, past short lines interposed in a quotation.

    A quotation that runs over several paragraphs reopens each one; an
    embedded post between two of them leaves short lines with no sentence
    end ("Club statement", "— Club (@club) November 20, 2019").
    """
    for j in range(i + 1, min(len(spans), i + 2 + _INTERPOSED_MAX)):
        para = spans[j][2].strip()
        if para[:1] in _OPENERS or len(para) > _INTERPOSED_MAX_LEN or para[-1:] in ".!?…":
            return para  # a quotation reopens, or a sentence: the quotation ended
    return spans[i + 1][2].lstrip() if i + 1 < len(spans) else ""


class QuotesCheck(Check):
    """Balance and nesting of quotation marks within a paragraph."""

    kind = "quotes"

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        listed = self.option(UNBALANCED, "attribution_verbs", ())
        verbs = [re.escape(v) for v in longest_first(listed)]
        # "…go, he said": the quotation ends after the comma, before the speaker.
        self._attribution = (
            re.compile(rf"([,.?!…])\s+{_SPEAKER}\s+(?:{'|'.join(verbs)})\b") if verbs else None
        )

    def probable_end(self, text: str, start: int, limit: int) -> int:
        """Where a quotation opened at ``start`` and left open probably ends (before ``limit``).

        Before an attribution ("…go, he said"), else after the first sentence end,
        else at ``limit`` (the next quotation, or the paragraph's end).
        """
        if self._attribution is not None:
            m = self._attribution.search(text, start + 1, limit)
            if m is not None:
                return m.end(1)
        m = _SENTENCE_END.search(text, start + 1, limit)
        if m is not None and m.end() < len(text.rstrip()):
            return m.end()
        return len(text[:limit].rstrip())

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        paragraphs = _unwrapped(doc)
        text = doc.text
        spelled: set[str] | None = None
        for i, (start, _end, para) in enumerate(paragraphs):
            if not _has_mark(para):
                continue  # no quotation mark (two paragraphs in five): nothing to balance
            for finding in self._paragraph(para, start, partial(_next_opening, paragraphs, i)):
                if text[finding.start] == "‘" and finding.code == UNBALANCED:
                    if spelled is None:
                        spelled = _spelled_with_opening_mark(text)
                    m = _MARKED_WORD.match(text, finding.start)
                    if m is not None and m.group() in spelled:
                        continue
                yield finding

    def _paragraph(self, text: str, base: int, following: Callable[[], str]) -> Iterator[Finding]:
        """Findings of one paragraph; ``following`` gives the next paragraph's start
        (looked at only when a quotation is left open)."""
        stack: list[_Open] = []
        n = len(text)

        def unclosed(q: _Open, why: str, limit: int = n) -> Finding:
            mark = text[q.at]
            closing = _closer(q)
            end = self.probable_end(text, q.at, limit)
            words = text[q.at + 1 : end].split()
            where = quote(" ".join(words[-4:]), 40) if words else None
            place = f", probably after {where}" if where else ""
            return Finding(
                UNBALANCED,
                base + q.at,
                base + q.at + 1,
                f"quotation opened with {mark} {why}",
                suggestions=(f"close the quotation with {closing}{place}",),
            )

        for m in _QUOTE_MARK.finditer(text):
            i, ch = m.start(), m.group()
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if ch == "„":
                stack.append(_Open(DOUBLE, i, False, low=True))
            elif ch == "“" and stack and stack[-1].low:
                stack.pop()  # „Vivy“: the German closing mark
            elif ch == "“" or (
                ch == '"'
                and not _is_word(before)
                and not after.isspace()
                and not (stack and stack[-1].kind == DOUBLE and stack[-1].straight)
            ):
                if stack and stack[-1].kind == DOUBLE:
                    yield unclosed(
                        stack.pop(), "is still open when another quotation opens", limit=i
                    )
                stack.append(_Open(DOUBLE, i, ch == '"'))
            elif (
                ch == "”"
                and not (stack and stack[-1].kind == DOUBLE)
                and (before.isspace() or before in ":(")
                and after.isalpha()
            ):
                # ”Bird flu…” (Swedish and Finnish style, and a common slip): a
                # right mark in an opening place opens, and ” closes it.
                stack.append(_Open(DOUBLE, i, False))
            elif ch in '”"':
                while stack and stack[-1].kind == SINGLE:
                    yield unclosed(stack.pop(), "is never closed")
                if stack:
                    stack.pop()
                elif ch == "”":
                    yield Finding(
                        UNBALANCED,
                        base + i,
                        base + i + 1,
                        "closing quotation mark ” with no quotation open",
                        suggestions=("open the quotation with “ or delete this mark",),
                    )
            elif ch == "‘":
                if _is_word(before) or after.isdigit() or _CLITIC.match(text, i + 1):
                    continue  # rock ‘n’ roll, the ‘90s, “isn ‘t” (an apostrophe misplaced)
                stack.append(_Open(SINGLE, i, False))
            # ’ or ': a straight ' never opens a quotation (too often an apostrophe:
            # 'til, 'em); it only closes one opened with ‘ (mixed styles).  One
            # between letters ("that’s", "O'Neill") is not matched at all; any other
            # that closes nothing is an apostrophe too (the villains’ plan, ’til).
            elif stack and stack[-1].kind == SINGLE and not before.isspace():
                opened = stack.pop()
                if ch == "'" and not opened.straight:
                    yield Finding(
                        MIXED,
                        base + i,
                        base + i + 1,
                        "quotation opened with ‘ is closed with a straight '",
                        Fix(
                            "Replace ' with ’",
                            (Edit(base + i, base + i + 1, "’"),),
                            Applicability.SAFE,
                        ),
                    )
        continues = False
        if stack:
            after = following()
            continues = bool(after) and after[0] in _OPENERS
        for q in stack:
            if q.kind == DOUBLE and continues:
                continue
            yield unclosed(q, "is never closed")
