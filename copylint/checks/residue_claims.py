"""What a residue detector returns: a :class:`Claim` on lines or on a span, and shared tests.

A detector is a function ``(lines, opts) -> Iterator[Claim]``.  It knows one
kind of page furniture and reads its phrase lists and patterns from
:class:`~.residue_options.ResidueOptions`.  Detectors never build findings or
edits; the check does that once, so every rule deletes lines the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from .residue_lines import LineInfo


@dataclass(frozen=True, slots=True)
class Claim:
    """A detector's verdict: lines ``first..last`` (or a span inside one line) are residue.

    ``start``/``end`` are set when only part of a line is residue; ``safe``
    says whether deleting it is certain enough for ``--fix``.
    """

    code: str
    first: int
    last: int
    message: str
    safe: bool = False
    start: int | None = None
    end: int | None = None
    #: replacement text for a span claim ("" deletes)
    text: str = ""
    #: lines the fix deletes, when wider than the claim (a caption with its credit)
    fix_lines: tuple[int, int] | None = None


def whole_line(code: str, ln: LineInfo, message: str, safe: bool = False) -> Claim:
    """A claim on the whole of one line."""
    return Claim(code, ln.index, ln.index, message, safe)


def headline_like(ln: LineInfo, max_words: int = 24) -> bool:
    """A short title-ish line: a link text, headline or teaser (no sentence period)."""
    return 1 <= ln.n_words <= max_words and not ln.text.endswith(".") and ln.starts_upper
