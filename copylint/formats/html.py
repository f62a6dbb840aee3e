"""HTML adapter: only the visible text, with exact source offsets.

Built on the standard library's :class:`html.parser.HTMLParser` with
``convert_charrefs=False``, so text, entities and tags arrive as separate
events in source order; each event's source range runs from its position to
the next event's.  What the text view gets:

* text outside ``script``, ``style``, ``head``, ``template``, ``pre`` … (never
  attributes or comments);
* entities decoded as atomic runs (``&amp;`` -> ``&``, ``&#8217;`` -> ``’``);
* whitespace collapsed as a browser renders it: a run of blanks and line ends
  between words is one space, none at the start or end of a block;
* a line break for every block element (``p``, ``div``, ``h1``–``h6``, ``li``,
  ``tr``, ``td`` …) and every ``br``; inline elements (``a``, ``em``, ``b``,
  ``span`` …) add nothing, so ``<b>Impossible</b>with`` reads "Impossiblewith";
* inline ``code``/``kbd``/``samp`` as one :data:`PLACEHOLDER` character;
* a table row on one line, its cells a tab apart (a cell is never a line).

``Document.structure`` (see :mod:`copylint.structure`) gives every block its
kind and every block element that has its end tag the source range deleting
it removes: the element with its tags, and its line when it stands alone on
one.  Comments, hidden elements, code and images are protected.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from ..document import Document
from ..structure import Block, Structure, Unit
from ._builder import PLACEHOLDER, TextBuilder


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


BLOCK_TAGS = _tags(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p section summary table tbody td tfoot th thead tr ul"
)
#: Elements whose content is never shown (or is code, not copy).
HIDDEN_TAGS = _tags(
    "script style template head title noscript svg math iframe object canvas pre textarea select"
)
#: Inline code-like elements, shown as one placeholder.
CODE_TAGS = _tags("code kbd samp tt")
VOID_TAGS = _tags("area base br col embed hr img input link meta param source track wbr")
#: Void elements that are content, not text: a fix never deletes them.
MEDIA_TAGS = _tags("img embed input video audio picture source object iframe")
#: Block elements that are never deleted as a whole by a fix.
_NO_UNIT = _tags("html body head main article tbody")
_BLOCK_KIND = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "heading"),
    **dict.fromkeys(("li", "dt", "dd"), "list-item"),
    "td": "table-cell",
    "th": "table-header",
    "blockquote": "blockquote",
    "figcaption": "caption",
    "caption": "caption",
}
_CELL_KINDS = ("table-cell", "table-header")
_HTML_WS = " \t\n\r\f"
_WS_RUN = re.compile(r"[ \t\n\r\f]+")


def html_document(source: str, path: str = "<html>") -> Document:
    """The Document of an HTML file; ``metadata["comments"]`` lists comment ranges."""
    b = TextBuilder(source)
    comments: list[tuple[int, int]] = []
    st = Structure()
    detached = extract_html(b, source, 0, len(source), comments, st)
    st.protected.extend(comments)
    _append_detached(b, source, detached, st)
    return b.build(path, "html", {"comments": comments}, st)


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_ATTR = re.compile(
    r"""[\s"'](alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'=<`]+))""", re.IGNORECASE
)


def _append_detached(
    b: TextBuilder, source: str, detached: list[tuple[str, int, int]], st: Structure
) -> None:
    """The page title and the alt and title attributes, each a block after the flow.

    They are linted like the copy (a misspelt name in an alt text is misspelt),
    with their own kinds for rule scopes; their fixes edit the attribute's
    value in the source and nothing around it.
    """
    if not detached:
        return
    st.flow_end = b.detach()
    for kind, s, e in sorted(detached, key=lambda d: (d[0] != "title", d[1])):
        while s < e and source[s] in _HTML_WS:
            s += 1
        while e > s and source[e - 1] in _HTML_WS:
            e -= 1
        if s >= e:
            continue
        b.insert("\n\n" if len(b) else "", s)
        t0 = len(b)
        pos = s
        for m in re.finditer(
            r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?|[ \t\r\n\f]+", source[s:e]
        ):
            ms, me = s + m.start(), s + m.end()
            b.copy(pos, ms)
            piece = m.group(0)
            b.replace(" " if piece[0] in _HTML_WS else html.unescape(piece), ms, me)
            pos = me
        b.copy(pos, e)
        if len(b) > t0:
            st.blocks.append(Block(kind, t0, len(b), s, e))


