"""What the review report shows of an article: HTML files as their visible text.

An editor reads an HTML article as a browser shows it, not as markup, so the
report shows an HTML file's text view (the text the rules saw: visible text,
entities decoded, blocks as lines) and moves each finding from its source
offsets to that view.  Plain text and Markdown are shown as they are: that
is how an editor reads them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from ..document import Document, Run
from ..formats import build_document, format_for_path


def shown_text(path: str, source: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The text to show for ``path`` and a map from source spans to spans of that text."""
    if format_for_path(path) != "html":
        return source, lambda start, end: (start, end)
    doc = build_document(path, source)
    return doc.text, _inverse(doc)


def _inverse(doc: Document) -> Callable[[int, int], tuple[int, int]]:
    """Source span -> text-view span; spans in hidden markup shrink to the nearest text."""
    if doc.offset_map is None:
        return lambda start, end: (start, end)
    runs = sorted(doc.offset_map.runs, key=lambda r: (r.source_start, r.text_start))
    starts = [r.source_start for r in runs]

    def to_view(offset: int, is_end: bool) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return runs[0].text_start if runs else 0
        run = runs[i]
        inside = offset - run.source_start
        if inside < run.source_len or (is_end and inside == run.source_len):
            return _within(run, inside, is_end)
        # in markup between two runs: a start moves to the next text, an end back
        if is_end or i + 1 >= len(runs):
            return run.text_start + run.text_len
        return runs[i + 1].text_start

    def span(start: int, end: int) -> tuple[int, int]:
        a = to_view(start, False)
        b = to_view(end, True) if end > start else a
        return a, max(a, b)

    return span


def _within(run: Run, inside: int, is_end: bool) -> int:
    if run.text_len == run.source_len:
        return run.text_start + inside
    # an atomic run (an entity, a line end): all of it or none of it
    if inside == 0:
        return run.text_start
    return run.text_start + run.text_len if is_end or inside >= run.source_len else run.text_start
