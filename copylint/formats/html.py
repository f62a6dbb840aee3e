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
* inline ``code``/``kbd``/``samp`` as one :data:`PLACEHOLDER` character.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..document import Document
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
_HTML_WS = " \t\n\r\f"
_WS_RUN = re.compile(r"[ \t\n\r\f]+")


def html_document(source: str, path: str = "<html>") -> Document:
    """The Document of an HTML file; ``metadata["comments"]`` lists comment ranges."""
    b = TextBuilder(source)
    comments: list[tuple[int, int]] = []
    extract_html(b, source, 0, len(source), comments)
    return b.build(path, "html", {"comments": comments})


def extract_html(
    b: TextBuilder, source: str, start: int, end: int, comments: list[tuple[int, int]]
) -> None:
    """Write the visible text of ``source[start:end]`` into ``b``; note comment ranges.

    Used for whole HTML files and for raw HTML blocks inside Markdown.
    """
    parser = _EventParser(source[start:end])
    events = parser.events()
    _Renderer(b, source, comments).render(events, start, end)


class _EventParser(HTMLParser):
    """Records ``(kind, start, payload)`` events with start offsets into its input."""

    def __init__(self, chunk: str) -> None:
        super().__init__(convert_charrefs=False)
        self._chunk = chunk
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", chunk)]
        self._events: list[tuple[str, int, str]] = []

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
        self._events.append(("start", self._at(), tag))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._events.append(("startend", self._at(), tag))

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


class _Renderer:
    """Turns parser events into builder calls (the rendering rules of the module doc)."""

    def __init__(self, b: TextBuilder, source: str, comments: list[tuple[int, int]]) -> None:
        self.b = b
        self.source = source
        self.comments = comments
        self.hidden: list[tuple[str, int]] = []  # (tag, content start) of open hidden elements
        self.ws: tuple[int, int] | None = None  # pending collapsed whitespace

    def render(self, events: list[tuple[str, int, str]], base: int, end: int) -> None:
        starts = [base + e[1] for e in events] + [end]
        for i, (kind, _, payload) in enumerate(events):
            s, e = starts[i], starts[i + 1]
            if kind == "comment":
                self.comments.append((s, e))
            elif kind == "start" or kind == "startend":
                self._start_tag(payload, s, e, void=kind == "startend")
            elif kind == "end":
                self._end_tag(payload, s, e)
            elif self.hidden:
                continue
            elif kind == "data":
                self._data(s, s + len(payload))
            elif kind == "ref":
                self._text(html.unescape(self.source[s:e]), s, e)

    # -------------------------------------------------------------- tags
    def _start_tag(self, tag: str, s: int, e: int, void: bool) -> None:
        if self.hidden:
            if (tag in HIDDEN_TAGS or tag in CODE_TAGS) and not void and tag not in VOID_TAGS:
                self.hidden.append((tag, e))
            return
        if tag == "br":
            self.ws = None
            self.b.replace("\n", s, e)
        elif tag in BLOCK_TAGS:
            self._block_break(s)
        if (tag in HIDDEN_TAGS or tag in CODE_TAGS) and not void and tag not in VOID_TAGS:
            if tag in HIDDEN_TAGS:
                self._block_break(s)
            self.hidden.append((tag, e))

    def _end_tag(self, tag: str, s: int, e: int) -> None:
        if self.hidden:
            names = [t for t, _ in self.hidden]
            if tag not in names:
                return
            while self.hidden:
                name, content_start = self.hidden.pop()
                if name == tag:
                    break
            if not self.hidden and tag in CODE_TAGS and self.source[content_start:s].strip():
                self._text(PLACEHOLDER, content_start, s)
            return
        if tag in BLOCK_TAGS or tag == "br":
            self._block_break(s)

    def _block_break(self, at: int) -> None:
        self.ws = None
        if not self.b.at_line_start():
            self.b.insert("\n", at)

    # -------------------------------------------------------------- text
    def _data(self, s: int, e: int) -> None:
        pos = s
        for m in _WS_RUN.finditer(self.source, s, e):
            if m.start() > pos:
                self._flush_ws()
                self.b.copy(pos, m.start())
            if self.ws is None and not self.b.at_line_start():
                self.ws = (m.start(), m.end())
            pos = m.end()
        if pos < e:
            self._flush_ws()
            self.b.copy(pos, e)

    def _text(self, text: str, s: int, e: int) -> None:
        if text and all(c in _HTML_WS for c in text):
            if self.ws is None and not self.b.at_line_start():
                self.ws = (s, e)
            return
        self._flush_ws()
        self.b.replace(text, s, e)

    def _flush_ws(self) -> None:
        if self.ws is not None:
            s, e = self.ws
            self.b.replace(" ", s, e)
            self.ws = None
