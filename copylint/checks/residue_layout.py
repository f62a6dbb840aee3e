"""Page layout for the residue rules: where the article is, and what lies around it.

A scraped page is the article's prose with page furniture before it (menus,
share bars, the byline) and after it (related headlines, footers, the comment
form).  The article *core* is found the way boilerplate removers such as
jusText find it: prose lines (long, sentence-ended, rich in function words)
cluster together, and the cluster holding the most prose words is the
article.  Short lines outside that cluster are very probably furniture.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .residue_detect import Claim
from .residue_lines import LineInfo


def _clusters(
    prose: Sequence[bool], weak: Sequence[bool], words: Sequence[int], max_gap: int
) -> list[tuple[int, int, int, int]]:
    """Runs of prose lines as (first, last, prose words, gap before), in order.

    Prose lines separated by at most ``max_gap`` other lines share a cluster;
    *weak* lines (short sentences, recognised furniture) do not count toward
    the gap, so a picture or a Q&A inside the article does not split it.
    """
    out: list[tuple[int, int, int, int]] = []
    start = last = -1
    total = gap = before = 0
    for i, is_prose in enumerate(prose):
        if not is_prose:
            gap += 0 if weak[i] else 1
            continue
        if start >= 0 and gap <= max_gap:
            last, total, gap = i, total + words[i], 0
            continue
        if start >= 0:
            out.append((start, last, total, before))
        before = gap if start >= 0 else 0
        start = last = i
        total, gap = words[i], 0
    if start >= 0:
        out.append((start, last, total, before))
    return out


def article_core(
    prose: Sequence[bool], weak: Sequence[bool], words: Sequence[int], max_gap: int
) -> tuple[int, int] | None:
    """(first, last) line index of the article's prose, or None.

    The cluster of prose lines with the most words is the article; a
    neighbouring cluster joins it when it is near (twice ``max_gap``) or
    substantial (a third of the article's words): long articles are cut by
    galleries, tables and embedded posts.
    """
    clusters = _clusters(prose, weak, words, max_gap)
    if not clusters:
        return None
    b = max(range(len(clusters)), key=lambda k: clusters[k][2])
    best_words = clusters[b][2]
    lo = hi = b

    def joins(k: int, gap: int) -> bool:
        return gap <= 2 * max_gap or clusters[k][2] * 3 >= best_words

    while lo > 0 and joins(lo - 1, clusters[lo][3]):
        lo -= 1
    while hi + 1 < len(clusters) and joins(hi + 1, clusters[hi + 1][3]):
        hi += 1
    return clusters[lo][0], clusters[hi][1]


def _title_index(lines: Sequence[LineInfo], core_start: int, claimed: set[int]) -> int | None:
    """The headline: the last unclaimed title-like line before the article core."""
    for ln in reversed(lines[:core_start]):
        if ln.index in claimed:
            continue
        if 3 <= ln.n_words <= 30 and ln.starts_upper and not ln.text.endswith("."):
            return ln.index
    return None


def _candidate(ln: LineInfo, max_words: int) -> bool:
    """A line that may be furniture: short, not a sentence, not a list of names or a bullet."""
    if ln.n_words > max_words or ln.text[0] in "-–•*":
        return False
    if ln.text.count(",") + ln.text.count(";") >= 3:
        return False  # team sheets, result tables: structured copy, not page furniture
    return not (ln.n_words >= 6 and ln.text.endswith((".", "!", "?")))


def outside_article(
    lines: Sequence[LineInfo],
    prose: Sequence[bool],
    claimed: set[int],
    *,
    max_gap: int,
    max_words: int,
) -> Iterator[Claim]:
    """CL314: short lines before or after the article core, grouped in runs.

    A region (before or after the core) is only judged when another residue
    rule recognised a line in it: that is the evidence that the text carries
    page furniture at all.  Clean copy, which may well end with a list or a
    table, gives no such evidence.
    """
    if not claimed:
        return  # no evidence anywhere
    weak = [i in claimed or (ln.n_words >= 2 and ln.sentence_end) for i, ln in enumerate(lines)]
    core = article_core(prose, weak, [ln.n_words for ln in lines], max_gap)
    if core is None:
        return
    title = _title_index(lines, core[0], claimed)
    regions = (range(0, core[0]), range(core[1] + 1, len(lines)))
    for k, region in enumerate(regions):
        evidence = [i for i in region if i in claimed]
        if not evidence:
            continue
        # Furniture is certain only beyond the recognised furniture nearest the
        # article: between it and the prose may sit the article's own tail
        # (a sign-off, a fact box) or its standfirst.
        region = (
            range(region.start, max(evidence) + 1) if k == 0 else range(min(evidence), region.stop)
        )
        cands = [
            i
            for i in region
            if not prose[i] and i not in claimed and i != title and _candidate(lines[i], max_words)
        ]
        run: list[int] = []
        for i in [*cands, -2]:
            if run and i == run[-1] + 1:
                run.append(i)
                continue
            if run:
                yield Claim(
                    "CL314",
                    run[0],
                    run[-1],
                    "page furniture outside the article body"
                    if len(run) == 1
                    else f"{len(run)} lines of page furniture outside the article body",
                )
            run = [i]


def comment_threads(
    lines: Sequence[LineInfo], claimed: dict[int, str], stamp_code: str
) -> Iterator[Claim]:
    """CL316: a thread of reader comments: author, timestamp, comment, repeated.

    Two or more author lines (a short name) each followed by a line another
    rule recognised as a timestamp mark a comment thread; the thread runs from
    the first author to the next recognised furniture after the last
    timestamp (or a few sentences, when none follows).  Only lines no other
    rule claimed are reported, in runs.
    """
    pairs = [
        i
        for i in range(len(lines) - 1)
        if claimed.get(i + 1) == stamp_code and i not in claimed and _author_like(lines[i])
    ]
    if len(pairs) < 2:
        return
    end = pairs[-1] + 1
    limit = min(len(lines), end + 13)
    nxt = next((k for k in range(end + 1, limit) if k in claimed), None)
    if nxt is not None:
        end = nxt - 1
    else:
        while end + 1 < min(len(lines), pairs[-1] + 8) and lines[end + 1].sentence_end:
            end += 1
    run: list[int] = []
    for i in [*(k for k in range(pairs[0], end + 1) if k not in claimed), -2]:
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if run:
            yield Claim("CL316", run[0], run[-1], "reader comments left in the copy")
        run = [i]


def _author_like(ln: LineInfo) -> bool:
    """A commenter's display name: one to four words, no sentence punctuation."""
    return 1 <= ln.n_words <= 4 and not ln.sentence_end and ln.starts_upper
