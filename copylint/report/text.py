"""The human report: ``path:line:col: CODE [*] message`` with the fix underneath."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..diagnostics import Applicability, Diagnostic, FileResult
from ..textsafe import printable
from .snippet import Palette, excerpt, source_reader


def _printable(text: str) -> str:
    # Control characters from the linted text must not reach the terminal as
    # such (an ESC could recolour or rewrite the screen); tabs and line ends
    # in a message are the message's own.
    return printable(text, keep="\t\n")


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


def applies(d: Diagnostic, *, unsafe_fixes: bool) -> bool:
    """True when ``--fix`` (with ``--unsafe-fixes`` when given) would apply ``d``'s fix.

    This is what ``[*]`` means, in the report and in ``--statistics`` alike.
    """
    return d.fix is not None and (
        d.fix.applicability is Applicability.SAFE
        or (unsafe_fixes and d.fix.applicability is Applicability.UNSAFE)
    )


def summary_line(total: int, safe: int, unsafe: int, *, unsafe_fixes: bool) -> str:
    """ "Found 3 problems (2 fixable with `--fix`; 1 more with `--fix --unsafe-fixes`)."."""
    parts = []
    if unsafe_fixes and safe + unsafe:
        command = "`--fix --unsafe-fixes`" if unsafe else "`--fix`"
        parts.append(f"{safe + unsafe} fixable with {command}")
    else:
        if safe:
            parts.append(f"{safe} fixable with `--fix`")
        if unsafe:
            lead = "more" if safe else "fixable"
            parts.append(f"{unsafe} {lead} with `--fix --unsafe-fixes`")
    tail = f" ({'; '.join(parts)})" if parts else ""
    return f"Found {total} problem{'s' if total != 1 else ''}{tail}."


def render_text(
    results: list[FileResult],
    *,
    show_fixes: bool = True,
    unsafe_fixes: bool = False,
    quiet: bool = False,
    style: str = "text",
    color: bool = False,
    read_source: Callable[[str], str | None] | None = None,
) -> str:
    """The text report with a closing summary line.

    ``style`` is ``concise`` (one line per finding), ``text`` (each finding with
    its fix underneath) or ``full`` (also the source excerpt with a caret line,
    read with ``read_source``: by default the file as it is now on disk).
    ``color`` adds terminal colours; severity is always in the code's colour *and*
    in the report's words, so nothing depends on seeing colour.
    """
    paint = Palette(color)
    read = read_source or source_reader()
    show_fixes = show_fixes and style != "concise"
    lines: list[str] = []
    total = safe = unsafe = 0
    for r in results:
        for d in r.diagnostics:
            total += 1
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                safe += 1
            elif d.fix is not None and d.fix.applicability is Applicability.UNSAFE:
                unsafe += 1
            if quiet:
                continue
            mark = paint.mark(" [*]") if applies(d, unsafe_fixes=unsafe_fixes) else ""
            where = paint.path(f"{printable(d.path)}:{d.line}:{d.column}:")
            code = paint.code(d.code, d.severity)
            lines.append(f"{where} {code}{mark} {_printable(d.message)}")
            if d.related and style != "concise":
                places = ", ".join(f"{r.line}:{r.column}" for r in d.related)
                lines.append(f"    also at: {places}")
            if style == "full":
                source = read(d.path)
                if source is not None:
                    lines.extend(excerpt(d, source, paint))
            if show_fixes:
                extra = _fix_line(d)
                if extra:
                    lines.append(paint.fix(extra))
    fixed = sum(r.fixed for r in results)
    summary = []
    if fixed:
        summary.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
    if total:
        summary.append(summary_line(total, safe, unsafe, unsafe_fixes=unsafe_fixes))
    elif not any(r.error for r in results):
        summary.append("All checks passed.")
    if lines and summary:
        lines.append("")
    return "\n".join(lines + summary) + "\n"


def render_statistics(results: list[FileResult], *, unsafe_fixes: bool = False) -> str:
    """Counts per code, most frequent first (``--statistics``).

    ``[*]`` marks a code when ``--fix`` (with ``unsafe_fixes``) repairs some of its
    findings, as in the report.
    """
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[(d.code, d.rule)] += 1
            if applies(d, unsafe_fixes=unsafe_fixes):
                fixable[d.code] += 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    out = [
        f"{n:>{width}}\t{code}\t{'[*] ' if fixable[code] else ''}{rule}"
        for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "\n".join(out) + ("\n" if out else "")
