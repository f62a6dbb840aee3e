"""The Document: source text, the rule-facing text view, and the map between them.

Format adapters (plain text, Markdown, HTML) build a Document.  Rules only read
``Document.text`` and report text-view offsets; the engine maps them back to the
source with :meth:`Document.to_source` and computes lines and columns with
:meth:`Document.position`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .structure import Structure


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of the text view and the source range it came from.

    When ``text_len == source_len`` the run maps character by character (an
    offset shift).  Otherwise it is *atomic*: the whole text piece stands for the
    whole source piece (a decoded entity ``&amp;`` -> ``&``, a ``\\r\\n`` -> ``\\n``),
    so an offset strictly inside it maps to the nearer end.
    """

    text_start: int
    text_len: int
    source_start: int
    source_len: int


class OffsetMap:
    """Maps text-view offsets to source offsets through a sorted list of runs.

    Source characters that are not covered by any run (markup, skipped code)
    are invisible to rules.  Offsets that fall between runs map to the end of
    the previous run for span ends and to the start of the next run for span
    starts, so a span never swallows hidden markup at its edges.
    """

    __slots__ = ("_runs", "_text_starts")

    def __init__(self, runs: Sequence[Run]) -> None:
        self._runs = list(runs)
        self._text_starts = [r.text_start for r in self._runs]

    @property
    def runs(self) -> list[Run]:
        """The runs, in text order."""
        return self._runs

    def _run_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._text_starts, offset) - 1)

    def runs_between(self, start: int, end: int) -> list[Run]:
        """The runs whose text intersects ``[start, end)``, in text order."""
        out = []
        i = self._run_at(start)
        while i < len(self._runs) and self._runs[i].text_start < end:
            run = self._runs[i]
            if run.text_start + run.text_len > start:
                out.append(run)
            i += 1
        return out

    def start(self, offset: int) -> int:
        """Source offset for a span *start* at text offset ``offset``."""
        if not self._runs:
            return offset
        i = self._run_at(offset)
        run = self._runs[i]
        delta = offset - run.text_start
        if delta >= run.text_len and i + 1 < len(self._runs):
            nxt = self._runs[i + 1]
            if offset >= nxt.text_start:
                return nxt.source_start
        if run.text_len == run.source_len:
            return run.source_start + min(delta, run.source_len)
        return run.source_start if delta <= 0 else run.source_start + run.source_len

    def end(self, offset: int) -> int:
        """Source offset for a span *end* (exclusive) at text offset ``offset``."""
        if not self._runs:
            return offset
        i = self._run_at(offset)
        run = self._runs[i]
        delta = offset - run.text_start
        if delta == 0 and i > 0:
            prev = self._runs[i - 1]
            return prev.source_start + prev.source_len
        if run.text_len == run.source_len:
            return run.source_start + min(delta, run.source_len)
        return run.source_start + run.source_len if delta > 0 else run.source_start


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A span of the text view with its text, e.g. a line, paragraph or sentence."""

    start: int
    end: int
    text: str


# A sentence ends at . ! ? … (and closing quotes) before white space; not before a
# digit, so "Jul. 14" and "No. 5" stay in one sentence.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+(?!\d)|$)")
#: A full stop closing an initialism ("U.S.", "U.K."), and a lower-case word after it.
_INITIALISM_END = re.compile(r"(?<![^\W\d_])[A-Z]\.[A-Z]\.\Z")
_LOWER_NEXT = re.compile(r"\s+[a-z]")


@dataclass
class Document:
    """One input file, decoded, with its rule-facing text view.

    ``source`` is the decoded file content as it is on disk (line ends kept);
    ``text`` is what rules see.  ``offset_map`` is ``None`` when the two are
    identical, which is the common plain-text case and costs nothing.
    """

    path: str
    source: str
    text: str
    format: str = "txt"
    offset_map: OffsetMap | None = None
    metadata: dict[str, object] = field(default_factory=dict)
    #: blocks, elements and hidden source (Markdown and HTML); None for plain text
    structure: Structure | None = None

    @classmethod
    def plain(cls, text: str, path: str = "<text>") -> Document:
        """A plain-text document; CRLF and lone CR line ends are shown to rules as LF."""
        if "\r" not in text:
            return cls(path=path, source=text, text=text)
        runs: list[Run] = []
        pieces: list[str] = []
        t = s = 0
        for m in re.finditer(r"\r\n?", text):
            if m.start() > s:
                n = m.start() - s
                runs.append(Run(t, n, s, n))
                pieces.append(text[s : m.start()])
                t += n
            runs.append(Run(t, 1, m.start(), m.end() - m.start()))
            pieces.append("\n")
            t += 1
            s = m.end()
        if s < len(text):
            runs.append(Run(t, len(text) - s, s, len(text) - s))
            pieces.append(text[s:])
        return cls(path=path, source=text, text="".join(pieces), offset_map=OffsetMap(runs))

    # ---------------------------------------------------------------- mapping
    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a text-view span to a source span."""
        if self.offset_map is None:
            return start, end
        s = self.offset_map.start(start)
        e = self.offset_map.end(end) if end != start else s
        return s, max(s, e)

    @cached_property
    def _source_line_starts(self) -> list[int]:
        starts = [0]
        src = self.source
        find = src.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        if "\r" in src:  # lone CR line ends (old Mac files) also start lines
            starts.extend(m.end() for m in re.finditer(r"\r(?!\n)", src))
            starts.sort()
        return starts

    def position(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset, columns in code points."""
        starts = self._source_line_starts
        i = bisect.bisect_right(starts, source_offset) - 1
        return i + 1, source_offset - starts[i] + 1

    def offset_of(self, line: int, column: int) -> int:
        """Source offset of a 1-based (line, column); the inverse of :meth:`position`."""
        starts = self._source_line_starts
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + max(column, 1) - 1, len(self.source))

    # ---------------------------------------------------------------- structure
    @cached_property
    def lines(self) -> list[TextSpan]:
        """The text view's lines, without their line ends."""
        out = []
        pos = 0
        for chunk in self.text.split("\n"):
            out.append(TextSpan(pos, pos + len(chunk), chunk))
            pos += len(chunk) + 1
        return out

    @cached_property
    def paragraphs(self) -> list[TextSpan]:
        """Non-blank lines, each treated as a paragraph (scraped copy puts one block a line)."""
        # Performance (issue 19): no span for the blank lines between paragraphs
        # (half of a news article's lines).  ``isspace`` is ``not strip()`` for a
        # non-empty line, without building the stripped copy.
        out = []
        pos = 0
        for chunk in self.text.split("\n"):
            if chunk and not chunk.isspace():
                out.append(TextSpan(pos, pos + len(chunk), chunk))
            pos += len(chunk) + 1
        return out

    def sentences(self, para: TextSpan) -> Iterator[TextSpan]:
        """Approximate sentences of a paragraph (split after . ! ? followed by space)."""
        text = para.text
        pos = 0
        for m in _SENTENCE_END.finditer(text):
            end = m.end()
            if _LOWER_NEXT.match(text, end) and _INITIALISM_END.search(
                text, max(0, m.start() - 3), m.start() + 1
            ):
                continue  # "opens in the U.S. on March 12": an initialism, not an end
            chunk = text[pos:end]
            lead = len(chunk) - len(chunk.lstrip())
            if chunk.strip():
                yield TextSpan(para.start + pos + lead, para.start + end, chunk.strip())
            pos = end
        chunk = text[pos:]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            yield TextSpan(
                para.start + pos + lead, para.start + pos + len(chunk.rstrip()), chunk.strip()
            )
