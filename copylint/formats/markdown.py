"""Markdown adapter: the prose of a Markdown file, with exact source offsets.

markdown-it-py (CommonMark plus tables and strikethrough) parses the file;
its block tokens carry line maps, and its inline tokens are matched back to
the source here with a cursor: with the ``text_join`` core rule disabled,
every ``text`` token is a verbatim slice of its block's inline content, and
every other token has a known source shape (``markup`` for emphasis, entities
and escapes; CommonMark's own link, image and autolink rules, run in silent
mode, for where a link ends).  The inline content itself maps to source lines
by aligning each content line with its source line.

What the text view gets:

* YAML front matter is skipped and parsed (safely) into
  ``metadata["front_matter"]`` (a dict; ``metadata["front_matter_error"]`` on
  bad YAML);
* fenced and indented code, thematic breaks: nothing; raw HTML blocks: their
  visible text, as the HTML adapter renders it;
* each paragraph, heading and list item on its own line, each table row on
  its own line with its cells separated by a tab (a cell is never a line of
  its own); a blank line where the source has one between blocks; a soft
  line break inside a paragraph reads as a space, a hard break as a line end;
* markup characters (``#``, ``>``, list markers, ``*``/``_``/``~~``, link
  brackets, link targets, table pipes) dropped, so ``*Mission: Impossible*with``
  reads "Mission: Impossiblewith";
* code spans, images, autolinks and bare URLs as one :data:`PLACEHOLDER`;
* escapes and entities decoded (atomic runs).

``metadata["comments"]`` lists the source ranges of HTML comments (for
suppressions).  ``Document.structure`` (see :mod:`copylint.structure`) gives
every block its kind and every element the source lines that deleting it
removes: its own lines and the blank lines that separate it from a sibling.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, autolink, image, link
from markdown_it.token import Token

from ..document import Document
from ..structure import Block, Structure, Unit
from ._builder import PLACEHOLDER, TextBuilder
from .html import extract_html

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*(?:\r\n|\r|\n)(?P<body>.*?)^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)",
    re.DOTALL | re.MULTILINE,
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\[\]]*[^\s<>\[\].,;:!?'\")*_~]", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # text_join would merge decoded entities and escapes into the text tokens,
    # which must stay verbatim source slices for the cursor to follow them.
    md.disable("text_join")
    return md


_MD = _parser()


class _Node:
    """A block token of markdown-it's stream, with its lines and the blocks it holds."""

    __slots__ = ("kind", "map", "parent", "first", "last", "children")

    def __init__(self, kind: str, span: tuple[int, int], parent: _Node | None, first: int) -> None:
        self.kind = kind
        self.map = span
        self.parent = parent
        self.first = first  # index of its first block
        self.last = first - 1  # index of its last block (set when it closes)
        self.children: list[_Node] = []


def _span(tok: Token, parent: _Node) -> tuple[int, int]:
    if tok.map is not None:
        return int(tok.map[0]), int(tok.map[1])
    return parent.map  # table cells have no map of their own: their row's


_LISTS = ("bullet_list", "ordered_list")


def _would_merge(before: _Node, after: _Node) -> bool:
    """True when ``before`` and ``after`` would become one block with nothing between them
    (two indented code blocks; two lists; a list and the indented code after it)."""
    if before.kind == "code_block" and after.kind == "code_block":
        return True
    return before.kind in _LISTS and after.kind in (*_LISTS, "code_block")


_KIND_OF = {
    "heading": "heading",
    "th": "table-header",
    "td": "table-cell",
    "list_item": "list-item",
    "blockquote": "blockquote",
}


def _kind(stack: list[_Node]) -> str:
    """The block kind of an inline token: its innermost container that has one."""
    for node in reversed(stack):
        kind = _KIND_OF.get(node.kind)
        if kind is not None:
            return kind
    return "paragraph"


class _Misaligned(Exception):
    """The token stream disagreed with the source; the block falls back to plain text."""


