"""Applying fixes: non-overlapping edits in one pass, re-linting until stable.

The model is ruff's.  :func:`apply_fixes` takes the fixes that fit together
(a fix is all its edits or none of them) and splices them into the text in one
forward pass; :func:`fix_text` lints, applies, re-lints and repeats until no
applicable fix changes the text, and fails loudly with
:class:`FixDidNotConverge` instead of looping or oscillating.  Every offset is
a code-point offset into the *source* text (the decoded file, line ends as on
disk), which is what :class:`~copylint.diagnostics.Diagnostic` fixes carry, so
text outside the edits is never touched: CRLF, a missing final newline, the
BOM and the encoding all survive byte for byte (see :func:`fix_file`).

Overlap policy.  Two edits of *different* fixes conflict when they overlap
or merely touch, i.e. when the closed ranges ``[start, end]`` intersect:

* replacements ``[0, 3)`` and ``[3, 5)`` conflict;
* an insertion at either boundary of a replacement conflicts with it;
* two insertions at the same offset conflict (their order would be arbitrary);
* except that two *deletions* may touch: deleting ``[0, 3)`` and ``[3, 5)``
  is deleting ``[0, 5)``, exactly what both wanted.  Without this, a block of
  100 adjacent junk lines (each its own finding) would take log2(100) passes,
  every pass deleting every other line.

Touching counts (as in ruff) because fixes are computed on the old text and
neighbours interact: deleting a credit "from X" while another rule inserts
". " after "X" (where the credit ran into the next sentence) gives ". ." when
both apply; deferring the second to the next pass lets it be re-linted on the
new text, where it no longer fires.  The price is an extra pass now and then.
Edits of the *same* fix were designed together, so only a real overlap
(sharing a character, or two insertions at one offset) makes a fix unusable.

Which fix wins a conflict: the safer one (SAFE before UNSAFE before DISPLAY),
then the one that starts first, then the one listed first.  The loser is
skipped; the next pass re-lints and may offer it again on the new text.
Safer first because an unsafe fix is a guess that a re-lint can recompute on
the corrected text: inserting the space in "Part Twois" (safe) before
replacing the former title "… Part Two" (unsafe) gives "… Final Reckoning is";
the other order leaves "Reckoningis" for a rule that may not see it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .budget import budget_for, time_budget
from .diagnostics import Applicability, Diagnostic, Edit, Fix
from .errors import CopylintError
from .sources import SourceText, WriteError, read_source, write_atomic
from .textcase import match_case as match_case  # (its home before textcase.py)
from .textsafe import printable

#: Default cap on lint-and-fix passes before giving up.
MAX_PASSES = 10


class FixDidNotConverge(CopylintError):
    """Fixes kept changing the text after ``passes`` passes (or went round in a circle).

    ``codes`` names the rules whose fixes were still being applied; this is an
    internal error in those rules (their fix does not silence their finding).
    """

    def __init__(
        self, codes: Iterable[str], passes: int, path: str | None = None, cycle: bool = False
    ) -> None:
        self.codes = tuple(sorted(set(codes)))
        self.passes = passes
        self.path = path
        self.cycle = cycle
        rules = ", ".join(self.codes) or "unknown rules"
        what = (
            f"fixes undo each other (the text came back to an earlier state after {passes} "
            f"pass{'es' if passes != 1 else ''})"
            if cycle
            else f"fixes did not converge after {passes} passes"
        )
        #: the message without the path, like ``InputError.reason``
        self.reason = (
            f"{what}; rules involved: {rules} "
            "(an internal error in those rules; nothing was changed)"
        )
        super().__init__(f"{path}: {self.reason}" if path else self.reason)


#: How much one pass of fixes may grow the text: this fraction of its size plus
#: GROWTH_SLACK characters; and all passes together: GROWTH_TOTAL times the
#: original plus the slack.  Real fixes insert a space or a letter here and
#: there; a replacement that repeats its own match doubles the text each pass
#: (it ran 181 s and took 3.5 GB before this cap).
MAX_GROWTH_PER_PASS = 0.25
GROWTH_TOTAL = 2.0
GROWTH_SLACK = 4096


class FixGrowthError(CopylintError):
    """A pass of fixes would have grown the text beyond the cap; ``codes`` made it grow."""

    def __init__(self, codes: Iterable[str], before: int, after: int, path: str | None) -> None:
        self.codes = tuple(codes)
        self.path = path
        rules = ", ".join(self.codes) or "unknown rules"
        #: the message without the path, like ``InputError.reason``
        self.reason = (
            f"fixes by {rules} would grow the text from {before:,} to {after:,} characters "
            "(a replacement that repeats what it replaces?); nothing was changed"
        )
        super().__init__(f"{path}: {self.reason}" if path else self.reason)


def _check_growth(
    original: int, text: str, result: Applied, code_of: dict[int, str], path: str | None
) -> None:
    """Raise :class:`FixGrowthError` when ``result`` grows past the caps above."""
    before, after = len(text), len(result.text)
    per_pass = before * MAX_GROWTH_PER_PASS + GROWTH_SLACK
    if after - before <= per_pass and after <= original * GROWTH_TOTAL + GROWTH_SLACK:
        return
    growth: dict[str, int] = {}
    for fix in result.applied:
        added = sum(len(e.text) - (e.end - e.start) for e in fix.edits)
        growth[code_of[id(fix)]] = growth.get(code_of[id(fix)], 0) + added
    codes = sorted((c for c, n in growth.items() if n > 0), key=lambda c: (-growth[c], c))
    raise FixGrowthError(codes, before, after, path)


@dataclass(frozen=True, slots=True)
class Applied:
    """The result of :func:`apply_fixes`."""

    text: str
    applied: list[Fix]
    skipped: list[Fix]


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The result of :func:`fix_text`.

    ``remaining`` are the diagnostics of the final text (already linted, so a
    caller can report them without linting again); ``passes`` counts the
    passes that changed the text; ``applied_codes`` counts applied fixes per
    rule code.
    """

    text: str
    applied_count: int
    passes: int
    remaining: list[Diagnostic] = field(default_factory=list)
    applied_codes: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------- edits


