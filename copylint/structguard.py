"""The last line of defence: a fixed Markdown or HTML file must parse to the same tree.

:mod:`copylint.fixmap` confines each fix to the element it claims, but two
fixes that are each fine can still interact (deleting the only paragraph
between two indented code blocks makes them one).  :func:`keeps_structure`
compares the block tree before and after a pass of fixes: the new tree must
be the old one with whole subtrees removed, every table and every code block
unchanged, and no element left empty that held something.  The fixer backs
off to the fixes that keep it (see :func:`copylint.fixes.fix_text`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

from .formats import format_for_path

Tree = tuple[str, list["Tree"]]
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M
)
_EXACT = ("table", "fence", "code_block")  # compared whole, never pruned inside


def guard_for(path: str, fmt: str | None = None) -> Callable[[str, str], bool] | None:
    """The structure check for ``path``'s format; None for plain text."""
    kind = fmt or format_for_path(path)
    if kind == "md":
        return _markdown_keeps
    if kind == "html":
        return _html_keeps
    return None


def keeps_structure(path: str, old: str, new: str) -> bool:
    """True when ``new`` is ``old`` with whole elements removed (plain text: always)."""
    guard = guard_for(path)
    return True if guard is None else guard(old, new)


def markdown_tree(source: str) -> Tree:
    """The block tree of a Markdown source; tables and code carry their content."""
    from .formats.markdown import _MD

    m = _FRONT_MATTER.match(source)
    front = m.group(0) if m else ""
    root: Tree = ("root" + front, [])
    stack = [root]
    tokens = _MD.parse(source[len(front) :])
    for tok in tokens:
        if tok.nesting == 1:
            node: Tree = (tok.type[: -len("_open")], [])
            stack[-1][1].append(node)
            stack.append(node)
        elif tok.nesting == -1:
            stack.pop()
        elif tok.type == "inline":
            parent = stack[-1]
            if parent[0] in ("th", "td"):
                parent[1].append(("cell", []))
        elif tok.type in ("fence", "code_block"):
            stack[-1][1].append((tok.type + "\0" + tok.content, []))
        else:
            stack[-1][1].append((tok.type, []))
    return root


def _markdown_keeps(old: str, new: str) -> bool:
    a, b = markdown_tree(old), markdown_tree(new)
    # Code is never removed: a pruning that drops a code block (it merged into a list
    # item above it) is a structure change.
    return is_pruned(a, b) and Counter(_code(a)) == Counter(_code(b))


def _code(tree: Tree) -> list[str]:
    out = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if "\0" in node[0]:
            out.append(node[0])
        stack.extend(node[1])
    return out


def is_pruned(old: Tree, new: Tree) -> bool:
    """True when ``new`` is ``old`` with some whole subtrees deleted."""
    if old[0] != new[0]:
        return False
    if old[0] in _EXACT:
        return old == new
    i = 0
    for child in new[1]:
        while i < len(old[1]) and not is_pruned(old[1][i], child):
            i += 1
        if i == len(old[1]):
            return False
        i += 1
    return True


class _HtmlTree(HTMLParser):
    _VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "param",
            "source",
            "track",
            "wbr",
        ]
    )
    _RAW = frozenset(("pre", "script", "style", "textarea", "code"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Tree = ("root", [])
        self.stack = [self.root]
        self.filled = [True]
        self.empty = 0
        self.raw: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        node: Tree = (tag, [])
        self.stack[-1][1].append(node)
        if tag in self._VOID:
            self.filled[-1] = True
            return
        self.stack.append(node)
        self.filled.append(False)

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) > 1 and self.stack[-1][0] == tag:
            self.stack.pop()
            filled = self.filled.pop()
            self.empty += not filled
            self.filled[-1] = self.filled[-1] or filled

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.filled[-1] = True
        if self.stack[-1][0] in self._RAW:
            self.raw.append(data)

    def handle_comment(self, data: str) -> None:
        self.raw.append("<!--" + data)
        self.filled[-1] = True


def _html_tree(source: str) -> _HtmlTree:
    t = _HtmlTree()
    try:
        t.feed(source)
        t.close()
    except AssertionError:  # CPython's parser on some broken declarations
        pass
    return t


def _html_keeps(old: str, new: str) -> bool:
    a, b = _html_tree(old), _html_tree(new)
    tables_whole = not Counter(map(repr, _tables(b.root))) - Counter(map(repr, _tables(a.root)))
    return (
        is_pruned(a.root, b.root)
        and tables_whole
        and b.empty <= a.empty
        and sorted(b.raw) == sorted(a.raw)
    )


def _tables(tree: Tree) -> list[Tree]:
    """Every table subtree, for comparing whole (an HTML table keeps its rows)."""
    out = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if node[0] == "table":
            out.append(node)
        stack.extend(node[1])
    return out