def extract_html(
    b: TextBuilder,
    source: str,
    start: int,
    end: int,
    comments: list[tuple[int, int]],
    st: Structure | None = None,
) -> list[tuple[str, int, int]]:
    """Write the visible text of ``source[start:end]`` into ``b``; note comment ranges.

    Used for whole HTML files and for raw HTML blocks inside Markdown.  With
    ``st``, the blocks, elements and protected source are recorded there.
    Returns the page title's and the alt and title attributes' source ranges
    with their block kinds, for :func:`html_document` to lint after the flow.
    """
    st = st if st is not None else Structure()
    chunk = source[start:end]
    masked: list[tuple[int, int]] = []
    for _ in range(_MAX_REPAIRS + 1):
        parser = _EventParser(chunk)
        events = parser.events()
        mark = (b.mark(), len(st.blocks), len(st.units), len(st.protected), len(comments))
        renderer = _Renderer(b, source, comments, st)
        renderer.tag_texts = {start + k: v for k, v in parser.tag_texts.items()}
        renderer.render(events, start, end)
        unclosed = renderer.unclosed_hidden()
        if unclosed is None or len(masked) == _MAX_REPAIRS:
            break
        # An element that hides its content (pre, script …) was never closed: a
        # browser would show or run the rest of the page as its content, and we
        # would lint nothing of it.  Its start tag is read as a comment of the
        # same length (an inline <b>) instead, and the rest is linted; fixes there are
        # suggestions only (the parser could not map that region).
        tag_start, tag_end = unclosed[0] - start, unclosed[1] - start
        chunk = chunk[:tag_start] + _as_inline_tag(tag_end - tag_start) + chunk[tag_end:]
        masked.append(unclosed)
        b.rollback(mark[0])
        del st.blocks[mark[1] :], st.units[mark[2] :], st.protected[mark[3] :]
        del comments[mark[4] :]
    for tag_start, _ in masked:
        st.unmapped.append((tag_start, end))
        st.protected.append((tag_start, end))
    return renderer.detached


#: How many unclosed hiding elements one HTML chunk may have repaired.
_MAX_REPAIRS = 4


def _as_inline_tag(n: int) -> str:
    """An inline start tag exactly ``n`` characters long (``n`` >= 3): ``<b   >``."""
    return "<b" + " " * (n - 3) + ">"


class _EventParser(HTMLParser):
    """Records ``(kind, start, payload)`` events with start offsets into its input."""

    def __init__(self, chunk: str) -> None:
        super().__init__(convert_charrefs=False)
        self._chunk = chunk
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", chunk)]
        self._events: list[tuple[str, int, str]] = []
        self.tag_texts: dict[int, str] = {}  # start offset -> the start tag's source

    def events(self) -> list[tuple[str, int, str]]:
        try:
            self.feed(self._chunk)
            self.close()
        except AssertionError:
            # CPython's parser asserts on some malformed declarations ("<![\x18…");
            # a browser shows nothing of a broken declaration, so the rest of the
            # input, from the construct it failed on, is hidden rather than fatal.
            self._events.append(("other", self._at(), ""))
        return self._events

    def _at(self) -> int:
        line, col = self.getpos()  # HTMLParser counts lines by "\n" only, as we do
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: object) -> None:
        at = self._at()
        self._events.append(("start", at, tag))
        self._note_tag(at)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        at = self._at()
        self._events.append(("startend", at, tag))
        self._note_tag(at)

    def _note_tag(self, at: int) -> None:
        text = self.get_starttag_text()
        if text and ("alt" in text or "title" in text or "ALT" in text or "TITLE" in text):
            self.tag_texts[at] = text

    def handle_endtag(self, tag: str) -> None:
        self._events.append(("end", self._at(), tag))

    def handle_data(self, data: str) -> None:
        self._events.append(("data", self._at(), data))

    def handle_entityref(self, name: str) -> None:
        self._events.append(("ref", self._at(), name))

    def handle_charref(self, name: str) -> None:
        self._events.append(("ref", self._at(), name))

    def handle_comment(self, data: str) -> None:
        self._events.append(("comment", self._at(), data))

    def handle_decl(self, decl: str) -> None:
        self._events.append(("other", self._at(), decl))

    def handle_pi(self, data: str) -> None:
        self._events.append(("other", self._at(), data))

    def unknown_decl(self, data: str) -> None:
        self._events.append(("other", self._at(), data))


class _Element:
    """An open block element: where it starts, its first block, what it holds."""

    __slots__ = ("tag", "start", "first", "protected", "cells", "kind")

    def __init__(self, tag: str, start: int, first: int, kind: str) -> None:
        self.tag = tag
        self.kind = kind  # the kind of the blocks inside it (its own, or its parent's)
        self.start = start
        self.first = first
        self.protected = False  # holds a comment, code, an image … (never deleted whole)
        self.cells = 0  # cells seen so far (a table row)


