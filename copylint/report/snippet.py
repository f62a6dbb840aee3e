"""The source excerpt under a finding in ``--output-format full``, and terminal colours.

Articles keep whole paragraphs on one line, so the excerpt is a window of the
line around the finding (cut at word boundaries, with an ellipsis), with a
caret line under the flagged characters::

      |
    3 | …the stunt work that Tom Cruz does himself, and the film opens…
      |                      ^^^^^^^^
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import click

from ..diagnostics import Diagnostic, Severity
from ..textsafe import printable

WINDOW = 40  # characters of context on each side of the flagged text
_LINE_END = re.compile(r"\r\n|\r|\n")

SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class Palette:
    """Styles for the text report; every method returns its text unchanged when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _style(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.enabled else text  # type: ignore[arg-type]

    def path(self, text: str) -> str:
        """A file path: bold."""
        return self._style(text, bold=True)

    def code(self, text: str, severity: Severity) -> str:
        """A rule code, coloured by severity (the report also says the severity in words)."""
        return self._style(text, fg=SEVERITY_COLOURS[severity], bold=True)

    def mark(self, text: str) -> str:
        """The ``[*]`` fixable mark."""
        return self._style(text, fg="cyan")

    def fix(self, text: str) -> str:
        """A fix or suggestion line."""
        return self._style(text, fg="green")

    def dim(self, text: str) -> str:
        """Gutter and caret lines."""
        return self._style(text, fg="bright_black")


def _width(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clean(text: str) -> str:
    # Untrusted text: controls, bidi marks and raw bytes are shown escaped (textsafe).
    return printable(text.replace("\t", " "))


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """``line`` cut to WINDOW characters around ``[start, end)``: (text, start, end) in it."""
    left = max(0, start - WINDOW)
    right = min(len(line), end + WINDOW)
    if left > 0:
        space = line.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(line):
        space = line.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    return shown, start - left + len(prefix), end - left + len(prefix)


def excerpt(d: Diagnostic, source: str, palette: Palette) -> list[str]:
    """The gutter, the windowed source line and the caret line for ``d``."""
    lines = _LINE_END.split(source)
    if not 1 <= d.line <= len(lines):
        return []
    line = lines[d.line - 1]
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else len(line)
    end = max(end, start + 1)
    shown, s, e = _window(line, start, min(end, len(line)) if line else start)
    before, flagged, after = _clean(shown[:s]), _clean(shown[s:e]), _clean(shown[e:])
    shown = before + flagged + after
    number = str(d.line)
    gutter = " " * len(number)
    caret = " " * _width(before) + "^" * max(1, _width(flagged))
    return [
        palette.dim(f"{gutter} |"),
        f"{palette.dim(f'{number} |')} {shown}",
        f"{palette.dim(f'{gutter} |')} {palette.code(caret, d.severity)}",
    ]


def source_reader() -> Callable[[str], str | None]:
    """A memoised reader of the current text of report paths (None for stdin or unreadable)."""
    cache: dict[str, str | None] = {}

    def read(path: str) -> str | None:
        if path not in cache:
            text = None
            if path != "-":
                try:
                    with open(path, "rb") as fh:
                        text = fh.read().decode("utf-8", "replace")
                except OSError:
                    text = None
            cache[path] = text
        return cache[path]

    return read
