"""The structure of a Markdown or HTML document: its blocks, its elements, its hidden source.

Format adapters record, next to the text view, what each piece of it is:

* a :class:`Block` is one text block of the text view (a paragraph, a heading,
  a list item's text, a table cell, an image's alt text …) with its kind, its
  text-view range and the source range of its content;
* a :class:`Unit` is a source element that holds one or more consecutive
  blocks (a paragraph, a list item, a list, a table row, a whole table, an
  HTML element) and, when it can be deleted on its own without breaking the
  markup around it, the source range that deleting it removes (the element
  with its tags, or a Markdown block's lines with their separator);
* ``protected`` source ranges are never edited by a fix (code, comments,
  front matter, images, scripts);
* ``unmapped`` source ranges are where the parser could not follow the
  source (malformed markup): fixes there are only suggestions.

Plain text has no structure (``Document.structure is None``): every line is a
paragraph and fixes apply as they are.  :mod:`copylint.fixmap` uses this to
confine every fix to the element it claims.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Block kinds, as rule scopes name them.
BLOCK_KINDS = (
    "paragraph",
    "heading",
    "list-item",
    "blockquote",
    "table-header",
    "table-cell",
    "caption",
    "title",
    "alt",
    "link-title",
)
#: Scope names that stand for several block kinds.
SCOPE_GROUPS = {
    "text": frozenset(BLOCK_KINDS),
    "table": frozenset({"table-header", "table-cell"}),
    "list": frozenset({"list-item"}),
    "attribute": frozenset({"alt", "link-title"}),
}
#: The kinds a rule sees when it declares no scope: the copy, and the text of
#: attributes and page titles too (a misspelt name is misspelt there as well).
DEFAULT_SCOPE = frozenset(BLOCK_KINDS)


def parse_scope(items: Iterable[str]) -> frozenset[str]:
    """The block kinds a ``scope:`` list names; ``ValueError`` for an unknown name."""
    kinds: set[str] = set()
    for item in items:
        name = item.strip().lower().replace("_", "-").replace(".", "-")
        if name in SCOPE_GROUPS:
            kinds |= SCOPE_GROUPS[name]
        elif name in BLOCK_KINDS:
            kinds.add(name)
        else:
            known = ", ".join([*BLOCK_KINDS, *SCOPE_GROUPS])
            raise ValueError(f"unknown scope {item!r} (expected one of: {known})")
    return frozenset(kinds)


@dataclass(frozen=True, slots=True)
class Block:
    """One text block: its kind, its text-view range, and its content's source range."""

    kind: str
    start: int
    end: int
    source_start: int
    source_end: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A source element holding blocks ``first..last`` (indexes into ``Structure.blocks``).

    ``remove`` is the source range deleting the element removes, or ``None``
    when it cannot go on its own (a table cell, a header row, an element with
    hidden content or without its end tag).
    """

    kind: str
    first: int
    last: int
    remove: tuple[int, int] | None


@dataclass
class Structure:
    """Blocks, units and protected source of one document (see the module docstring)."""

    blocks: list[Block] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    protected: list[tuple[int, int]] = field(default_factory=list)
    unmapped: list[tuple[int, int]] = field(default_factory=list)
    #: text offset where the flow of the document ends and its detached blocks
    #: (page title, alt and title attributes) begin; their source lies anywhere
    flow_end: int | None = None
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def finish(self) -> Structure:
        """Sort what adapters recorded in passing; call once, when the document is built."""
        self.blocks = [b for b in self.blocks if b.end > b.start]
        self.blocks.sort(key=lambda b: b.start)
        self.protected = _subtract(
            _merge(self.protected),
            [(b.source_start, b.source_end) for b in self.blocks if b.kind in _DETACHED],
        )
        self.unmapped = _merge(self.unmapped)
        self._starts = [b.start for b in self.blocks]
        return self

    def block_index(self, offset: int) -> int | None:
        """Index of the block whose text range holds text offset ``offset`` (ends included)."""
        starts = self._starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset <= self.blocks[i].end:
            return i
        return None

    def kind_at(self, offset: int) -> str | None:
        """The kind of the block at text offset ``offset``, or ``None`` between blocks."""
        i = self.block_index(offset)
        return self.blocks[i].kind if i is not None else None

    def blocks_between(self, start: int, end: int) -> list[int]:
        """Indexes of the blocks whose text range intersects ``[start, end)``."""
        starts = self._starts
        i = max(0, bisect.bisect_right(starts, start) - 1)
        out = []
        while i < len(self.blocks) and self.blocks[i].start < end:
            b = self.blocks[i]
            if b.end > start:
                out.append(i)
            i += 1
        return out

    def touches_protected(self, start: int, end: int) -> bool:
        """True when source ``[start, end)`` overlaps protected or unmapped source."""
        for ranges in (self.protected, self.unmapped):
            for s, e in ranges:
                if s >= end:
                    break
                if (s < start < e) if start == end else (e > start):
                    return True
        return False


_DETACHED = ("title", "alt", "link-title")


def _subtract(ranges: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` without ``holes`` (linted text inside protected markup: an ``alt`` value)."""
    out = ranges
    for hs, he in holes:
        nxt: list[tuple[int, int]] = []
        for s, e in out:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        out = nxt
    return out


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(r for r in ranges if r[1] > r[0]):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
