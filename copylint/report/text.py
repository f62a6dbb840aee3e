"""The human report: ``path:line:col: CODE [*] message`` with the fix underneath."""

from __future__ import annotations

import re
from collections import Counter

from ..diagnostics import Applicability, Diagnostic, FileResult

# Control characters from the linted text must not reach the terminal as such
# (an ESC could recolour or rewrite the screen); show them escaped instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _fix_line(d: Diagnostic) -> str | None:
    if d.fix is not None:
        label = {
            Applicability.SAFE: "fix",
            Applicability.UNSAFE: "unsafe fix",
            Applicability.DISPLAY: "suggestion",
        }[d.fix.applicability]
        return f"    {label}: {_printable(d.fix.title)}"
    if d.suggestions:
        return "    suggestion: " + _printable("; ".join(d.suggestions))
    return None


def render_text(
    results: list[FileResult],
    *,
    show_fixes: bool = True,
    unsafe_fixes: bool = False,
    quiet: bool = False,
) -> str:
    """The text report with a closing summary line."""
    lines: list[str] = []
    total = safe = unsafe = 0
    for r in results:
        for d in r.diagnostics:
            total += 1
            applicable = d.fix is not None and (
                d.fix.applicability is Applicability.SAFE
                or (unsafe_fixes and d.fix.applicability is Applicability.UNSAFE)
            )
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                safe += 1
            elif d.fix is not None and d.fix.applicability is Applicability.UNSAFE:
                unsafe += 1
            if quiet:
                continue
            mark = " [*]" if applicable else ""
            lines.append(
                f"{_printable(d.path)}:{d.line}:{d.column}: {d.code}{mark} {_printable(d.message)}"
            )
            if show_fixes:
                extra = _fix_line(d)
                if extra:
                    lines.append(extra)
    fixed = sum(r.fixed for r in results)
    summary = []
    if fixed:
        summary.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
    if total:
        fixable = safe + (unsafe if unsafe_fixes else 0)
        tail = f" ({fixable} fixable with --fix" if fixable else ""
        if not unsafe_fixes and unsafe:
            tail += ("; " if tail else " (") + f"{unsafe} more with --fix --unsafe-fixes"
        tail += ")" if tail else ""
        summary.append(f"Found {total} problem{'s' if total != 1 else ''}{tail}.")
    elif not any(r.error for r in results):
        summary.append("All checks passed.")
    if lines and summary:
        lines.append("")
    return "\n".join(lines + summary) + "\n"


def render_statistics(results: list[FileResult]) -> str:
    """Counts per code, most frequent first (``--statistics``)."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[(d.code, d.rule)] += 1
            if d.fixable:
                fixable[d.code] += 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    out = [
        f"{n:>{width}}\t{code}\t{'[*] ' if fixable[code] else ''}{rule}"
        for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "\n".join(out) + ("\n" if out else "")
