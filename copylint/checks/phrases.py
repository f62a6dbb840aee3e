"""Phrases: the generic check kind for rule packs written without Python.

A rule of this kind lists phrases (matched as whole words) or regular
expressions, each with an optional replacement and message::

    - code: CL901
      name: house-style-utilise
      check: phrases
      fix: safe
      summary: House style prefers plain words.
      options:
        phrases:
          - {phrase: utilise, replacement: use}
          - {pattern: "\\bin order to\\b", replacement: to, message: "say “to”"}
        case-sensitive: false   # default
        whole-line: false       # true: report (and delete) the whole line it is on

User patterns run on the ``regex`` engine with a time limit, so a pattern that
backtracks catastrophically stops with a diagnostic naming the rule instead
of stalling the run.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ..budget import wall_limit
from ..diagnostics import Edit, Finding, Fix
from ..document import Document
from ..errors import DataFileError
from ..kinds import PhraseOptions
from ..packs import RuleSpec
from ..textcase import match_case
from .base import Check, DocContext

PATTERN_TIMEOUT = "CL004"
#: seconds (wall clock) one pattern may spend on one document
TIME_LIMIT = 1.0
#: Longest pattern accepted, in characters: a word list belongs in ``phrases``
#: entries, not in one giant alternation (300,000 words took 68 s and 1.5 GB
#: to compile).
MAX_PATTERN_CHARS = 10_000
#: Most phrase entries in one rule.
MAX_ENTRIES = 10_000
#: seconds one pattern may take to compile (nested counted repeats can be slow)
COMPILE_LIMIT = 2.0

_GROUP_REF = regex.compile(r"\\(?:g<([^>]*)>|([0-9]{1,3}))|\\.|\\$")


def check_replacement(template: str, compiled: Any) -> str | None:
    """Why ``template`` cannot be expanded for matches of ``compiled`` (None if it can).

    ``\\5`` with four groups, or ``\\g<name>`` with no such group, would pass
    loading and then crash on every match (issue 15).
    """
    for m in _GROUP_REF.finditer(template):
        if m.group() == "\\":
            return "a replacement may not end with a lone backslash"
        name, number = m.group(1), m.group(2)
        if number is not None and number != "0" and number.startswith("0"):
            continue  # an octal escape, not a group
        ref = number if number is not None else name
        if ref is None:
            continue  # another escape (\\n, \\\\): expand() handles it
        if ref.isdigit():
            if int(ref) > compiled.groups:
                return f"refers to group {ref}, but the pattern has {compiled.groups}"
        elif ref not in compiled.groupindex:
            return f"refers to group {ref!r}, which the pattern does not define"
    return None


@dataclass(frozen=True)
class _Entry:
    pattern: Any  # a compiled regex.Pattern
    replacement: str | None
    message: str
    label: str
    is_pattern: bool


def _compile_entry(item: Any, spec: RuleSpec, case_sensitive: bool) -> _Entry:
    if isinstance(item, str):
        item = {"phrase": item}
    if not isinstance(item, Mapping):
        raise DataFileError(
            spec.pack,
            f"rule {spec.code}: each phrase must be a string or a "
            "mapping with 'phrase' or 'pattern'",
            spec.line,
        )
    unknown = set(item) - {"phrase", "pattern", "replacement", "message"}
    if unknown or ("phrase" in item) == ("pattern" in item):
        raise DataFileError(
            spec.pack,
            f"rule {spec.code}: a phrase entry needs exactly one of "
            "'phrase' or 'pattern' (and optional 'replacement', 'message')",
            spec.line,
        )
    flags = regex.V0 if case_sensitive else regex.V0 | regex.IGNORECASE
    if "phrase" in item:
        words = str(item["phrase"]).split()
        source = r"(?<![\w])" + r"\s+".join(regex.escape(w) for w in words) + r"(?![\w])"
        label = str(item["phrase"])
    else:
        source, label = str(item["pattern"]), str(item["pattern"])
    if len(source) > MAX_PATTERN_CHARS:
        raise DataFileError(
            spec.pack,
            f"rule {spec.code}: a pattern of {len(source):,} characters is over the limit of "
            f"{MAX_PATTERN_CHARS:,} (list words as separate 'phrase' entries)",
            spec.line,
        )
    try:
        with wall_limit(COMPILE_LIMIT):
            compiled = regex.compile(source, flags)
    except regex.error as exc:
        raise DataFileError(
            spec.pack, f"rule {spec.code}: invalid regular expression {label!r}: {exc}", spec.line
        ) from None
    except TimeoutError:
        raise DataFileError(
            spec.pack,
            f"rule {spec.code}: pattern {label[:80]!r} took over {COMPILE_LIMIT:g} s to compile",
            spec.line,
        ) from None
    replacement = item.get("replacement")
    if replacement is not None and "pattern" in item:
        problem = check_replacement(str(replacement), compiled)
        if problem is not None:
            raise DataFileError(
                spec.pack,
                f"rule {spec.code}: replacement {str(replacement)!r} for pattern {label!r} "
                f"{problem}",
                spec.line,
            )
    message = item.get("message") or (
        f"“{{found}}”: write “{replacement}”" if replacement is not None else spec.summary
    )
    return _Entry(
        compiled,
        None if replacement is None else str(replacement),
        str(message),
        label,
        "pattern" in item,
    )


class PhraseCheck(Check):
    """Phrases and patterns from user or built-in packs, with optional replacements."""

    kind = "phrases"

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        self._rules: list[tuple[RuleSpec, list[_Entry], bool]] = []
        for spec in specs:
            opts = spec.options
            assert isinstance(opts, PhraseOptions), "packs validate options by kind"
            items = opts.phrases
            if not items:
                raise DataFileError(
                    spec.pack,
                    f"rule {spec.code}: 'options.phrases' must be a non-empty list",
                    spec.line,
                )
            if len(items) > MAX_ENTRIES:
                raise DataFileError(
                    spec.pack,
                    f"rule {spec.code}: {len(items):,} phrases are over the limit of "
                    f"{MAX_ENTRIES:,} per rule (split them over several rules)",
                    spec.line,
                )
            entries = [_compile_entry(i, spec, opts.case_sensitive) for i in items]
            self._rules.append((spec, entries, opts.whole_line))

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        text = doc.text
        for spec, entries, whole_line in self._rules:
            if not ctx.wants(spec.code):
                continue
            for entry in entries:
                try:
                    # regex's own timeout counts CPU time, which on a busy
                    # machine is a fraction of the wall time: bound both.
                    with wall_limit(TIME_LIMIT if entry.is_pattern else 0):
                        matches = list(entry.pattern.finditer(text, timeout=TIME_LIMIT))
                except TimeoutError:
                    yield Finding(
                        PATTERN_TIMEOUT,
                        0,
                        0,
                        f"rule {spec.code} ({spec.name}) was stopped: pattern {entry.label!r} "
                        f"took more than {TIME_LIMIT:g}s on this document",
                    )
                    continue
                for m in matches:
                    if m.group() in ctx.accept or m.end() == m.start():
                        continue
                    yield self._finding(spec, entry, text, m, whole_line)

    def _finding(
        self, spec: RuleSpec, entry: _Entry, text: str, m: Any, whole_line: bool
    ) -> Finding:
        start, end = m.start(), m.end()
        found = text[start:end]
        message = entry.message.replace("{found}", found)
        if whole_line:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            cut_end = len(text) if line_end == -1 else line_end + 1
            return Finding(
                spec.code,
                line_start,
                cut_end if line_end == -1 else line_end,
                message,
                Fix("Delete the line", (Edit(line_start, cut_end, ""),), spec.fix),
            )
        if entry.replacement is None:
            return Finding(spec.code, start, end, message)
        # Patterns may refer to their groups (\\1); phrases are literal.
        written = m.expand(entry.replacement) if entry.is_pattern else entry.replacement
        replacement = match_case(found, written)
        return Finding(
            spec.code,
            start,
            end,
            message,
            Fix(f"Replace with “{replacement}”", (Edit(start, end, replacement),), spec.fix),
        )
