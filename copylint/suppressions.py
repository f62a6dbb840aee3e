"""Inline suppressions: directives in a document that silence rules on some lines.

Two spellings, one grammar (``DIRECTIVE=SELECTORS``; selectors are rule codes
such as ``CL301``, code prefixes such as ``CL3`` or ``CL30``, or ``all``,
separated by commas; without ``=SELECTORS`` a directive means ``all``):

* Markdown and HTML: comments, anywhere — ``<!-- copylint: disable=CL301 -->``.
  Only real comments count (the adapters record them in
  ``doc.metadata["comments"]``), so a directive shown in a code block does nothing.
* Plain text: square brackets, which no article contains by accident and any
  editor can type — ``[copylint: disable=CL301]``.  ``disable``, ``enable`` and
  ``disable-next-line`` must stand alone on their line; ``ignore`` must end the
  line it applies to.  The comment spelling is accepted in ``.txt`` files too,
  with the same placement rules.  The txt adapter hides directives from the
  text view, so rules never flag them as residue.

Directives:

``disable=SEL``
    from the next line on (from just after the directive when the caller
    passes an offset), until a matching ``enable``.
``enable=SEL``
    undoes ``disable`` the same way (``enable=CL301`` after ``disable=CL3``
    re-enables just CL301: the last matching directive wins).
``disable-next-line=SEL``
    the next non-blank line only.
``ignore=SEL``
    the line the directive is on.

Lines are 1-based source lines, as in diagnostics.  The engine asks
:meth:`Suppressions.is_suppressed` per diagnostic; afterwards
:meth:`Suppressions.unused` lists selectors that silenced nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .document import Document

KINDS = ("disable", "enable", "disable-next-line", "ignore")

_KIND = r"[A-Za-z-]+"
_SELECTORS = r"[^\]\n>]*?"


def _body(named: bool) -> str:
    kind = f"(?P<kind>{_KIND})" if named else f"(?:{_KIND})"
    sel = f"(?P<sel>{_SELECTORS})" if named else f"(?:{_SELECTORS})"
    return rf"copylint:[ \t]*{kind}(?:[ \t]*=[ \t]*{sel})?[ \t]*"


COMMENT_RE = re.compile(r"<!--[ \t]*" + _body(True) + r"-->")
BRACKET_RE = re.compile(r"\[" + _body(True) + r"\]")
_ANY_RE = re.compile(rf"<!--[ \t]*{_body(False)}-->|\[{_body(False)}\]")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Selector:
    """One code, prefix or ``all`` in a directive, with where it was written."""

    text: str  # upper-cased, or "all"
    line: int
    column: int

    def matches(self, code: str) -> bool:
        """True if this selector covers rule ``code``."""
        return self.text == "all" or code.upper().startswith(self.text)


@dataclass(frozen=True, slots=True)
class Directive:
    """A parsed directive: its kind, selectors, source range and the lines it governs."""

    kind: str
    selectors: tuple[Selector, ...]
    start: int
    end: int
    line: int  # line of the directive's start
    target: int  # the line it silences (ignore / disable-next-line) or the first line it governs


def directive_spans(text: str) -> list[tuple[int, int]]:
    """Source ranges a plain-text view must hide: directive lines and trailing ``ignore``.

    A stand-alone directive hides its whole line with the line end; a trailing
    ``ignore`` hides itself and the blanks before it.  Placement follows the
    txt rules in the module docstring; misplaced directives stay visible.
    """
    return [(s, e) for s, e, _, placed in _plain_directives(text) if placed]


def _plain_directives(text: str) -> Iterable[tuple[int, int, re.Match[str], bool]]:
    """(hide_start, hide_end, match, well_placed) for each directive in plain text."""
    if "copylint:" not in text:
        return
    for m in _ANY_RE.finditer(text):
        ls = max(text.rfind("\n", 0, m.start()), text.rfind("\r", 0, m.start())) + 1
        le_m = _LINE_END.search(text, m.end())
        le = le_m.start() if le_m else len(text)
        before, after = text[ls : m.start()], text[m.end() : le]
        if after.strip():
            yield m.start(), m.end(), m, False
        elif _parse(m.group(0))[0] == "ignore" and before.strip():
            yield m.start() - (len(before) - len(before.rstrip())), le, m, True
        elif not before.strip():
            yield ls, (le_m.end() if le_m else le), m, True
        else:
            yield m.start(), m.end(), m, False


def _parse(raw: str) -> tuple[str, list[tuple[str, int]]]:
    """(kind, [(selector, offset in raw)]) of a directive's raw text."""
    m = COMMENT_RE.fullmatch(raw) or BRACKET_RE.fullmatch(raw)
    assert m is not None
    kind = m.group("kind").lower()
    sel = m.group("sel")
    if sel is None or not sel.strip():
        return kind, [("all", m.start("kind"))]
    out = [(part.group(0), m.start("sel") + part.start()) for part in re.finditer(r"[^,\s]+", sel)]
    return kind, out


