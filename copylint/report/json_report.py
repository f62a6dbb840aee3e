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
    """The whole report as a JSON array of per-file objects.

    The text is ``json.dumps(files, ensure_ascii=False, indent=2)`` of the
    per-file objects, each laid out from a template (see :func:`indented_json`).
    """
    if not results:
        return "[]\n"
    out: list[str] = []
    before = "[\n  "
    for r in results:
        error = "null" if r.error is None else _encode_string(printable(r.error))
        out.append(
            f'{before}{{\n    "path": {_encode_string(printable(r.path))},\n'
            f'    "schema_version": {SCHEMA_VERSION},\n    "error": {error},\n'
            f'    "fixed": {_scalar(r.fixed)},\n    "diagnostics": '
        )
        _lay_out([diagnostic_to_json(d) for d in r.diagnostics], "\n    ", out)
        out.append("\n  }")
        before = ",\n  "
    out.append("\n]\n")
    return "".join(out)


# json.dumps encodes strings in C, but with ``indent`` the rest of its encoder is
# Python written for every case (circular checks, sorting, float options); the
# report's plain data (dicts, lists, strings, ints, None) is laid out here the
# same way.  Performance (issue 19): this is the serial tail of a corpus run,
# after the last worker's result.
_encode_string = json.encoder.encode_basestring  # ensure_ascii=False: the C encoder


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, faster."""
    out: list[str] = []
    _lay_out(value, "\n", out)
    return "".join(out)


def _lay_out(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value`` to ``out``; ``newline`` is a line end and the current indent."""
    kind = type(value)
    if kind is str:
        out.append(_encode_string(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        before = "{" + inner
        for key, item in value.items():
            if type(key) is not str:  # json turns other keys into strings its own way
                out.append(before + json.dumps({key: None})[1:-5])  # '"1": '
            else:
                out.append(before + _encode_string(key) + ": ")
            _lay_out(item, inner, out)
            before = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        before = "[" + inner
        for item in value:
            out.append(before)
            _lay_out(item, inner, out)
            before = "," + inner
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


def _scalar(value: Any) -> str:
    """A value that is no dict, list or string, as json writes it."""
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)  # True, False, floats, int subclasses
