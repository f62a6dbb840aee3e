"""Residue detectors for who wrote a page and when: bylines and timestamps.

CL308 (a byline, "By Jane Doe" or "Jane Doe - Nov 19, 2019", or a handle) and
CL309 (a line that is only a date, time or "updated" stamp, or a dateline).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..messages import quote
from .residue_claims import Claim, whole_line
from .residue_lines import LineInfo
from .residue_options import ResidueOptions

#: Two to four capitalised words and a separator: "Jane Doe - Nov 19, 2019".
_NAME_THEN_SEPARATOR = re.compile(r"^[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){1,3}\s*[-–—|,]\s")
#: "@handle" or an author box's "News reporter @handle".
_HANDLES = re.compile(r"(?:[\w’'.\-]+ ){0,4}@\w+(?:\s+@\w+)*")
#: An international phone number: no date starts with "+".
_PHONE = re.compile(r"\+\d")
#: What makes a date a timestamp: a year, a clock time or an "ago".
_STAMP = re.compile(r"\b(?:1[89]|20)\d\d\b|\d:\d\d|\bago\b", re.IGNORECASE)


def bylines(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL308: a byline ("By Jane Doe", "Jane Doe - Nov 19, 2019")."""
    for ln in lines:
        if ln.n_words > 16 or (ln.text.endswith(".") and not ln.text.endswith((".m.", ".M."))):
            continue
        if o.byline_alone_re and o.byline_alone_re.match(ln.text):
            nxt = lines[ln.index + 1] if ln.index + 1 < len(lines) else None
            if nxt is not None and _byline_name(nxt):
                # "By" / "Jane Porter": a byline split over two lines
                yield Claim("CL308", ln.index, nxt.index, "byline left in the copy")
            continue
        if o.byline_re and o.byline_re.match(ln.text):
            rest = ln.words[1:]
            named = sum(1 for w in rest if w[0].isupper() or w[0].isdigit())
            if rest and named >= max(1, len(rest) // 2):
                yield whole_line("CL308", ln, "byline left in the copy")
                continue
        if o.date_re and _NAME_THEN_SEPARATOR.match(ln.text):
            if o.date_re.search(ln.text):
                yield whole_line("CL308", ln, "byline left in the copy")
        elif _HANDLES.fullmatch(ln.text):
            # "@handle" or an author box's "News reporter @handle"
            yield whole_line("CL308", ln, "social-media handle left in the copy")


def _byline_name(ln: LineInfo) -> bool:
    """One to four capitalised words, no sentence: a writer's name ("Jane Porter")."""
    return (
        1 <= ln.n_words <= 4
        and not ln.sentence_end
        and all(w[:1].isupper() for w in ln.words)
        and any(ch.islower() for ch in ln.text)
    )


def timestamps(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL309: a line that is only a date, time or "updated" stamp."""
    if o.date_re is None:
        return
    for ln in lines:
        # Performance (issue 7): the stamp is rarer and cheaper to look for than
        # a date, so it is looked for first.
        if ln.n_words > 16 or not _STAMP.search(ln.text) or not o.date_re.search(ln.text):
            continue
        if _PHONE.match(ln.text):
            continue  # "+81 158-23-2012": a phone number, whose groups read like a date
        rest = o.date_re.sub(" ", ln.text)
        left = [w for w in re.findall(r"[^\W\d_]+", rest) if w.casefold() not in o.date_filler]
        # A stamp has a year, a clock time or an "ago"; weekday ranges are opening hours.
        if len(left) <= 1 and not ln.text.endswith("."):
            yield whole_line("CL309", ln, f"timestamp left in the copy: {quote(ln.text)}")
        elif (
            not ln.sentence_end
            and ln.function_share < 0.2
            and re.search(r"[|/•·]|\bby\b|\bupdated\b", rest, re.IGNORECASE)
        ):
            # A dateline: a stamp with a byline, source or section after a separator
            # ("Last Updated : Nov 20, 2019 01:41 PM IST | Source: Example.com").
            yield whole_line("CL309", ln, f"dateline left in the copy: {quote(ln.text)}")
