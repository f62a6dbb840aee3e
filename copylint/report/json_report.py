"""The stable JSON format (``--format json``), documented in docs/json-schema.md.

A JSON array with one object per linted input: ``{"path", "schema_version",
"error", "diagnostics": [...]}``.  Offsets are code points from the start of
the decoded file, end exclusive; lines and columns are 1-based.
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic, FileResult, Fix
from ..textsafe import printable

SCHEMA_VERSION = 1


def fix_to_json(fix: Fix | None) -> dict[str, Any] | None:
    """A fix as JSON: title, applicability and edits."""
    if fix is None:
        return None
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in fix.edits],
    }


def diagnostic_to_json(d: Diagnostic) -> dict[str, Any]:
    """One diagnostic as a JSON object (the documented field set)."""
    out: dict[str, Any] = {
        "path": printable(d.path),
        "code": d.code,
        "rule": d.rule,
        "severity": str(d.severity),
        "message": d.message,
        "start": d.start,
        "end": d.end,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "fix": fix_to_json(d.fix),
        "suggestions": list(d.suggestions),
    }
    if d.related:  # only on findings reported once for several places (CL402)
        out["related"] = [
            {
                "start": r.start,
                "end": r.end,
                "line": r.line,
                "column": r.column,
                "end_line": r.end_line,
                "end_column": r.end_column,
            }
            for r in d.related
        ]
    return out


def render_json(results: list[FileResult]) -> str:
    """The whole report as a JSON array of per-file objects."""
    payload = [
        {
            "path": printable(r.path),
            "schema_version": SCHEMA_VERSION,
            "error": None if r.error is None else printable(r.error),
            "fixed": r.fixed,
            "diagnostics": [diagnostic_to_json(d) for d in r.diagnostics],
        }
        for r in results
    ]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
