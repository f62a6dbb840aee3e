"""Format adapters: turn a decoded file into a :class:`~copylint.document.Document`.

``build_document(path, text, fmt=None)`` picks the adapter from ``fmt`` or the
path's extension:

========================  ==========================================================
``txt`` (default)         the text as is; CRLF shown as LF; copylint directives hidden
``md`` / ``markdown``     front matter, code, URLs, link targets and markup hidden
``html`` / ``htm``        only visible text; entities decoded; blocks become lines
========================  ==========================================================

Every adapter keeps the source offsets: each text-view character maps to the
source character(s) it came from (see :class:`~copylint.document.OffsetMap`).
Unlinted inline objects (code spans, URLs, images) show as :data:`PLACEHOLDER`.
"""

from __future__ import annotations

import os
import re

from ..document import Document
from ..errors import InputError
from ._builder import PLACEHOLDER, TextBuilder

__all__ = ["FORMATS", "PLACEHOLDER", "build_document", "format_for_path", "plain_document"]

#: Format name -> canonical format ("txt", "md" or "html").
FORMATS = {
    "txt": "txt",
    "text": "txt",
    "md": "md",
    "markdown": "md",
    "html": "html",
    "htm": "html",
}

_EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def format_for_path(path: str) -> str:
    """The canonical format of ``path`` by its extension; ``"txt"`` for anything else."""
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "txt")


def build_document(path: str, text: str, fmt: str | None = None) -> Document:
    """Build the Document for ``text`` read from ``path``.

    ``fmt`` overrides the extension (any key of :data:`FORMATS`); an unknown
    ``fmt`` raises :class:`~copylint.errors.InputError`.
    """
    if fmt is None:
        kind = format_for_path(path)
    else:
        try:
            kind = FORMATS[fmt.lower()]
        except KeyError:
            raise InputError(
                path, f"unknown format {fmt!r} (expected one of {', '.join(sorted(FORMATS))})"
            ) from None
    if kind == "md":
        from .markdown import markdown_document

        return markdown_document(text, path)
    if kind == "html":
        from .html import html_document

        return html_document(text, path)
    return plain_document(text, path)


_LINE_END = re.compile(r"\r\n?")


def plain_document(text: str, path: str = "<text>") -> Document:
    """A plain-text Document: CRLF/CR shown as LF, copylint directives hidden."""
    if "copylint:" not in text:  # no directive; and no import of their parser (issue 7)
        return Document.plain(text, path)
    from ..suppressions import directive_spans

    hidden = directive_spans(text)
    if not hidden:
        return Document.plain(text, path)
    b = TextBuilder(text)
    pos = 0
    for start, end in [*hidden, (len(text), len(text))]:
        _copy_lines(b, text, pos, start)
        pos = end
    return b.build(path, "txt", {})


def _copy_lines(b: TextBuilder, text: str, start: int, end: int) -> None:
    """Copy ``text[start:end]``, showing CRLF and lone CR as LF."""
    pos = start
    for m in _LINE_END.finditer(text, start, end):
        b.copy(pos, m.start())
        b.replace("\n", m.start(), m.end())
        pos = m.end()
    b.copy(pos, end)