def _conflict(a: Edit, b: Edit) -> bool:
    """True when edits of two different fixes may not be applied in one pass."""
    if not a.text and not b.text and a.start < a.end and b.start < b.end:
        return a.start < b.end and b.start < a.end  # deletions: only a real overlap
    return a.start <= b.end and b.start <= a.end


def _overlap(a: Edit, b: Edit) -> bool:
    """True when two edits of one fix cannot both be applied (they share a character
    or insert at the same offset); touching is fine, the order is then unambiguous."""
    a_ins, b_ins = a.start == a.end, b.start == b.end
    if a_ins and b_ins:
        return a.start == b.start
    if a_ins:
        return b.start < a.start < b.end
    if b_ins:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _effective_edits(text: str, fix: Fix) -> list[Edit] | None:
    """The fix's edits that change something, sorted; ``None`` if the fix is unusable.

    Unusable means: an edit outside the text, edits of one fix conflicting
    with each other, or nothing left to change.
    """
    n = len(text)
    edits = []
    for e in fix.edits:
        if e.end > n:
            return None
        if text[e.start : e.end] != e.text:
            edits.append(e)
    edits.sort(key=lambda e: (e.start, e.end))
    for prev, cur in zip(edits, edits[1:], strict=False):
        if _overlap(prev, cur):
            return None
    return edits or None


def apply_fixes(text: str, fixes: Sequence[Fix]) -> Applied:
    """Apply every fix that does not overlap one already taken; never raises.

    Returns the new text, the fixes applied and the fixes skipped (overlapping,
    out of range, self-conflicting or changing nothing).  Characters outside
    the applied edits are copied unchanged.
    """
    order = sorted(
        range(len(fixes)),
        key=lambda i: (-fixes[i].applicability.rank, _fix_start(fixes[i]), i),
    )
    taken: list[Edit] = []
    applied: list[Fix] = []
    skipped: list[Fix] = []
    for i in order:
        fix = fixes[i]
        edits = _effective_edits(text, fix)
        # Few fixes per document (tens, rarely hundreds): a linear scan is plenty.
        if edits is None or any(_conflict(e, t) for e in edits for t in taken):
            skipped.append(fix)
            continue
        taken.extend(edits)
        applied.append(fix)
    return Applied(_splice(text, taken), applied, skipped)


def _fix_start(fix: Fix) -> int:
    return fix.start if fix.edits else 0


