"""Build a text view and its offset map piece by piece, in source order.

Every format adapter walks its source from left to right and tells the builder
what each piece becomes: copied as is, replaced by other text (an entity, a
line end, a placeholder for code), or a character inserted at a point (a line
break between two HTML blocks).  Source the builder is not told about is
markup: rules never see it, and the offset map skips it.
"""

from __future__ import annotations

from ..document import Document, OffsetMap, Run
from ..structure import Structure

#: What stands in the text view for an unlinted inline object (code span, URL,
#: image): one OBJECT REPLACEMENT CHARACTER, so "run `make` now" reads
#: "run \ufffc now" — no double space, no glued words, nothing for rules to check.
PLACEHOLDER = "\ufffc"


class TextBuilder:
    """Accumulates ``(text, Run)`` pieces; pieces must arrive in source order."""

    __slots__ = ("source", "_parts", "_runs", "_len", "_src_end", "_last_copied", "_detached")

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._len = 0
        self._src_end = 0  # end of the last source range used, to keep order
        self._last_copied = False  # the last run came from copy() and may be extended
        self._detached = False  # after detach(): pieces may come from anywhere in the source

    # ------------------------------------------------------------ queries
    def __len__(self) -> int:
        return self._len

    @property
    def source_end(self) -> int:
        """End of the last source range used; the next piece must start at or after it."""
        return self._src_end

    def source_start_of(self, text_offset: int) -> int:
        """Source offset where the text written from ``text_offset`` on begins."""
        for run in reversed(self._runs):
            if run.text_start < text_offset:
                return run.source_start + (
                    text_offset - run.text_start
                    if run.text_len == run.source_len
                    else run.source_len
                )
            if run.text_start == text_offset:
                return run.source_start
        return 0

    def mark(self) -> tuple[object, ...]:
        """A checkpoint for :meth:`rollback`."""
        last = self._runs[-1] if self._runs else None
        return (
            len(self._parts),
            len(self._runs),
            self._len,
            self._src_end,
            self._last_copied,
            last,
        )

    def rollback(self, mark: tuple[object, ...]) -> None:
        """Forget every piece written since ``mark`` was taken."""
        parts, runs, length, src_end, last_copied, last = mark
        assert isinstance(parts, int) and isinstance(runs, int) and isinstance(length, int)
        assert isinstance(src_end, int) and isinstance(last_copied, bool)
        del self._parts[parts:]
        del self._runs[runs:]
        if isinstance(last, Run):  # the last run may have been extended since the mark
            self._runs[-1] = last
        self._len, self._src_end, self._last_copied = length, src_end, last_copied

    def last_char(self) -> str:
        """The last character of the text view so far ("" when empty)."""
        return self._parts[-1][-1] if self._parts else ""

    def endswith(self, suffix: str) -> bool:
        """True if the text view so far ends with ``suffix``."""
        tail = ""
        for part in reversed(self._parts):
            tail = part + tail
            if len(tail) >= len(suffix):
                break
        return tail.endswith(suffix)

    def at_line_start(self) -> bool:
        """True when nothing has been written yet or the last character is a line end."""
        return self.last_char() in ("", "\n")

    # ------------------------------------------------------------ writers
    def copy(self, start: int, end: int) -> None:
        """Show ``source[start:end]`` as is (character for character)."""
        if end <= start:
            return
        self._check_order(start)
        n = end - start
        last = self._runs[-1] if self._runs else None
        if (
            last is not None
            and last.text_len == last.source_len
            and last.source_start + last.source_len == start
            and self._last_copied
        ):
            # Extend the previous identity run instead of starting a new one.
            self._runs[-1] = Run(
                last.text_start, last.text_len + n, last.source_start, last.source_len + n
            )
        else:
            self._runs.append(Run(self._len, n, start, n))
        self._parts.append(self.source[start:end])  # parts stay small: no quadratic joins
        self._len += n
        self._src_end = end
        self._last_copied = True

    def replace(self, text: str, start: int, end: int) -> None:
        """Show ``text`` for ``source[start:end]`` (one atomic piece, e.g. ``&amp;`` -> ``&``)."""
        if not text:
            return
        if text == self.source[start:end]:
            self.copy(start, end)
            return
        self._check_order(start)
        self._runs.append(Run(self._len, len(text), start, end - start))
        self._parts.append(text)
        self._len += len(text)
        self._src_end = max(self._src_end, end)
        self._last_copied = False

    def insert(self, text: str, at: int) -> None:
        """Show ``text`` that has no source of its own, at source offset ``at``."""
        self.replace(text, at, at)

    def detach(self) -> int:
        """End the text flow: what is written next (attribute values, a page title) may
        come from anywhere in the source.  Returns the text offset where the flow ends."""
        self._detached = True
        self._last_copied = False
        return self._len

    def _check_order(self, start: int) -> None:
        if start < self._src_end and not self._detached:
            raise ValueError(f"text builder pieces out of source order ({start} < {self._src_end})")

    # ------------------------------------------------------------ result
    def build(
        self,
        path: str,
        fmt: str,
        metadata: dict[str, object],
        structure: Structure | None = None,
    ) -> Document:
        """The finished Document (no offset map when text and source are identical)."""
        text = "".join(self._parts)
        if (
            len(self._runs) == 1 and self._runs[0] == Run(0, len(self.source), 0, len(self.source))
        ) or (not self._runs and not self.source):
            offset_map = None
        else:
            offset_map = OffsetMap(self._runs)
        return Document(
            path=path,
            source=self.source,
            text=text,
            format=fmt,
            offset_map=offset_map,
            metadata=metadata,
            structure=structure.finish() if structure is not None else None,
        )