class _Renderer:
    """Turns parser events into builder calls (the rendering rules of the module doc)."""

    def __init__(
        self, b: TextBuilder, source: str, comments: list[tuple[int, int]], st: Structure
    ) -> None:
        self.b = b
        self.source = source
        self.comments = comments
        self.st = st
        self.hidden: list[tuple[str, int]] = []  # (tag, content start) of open hidden elements
        self.ws: tuple[int, int] | None = None  # pending collapsed whitespace
        self.open: list[_Element] = []  # open block elements, outermost first
        self.open_count: Counter[str] = Counter()  # how many of each tag are open
        self.rows: list[_Element] = []  # open table rows, innermost last
        self.block: tuple[int, int] | None = None  # (text start, source start) of the open block
        self.tag_texts: dict[int, str] = {}  # start tags with an alt or title attribute
        self.detached: list[tuple[str, int, int]] = []  # (kind, value start, value end)
        self.cell_end: int | None = None  # where the last table cell ended, if just now

    def render(self, events: list[tuple[str, int, str]], base: int, end: int) -> None:
        starts = [base + e[1] for e in events] + [end]
        for i, (kind, _, payload) in enumerate(events):
            s, e = starts[i], starts[i + 1]
            if kind == "comment":
                self.comments.append((s, e))
                self._protect(s, e)
            elif kind == "other":
                self._protect(s, e)
            elif kind in {"start", "startend"}:
                self._start_tag(payload, s, e, void=kind == "startend")
            elif kind == "end":
                self._end_tag(payload, s, e)
            elif self.hidden:
                continue
            elif kind == "data":
                self._data(s, s + len(payload))
            elif kind == "ref":
                self._text(html.unescape(self.source[s:e]), s, e)
        self._close_block()
        for el in self.open:  # never closed: not a unit (its extent is unknown)
            el.protected = True
        # Bare text may go on its own only where no element holds just it (deleting
        # the text of <p>x</p> would leave <p></p>; a cell never goes alone).
        wrapped = {u.first for u in self.st.units if u.first == u.last and u.kind != "text"}
        self.st.units = [
            u
            for u in self.st.units
            if u.kind != "text"
            or (u.first not in wrapped and self.st.blocks[u.first].kind not in _CELL_KINDS)
        ]

    # -------------------------------------------------------------- structure
    def _protect(self, s: int, e: int) -> None:
        self.st.protected.append((s, e))
        if self.open:  # its ancestors learn it when it closes
            self.open[-1].protected = True

    def _open_block(self) -> None:
        if self.block is None:
            self.block = (len(self.b), self.b.source_end)

    def _close_block(self) -> None:
        if self.block is None:
            return
        t0, s0 = self.block
        self.block = None
        if len(self.b) <= t0:
            return
        kind = self.open[-1].kind if self.open else "paragraph"
        # The block's source starts at its first visible character.
        first = self.b.source_start_of(t0)
        self.st.blocks.append(Block(kind, t0, len(self.b), first, self.b.source_end))
        src = self.source[first : self.b.source_end]
        if "<" not in src and "&" not in src:  # bare text: deleting it deletes no markup
            n = len(self.st.blocks) - 1
            self.st.units.append(Unit("text", n, n, (first, self.b.source_end)))

    def _open_element(self, tag: str, s: int) -> None:
        kind = _BLOCK_KIND.get(tag) or (self.open[-1].kind if self.open else "paragraph")
        self.open.append(_Element(tag, s, len(self.st.blocks), kind))
        self.open_count[tag] += 1
        if tag == "tr":
            self.rows.append(self.open[-1])

    def _close_element(self, tag: str, s: int, e: int) -> None:
        if not self.open_count[tag]:
            return
        self._close_block()
        while self.open:
            el = self.open.pop()
            self.open_count[el.tag] -= 1
            if el.tag == "tr" and self.rows and self.rows[-1] is el:
                self.rows.pop()
            last = len(self.st.blocks) - 1
            explicit = el.tag == tag
            if el.tag not in _NO_UNIT and last >= el.first:
                self.st.units.append(Unit(el.tag, el.first, last, self._removal(el, explicit, e)))
            if el.protected and self.open:
                self.open[-1].protected = True
            if explicit:
                break

    def _removal(self, el: _Element, explicit: bool, e: int) -> tuple[int, int] | None:
        if not explicit or el.protected or el.tag in ("td", "th", "thead", "tr", "tfoot"):
            return None  # a table keeps its rows and cells: only the whole table goes
        start, end = el.start, e
        src = self.source
        ls = start  # back over the blanks before it, to the line start if only blanks
        while ls > 0 and src[ls - 1] in " \t":
            ls -= 1
        le = end
        while le < len(src) and src[le] in " \t\r":
            le += 1
        if (ls == 0 or src[ls - 1] == "\n") and (le == len(src) or src[le] == "\n"):
            return ls, min(le + 1, len(src))  # alone on its lines: the lines go too
        return start, end

    # -------------------------------------------------------------- tags
    def _start_tag(self, tag: str, s: int, e: int, void: bool) -> None:
        if self.hidden and self.hidden[-1][0] == "head" and (tag == "body" or tag in BLOCK_TAGS):
            # A page without </head>: its body closes the head, as in a browser.
            self.hidden.pop()
            self._protect(self.source.rfind("<", 0, e), s)
        if self.hidden:
            if (tag in HIDDEN_TAGS or tag in CODE_TAGS) and not void and tag not in VOID_TAGS:
                self.hidden.append((tag, e))
            return
        self._attributes(s)
        if tag in MEDIA_TAGS:
            self._protect(s, e)  # the linted attribute values are cut out of it later
        if tag == "br":
            self.ws = None
            self.b.replace("\n", s, e)
        elif tag in ("td", "th"):
            row = self.rows[-1] if self.rows else None
            if row is not None and row.cells and not self.b.at_line_start():
                self._close_block()
                self.ws = self.cell_end = None
                self.b.insert("\t", s)  # the next cell of the row, on the same line
            else:
                self._block_break(s)
            if row is not None:
                row.cells += 1
        elif tag in BLOCK_TAGS:
            self._block_break(s)
        if tag in BLOCK_TAGS and not void:
            self._open_element(tag, s)
        if (tag in HIDDEN_TAGS or tag in CODE_TAGS) and not void and tag not in VOID_TAGS:
            if tag in HIDDEN_TAGS:
                self._block_break(s)
            self.hidden.append((tag, e))

    def unclosed_hidden(self) -> tuple[int, int] | None:
        """(start, end) of the outermost hiding start tag never closed (not head/svg/math)."""
        for tag, content_start in self.hidden:
            if tag in ("head", "svg", "math", "select", "canvas", "object"):
                continue
            # Its start tag ends where its content starts, except where the parser
            # swallowed an unclosed script's content whole: look for the tag itself.
            tag_start = self.source.lower().rfind("<" + tag, 0, content_start)
            tag_end = self.source.find(">", tag_start) + 1 if tag_start >= 0 else 0
            if tag_start >= 0 and tag_end - tag_start >= 3:
                return tag_start, tag_end
        return None

    def _attributes(self, s: int) -> int:
        """Note the tag's alt and title attribute values as detached blocks."""
        raw = self.tag_texts.get(s)
        if raw is None:
            return 0
        n = 0
        for m in _ATTR.finditer(raw):
            g = next(i for i in (2, 3, 4) if m.group(i) is not None)
            kind = "alt" if m.group(1).lower() == "alt" else "link-title"
            self.detached.append((kind, s + m.start(g), s + m.end(g)))
            n += 1
        return n

    def _end_tag(self, tag: str, s: int, e: int) -> None:
        if self.hidden:
            names = [t for t, _ in self.hidden]
            if tag not in names:
                return
            while self.hidden:
                name, content_start = self.hidden.pop()
                if name == "title" and not any(t in ("svg", "math") for t, _ in self.hidden):
                    self.detached.append(("title", content_start, s))
                if name == tag:
                    break
            if not self.hidden:
                self._protect(content_start, e)
            if not self.hidden and tag in CODE_TAGS and self.source[content_start:s].strip():
                self._text(PLACEHOLDER, content_start, s)
            return
        if tag in ("td", "th"):
            self._close_block()
            # The next cell starts with a tab; stray text after the cell is a word
            # apart from it: its own blank, or a line break if it has none.
            self.cell_end = s
        elif tag in BLOCK_TAGS or tag == "br":
            self._block_break(s)
        if tag in BLOCK_TAGS:
            self._close_element(tag, s, e)

    def _block_break(self, at: int) -> None:
        self._close_block()
        self.ws = None
        self.cell_end = None
        if not self.b.at_line_start():
            self.b.insert("\n", at)

    # -------------------------------------------------------------- text
    def _data(self, s: int, e: int) -> None:
        pos = s
        for m in _WS_RUN.finditer(self.source, s, e):
            if m.start() > pos:
                self._flush_ws()
                self._open_block()
                self.b.copy(pos, m.start())
            if self.ws is None and not self.b.at_line_start():
                self.ws = (m.start(), m.end())
            pos = m.end()
        if pos < e:
            self._flush_ws()
            self._open_block()
            self.b.copy(pos, e)

    def _text(self, text: str, s: int, e: int) -> None:
        if text and all(c in _HTML_WS for c in text):
            if self.ws is None and not self.b.at_line_start():
                self.ws = (s, e)
            return
        self._flush_ws()
        self._open_block()
        self.b.replace(text, s, e)

    def _flush_ws(self) -> None:
        if self.ws is not None:
            s, e = self.ws
            self.b.replace(" ", s, e)
            self.ws = None
        elif self.cell_end is not None and not self.b.at_line_start():
            self.b.insert("\n", self.cell_end)
        self.cell_end = None