def markdown_document(source: str, path: str = "<markdown>") -> Document:
    """The Document of a Markdown file (see the module docstring)."""
    metadata: dict[str, Any] = {}
    comments: list[tuple[int, int]] = []
    metadata["comments"] = comments
    masked = source
    fm = _FRONT_MATTER.match(source)
    if fm is not None:
        _read_front_matter(fm.group("body"), metadata)
        # Blank the front matter out for the parser, keeping every offset and line.
        masked = re.sub(r"[^\r\n]", " ", source[: fm.end()]) + source[fm.end() :]
    walker = _Walker(source, comments, metadata)
    if fm is not None:
        walker.st.protected.append((0, fm.end()))
    env: dict[str, Any] = {}
    walker.walk(_MD.parse(masked, env), env)
    walker.st.protected.extend(comments)
    return walker.b.build(path, "md", metadata, walker.st)


def _read_front_matter(body: str, metadata: dict[str, Any]) -> None:
    try:
        data = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        metadata["front_matter"] = {}
        # One line: the reason and where, not PyYAML's multi-line excerpt with a caret.
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f" (front matter line {mark.line + 1})" if mark is not None else ""
        metadata["front_matter_error"] = f"invalid YAML: {reason}{where}"
        return
    if not isinstance(data, dict):
        metadata["front_matter"] = {}
        metadata["front_matter_error"] = "front matter is not a mapping"
        return
    metadata["front_matter"] = data


