"""The review report (``--format html``): one self-contained page for editors.

The page shows each article as text with its findings highlighted in place
(:mod:`copylint.report.html_marks`), severity by colour, underline style and a
text label; the message, rule and fix of a finding on hover and on keyboard
focus; each fix as a tracked change (deletion struck through, insertion
underlined); and, around the articles, counts per rule with filters by rule
and severity and an index of the files.

Self-contained: the style sheet and script are inlined, nothing is loaded
from anywhere, and a Content-Security-Policy allows only those two (by hash),
so the page works offline and as a CI artefact.  Every piece of article text,
path and message is escaped; the policy is the second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from html import escape
from importlib import resources

from ..diagnostics import Applicability, Diagnostic, FileResult, Fix, Severity
from ..packs import RuleSpec
from .html_marks import Span, mark_text
from .html_view import shown_text

#: files shown expanded; a larger report starts with every file collapsed
OPEN_FILES = 20
#: characters of context either side of a tracked change, within its line
CONTEXT = 40
#: a deleted or inserted text longer than this is shown by its two ends
LONG_CHANGE = 200

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_FIX_LABEL = {
    Applicability.SAFE: "Fix",
    Applicability.UNSAFE: "Unsafe fix",
    Applicability.DISPLAY: "Suggestion",
}
_VISIBLE_BLANKS = str.maketrans({"\n": "↵", "\r": "", "\t": "⇥", " ": "␣"})


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_html(
    results: Sequence[FileResult],
    texts: Mapping[str, str],
    rules: Sequence[RuleSpec] = (),
    version: str = "",
) -> str:
    """The report page for ``results``; ``texts`` holds each file's source text by path.

    A file whose text is missing (unreadable meanwhile) still gets its
    findings listed, without the article.
    """
    css, js = _asset("report.css"), _asset("report.js")
    names = {spec.code: spec.name for spec in rules}
    diagnostics = [d for r in results for d in r.diagnostics]
    numbered = _number(results)
    policy = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    total = len(diagnostics)
    checked = len(results)
    title = f"copylint review: {_plural(total, 'problem')} in {_plural(checked, 'file')}"
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n",
        "<header>\n<h1>copylint review</h1>\n",
        f'<p class="summary">{_summary(results)}'
        f"{f' · copylint {_e(version)}' if version else ''}</p>\n</header>\n<main>\n",
        _overview(results, diagnostics, names),
    ]
    for index, result in enumerate(results, 1):
        parts.append(
            _file_section(
                index, result, texts.get(result.path), numbered, names, len(results) <= OPEN_FILES
            )
        )
    parts.append('</main>\n<div id="tip" role="tooltip" hidden></div>\n')
    parts.append(f"<script>{js}</script>\n</body>\n</html>\n")
    return "".join(parts)


def _number(results: Sequence[FileResult]) -> dict[int, int]:
    """A report-wide number for each diagnostic (by identity), in report order."""
    numbers: dict[int, int] = {}
    for r in results:
        for d in r.diagnostics:
            numbers[id(d)] = len(numbers) + 1
    return numbers


def _summary(results: Sequence[FileResult]) -> str:
    by_sev = Counter(d.severity for r in results for d in r.diagnostics)
    total = sum(by_sev.values())
    errors = sum(1 for r in results if r.error)
    fixable = sum(1 for r in results for d in r.diagnostics if d.fixable)
    text = f"Found {_plural(total, 'problem')} in {_plural(len(results), 'file')}"
    if total:
        text += " (" + ", ".join(_plural(by_sev[s], str(s)) for s in _SEVERITIES if by_sev[s])
        text += f"; {fixable} with a fix)" if fixable else ")"
    if errors:
        text += f"; {_plural(errors, 'file')} could not be read"
    return _e(text + ".")


def _overview(
    results: Sequence[FileResult], diagnostics: list[Diagnostic], names: Mapping[str, str]
) -> str:
    """Filters by severity and rule (with counts per rule) and the index of files."""
    by_sev = Counter(d.severity for d in diagnostics)
    by_code = Counter(d.code for d in diagnostics)
    fixable = Counter(d.code for d in diagnostics if d.fixable)
    rule_of = {d.code: d.rule for d in diagnostics}
    sev_of = {d.code: d.severity for d in diagnostics}
    out = ['<section id="overview">\n<h2>Findings by rule</h2>\n<form id="filters">\n']
    out.append("<fieldset><legend>Severity</legend>")
    out.extend(
        f'<label><input type="checkbox" data-sev="{s}" checked> '
        f'<span class="sev {s}">{str(s).capitalize()}</span> ({by_sev[s]})</label>'
        for s in _SEVERITIES
    )
    out.append(
        f'<span>Showing <span id="shown-count">{len(diagnostics)}</span> '
        f"of {len(diagnostics)}</span></fieldset>\n"
    )
    out.append(
        '<p class="buttons"><button type="button" data-all="on">All rules</button>'
        '<button type="button" data-all="off">No rules</button></p>\n'
    )
    out.append(
        '<table class="rules"><thead><tr><th scope="col">Show</th><th scope="col">Code</th>'
        '<th scope="col">Rule</th><th scope="col">Severity</th>'
        '<th scope="col">Findings</th><th scope="col">With a fix</th></tr></thead>\n<tbody>\n'
    )
    for code, count in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0])):
        name = names.get(code) or rule_of[code]
        out.append(
            f'<tr><td><input type="checkbox" data-rule="{_e(code)}" checked '
            f'aria-label="Show {_e(code)}"></td><td><code>{_e(code)}</code></td>'
            f'<td>{_e(name)}</td><td><span class="sev {sev_of[code]}">{sev_of[code]}</span></td>'
            f'<td class="n">{count}</td><td class="n">{fixable[code]}</td></tr>\n'
        )
    out.append('</tbody></table>\n</form>\n<h2>Files</h2>\n<ol class="index">\n')
    for index, r in enumerate(results, 1):
        if r.error:
            out.append(
                f'<li><a href="#file-{index}">{_e(r.path)}</a> '
                f'<span class="error">could not be read: {_e(r.error)}</span></li>\n'
            )
        else:
            out.append(
                f'<li><a href="#file-{index}">{_e(r.path)}</a> — {_counts(r.diagnostics)}</li>\n'
            )
    out.append("</ol>\n</section>\n")
    return "".join(out)


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    if not diagnostics:
        return "no problems"
    by_sev = Counter(d.severity for d in diagnostics)
    detail = ", ".join(_plural(by_sev[s], str(s)) for s in _SEVERITIES if by_sev[s])
    return f"{_plural(len(diagnostics), 'problem')} ({detail})"


def _file_section(
    index: int,
    result: FileResult,
    text: str | None,
    numbered: Mapping[int, int],
    names: Mapping[str, str],
    expanded: bool,
) -> str:
    out = [
        f'<section class="file" id="file-{index}">\n<details{" open" if expanded else ""}>'
        f"<summary><h2>{_e(result.path)}</h2> — "
    ]
    if result.error:
        out.append(f"could not be read: {_e(result.error)}</summary>\n</details>\n</section>\n")
        return "".join(out)
    out.append(f"{_counts(result.diagnostics)}</summary>\n")
    if text is None:
        out.append('<p class="unavailable">The file could not be read again for display.</p>\n')
    else:
        shown, to_shown = shown_text(result.path, text)
        spans = [
            Span(
                numbered[id(d)],
                *to_shown(d.start, d.end),
                f'class="hl sev-{d.severity}{" point" if d.start == d.end else ""}" '
                f'data-f="{numbered[id(d)]}" data-code="{_e(d.code)}" data-sev="{d.severity}"',
            )
            for d in result.diagnostics
        ]
        severity = {numbered[id(d)]: str(d.severity) for d in result.diagnostics}
        out.append(
            f'<div class="article" aria-label="{_e(result.path)}">'
            f"{mark_text(shown, spans, _first_attributes(severity))}</div>\n"
        )
    out.append('<h3>Findings</h3>\n<ol class="findings">\n')
    out.extend(_finding(d, numbered[id(d)], text, names) for d in result.diagnostics)
    out.append("</ol>\n</details>\n</section>\n")
    return "".join(out)


def _first_attributes(severity: Mapping[int, str]) -> Callable[[Span], str]:
    """Attributes of a finding's first fragment: focusable, described by its message,
    and labelled with its severity in words (shown after the highlight)."""

    def attributes(span: Span) -> str:
        n = span.number
        return (
            f'id="m-{n}" tabindex="0" aria-describedby="f-{n}-msg" data-first="" '
            f'data-label="{severity[n]}"'
        )

    return attributes


def _finding(d: Diagnostic, n: int, text: str | None, names: Mapping[str, str]) -> str:
    sev = str(d.severity)
    parts = [
        f'<li class="finding" id="f-{n}" data-code="{_e(d.code)}" data-sev="{sev}">'
        f'<div class="detail"><a class="loc" href="#m-{n}">{d.line}:{d.column}</a>'
        f'<span class="sev {sev}">{sev.capitalize()}</span> <code>{_e(d.code)}</code> '
        f'<span class="rule">{_e(names.get(d.code) or d.rule)}</span><br>'
        f'<span class="msg" id="f-{n}-msg">{_e(d.message)}</span>'
    ]
    if d.fix is not None:
        parts.append(_change(d.fix, text))
    if d.suggestions:
        parts.append(
            '<div class="change"><span class="kind">Suggestion:</span> '
            f"{_e('; '.join(d.suggestions))}</div>"
        )
    parts.append("</div></li>\n")
    return "".join(parts)


def _change(fix: Fix, text: str | None) -> str:
    """A fix as a tracked change: its title, then the edit in its context."""
    head = (
        f'<div class="change"><span class="kind">{_FIX_LABEL[fix.applicability]}:</span> '
        f"{_e(fix.title)}"
    )
    if text is None or not fix.edits:
        return head + "</div>"
    return head + f'<br><span class="tracked">{tracked_change(text, fix)}</span></div>'


def tracked_change(text: str, fix: Fix) -> str:
    """The fix's edits as ``<del>``/``<ins>`` in their line's context, escaped."""
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    first, last = edits[0].start, max(e.end for e in edits)
    line_start = max(text.rfind("\n", 0, first), text.rfind("\r", 0, first)) + 1
    lo = max(line_start, first - CONTEXT)
    line_end = min(
        (i for i in (text.find("\n", last), text.find("\r", last)) if i >= 0), default=len(text)
    )
    hi = min(line_end, last + CONTEXT)
    lo, hi = _word_edge_left(text, lo, first), _word_edge_right(text, hi, last)
    out = ["…" if lo > line_start else ""]
    pos = lo
    for edit in edits:
        out.append(_e(text[pos : edit.start]))
        if edit.end > edit.start:
            out.append(f"<del>{_shown(text[edit.start : edit.end])}</del>")
        if edit.text:
            out.append(f"<ins>{_shown(edit.text)}</ins>")
        pos = max(pos, edit.end)
    out.append(_e(text[pos:hi]))
    out.append("…" if hi < line_end else "")
    return "".join(out)


def _word_edge_left(text: str, lo: int, limit: int) -> int:
    """Move ``lo`` forward to a word start (never past ``limit``): no word cut in two."""
    if lo == 0 or text[lo - 1].isspace():
        return lo
    space = text.find(" ", lo, limit)
    return space + 1 if space >= 0 else lo


def _word_edge_right(text: str, hi: int, limit: int) -> int:
    """Move ``hi`` back to a word end (never before ``limit``)."""
    if hi >= len(text) or text[hi].isspace():
        return hi
    space = text.rfind(" ", limit, hi)
    return space if space >= 0 else hi


def _shown(changed: str) -> str:
    """Deleted or inserted text, escaped; blanks made visible, long texts shortened."""
    if len(changed) > LONG_CHANGE:
        half = LONG_CHANGE // 2 - 5
        changed = f"{changed[:half]} … {changed[-half:]}"
    if not changed.strip():
        changed = changed.translate(_VISIBLE_BLANKS)
    return _e(changed)
