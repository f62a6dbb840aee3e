"""Mapping a rule's fix onto a structured source, so it edits only what it claims.

Rules write fixes against the text view.  For plain text the source *is* the
text (line ends aside) and every edit maps as it is.  In Markdown and HTML,
where the text view hides markup, an edit is mapped onto the document's
:class:`~copylint.structure.Structure`:

* an edit inside one block that replaces or inserts text maps onto exactly
  the visible source it covers; if that source has hidden pieces in it (a
  tag, emphasis markers, a link target, a code span, a comment) or lies in
  protected or unmapped source, the fix cannot be mapped exactly;
* a deletion that covers whole blocks (all of their text, whatever
  whitespace lies around it) becomes the deletion of the elements holding
  them: the Markdown block with its separator, the HTML element with its
  tags, a whole table row or table, the list rather than its last item;
  never part of a table (a cell), never a code block or comment;
* anything else (a deletion of part of a block running into the next, a
  replacement across blocks, an edit between blocks) cannot be mapped.

A fix that cannot be mapped exactly is *demoted* to a suggestion (shown with
its naive edits, never applied), never applied approximately.
"""

from __future__ import annotations

from .diagnostics import Applicability, Edit, Fix
from .document import Document
from .formats import PLACEHOLDER
from .structure import Structure


def map_fix(doc: Document, fix: Fix) -> Fix:
    """``fix`` (text-view offsets) in source offsets, demoted when it cannot map exactly."""
    if doc.offset_map is None and doc.structure is None:
        return fix
    naive = tuple(Edit(*doc.to_source(e.start, e.end), e.text) for e in fix.edits)
    st = doc.structure
    if st is None or fix.applicability is Applicability.DISPLAY:
        return Fix(fix.title, naive, fix.applicability)
    out: list[Edit] = []
    for edit in fix.edits:
        mapped = map_edit(doc, st, edit)
        if mapped is None:
            return Fix(fix.title, naive, Applicability.DISPLAY)
        out.extend(mapped)
    edits = _merge(out)
    if edits is None:
        return Fix(fix.title, naive, Applicability.DISPLAY)
    return Fix(fix.title, tuple(edits), fix.applicability)


def map_edit(doc: Document, st: Structure, edit: Edit) -> list[Edit] | None:
    """The source edits for one text-view edit, or None when it cannot map exactly."""
    text = doc.text
    if edit.start == edit.end:
        return _insertion(doc, st, edit)
    idx = st.blocks_between(edit.start, edit.end)
    if len(idx) == 1:
        b = st.blocks[idx[0]]
        if b.start <= edit.start and edit.end <= b.end:
            whole = not text[b.start : edit.start].strip() and not text[edit.end : b.end].strip()
            if whole and not edit.text.strip():
                return removal(st, idx[0], idx[0])
            return _replacement(doc, st, edit)
    if edit.text or not idx:
        return None  # a replacement across blocks, or an edit between them
    for i in idx:
        b = st.blocks[i]
        body = text[b.start : b.end]
        first = b.start + len(body) - len(body.lstrip())
        last = b.start + len(body.rstrip())
        if edit.start > first or edit.end < last:
            return None  # part of a block: its neighbour's text would go with it
    return removal(st, idx[0], idx[-1])


def removal(st: Structure, first: int, last: int) -> list[Edit] | None:
    """Deletions removing blocks ``first..last`` with the elements that hold them.

    At each block, the largest element starting there that holds nothing past
    ``last`` and may go on its own is taken (the list rather than its only
    item, the ``<div>`` rather than the ``<p>`` it wraps).
    """
    k = first
    ranges: list[tuple[int, int]] = []
    while k <= last:
        best = None
        for u in st.units:
            if u.first != k or u.last > last or u.remove is None:
                continue
            size = (u.last, u.remove[1] - u.remove[0])
            if best is None or size > (best.last, best.remove[1] - best.remove[0]):  # type: ignore[index]
                best = u
        if best is None or best.remove is None:
            return None
        if st.touches_protected(*best.remove):
            return None
        ranges.append(best.remove)
        k = best.last + 1
    return [Edit.delete(s, e) for s, e in ranges]


def _insertion(doc: Document, st: Structure, edit: Edit) -> list[Edit] | None:
    i = st.block_index(edit.start)
    if i is None:
        return None
    b = st.blocks[i]
    om = doc.offset_map
    if om is None:
        at = edit.start
    elif edit.start == b.end and edit.start > b.start:
        at = om.end(edit.start)  # after the block's last character, not in the next block
    else:
        at = om.start(edit.start)
    if st.touches_protected(at, at) or not b.source_start <= at <= b.source_end:
        return None
    if _writes_markup(doc, st, edit):
        return None
    return [Edit.insert(at, edit.text)]


#: Characters a fix may not write into a format's source: they would make markup.
_MARKUP_CHARS = {"html": "<>&", "md": "<>&*_`[]\\|"}
_ATTRIBUTE_KINDS = ("alt", "link-title")


def _writes_markup(doc: Document, st: Structure, edit: Edit) -> bool:
    chars = _MARKUP_CHARS.get(doc.format, "")
    i = st.block_index(edit.start)
    if i is not None and st.blocks[i].kind in _ATTRIBUTE_KINDS:
        chars += "\"'"  # would end the attribute's value
    return any(c in chars for c in edit.text)


def _replacement(doc: Document, st: Structure, edit: Edit) -> list[Edit] | None:
    if PLACEHOLDER in doc.text[edit.start : edit.end]:
        return None  # a code span, an image or a URL stands there
    if _writes_markup(doc, st, edit):
        return None
    s, e = doc.to_source(edit.start, edit.end)
    if not _visible_only(doc, edit.start, edit.end) or st.touches_protected(s, e):
        return None
    return [Edit(s, e, edit.text)]


def _visible_only(doc: Document, start: int, end: int) -> bool:
    """True when text ``[start, end)`` comes from one gapless stretch of source."""
    om = doc.offset_map
    if om is None:
        return True
    prev = None
    for run in om.runs_between(start, end):
        lo, hi = max(start, run.text_start), min(end, run.text_start + run.text_len)
        if run.text_len == run.source_len:
            seg = (run.source_start + lo - run.text_start, run.source_start + hi - run.text_start)
        elif lo == run.text_start and hi == run.text_start + run.text_len:
            seg = (run.source_start, run.source_start + run.source_len)
        else:
            return False  # part of an atomic piece (an entity, a line end)
        if prev is not None and seg[0] != prev:
            return False  # hidden source between two visible pieces
        prev = seg[1]
    return True


def _merge(edits: list[Edit]) -> list[Edit] | None:
    """Sorted edits with touching or overlapping deletions merged; None if others overlap."""
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[Edit] = []
    for e in edits:
        if out and e.start <= out[-1].end and e.start < e.end:
            prev = out[-1]
            if prev.text or e.text or prev.start == prev.end:
                return None
            out[-1] = Edit.delete(prev.start, max(prev.end, e.end))
            continue
        if out and e.start == e.end == out[-1].start == out[-1].end:
            return None
        out.append(e)
    return out