class _Walker:
    """Walks the block tokens, writing each block's text into the builder."""

    def __init__(
        self, source: str, comments: list[tuple[int, int]], metadata: dict[str, Any]
    ) -> None:
        self.source = source
        self.comments = comments
        self.metadata = metadata
        self.b = TextBuilder(source)
        self.st = Structure()
        # (start, content end, end with line terminator) of every source line,
        # numbered as markdown-it numbers them (it splits on \r\n, \r and \n too).
        self.lines: list[tuple[int, int, int]] = []
        for m in _LINE.finditer(source):
            if m.start() == len(source) and self.lines:
                break
            text = m.group(0)
            self.lines.append((m.start(), m.start() + len(text.rstrip("\r\n")), m.end()))
        self._line_starts = [start for start, _, _ in self.lines]
        self.last_line = -1  # source line of the end of the last block written
        self.last_cell_row = -1  # source line of the last table cell written
        self._cell_cursor = 0  # where the next cell of that row is looked for

    # ------------------------------------------------------------ blocks
    def walk(self, tokens: list[Token], env: dict[str, Any]) -> None:
        root = _Node("root", (0, len(self.lines)), None, 0)
        stack = [root]
        for i, tok in enumerate(tokens):
            if tok.nesting == 1:
                node = _Node(
                    tok.type[: -len("_open")], _span(tok, stack[-1]), stack[-1], self._nb()
                )
                stack[-1].children.append(node)
                stack.append(node)
                continue
            if tok.nesting == -1:
                if len(stack) > 1:
                    stack.pop().last = self._nb() - 1
                continue
            if tok.type == "inline" and tok.map is not None:
                parent = tokens[i - 1].type if i else ""
                self._inline_block(tok, env, cell=parent in ("th_open", "td_open"), stack=stack)
            elif tok.map is not None:
                leaf = _Node(tok.type, _span(tok, stack[-1]), stack[-1], self._nb())
                stack[-1].children.append(leaf)
                if tok.type == "html_block":
                    self._html_block(tok.map[0], tok.map[1] - 1)
                elif tok.type in ("fence", "code_block"):
                    self.st.protected.append(self._line_range(*leaf.map))
                leaf.last = self._nb() - 1
        self._units(root)

    def _nb(self) -> int:
        return len(self.st.blocks)

    def _line_range(self, first: int, end: int) -> tuple[int, int]:
        """Source range of lines ``first..end-1`` with their line ends."""
        end = min(end, len(self.lines))
        if end <= first:
            return (
                (self.lines[first][0], self.lines[first][0]) if first < len(self.lines) else (0, 0)
            )
        return self.lines[first][0], self.lines[end - 1][2]

    def _blank(self, line: int) -> bool:
        """True for a line with nothing but blanks and block-quote markers."""
        s, e, _ = self.lines[line]
        return not self.source[s:e].strip(" \t>")

    # ------------------------------------------------------------ units
    def _units(self, node: _Node) -> None:
        for k, child in enumerate(node.children):
            self._units(child)
            if child.first > child.last or child.kind in ("thead", "tbody"):
                continue
            self.st.units.append(
                Unit(child.kind, child.first, child.last, self._removal(child, node, k))
            )

    def _removal(self, node: _Node, parent: _Node, k: int) -> tuple[int, int] | None:
        """The source range that deleting ``node`` removes, or None if it cannot go alone."""
        if node.kind in ("th", "td", "inline"):
            return None
        if node.kind == "tr":
            return None  # a table keeps its rows: only the whole table goes
        a = node.parent
        while a is not None and a.kind != "root":
            if a.kind == "list_item" and a.map[0] == node.map[0]:
                return None  # its first line carries the list item's marker
            a = a.parent
        first, end = node.map
        siblings = parent.children
        if 0 < k < len(siblings) - 1 and _would_merge(siblings[k - 1], siblings[k + 1]):
            return None
        if k + 1 < len(siblings):
            stop = siblings[k + 1].map[0]
            while end < stop and self._blank(end):
                end += 1
        elif k > 0:
            stop = siblings[k - 1].map[1]
            while first > stop and self._blank(first - 1):
                first -= 1
            if parent.kind == "root":  # the end of the file: no blank lines left behind
                while end < len(self.lines) and self._blank(end):
                    end += 1
        return self._line_range(first, end)

    def _separate(self, first_line: int, at: int) -> None:
        """Line break(s) before a block starting on ``first_line`` at offset ``at``."""
        b = self.b
        if not len(b):
            return
        if not b.at_line_start():
            self._line_end(self.last_line, at)
        if first_line > self.last_line + 1 and not b.endswith("\n\n"):
            self._line_end(self.last_line + 1, at)

    def _line_end(self, line: int, limit: int) -> None:
        """A "\\n" mapped to ``line``'s line end (or inserted at ``limit`` if that cannot be)."""
        b = self.b
        if 0 <= line < len(self.lines):
            _, ce, te = self.lines[line]
            if te > ce >= b.source_end and te <= limit:
                b.replace("\n", ce, te)
                return
        b.insert("\n", max(b.source_end, min(limit, len(self.source))))

    def _html_block(self, first: int, last: int) -> None:
        start = self.lines[first][0]
        end = self.lines[min(last, len(self.lines) - 1)][1]
        self._separate(first, start)
        extract_html(self.b, self.source, start, end, self.comments, self.st)
        self.last_line = last
        self.last_cell_row = -1

    def _inline_block(
        self, tok: Token, env: dict[str, Any], cell: bool, stack: list[_Node]
    ) -> None:
        content = tok.content
        if not content:
            return
        assert tok.map is not None
        src_of = self._align(content, tok.map[0], cell)
        first_line = self._line_of(src_of[0])
        last_line = self._line_of(src_of[-1])
        if cell and first_line == self.last_cell_row and len(self.b):
            # The cells of a row share its line, a tab apart: a cell is never a line.
            if not self.b.at_line_start():
                self.b.insert("\t", max(self.b.source_end, src_of[0]))
        else:
            self._separate(first_line, src_of[0])
        text_start = len(self.b)
        mark = self.b.mark()
        inline = _Inline(self, content, src_of)
        try:
            inline.walk(tok.children or [], env)
        except (_Misaligned, ValueError) as exc:
            self.b.rollback(mark)
            _Inline(self, content, src_of).plain()
            warnings = self.metadata.setdefault("warnings", [])
            warnings.append(
                f"line {first_line + 1}: inline markup not mapped ({exc});"
                " block shown as plain text"
            )
            self.st.unmapped.append((src_of[0], src_of[-1] + 1))
        self.st.blocks.append(
            Block(_kind(stack), text_start, len(self.b), src_of[0], src_of[-1] + 1)
        )
        self.last_line = last_line
        self.last_cell_row = first_line if cell else -1

    def _line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset) - 1

    # ------------------------------------------------------------ alignment
    def _align(self, content: str, first_line: int, cell: bool) -> list[int]:
        """Source offset of every content character ("\\n" -> its source line end).

        A paragraph or heading line is the tail of its source line (container
        markers and indentation stripped; a heading's closing ``#``s follow it),
        so it is matched from the right.  A table cell is matched from the left
        after the previous cell of its row (escaped pipes lose their backslash).
        """
        src = self.source
        out: list[int] = []
        if cell:
            ls, ce, _ = self.lines[first_line]
            j = max(ls, self._cell_cursor) if self.last_cell_row == first_line else ls
            k = src.find(content, j, ce)
            if k >= 0:  # the common case: the cell is verbatim
                self._cell_cursor = k + len(content)
                return list(range(k, k + len(content)))
            for ch in content:
                k = src.find(ch, j, ce)
                if k < 0:
                    out.append(j)
                else:
                    out.append(k)
                    j = k + 1
            self._cell_cursor = j
            return out
        for n, cl in enumerate(content.split("\n")):
            line = min(first_line + n, len(self.lines) - 1)
            ls, ce, _ = self.lines[line]
            if n:
                out.append(self.lines[line - 1][1])  # the "\n" between content lines
            tail = ce
            while tail > ls and src[tail - 1] in " \t":
                tail -= 1
            fast = [e for e in (ce, tail) if e - len(cl) >= ls and src.startswith(cl, e - len(cl))]
            if fast:  # the common case: the line is a verbatim tail of its source line
                out.extend(range(fast[0] - len(cl), fast[0]))
                continue
            mapped = [ls] * len(cl)
            j = ce - 1
            for idx in range(len(cl) - 1, -1, -1):
                while j >= ls and src[j] != cl[idx]:
                    j -= 1
                if j < ls:
                    break  # leftover leading blanks (tabs expanded by the parser)
                mapped[idx] = j
                j -= 1
            out.extend(mapped)
        return out


