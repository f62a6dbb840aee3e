"""Residue detectors that go by a line's shape: share bars, repeats, shouting, menus.

CL310 (a line of social-network names), CL312 (a short line repeated in the
page), CL315 (a long line in capitals) and CL313 (a run of very short lines).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import filterfalse

from ..messages import quote
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
        if not ln.n_words or ln.n_words > 16:
            continue
        key = ln.key
        if key in o.social:
            yield whole_line(
                "CL310", ln, f"share button {quote(ln.text)} left in the copy", safe=True
            )
            continue
        # Performance (issue 19): a button's name (a piece of a word, case-folded)
        # is in the line case-folded; most short lines hold none.
        folded = ln.text.casefold()
        if not any(map(folded.__contains__, o.social)):
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
    if len(set(keys.values())) == len(keys):
        return  # (issue 19) no line repeats: most pages
    counts = Counter(keys.values())
    template = _record_labels(
        lines, keys, counts, o.template_min_records, o.template_max_record_lines
    )
    for i, k in keys.items():
        if counts[k] >= 2 and i not in template:
            yield whole_line("CL312", lines[i], f"line repeated {counts[k]} times in the page")


def _record_labels(
    lines: Sequence[LineInfo],
    keys: dict[int, str],
    counts: Counter[str],
    min_records: int,
    max_gap: int,
) -> set[int]:
    """Repeated lines that label the records of a template: content, not furniture.

    A meal plan repeats "Breakfast" / "Lunch" for every day, a stats page its
    column headers for every table, a shop "Buy now" for every product: a
    block of repeated lines that recurs ``min_records`` times or more, each
    time followed by a line of its own (the record's value), with at least two
    distinct labels.  A menu repeated in the header and the footer recurs
    twice, its items followed by each other.
    """
    if min_records < 2:
        return set()
    repeated = [i for i, k in keys.items() if counts[k] >= min_records]
    if not repeated:
        return set()
    is_repeat = {i for i, k in keys.items() if counts[k] >= 2}
    blocks: list[list[int]] = []
    for i in repeated:
        if blocks and blocks[-1][-1] + 1 == i:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    by_signature: dict[tuple[str, ...], list[list[int]]] = {}
    for block in blocks:
        nxt = block[-1] + 1
        if nxt >= len(lines) or nxt in is_repeat or not lines[nxt].n_words:
            continue  # no value of its own after the labels
        by_signature.setdefault(tuple(keys[i] for i in block), []).append(block)
    # Records follow each other; a menu repeated in the header, beside the
    # article and in the footer has the article between its copies.
    recurring = {
        sig: found
        for sig, found in by_signature.items()
        if len(found) >= min_records
        and all(b[0] - a[-1] <= max_gap for a, b in zip(found, found[1:], strict=False))
    }
    # Several distinct labels make a template; one line repeated alone ("Reply",
    # "Advertisement") is as likely furniture between the records.
    per_count = Counter(len(found) for found in recurring.values())
    return {
        i
        for sig, found in recurring.items()
        if len(sig) >= 2 or per_count[len(found)] >= 2
        for block in found
        for i in block
    }


def caps_teasers(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL315: a long line in capitals: a teaser for another story or a call to action.

    Subheadings in capitals are short ("THE VERDICT") or questions; seven or
    more shouted words that are not a question are a link.
    """
    for ln in lines:
        if ln.n_words < o.caps_min_words:
            continue  # too few words, let alone words that are not numbers
        if not _may_shout(ln):
            continue  # (issue 19) prose: too few capitals, words not listed
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


#: Per ASCII character: "U" a capital A-Z, "D" a digit, "." anything else.
_CAPITALS_AND_DIGITS = bytes(
    ord("U" if "A" <= chr(i) <= "Z" else "D" if "0" <= chr(i) <= "9" else ".") for i in range(256)
)


def _may_shout(ln: LineInfo) -> bool:
    """False when ``ln`` has too few capitals for CL315, found without listing its words.

    Performance (issue 19): a shouted word (``str.isupper``) of an ASCII line
    holds a capital A-Z, and a word that is a number holds a digit, so with U
    capitals and D digits there are at most U shouted words and at least
    n_words - D words that are not numbers.  CL315 needs shouted >= 0.8 of
    those: 5 U >= 4 (n_words - D).
    """
    if not ln.text.isascii():
        return True
    classes = ln.text.encode("ascii").translate(_CAPITALS_AND_DIGITS)
    return 5 * classes.count(b"U") >= 4 * (ln.n_words - classes.count(b"D"))


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
