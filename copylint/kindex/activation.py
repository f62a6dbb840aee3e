"""Evidence that a title found in a document really names the work (in a huge base).

With hundreds of thousands of works, titles made of common words ("Up",
"Her", "Heat", "The Silent Harbour") occur in articles about something else.
In a base that large a mention activates its work only with evidence:

- the document's front matter names the work;
- the title is quoted or set in italics in the source;
- the work's year, or a credited person's surname, is written near it, or a
  credited person's full name anywhere in the document;
- the title is written as a title: a title of two words or more, capitalised
  as the work writes it, not merely the tail or head of a longer capitalised
  name ("Red Lion Street", "Miami Heat").  A one-word title is never enough on
  its own: capitals say nothing about "Troy" or "Ray".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..document import Document
from ..knowledge import TitleMention, Work

#: How far (in characters) a year or surname may be from the title it supports.
NEAR = 300
_OPEN = ("“", '"', "‘", "'", "*", "_", "<i>", "<em>", "<cite>")
_CLOSE = ("”", '"', "’", "'", "*", "_", "</i>", "</em>", "</cite>")
_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\W\d_])")
_PREV_WORD_RE = re.compile(r"([^\W\d_]+)(['’]s)?[ \t\u00a0]+$")


def work_year(work: Work, year: int | None) -> int | None:
    """The year the work first came out: its stored year, else its earliest release."""
    years = [d.year for _, d in work.released]
    if year is not None:
        years.append(year)
    return min(years) if years else None


def has_evidence(doc: Document, mention: TitleMention, year: int | None) -> bool:
    """True when the document gives enough evidence that ``mention`` names its work."""
    text = doc.text
    if _marked_up(doc, mention.start, mention.end):
        return True
    lo, hi = max(0, mention.start - NEAR), mention.end + NEAR
    window = text[lo:hi]
    if year is not None and re.search(rf"(?<!\d){year}(?!\d)", window):
        return True
    if _credited_nearby(text, window, mention.work.people()):
        return True
    return _written_as_title(text, mention)


def _marked_up(doc: Document, start: int, end: int) -> bool:
    """Quoted in the text, or quoted or in italics in the source."""
    text = doc.text
    if text[max(0, start - 1) : start] in ("“", '"', "‘") and text[end : end + 1] in (
        "”",
        '"',
        "’",
    ):
        return True
    s, e = doc.to_source(start, end)
    before, after = doc.source[max(0, s - 8) : s], doc.source[e : e + 9]
    return any(before.endswith(o) for o in _OPEN) and any(after.startswith(c) for c in _CLOSE)


def _credited_nearby(text: str, window: str, people: Iterable[str]) -> bool:
    folded = None
    for name in people:
        parts = _NAME_WORD_RE.findall(name)
        if len(parts) < 2:
            continue
        if re.search(rf"(?<![^\W\d_]){re.escape(parts[-1])}(?![^\W\d_])", window):
            return True
        if folded is None:
            folded = text.casefold()
        if name.casefold() in folded:
            return True
    return False


def _written_as_title(text: str, mention: TitleMention) -> bool:
    written = _NAME_WORD_RE.findall(text[mention.start : mention.end])
    form = _NAME_WORD_RE.findall(mention.form_text)
    if len(form) < 2:
        return False
    for w, f in zip(written, form, strict=False):
        if f[:1].isupper() and not w[:1].isupper():
            return False
    after = _NEXT_WORD_RE.match(text, mention.end)
    if after and after.group(1).isupper():
        return False  # the head of a longer name: "Silent Harbour Road"
    before = _PREV_WORD_RE.search(text[max(0, mention.start - 60) : mention.start])
    if before and before.group(1)[:1].isupper() and not before.group(2):
        line_start = text.rfind("\n", 0, mention.start) + 1
        prefix = text[line_start : mention.start - len(before.group(0))].rstrip()
        if prefix and prefix[-1] not in ".!?:;\"“”'‘’(—–-":
            return False  # the tail of a longer name: "Lake Silent Harbour"
    return True
