"""``--add-suppressions``: baseline an archive, as ruff's ``--add-noqa`` does.

Every line with findings gets an ``ignore`` directive naming their codes, in
the format's own syntax (``[copylint: ignore=CL301]`` in plain text,
``<!-- copylint: ignore=CL301 -->`` in Markdown and HTML), so that the next run
starts clean and only new findings are reported.

A baseline must never damage a file, so each candidate is checked before it
is written: the directive goes where a comment is harmless (before a line's
trailing white space or hard break, inside a table row's last cell, never
inside an HTML tag), the new text is linted again, and it is written only if
(a) the text the rules read is exactly what it was (the directives are hidden,
so nothing else moved) and (b) none of the suppressed findings is left.  A
line that fails either check is left alone and counted as skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .document import Document
from .formats import build_document, format_for_path

# Engine findings about the run itself (crashes, bad suppressions, timeouts, front
# matter) are not baselined: they need attention, not silence.
_NOT_BASELINED = re.compile(r"CL00\d")
_LINE_END = re.compile(r"\r\n|\r|\n")
_TRAILING = re.compile(r"(?:[ \t]+|\\)$")


@dataclass(frozen=True, slots=True)
class Baseline:
    """The outcome for one text: its new source and how many lines were suppressed or skipped."""

    text: str
    added: int
    skipped: int


def directive(fmt: str, codes: Sequence[str]) -> str:
    """The end-of-line ``ignore`` directive for ``codes`` in format ``fmt``."""
    body = f"copylint: ignore={','.join(codes)}"
    return f"[{body}]" if fmt == "txt" else f"<!-- {body} -->"


def _line_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) of each source line, ``end`` before its line ending."""
    spans, start = [], 0
    for m in _LINE_END.finditer(source):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(source)))
    return spans


def insertion_point(source: str, start: int, end: int, fmt: str) -> int | None:
    """Where on the line ``source[start:end]`` an end-of-line directive can go (None: nowhere).

    Shared with the language server's "ignore on this line" action.
    """
    if fmt == "txt":
        return end  # plain text: `ignore` must end its line
    body = source[start:end]
    # Keep trailing spaces and a trailing backslash where they are: in Markdown they
    # are hard line breaks.
    while body != (stripped := _TRAILING.sub("", body)):
        body = stripped
    point = start + len(body)
    if fmt == "md" and body.lstrip().startswith("|") and body.endswith("|"):
        point -= 1  # inside the last cell of a table row, so the row keeps its cells
        while point > start and source[point - 1] in " \t":
            point -= 1
    if fmt == "html":
        before = source[start:point]
        if before.rfind("<") > before.rfind(">"):
            return None  # the line ends inside a tag
    return point if point > start else None


def plan(source: str, fmt: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, set[int], int]:
    """``source`` with one directive per line that has findings: (text, lines, skipped)."""
    by_line: dict[int, set[str]] = {}
    for d in diagnostics:
        if not _NOT_BASELINED.fullmatch(d.code):
            by_line.setdefault(d.line, set()).add(d.code)
    spans = _line_spans(source)
    inserts: list[tuple[int, str]] = []
    lines: set[int] = set()
    skipped = 0
    for line, codes in sorted(by_line.items()):
        start, end = spans[line - 1]
        point = insertion_point(source, start, end, fmt)
        if point is None:
            skipped += 1
            continue
        # In Markdown a space before the comment would become part of the paragraph.
        space = "" if fmt == "md" else " "
        inserts.append((point, space + directive(fmt, sorted(codes))))
        lines.add(line)
    text = source
    for point, insert in reversed(inserts):
        text = text[:point] + insert + text[point:]
    return text, lines, skipped


def add_suppressions(
    path: str, source: str, lint: Callable[[Document], list[Diagnostic]], fmt: str | None = None
) -> Baseline:
    """Suppress every finding of ``source`` (read from ``path``), checked as the module says.

    When the whole plan fails the check, the lines are tried one at a time, so
    one awkward line does not stop the rest of the file from being baselined.
    """
    kind = fmt or format_for_path(path)
    before_doc = build_document(path, source, fmt)
    findings = [d for d in lint(before_doc) if not _NOT_BASELINED.fullmatch(d.code)]
    if not findings:
        return Baseline(source, 0, 0)
    text, lines, skipped = plan(source, kind, findings)
    if lines and _holds(path, text, before_doc, lint, fmt, lines):
        return Baseline(text, len(lines), skipped)
    # Line by line: keep each directive that passes the check on its own.
    current, added = source, 0
    for line in sorted({d.line for d in findings}, reverse=True):
        on_line = [d for d in findings if d.line == line]
        candidate, done, _ = plan(current, kind, on_line)
        if done and _holds(path, candidate, before_doc, lint, fmt, lines={line}):
            current, added = candidate, added + 1
    return Baseline(current, added, len({d.line for d in findings}) - added)


def _holds(
    path: str,
    text: str,
    before: Document,
    lint: Callable[[Document], list[Diagnostic]],
    fmt: str | None,
    lines: set[int],
) -> bool:
    """True if ``text`` reads as ``before`` did and its suppressed lines are quiet."""
    after = build_document(path, text, fmt)
    if after.text != before.text:
        return False
    return not any(d.line in lines and not _NOT_BASELINED.fullmatch(d.code) for d in lint(after))


def baseline_file(
    path: str,
    lint: Callable[[Document], list[Diagnostic]],
    *,
    encoding: str | None = None,
    root: str | None = None,
) -> Baseline:
    """Baseline the file at ``path`` in place (atomically, in its own encoding and line ends).

    Raises :class:`~copylint.errors.InputError` or :class:`~copylint.sources.WriteError`;
    the file is then left exactly as it was.
    """
    from .fixes import encode_fixed
    from .sources import read_source, write_atomic

    src = read_source(path, encoding)
    done = add_suppressions(src.path, src.text, lint)
    if done.added:
        write_atomic(path, encode_fixed(src, done.text), src, root=root)
    return done
