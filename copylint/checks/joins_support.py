"""Support scoring for the joins rules: which weak glue points other evidence backs.

A *weak* candidate (two plain capitalised words, two content words) looks
like a brand or a closed compound as much as a glue point; it is reported
only when other glue points crowd around it, as in a flattened menu, or when
its own letter run holds several.  A form used again and again in running
prose is a name in use, never a weak glue point.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Finding
from .joins_scan import PROSE_AFTER, PROSE_BEFORE

#: Characters looked back from a form for the lowercase word before it.
_PROSE_LOOKBACK = 30


@dataclass(frozen=True, slots=True)
class Candidate:
    """A glue point found by one of the joins rules, before support is weighed."""

    finding: Finding
    weak: bool
    #: start and text of the letter run the candidate sits in: glue points
    #: inside one run ("OptInRealBig") or in repeats of one form do not
    #: support each other
    run: int
    form: str
    #: a weak candidate inside running prose ("a division of ScanSoft, a unit"):
    #: brands sit in prose, menus do not, so only a strong glue point supports it
    in_prose: bool = False
    #: the word glued on at the glue point (CL201): the same word glued to other
    #: words nearby is a flattened template ("FacebookShare this with
    #: TwitterShare this with …"), not brands in prose
    tail: str = ""


def supported(
    found: list[Candidate], window: int, min_support: int, run_support: int
) -> Iterator[Candidate]:
    """Strong candidates, and weak ones with enough other candidates close by.

    ``found`` is in text order.  A run with ``run_support`` glue points or more
    ("JanuaryDecemberNovemberOctober…") supports itself: brand names do not run
    that long.
    """
    starts = [c.finding.start for c in found]
    per_run: dict[int, int] = {}
    for c in found:
        per_run[c.run] = per_run.get(c.run, 0) + 1
    for i, cand in enumerate(found):
        if cand.weak and per_run[cand.run] < run_support:
            lo = bisect.bisect_left(starts, starts[i] - window)
            hi = bisect.bisect_right(starts, starts[i] + window)
            near = [c for c in found[lo:hi] if c.run != cand.run and c.form != cand.form]
            others = sum(1 for c in near if not (cand.in_prose and c.weak))
            # a flattened template glues one word on again and again: three times
            # or more ("FacebookShare … MessengerShare … TwitterShare")
            template = cand.tail and sum(1 for c in near if c.tail == cand.tail) >= 2
            if others < min_support and not template:
                continue
        yield cand


def inside_prose(text: str, start: int, end: int) -> bool:
    """True when lowercase words sit right before ``text[start:end]`` and right after it."""
    before = PROSE_BEFORE.search(text, max(0, start - _PROSE_LOOKBACK), start)
    return bool(before and PROSE_AFTER.match(text, end))


def used_in_prose(text: str, form: str, repeats: int, cache: dict[str, bool]) -> bool:
    """True when ``form`` sits between lowercase words ``repeats`` times: a name in use.

    "experiments in GiveWell communications ... part of GiveWell's research":
    a writer's brand.  Menus repeat their glued items too, but not inside
    running prose.
    """
    if form not in cache:
        hits = 0
        for start, end in _occurrences(text, form):
            if PROSE_BEFORE.search(text, max(0, start - _PROSE_LOOKBACK), start) and (
                PROSE_AFTER.match(text, end)
            ):
                hits += 1
                if hits >= repeats:
                    break
        cache[form] = hits >= repeats
    return cache[form]


def _occurrences(text: str, form: str) -> Iterator[tuple[int, int]]:
    """The spans of ``form`` in ``text``, left to right, not overlapping.

    What ``re.finditer(re.escape(form), text)`` finds, without compiling a pattern
    per form (a new form cost a compilation: most of the time spent on weak forms).
    """
    if not form:
        for m in re.finditer("", text):
            yield m.span()
        return
    at = text.find(form)
    while at >= 0:
        yield at, at + len(form)
        at = text.find(form, at + len(form))