def _splice(text: str, edits: list[Edit]) -> str:
    """One forward pass over non-conflicting edits; an insertion sorts before a
    replacement starting at the same offset, which is where it belongs."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------- passes


def applicable(fix: Fix | None, *, unsafe: bool) -> bool:
    """Whether ``--fix`` applies ``fix``: SAFE always, UNSAFE only when asked, DISPLAY never."""
    if fix is None or not fix.edits:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def fix_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    *,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
    path: str | None = None,
    guard: Callable[[str, str], bool] | None = None,
) -> FixOutcome:
    """Lint, apply the applicable fixes, and repeat until nothing changes.

    ``lint`` maps a source text to its diagnostics (fix edits in offsets of
    that same text).  Raises :class:`FixDidNotConverge` when the text is still
    changing after ``max_passes`` passes or comes back to an earlier state;
    the caller must then leave the file alone.

    ``guard(old, new)`` (Markdown and HTML: :mod:`copylint.structguard`) must
    hold for every pass: when the fixes of a pass together break it, they are
    taken one by one and only those that keep it are applied; the others are
    refused for the rest of the run.
    """
    seen = {text}
    original = len(text)
    refused: set[tuple[object, ...]] = set()
    applied_count = 0
    applied_codes: dict[str, int] = {}
    last_codes: set[str] = set()
    passes = 0
    while True:
        diagnostics = lint(text)
        wanted = [d for d in diagnostics if applicable(d.fix, unsafe=unsafe)]
        if refused:
            wanted = [d for d in wanted if _fix_key(text, d) not in refused]
        if not wanted:
            break
        # Map applied fixes back to their rule codes by identity (Fix equality
        # would merge two rules offering the same edit).
        code_of = {id(d.fix): d.code for d in wanted}
        result = apply_fixes(text, [d.fix for d in wanted if d.fix is not None])
        if guard is not None and result.text != text and not guard(text, result.text):
            tried = {id(f) for f in result.applied}
            result = _guarded(text, result, guard)
            keep = {id(f) for f in result.applied}
            refused.update(
                _fix_key(text, d)
                for d in wanted
                if d.fix is not None and id(d.fix) in tried and id(d.fix) not in keep
            )
        if result.text == text:  # only no-op or unusable fixes left
            break
        _check_growth(original, text, result, code_of, path)
        codes = {code_of[id(f)] for f in result.applied}
        if passes == max_passes or result.text in seen:
            raise FixDidNotConverge(codes | last_codes, passes, path, cycle=result.text in seen)
        for f in result.applied:
            c = code_of[id(f)]
            applied_codes[c] = applied_codes.get(c, 0) + 1
        applied_count += len(result.applied)
        passes += 1
        last_codes = codes
        text = result.text
        seen.add(text)
    return FixOutcome(text, applied_count, passes, diagnostics, applied_codes)


def _guarded(text: str, result: Applied, guard: Callable[[str, str], bool]) -> Applied:
    """The fixes of ``result`` that keep ``guard``, taken one at a time in order."""
    kept: list[Fix] = []
    current = text
    for fix in result.applied:
        trial = apply_fixes(text, [*kept, fix])
        if trial.text != current and guard(text, trial.text):
            kept.append(fix)
            current = trial.text
    dropped = [f for f in result.applied if f not in kept]
    return Applied(current, kept, [*result.skipped, *dropped])


def _fix_key(text: str, d: Diagnostic) -> tuple[object, ...]:
    """What identifies a fix from one pass to the next: its rule and what it edits where."""
    assert d.fix is not None
    return (
        d.code,
        tuple(
            (text[max(0, e.start - 40) : e.start], text[e.start : e.end], e.text)
            for e in d.fix.edits
        ),
    )


# --------------------------------------------------------------------- files


@dataclass(frozen=True, slots=True)
class FileFix:
    """What :func:`fix_file` did to one file."""

    source: SourceText
    outcome: FixOutcome
    written: bool

    @property
    def changed(self) -> bool:
        """True when the fixed text differs from the file as read."""
        return self.outcome.text != self.source.text


def fix_file(
    path: str | os.PathLike[str],
    lint: Callable[[str], list[Diagnostic]],
    *,
    unsafe: bool = False,
    encoding: str | None = None,
    root: str | os.PathLike[str] | None = None,
    write: bool = True,
    max_passes: int = MAX_PASSES,
    guard: Callable[[str, str], bool] | None = None,
) -> FileFix:
    """Read ``path``, fix it to convergence and (if ``write``) write it back atomically.

    The file is written only when its text changed, in its own encoding, BOM
    and line ends.  Raises :class:`~copylint.errors.InputError` (unreadable,
    or over its time budget), :class:`FixDidNotConverge` or
    :class:`~copylint.sources.WriteError`; in every case the file on disk is
    left as it was.
    """
    src = read_source(path, encoding)
    # Fixing lints two or three times as a rule: three times one lint's budget.
    with time_budget(src.path, 3 * budget_for(len(src.text))):
        outcome = fix_text(
            src.text, lint, unsafe=unsafe, max_passes=max_passes, path=src.path, guard=guard
        )
    changed = outcome.text != src.text
    if write and changed:
        write_atomic(path, encode_fixed(src, outcome.text), src, root=root)
    return FileFix(src, outcome, write and changed)


def encode_fixed(src: SourceText, text: str) -> bytes:
    """``text`` encoded like ``src``; a :class:`WriteError` if a fix added an
    unencodable character (say a curly quote into a Latin-1 file)."""
    try:
        return src.encode(text)
    except UnicodeEncodeError as err:
        char = err.object[err.start : err.end]
        raise WriteError(
            src.path, f"fixed text has {char!r}, which {src.encoding} cannot encode; not written"
        ) from None


# --------------------------------------------------------------------- helpers


# Lines split on \n, \r\n and \r only (str.splitlines would also split on
# form feeds and U+2028, which are not line ends in a text file).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def unified_diff(path: str, old: str, new: str, context: int = 3) -> str:
    """A unified diff of ``old`` -> ``new`` for ``--diff``, "" when they are equal.

    Line ends are kept as they are (a CRLF file diffs with CRLF lines), and a
    missing final newline is marked the way ``diff`` and git mark it.
    """
    if old == new:
        return ""
    lines = difflib.unified_diff(
        _LINE.findall(old),
        _LINE.findall(new),
        fromfile=f"a/{printable(path)}",
        tofile=f"b/{printable(path)}",
        n=context,
    )
    out = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
