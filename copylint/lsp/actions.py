"""Code actions for copylint diagnostics, independent of the LSP library.

Each action is a title, an LSP kind, whether it is the preferred quick fix,
and source edits in code-point offsets; :mod:`copylint.lsp.server` converts
them to the client's position encoding.

* A safe fix is the preferred quick fix; unsafe fixes and suggestions (fixes
  ``--fix`` never applies) are ordinary quick fixes, labelled as such.
* "Ignore on this line" inserts the suppression for the document's format:
  ``[copylint: ignore=CODE]`` at the end of a plain-text line, an HTML comment
  ``<!-- copylint: ignore=CODE -->`` in Markdown and HTML.
* ``source.fixAll.copylint`` applies every safe fix, re-linting until stable
  (exactly what ``copylint --fix`` would write), as one minimal edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..baseline import insertion_point
from ..diagnostics import Applicability, Diagnostic, Edit
from ..fixes import fix_text
from ..formats import format_for_path
from ..structguard import guard_for

QUICKFIX = "quickfix"
FIX_ALL_KIND = "source.fixAll.copylint"

_LABEL = {
    Applicability.SAFE: "",
    Applicability.UNSAFE: " (unsafe fix)",
    Applicability.DISPLAY: " (suggestion)",
}


@dataclass(frozen=True, slots=True)
class Action:
    """A code action in source offsets; ``diagnostic`` is the finding it resolves."""

    title: str
    kind: str
    edits: tuple[Edit, ...]
    preferred: bool = False
    diagnostic: Diagnostic | None = None


def fix_actions(d: Diagnostic) -> list[Action]:
    """The quick fix a diagnostic carries, if any (safe ones are preferred)."""
    if d.fix is None or not d.fix.edits:
        return []
    applicability = d.fix.applicability
    return [
        Action(
            f"{d.code}: {d.fix.title}{_LABEL[applicability]}",
            QUICKFIX,
            d.fix.edits,
            preferred=applicability is Applicability.SAFE,
            diagnostic=d,
        )
    ]


def ignore_action(d: Diagnostic, text: str, fmt: str, line_end: int) -> Action:
    """Insert the format's ``ignore`` directive for ``d.code`` on the line where ``d`` starts.

    Suppressions go by a finding's first line, so ``line_end`` is the
    code-point offset where that line's content ends; the directive goes there.
    In Markdown and HTML, when the rest of that line is inside a tag (an
    unclosed ``<``), where a comment would break the markup, the comment goes
    right before the finding instead, which is always in visible text.
    An ``ignore`` directive already ending the line gets the code added.
    """
    if fmt == "txt":
        directive = f"[copylint: ignore={d.code}]"
        existing = _existing(text, d.start, line_end, "[copylint: ignore=", "]")
        at = line_end
    else:
        directive = f"<!-- copylint: ignore={d.code} -->"
        existing = _existing(text, d.start, line_end, "<!-- copylint: ignore=", " -->")
        # The place --add-suppressions uses: before a hard break, inside a table row's
        # last cell, never inside a tag; else right before the finding.
        line_start = max(text.rfind("\n", 0, d.start), text.rfind("\r", 0, d.start)) + 1
        safe = insertion_point(text, line_start, line_end, fmt)
        at = safe if safe is not None and safe >= d.start else d.start
    title = f"{d.code}: ignore on this line"
    if existing is not None:
        return Action(title, QUICKFIX, (Edit.insert(existing, f",{d.code}"),), diagnostic=d)
    before = text[at - 1 : at] if at > 0 else ""
    # In Markdown a space before the comment would become part of the paragraph.
    plain = at == d.start or fmt == "md" or before in ("", " ", "\t", "\n", "\r")
    sep = "" if plain else " "
    return Action(title, QUICKFIX, (Edit.insert(at, sep + directive),), diagnostic=d)


def _existing(text: str, start: int, line_end: int, opener: str, closer: str) -> int | None:
    """Where to append a code to an ignore directive already ending the line, if any."""
    stripped = text[start:line_end].rstrip()
    if not stripped.endswith(closer):
        return None
    opened = stripped.rfind(opener)
    if opened < 0:
        return None
    return start + len(stripped) - len(closer)


def fix_all_edit(
    text: str, lint: Callable[[str], list[Diagnostic]], path: str, fmt: str | None = None
) -> Edit | None:
    """One edit turning ``text`` into its safely fixed form, or None if nothing changes.

    The edit spans only from the first to the last changed character, so the
    client keeps its cursor and folds elsewhere.  Raises
    :class:`~copylint.fixes.FixDidNotConverge` like ``--fix`` does.
    """
    # The structure check --fix uses: a pass that would break Markdown/HTML structure is refused.
    fixed = fix_text(text, lint, unsafe=False, path=path, guard=guard_for(path, fmt)).text
    if fixed == text:
        return None
    start = 0
    limit = min(len(text), len(fixed))
    while start < limit and text[start] == fixed[start]:
        start += 1
    end_old, end_new = len(text), len(fixed)
    while end_old > start and end_new > start and text[end_old - 1] == fixed[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return Edit(start, end_old, fixed[start:end_new])


def document_format(path: str, language_id: str | None = None) -> str:
    """``txt``, ``md`` or ``html`` for a document, by extension, else by language id."""
    fmt = format_for_path(path)
    if fmt == "txt" and language_id:
        return {"markdown": "md", "html": "html"}.get(language_id.lower(), "txt")
    return fmt
