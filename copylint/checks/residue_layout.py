"""Page layout for the residue rules: where the article is, and what lies around it.

A scraped page is the article's prose with page furniture before it (menus,
share bars, the byline) and after it (related headlines, footers, the comment
form).  The article *core* is found the way boilerplate removers such as
jusText find it: prose lines (long, sentence-ended, rich in function words)
cluster together, and the cluster holding the most prose words is the
article.  Short lines outside that cluster are very probably furniture.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from .residue_detect import Claim
from .residue_lines import LineInfo, normalise, words_of


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


def page_core(
    lines: Sequence[LineInfo],
    prose: Sequence[bool],
    claimed: set[int],
    max_gap: int,
    records: Collection[int] = (),
) -> tuple[int, int] | None:
    """(first, last) line of the article core.

    Recognised furniture, sentences and the cells of flattened tables and lists
    (``records``) are weak: they do not split the core.
    """
    weak = [
        i in claimed or i in records or (ln.n_words >= 2 and ln.sentence_end)
        for i, ln in enumerate(lines)
    ]
    return article_core(prose, weak, [ln.n_words for ln in lines], max_gap)


#: What separates a page title from the site's name: "Headline | Site", "Site - Headline".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·»:-]|::)\s+")


def headline_copies(
    lines: Sequence[LineInfo],
    core: tuple[int, int],
    claimed: set[int],
    repeated: set[int],
    max_extra: int = 8,
) -> set[int]:
    """The headline (the title-like line just before the core) and its other copies.

    Pages print the headline two or three times: the ``<title>`` with the site's
    name ("Headline | Site"), the breadcrumb, the ``<h1>``, a share text.  Every
    copy is the article's title, neither a repeated line nor furniture.  A copy
    is a line equal to the headline, or one whose separator-delimited parts hold
    it with at most ``max_extra`` other words (the site's and section's names).

    A headline that is itself a ``repeated`` line is only taken for one when a
    copy of it comes first (the page title at the top of the page): a label
    repeated after the article ("Leave a comment") is no headline.
    """
    out = _page_title_copies(lines, core, max_extra)
    title = _title_index(lines, core[0], claimed - repeated)
    if title is None or title in out:
        return out
    key = lines[title].key
    copies = {title}
    for ln in lines:
        if ln.key == key:
            copies.add(ln.index)
        elif key in ln.key and ln.n_words <= lines[title].n_words + max_extra:
            parts = [normalise(p) for p in _TITLE_SEPARATOR.split(ln.text)]
            if key in parts:
                copies.add(ln.index)
    if title in repeated and min(copies) == title:
        return out
    return out | copies


def _page_title_copies(
    lines: Sequence[LineInfo], core: tuple[int, int], max_extra: int
) -> set[int]:
    """A page title ("Headline | Site") before the core and its headline's copies.

    A first line of four words or more (not in capitals) printed again before
    the core's end is the page title too, with or without the site's name.

    The title is a line of separator-delimited parts, one of which (three words
    or more) is a line of its own later in the page, before the core's end; the
    other parts have at most ``max_extra`` words.  Every copy of that part is
    the headline.
    """
    at: dict[str, list[int]] = {}
    for ln in lines:
        at.setdefault(ln.key, []).append(ln.index)
    out: set[int] = set()
    # The page's first line is its <title>: printed again, it is the headline.
    first = lines[0] if lines else None
    if (
        first is not None
        and first.n_words >= 4
        and not first.text.isupper()  # a section banner, not a headline
        and any(0 < i <= core[1] for i in at[first.key])
    ):
        out.update(at[first.key])
    for ln in lines[: core[0]]:
        cuts = list(_TITLE_SEPARATOR.finditer(ln.text))
        if not cuts:
            continue
        # Each part, and each run of parts from either end ("Section | Headline").
        parts = [
            *_TITLE_SEPARATOR.split(ln.text),
            *(ln.text[: m.start()] for m in cuts),
            *(ln.text[m.end() :] for m in cuts),
        ]
        for part in parts:
            key = normalise(part)
            # the headline printed again before the article ends (the <h1>)
            again = any(ln.index < i <= core[1] for i in at.get(key, ()))
            words = len(words_of(part))
            if again and words >= 3 and ln.n_words - words <= max_extra:
                out.add(ln.index)
                out.update(at[key])
                break
    return out


def _title_index(lines: Sequence[LineInfo], core_start: int, claimed: set[int]) -> int | None:
    """The headline: the last unclaimed title-like line before the article core."""
    for ln in reversed(lines[:core_start]):
        if ln.index in claimed:
            continue
        if 3 <= ln.n_words <= 30 and ln.starts_upper and not ln.text.endswith("."):
            return ln.index
    return None


def _candidate(ln: LineInfo, max_words: int, max_sentence_words: int = 5) -> bool:
    """A line that may be furniture: short, not a sentence, not a list of names or a bullet.

    A sentence counts only up to ``max_sentence_words`` words.
    """
    if ln.n_words > max_words or ln.text[0] in "-–•*":
        return False
    if ln.text.count(",") + ln.text.count(";") >= 3:
        return False  # team sheets, result tables: structured copy, not page furniture
    return ln.n_words <= max_sentence_words or not ln.text.endswith((".", "!", "?"))


def outside_article(
    lines: Sequence[LineInfo],
    prose: Sequence[bool],
    claimed: set[int],
    core: tuple[int, int] | None,
    *,
    max_words: int,
    max_sentence_words: int = 5,
    protected: Collection[int] = (),
    records: Collection[int] = (),
) -> Iterator[Claim]:
    """CL314: short lines before or after the article ``core`` (from
    :func:`page_core` with the same ``claimed``), grouped in runs.

    A region (before or after the core) is only judged when another residue
    rule recognised a line in it: that is the evidence that the text carries
    page furniture at all.  Clean copy, which may well end with a list or a
    table, gives no such evidence.  Sentences of five words or fewer may be
    furniture anywhere there; after the furniture that follows the article, so
    may sentences of up to ``max_sentence_words`` (a licence line, a call to
    action): the article's own closing sentences come before it.
    """
    if not claimed or core is None:
        return  # no evidence anywhere, or no article to be outside of
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
            if not prose[i]
            and i not in claimed
            and i != title
            and i not in protected
            and _candidate(lines[i], max_words, max_sentence_words if k == 1 else 5)
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
