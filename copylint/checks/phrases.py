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

from ..diagnostics import Edit, Finding, Fix
from ..document import Document
from ..errors import DataFileError
from ..fixes import match_case
from ..kinds import PhraseOptions
from ..packs import RuleSpec
from .base import Check, DocContext

PATTERN_TIMEOUT = "CL004"
#: seconds one pattern may spend on one document
TIME_LIMIT = 1.0


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
    try:
        compiled = regex.compile(source, flags)
    except regex.error as exc:
        raise DataFileError(
            spec.pack, f"rule {spec.code}: invalid regular expression {label!r}: {exc}", spec.line
        ) from None
    replacement = item.get("replacement")
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
            entries = [_compile_entry(i, spec, opts.case_sensitive) for i in items]
            self._rules.append((spec, entries, opts.whole_line))

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        text = doc.text
        for spec, entries, whole_line in self._rules:
            if not ctx.wants(spec.code):
                continue
            for entry in entries:
                try:
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
