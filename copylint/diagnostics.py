"""Core value types: spans, edits, fixes, findings and diagnostics.

Rules yield :class:`Finding` objects in *text-view* offsets (code points into
``Document.text``).  The engine turns them into :class:`Diagnostic` objects in
*source* offsets with line and column numbers; rules never compute those.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .messages import capitalised


class Severity(enum.IntEnum):
    """How serious a diagnostic is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        """Parse ``"error"``, ``"warning"`` or ``"info"`` (case-insensitive)."""
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {name!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


class Applicability(enum.Enum):
    """How sure a fix is, in ruff's terms.

    SAFE fixes are applied by ``--fix``; UNSAFE ones only with
    ``--unsafe-fixes``; DISPLAY fixes are suggestions and never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"

    @classmethod
    def parse(cls, name: str) -> Applicability:
        """Parse ``"safe"``, ``"unsafe"`` or ``"display"``/``"suggestion"``."""
        key = name.strip().lower()
        if key == "suggestion":
            key = "display"
        for member in cls:
            if member.value == key:
                return member
        raise ValueError(f"unknown fix safety {name!r} (expected safe, unsafe or suggestion)")

    @property
    def rank(self) -> int:
        """Higher is more certain: SAFE 2, UNSAFE 1, DISPLAY 0."""
        return {"safe": 2, "unsafe": 1, "display": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` with ``text``: empty text deletes, an empty span inserts."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid edit range [{self.start}, {self.end})")

    @classmethod
    def replace(cls, start: int, end: int, text: str) -> Edit:
        """An edit replacing ``[start, end)``."""
        return cls(start, end, text)

    @classmethod
    def insert(cls, at: int, text: str) -> Edit:
        """An edit inserting ``text`` at ``at``."""
        return cls(at, at, text)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        """An edit deleting ``[start, end)``."""
        return cls(start, end, "")


@dataclass(frozen=True, slots=True)
class Fix:
    """One coherent change: a title for humans, its edits, and how sure it is."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    @property
    def start(self) -> int:
        """The smallest offset any edit touches."""
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        """The largest offset any edit touches."""
        return max(e.end for e in self.edits)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports, in text-view offsets.

    ``suggestions`` are free-text alternatives for a human when no fix is certain.
    ``related`` are the other places (start, end) of the same finding, when a
    rule reports one finding per form per document rather than one per place.
    """

    code: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    suggestions: tuple[str, ...] = ()
    related: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Related:
    """Another place of a diagnostic, in source offsets and 1-based lines and columns."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """What a user sees: a finding placed in the source file.

    ``start``/``end`` are code-point offsets into the decoded source file (end
    exclusive); ``line``/``column`` are 1-based, columns counted in code points.
    Fix edits are in the same source offsets.
    """

    path: str
    code: str
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    suggestions: tuple[str, ...] = ()
    #: the other places of the same finding (JSON "related", SARIF relatedLocations)
    related: tuple[Related, ...] = ()

    def __post_init__(self) -> None:
        # House style (messages.py): every message and suggestion starts with a capital,
        # whichever rule wrote it.
        object.__setattr__(self, "message", capitalised(self.message))
        if self.suggestions:
            object.__setattr__(self, "suggestions", tuple(map(capitalised, self.suggestions)))

    @property
    def fixable(self) -> bool:
        """True when the diagnostic carries an applicable (safe or unsafe) fix."""
        return self.fix is not None and self.fix.applicability is not Applicability.DISPLAY

    def sort_key(self) -> tuple[str, int, int, str]:
        """Stable report order: path, position, code."""
        return (self.path, self.start, self.end, self.code)


@dataclass(slots=True)
class FileResult:
    """The outcome of linting one input: its diagnostics, or the error that stopped it.

    ``fixed`` counts the fixes applied to it when ``--fix`` ran.
    """

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    fixed: int = 0
