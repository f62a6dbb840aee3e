"""Tables and lists flattened into lines: records, which are content (issue 13, class 2).

A scraper that puts one block a line turns an ingredient list into
``1/4`` / ``cup butter`` / ``1`` / ``cup packed brown sugar``, a results table
into ``2.`` / ``LG Staufen`` / ``53,84`` / ``sec.``, numbered steps into ``1`` /
``Heat oven to 350°F …``.  Their lone numbers look like share counts, their
repeated cells like repeated furniture, their short lines like furniture
around the article.  What gives them away is their rhythm: a number cell
every few lines, again and again, with cells of text between them that no
furniture rule recognised.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from .residue_lines import LineInfo

#: A cell holding only a figure: "1", "1/4", "2.", "53,84", "½", "19.05.2007", "12 g", "(3)".
_NUMBER_CELL = re.compile(
    r"[(\[]?[-+±~]?(?:\d+(?:[.,:/]\d+)*|\d*[½¼¾⅓⅔⅛])\.?"
    r"(?:\s?(?:%|°\w?|[^\W\d_]{1,5}\.?))?[)\]]?"
)


def is_number_cell(ln: LineInfo) -> bool:
    """A line that is one figure, maybe with a unit: a table cell or a quantity."""
    text = ln.text
    if not text or len(text) > 16 or not (text[0].isdigit() or text[0] in "([½¼¾⅓⅔⅛-+±~"):
        return False
    return _NUMBER_CELL.fullmatch(text) is not None


def record_lines(
    lines: Sequence[LineInfo],
    claimed: Mapping[int, str],
    ignored: Collection[str],
    *,
    min_records: int = 3,
    max_period: int = 6,
    row_re: re.Pattern[str] | None = None,
) -> set[int]:
    """Lines of flattened tables and lists: figure cells recurring with text between.

    Figures on consecutive lines ("1." / "53,84") are one cell group; three or
    more in a row are a pager or a column of counts, no record.  A chain of
    ``min_records`` or more groups, each starting at most ``max_period`` lines
    after the previous one ends and with text between them, makes a run of
    records, from its first figure to the text after its last.  A chain whose
    text cells are mostly furniture another rule recognised (any code but
    those ``ignored``: a share bar with its counts) is no table.
    """
    groups: list[list[int]] = []
    for ln in lines:
        if is_number_cell(ln):
            if groups and groups[-1][-1] + 1 == ln.index:
                groups[-1].append(ln.index)
            else:
                groups.append([ln.index])
    out: set[int] = set()
    chain: list[list[int]] = []
    for group in [*groups, None]:
        if (
            group is not None
            and len(group) <= 2
            and chain
            and 2 <= group[0] - chain[-1][-1] <= max_period
        ):
            chain.append(group)
            continue
        if len(chain) >= min_records:
            period = max(b[0] - a[0] for a, b in zip(chain, chain[1:], strict=False))
            last = min(len(lines) - 1, chain[-1][0] + period - 1)
            figures = {i for g in chain for i in g}
            text = [k for k in range(chain[0][0], last + 1) if k not in figures]
            recognised = sum(1 for k in text if k in claimed and claimed[k] not in ignored)
            if text and recognised * 2 < len(text) and not _ranked_headlines(lines, chain):
                out.update(range(chain[0][0], last + 1))
        chain = [group] if group is not None and len(group) <= 2 else []
    if row_re is not None:
        out |= _row_runs(lines, claimed, ignored, row_re)
    return out | _numbered_items(lines, min_records, max_period)


#: An item numbered in the text: "12. Why did the cow lie down?", "3) Preheat the oven".
_NUMBERED = re.compile(r"(\d{1,3})[.)]\s+\S")


def _numbered_items(lines: Sequence[LineInfo], min_items: int, max_period: int) -> set[int]:
    """A numbered list of the article's: items "N." counting up by one, answers between.

    Jokes with their punchlines, steps, a countdown of names: ``min_items`` or
    more items numbered one after another, each at most ``max_period`` lines
    after the previous one, from the first item to the line before the next
    item would come.  A "Most read" box numbers its headlines too: a list whose
    items are mostly headlines (five words or more, title case, no sentence
    end) is no record.
    """
    out: set[int] = set()
    chain: list[tuple[int, int]] = []
    for ln in [*lines, None]:
        m = _NUMBERED.match(ln.text) if ln is not None else None
        if m is None and ln is not None:
            continue
        n = int(m.group(1)) if m is not None else -1
        if (
            ln is not None
            and chain
            and n == chain[-1][1] + 1
            and ln.index - chain[-1][0] <= max_period
        ):
            chain.append((ln.index, n))
            continue
        items = [i for i, _ in chain]
        if len(items) >= min_items and not _mostly_headlines(lines, items):
            period = max(b - a for a, b in zip(items, items[1:], strict=False))
            out.update(range(items[0], min(len(lines) - 1, items[-1] + period - 1) + 1))
        chain = [(ln.index, n)] if ln is not None else []
    return out


def _mostly_headlines(lines: Sequence[LineInfo], items: list[int]) -> bool:
    """True when most of ``items`` read as headlines of other stories."""
    heads = sum(
        1
        for i in items
        if lines[i].n_words >= 5
        and lines[i].capitalised_share >= 0.5
        and not lines[i].text.endswith((".", "?", "!", ":"))
    )
    return heads * 2 > len(items)


#: Rows of one list lie at most this many lines apart ("A v B" / "C v D" / "Winners meet").
_ROW_STEP = 3
#: ... and a list has at least this many.
_MIN_ROWS = 4


def _row_runs(
    lines: Sequence[LineInfo],
    claimed: Mapping[int, str],
    ignored: Collection[str],
    row_re: re.Pattern[str],
) -> set[int]:
    """Fixture and result lists: "Arsenal v Stoke" rows, maybe with a label between.

    Four or more rows, each at most three lines after the previous one, are a
    list of the article's, from the first row to the line that would come
    before the next row (a label repeated after every group of fixtures:
    "Winners meet in final match").  Menus have no separator between two names.
    """
    rows = [ln.index for ln in lines if ln.n_words <= 10 and row_re.match(ln.text)]
    out: set[int] = set()
    chain: list[int] = []
    for i in [*rows, None]:
        if i is not None and chain and i - chain[-1] <= _ROW_STEP:
            chain.append(i)
            continue
        if len(chain) >= _MIN_ROWS:
            period = max(b - a for a, b in zip(chain, chain[1:], strict=False))
            last = min(len(lines) - 1, chain[-1] + period - 1)
            text = [k for k in range(chain[0], last + 1) if k not in chain]
            recognised = sum(1 for k in text if k in claimed and claimed[k] not in ignored)
            if recognised * 2 <= len(text) or not text:
                out.update(range(chain[0], last + 1))
        chain = [i] if i is not None else []
    return out


def closes_a_list(lines: Sequence[LineInfo], i: int, rows: int = 3) -> bool:
    """True when line ``i`` ends a run of ``rows`` lines closed by the same mark.

    "Catherine Tate (The Catherine Tate Show, BBC Two)" under two more lines
    ending in ")" is a row of a list (nominees, a cast, a line-up), not a lone
    caption under a picture.  Sentence ends do not count: paragraphs share them.
    """
    if i + 1 < rows:
        return False
    mark = lines[i].text[-1:]
    if not mark or mark.isalnum() or mark in ".!?…\"'’”":
        return False
    return all(lines[k].text.endswith(mark) for k in range(i - rows + 1, i))


def _ranked_headlines(lines: Sequence[LineInfo], chain: list[list[int]]) -> bool:
    """A "Most read" list: ranks 1, 2, 3 … each above a headline of another story.

    Numbered steps are sentences, ingredient lists lower-case, table rows
    several cells long; a rank and a capitalised headline line, over and
    over, is a list of links.
    """
    steps = zip(chain, chain[1:], strict=False)
    if any(len(g) != 1 for g in chain) or any(b[0] - a[0] != 2 for a, b in steps):
        return False
    ranks = [lines[g[0]].text.rstrip(".") for g in chain]
    if not all(r.isdigit() for r in ranks):
        return False
    # (a second list may start again at 1: "Most read", then "Most shared")
    if any(int(b) not in (int(a) + 1, 1) for a, b in zip(ranks, ranks[1:], strict=False)):
        return False
    heads = [lines[g[0] + 1] for g in chain if g[0] + 1 < len(lines)]
    titled = sum(1 for h in heads if h.n_words >= 4 and h.capitalised_share >= 0.5)
    return titled * 2 > len(heads)
