"""Prose after the furniture that closes the article (CL319): blurbs, bios, teasers.

An article ends, then the page closes it: share bar, tags, byline box, related
headlines, comment form, footer menus.  Prose that comes *after* that closing
furniture is the site's again: an about-the-site blurb ("Acme Times uses
investigative journalism to …"), an author bio, a disclaimer, a teaser of
another story written as sentences.  It reads as prose, and it often lies near
enough to the article to join its core (recognised furniture does not count
as a gap between prose lines, so that an article cut by a picture stays one).

Two signals together make such a line residue, neither alone:

* **a closing block**: a run of non-prose lines inside the core holding at
  least ``min-closing-lines`` lines that rules of the page's closing furniture
  recognised (``closing-rules``: related links, share bars, bylines, dates,
  footers, comment threads, site notices, trailing lists).  Picture captions,
  credits, repeated lines and menus do not count: galleries sit inside
  articles, and a word list or table inside one reads as a menu;
* **a thin rest**: less than ``tail-share`` of the core's prose words come
  after that block.  An article that a box interrupts goes on at length after
  it; a page's closing blurbs are short.  A smaller block (``few-closing-lines``,
  a related link and its headline) closes the article only when what follows
  is thinner still (``few-lines-share``).

Only prose lines after the block are claimed; the short lines there are left
to the layout rule (CL314), which judges them beyond the core.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from .residue_claims import Claim
from .residue_lines import LineInfo


def after_closing(
    lines: Sequence[LineInfo],
    prose: Sequence[bool],
    core: tuple[int, int],
    codes: Mapping[int, str],
    closing: frozenset[str],
    *,
    min_closing_lines: int,
    tail_share: float,
    few_closing_lines: int | None = None,
    few_lines_share: float = 0.0,
    code: str,
) -> Iterator[Claim]:
    """CL319: the core's prose after its first closing block, when little of it is left.

    ``codes`` maps each recognised line to the rule that claimed it; a block
    counts the lines claimed by one of the ``closing`` rules.
    """
    first, last = core
    words = [lines[i].n_words if prose[i] else 0 for i in range(first, last + 1)]
    total = sum(words)
    seen = 0
    i = first
    while i <= last:
        if prose[i]:
            seen += words[i - first]
            i += 1
            continue
        j, closing_lines = i, 0
        while j <= last and not prose[j]:
            closing_lines += codes.get(j) in closing
            j += 1
        rest = total - seen
        if (closing_lines >= min_closing_lines and rest < tail_share * total) or (
            few_closing_lines is not None
            and closing_lines >= few_closing_lines
            and rest < few_lines_share * total
        ):
            yield from _prose_blocks(prose, codes, j, last, code)
            return
        i = j


def _prose_blocks(
    prose: Sequence[bool], codes: Mapping[int, str], start: int, last: int, code: str
) -> Iterator[Claim]:
    """One claim per run of consecutive unclaimed prose lines in ``start..last``."""
    block: list[int] = []
    for i in [*range(start, last + 1), -2]:
        if i >= 0 and prose[i] and i not in codes:
            block.append(i)
            continue
        if block:
            yield Claim(
                code,
                block[0],
                block[-1],
                "prose after the furniture that closes the article (a blurb, bio or teaser)",
            )
        block = []
