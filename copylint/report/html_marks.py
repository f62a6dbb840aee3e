"""Highlights in place: the article text as escaped HTML with every finding marked.

Findings may overlap.  HTML elements nest but cannot cross, so a finding that
crosses the edge of another is split into fragments, all carrying the same
finding number; the first fragment is the one that takes keyboard focus.  A
finding of no width (an insertion point) becomes an empty marker at its
offset.  No finding is ever dropped: every number given appears in the output
exactly once as a first fragment.

All text is escaped here; callers pass raw article text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Span:
    """One finding to mark: its number, code-point range and the attributes of its marks."""

    number: int
    start: int
    end: int
    attributes: str  # already-escaped attributes shared by every fragment (class, data-*)


def mark_text(text: str, spans: Sequence[Span], first_attributes: Callable[[Span], str]) -> str:
    """``text`` escaped, with ``<mark>`` elements for ``spans``, nested and never crossing.

    ``first_attributes(span)`` adds attributes to a finding's first fragment
    only (an id, tabindex, ARIA description).
    """
    n = len(text)
    clean = [
        Span(s.number, max(0, min(s.start, n)), max(0, min(max(s.end, s.start), n)), s.attributes)
        for s in spans
    ]
    points: dict[int, list[Span]] = {}
    starts: dict[int, list[Span]] = {}
    ends: set[int] = set()
    for s in clean:
        if s.start == s.end:
            points.setdefault(s.start, []).append(s)
        else:
            starts.setdefault(s.start, []).append(s)
            ends.add(s.end)
    boundaries = sorted({0, n, *points, *starts, *ends})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[int] = set()  # numbers whose first fragment is out

    def open_mark(s: Span) -> None:
        extra = ""
        if s.number not in opened:
            opened.add(s.number)
            extra = " " + first_attributes(s)
        else:
            extra = ' data-cont=""'
        out.append(f"<mark {s.attributes}{extra}>")

    for i, pos in enumerate(boundaries):
        # Close every open span ending here; spans above them that go on are
        # closed too and reopened as new fragments.
        if any(s.end == pos for s in stack):
            deepest = min(k for k, s in enumerate(stack) if s.end == pos)
            reopen = [s for s in stack[deepest:] if s.end != pos]
            out.append("</mark>" * (len(stack) - deepest))
            del stack[deepest:]
            for s in reopen:
                open_mark(s)
                stack.append(s)
        for s in points.get(pos, ()):
            open_mark(s)
            out.append("</mark>")
        # Longer spans open first so that shorter ones nest inside them.
        for s in sorted(starts.get(pos, ()), key=lambda s: (-s.end, s.number)):
            open_mark(s)
            stack.append(s)
        if i + 1 < len(boundaries):
            out.append(escape(text[pos : boundaries[i + 1]], quote=False))
    out.append("</mark>" * len(stack))
    return "".join(out)