class _Inline:
    """Follows one inline token's children through its content with a cursor."""

    def __init__(self, walker: _Walker, content: str, src_of: list[int]) -> None:
        self.w = walker
        self.b = walker.b
        self.source = walker.source
        self.content = content
        self.src_of = src_of
        self.urls = [m.span() for m in _URL.finditer(content)]
        self.skip_until = 0  # content offset before which nothing more is written

    # ------------------------------------------------------------ emitters
    def visible(self, c0: int, c1: int) -> None:
        """Show content[c0:c1] (verbatim source characters), URLs as a placeholder."""
        k = max(c0, self.skip_until)
        for us, ue in self.urls:
            if us < c0 or us >= c1 or ue <= k:
                continue  # only URLs that start in this visible text (not in a link target)
            self._copy(k, max(k, us))
            start = max(k, us)
            self._atomic(PLACEHOLDER, start, ue)
            k = self.skip_until = ue
        self._copy(k, c1)

    def plain(self) -> None:
        """Show the whole content with its markup (the fallback when the walk fails)."""
        pos = 0
        for k, ch in enumerate(self.content):
            if ch == "\n":
                self._copy(pos, k)
                self._break(" ", k)
                pos = k + 1
        self._copy(pos, len(self.content))

    def _copy(self, c0: int, c1: int) -> None:
        src, content, src_of = self.source, self.content, self.src_of
        if c1 <= c0:
            return
        s0 = src_of[c0]
        if src_of[c1 - 1] - s0 == c1 - c0 - 1 and src.startswith(content[c0:c1], s0):
            self.b.copy(s0, s0 + c1 - c0)  # the common case: one verbatim stretch
            return
        run_start = run_end = -1
        for k in range(c0, c1):
            s = src_of[k]
            if src[s] != content[k] or s < max(run_end, self.b.source_end):
                # A character the parser made up (expanded tab, U+FFFD for NUL), or
                # one the alignment mapped to a source offset already written.
                continue
            if s == run_end:
                run_end += 1
                continue
            if run_start >= 0:
                self.b.copy(run_start, run_end)
            run_start, run_end = s, s + 1
        if run_start >= 0:
            self.b.copy(run_start, run_end)

    def _atomic(self, text: str, c0: int, c1: int) -> None:
        """Show ``text`` for content[c0:c1] as one piece."""
        if c0 < self.skip_until or c1 <= c0:
            return
        s = self.src_of[c0]
        last = self.src_of[c1 - 1]
        e = last + (self._term_len(last) if self.content[c1 - 1] == "\n" else 1)
        self.b.replace(text, s, e)
        if text == PLACEHOLDER:
            self.w.st.protected.append((s, e))

    def _term_len(self, s: int) -> int:
        return 2 if self.source.startswith("\r\n", s) else 1

    def _break(self, text: str, k: int) -> None:
        s = self.src_of[k]
        self.b.replace(text, s, s + self._term_len(s))

    # ------------------------------------------------------------ walk
    def walk(self, children: list[Token], env: dict[str, Any]) -> None:
        content = self.content
        c = 0
        ends: list[int] = []
        i = 0
        while i < len(children):
            t = children[i]
            ty = t.type
            if ty == "text":
                self._expect(t.content, c, t)
                self.visible(c, c + len(t.content))
                c += len(t.content)
            elif ty == "text_special":
                self._expect(t.markup, c, t)
                if c >= self.skip_until:
                    self._atomic(t.content, c, c + len(t.markup))
                c += len(t.markup)
            elif ty in ("softbreak", "hardbreak"):
                j = c
                while j < len(content) and content[j] in " \t\\":
                    j += 1
                if j >= len(content) or content[j] != "\n":
                    raise _Misaligned(f"{ty} without a line end at {c}")
                self._break(" " if ty == "softbreak" else "\n", j)
                j += 1
                while j < len(content) and content[j] in " \t":
                    j += 1
                c = j
            elif ty in _EMPHASIS:
                self._expect(t.markup, c, t)
                c += len(t.markup)
            elif ty == "code_inline":
                end = _code_span_end(content, c, len(t.markup))
                self._atomic(PLACEHOLDER, c, end)
                c = end
            elif ty == "link_open" and t.markup == "autolink":
                end = self._rule_end(autolink, c, env)
                self._atomic(PLACEHOLDER, c, end)
                c = end
                while i < len(children) and children[i].type != "link_close":
                    i += 1
            elif ty == "link_open":
                self._expect("[", c, t)
                ends.append(self._rule_end(link, c, env))
                c += 1
            elif ty == "link_close":
                self._expect("]", c, t)
                if not ends:
                    raise _Misaligned("link_close without link_open")
                c = ends.pop()
            elif ty == "image":
                end = self._rule_end(image, c, env)
                self._atomic(PLACEHOLDER, c, end)
                c = end
            elif ty == "html_inline":
                self._expect(t.content, c, t)
                end = c + len(t.content)
                if _BR.fullmatch(t.content):
                    self._atomic("\n", c, end)
                elif t.content.startswith("<!--"):
                    self.w.comments.append((self.src_of[c], self.src_of[end - 1] + 1))
                c = end
            else:
                raise _Misaligned(f"unexpected inline token {ty}")
            i += 1

    def _expect(self, text: str, c: int, tok: Token) -> None:
        if not self.content.startswith(text, c):
            raise _Misaligned(f"{tok.type} {text!r} not found at {c}")

    def _rule_end(self, rule: Any, c: int, env: dict[str, Any]) -> int:
        """Where CommonMark's ``rule`` (link, image, autolink) ends when it starts at ``c``."""
        state = StateInline(self.content, _MD, env, [])
        state.pos = c
        if not rule(state, True):
            raise _Misaligned(f"{rule.__name__} did not match at {c}")
        return int(state.pos)


def _code_span_end(content: str, c: int, n: int) -> int:
    """End of the code span opened by the ``n`` backticks at ``c`` (CommonMark rule)."""
    if content[c : c + n] != "`" * n:
        raise _Misaligned(f"code span without its backticks at {c}")
    j = c + n
    while True:
        k = content.find("`", j)
        if k < 0:
            raise _Misaligned(f"code span not closed after {c}")
        m = k
        while m < len(content) and content[m] == "`":
            m += 1
        if m - k == n:
            return m
        j = m
