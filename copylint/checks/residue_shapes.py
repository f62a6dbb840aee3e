"""Residue detectors that go by a line's shape: share bars, repeats, shouting, menus.

CL310 (a line of social-network names), CL312 (a short line repeated in the
page), CL315 (a long line in capitals) and CL313 (a run of very short lines).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import filterfalse

from .residue_claims import Claim, whole_line
from .residue_lines import LineInfo
from .residue_options import ResidueOptions

#: The buttons of a share bar glued together: "FacebookTwitterEmail".
_GLUED_BUTTON = re.compile(r"[A-Z]?[a-z+]+|[A-Z]+(?![a-z])|\d+")
#: A price, a phone number or a "label: value" pair: a fact box, not a menu.
_NOT_MENU_ITEM = re.compile(r"[:@/]|\d[\d,.]*\s*[^\w\s]|[^\w\s]\s*\d|\d{3}")


def share_bars(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL310: a line made of social-network names (a share or follow bar)."""
    if not o.social:
        return
    for ln in lines:
        if not ln.words or ln.n_words > 16:
            continue
        key = ln.key
        if key in o.social:
            yield whole_line("CL310", ln, f"share button “{ln.text}” left in the copy", safe=True)
            continue
        # "FacebookTwitterEmail": a bar whose buttons were glued together
        words = [p.casefold() for w in ln.words for p in _GLUED_BUTTON.findall(w) or [w]]
        hits = sum(1 for w in words if w in o.social)
        if hits >= 2 and hits >= len(words) - 3:
            yield whole_line("CL310", ln, "share bar left in the copy", safe=True)


def repeated_lines(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL312: a short line that occurs more than once: page furniture repeats, prose does not.

    Lines are compared case-insensitively but with their punctuation, so a
    repeated phrase that ends differently ("Here's the thing:" / "…") is not a
    repeat.  Duplicated sentences and bracketed source tags are left alone.
    """

    def key(ln: LineInfo) -> str:
        return " ".join(ln.text.casefold().split())

    def eligible(ln: LineInfo) -> bool:
        return (
            1 <= ln.n_words <= 15
            and ln.text[0].isalpha()
            and not ln.text.endswith(":")
            and not (ln.n_words >= 5 and ln.text.endswith((".", "!", "?")))
        )

    # Performance (issue 7): each eligible line's key is made once, in line order.
    keys = {ln.index: key(ln) for ln in lines if eligible(ln)}
    counts = Counter(keys.values())
    for i, k in keys.items():
        if counts[k] >= 2:
            yield whole_line("CL312", lines[i], f"line repeated {counts[k]} times in the page")


def caps_teasers(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL315: a long line in capitals: a teaser for another story or a call to action.

    Subheadings in capitals are short ("THE VERDICT") or questions; seven or
    more shouted words that are not a question are a link.
    """
    for ln in lines:
        if ln.n_words < o.caps_min_words:
            continue  # too few words, let alone words that are not numbers
        # Numbers have no case: counting capitals over all the words counts the
        # same; prose, with hardly any, is ruled out before its words are listed.
        shouted = sum(map(str.isupper, ln.words))
        if shouted < 0.8 * o.caps_min_words:
            continue
        letters = list(filterfalse(str.isdigit, ln.words))
        if (
            len(letters) >= o.caps_min_words
            and shouted >= 0.8 * len(letters)
            and not ln.text.rstrip("\"'”’").endswith("?")
        ):
            yield whole_line("CL315", ln, "teaser or call to action in capitals left in the copy")


def nav_menus(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL313: a run of very short lines: a navigation menu or tag list.

    Menu items are words: a line with a price, a phone number or a "label:
    value" pair belongs to a fact box or a table, which is copy.
    """
    run: list[LineInfo] = []
    min_run = o.menu_min_run
    for ln in [*lines, None]:
        if (
            ln is not None
            and 1 <= ln.n_words <= 3
            and not ln.sentence_end
            and not _NOT_MENU_ITEM.search(ln.text)
        ):
            run.append(ln)
            continue
        if len(run) >= min_run:
            yield Claim("CL313", run[0].index, run[-1].index, "navigation menu left in the copy")
        run = []