@dataclass
class Suppressions:
    """The directives of one document, queried by the engine per diagnostic."""

    directives: list[Directive] = field(default_factory=list)
    unknown_codes: list[tuple[int, int, str]] = field(default_factory=list)
    """(line, column, selector) for selectors that name no known rule code or prefix."""
    malformed: list[tuple[int, int, str]] = field(default_factory=list)
    """(line, column, message) for directives that could not be used."""
    _used: set[Selector] = field(default_factory=set)

    def is_suppressed(self, code: str, line: int, offset: int | None = None) -> bool:
        """True if rule ``code`` is silenced on 1-based source ``line``.

        Pass the diagnostic's source ``offset`` too where known: ``disable`` and
        ``enable`` then take effect right after the directive rather than on the
        next line, which matters for HTML written on one line.
        """
        for d in self.directives:
            if d.kind in ("ignore", "disable-next-line") and d.target == line:
                for sel in d.selectors:
                    if sel.matches(code):
                        self._used.add(sel)
                        return True
        decided: tuple[Directive, Selector] | None = None
        for d in self.directives:
            if d.kind not in ("disable", "enable"):
                continue
            if (d.end > offset) if offset is not None else (d.target > line):
                break
            for sel in d.selectors:
                if sel.matches(code):
                    decided = (d, sel)
        if decided is not None and decided[0].kind == "disable":
            self._used.add(decided[1])
            return True
        return False

    def unused(self) -> list[tuple[int, int, str]]:
        """(line, column, message) for each selector that has silenced nothing so far."""
        out: list[tuple[int, int, str]] = []
        for d in self.directives:
            if d.kind == "enable":
                continue
            out.extend(
                (sel.line, sel.column, f"unused suppression: {d.kind}={sel.text}")
                for sel in d.selectors
                if sel not in self._used
            )
        return out


def parse_suppressions(
    doc: Document, known_codes: Iterable[str] | None = None, names: Mapping[str, str] | None = None
) -> Suppressions:
    """Find the directives of ``doc`` (see the module docstring for the syntax).

    ``known_codes`` (e.g. every rule code the linter knows) lets selectors that
    match no code be reported in ``unknown_codes``; without it nothing is reported.
    ``names`` maps rule names to codes: a directive may name a rule either way.
    """
    known = sorted(c.upper() for c in known_codes) if known_codes is not None else None
    by_name = {k.lower(): v for k, v in (names or {}).items()}
    result = Suppressions()
    src = doc.source
    found: list[tuple[int, int]] = []  # (start, end) of directive raw text
    if doc.format == "txt":
        for _, _, m, placed in _plain_directives(src):
            if placed:
                found.append(m.span())
            else:
                line, col = doc.position(m.start())
                result.malformed.append(
                    (
                        line,
                        col,
                        "a copylint directive must stand alone on its line"
                        " (ignore= may end a line); this one is ignored",
                    )
                )
    else:
        comments = doc.metadata.get("comments")
        for cs, ce in comments if isinstance(comments, list) else ():
            if COMMENT_RE.fullmatch(src, cs, ce) is not None:
                found.append((cs, ce))
    line_ends = _nonblank_lines(src)
    for start, end in found:
        raw = src[start:end]
        kind, sels = _parse(raw)
        line, col = doc.position(start)
        if kind not in KINDS:
            result.malformed.append(
                (
                    line,
                    col,
                    f"unknown copylint directive {kind!r} (expected one of {', '.join(KINDS)})",
                )
            )
            continue
        selectors = []
        for text, off in sels:
            sline, scol = doc.position(start + off)
            norm = "all" if text.lower() == "all" else by_name.get(text.lower(), text.upper())
            selectors.append(Selector(norm, sline, scol))
            if known is not None and norm != "all" and not _known(norm, known):
                result.unknown_codes.append((sline, scol, text))
        end_line = doc.position(max(start, end - 1))[0]
        if kind == "ignore":
            target = line
        elif kind == "disable-next-line":
            i = bisect.bisect_right(line_ends, end_line)
            target = line_ends[i] if i < len(line_ends) else end_line + 1
        else:
            target = end_line + 1
        result.directives.append(Directive(kind, tuple(selectors), start, end, line, target))
    result.directives.sort(key=lambda d: d.start)
    return result


def _known(selector: str, known: list[str]) -> bool:
    i = bisect.bisect_left(known, selector)
    return i < len(known) and known[i].startswith(selector)


def _nonblank_lines(src: str) -> list[int]:
    """1-based numbers of the source lines that are not blank, ascending."""
    return [i + 1 for i, ln in enumerate(_LINE_END.split(src)) if ln.strip()]
