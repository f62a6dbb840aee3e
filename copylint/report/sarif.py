"""SARIF 2.1.0 output (``--format sarif``), e.g. for GitHub code scanning.

One run, one tool component ("copylint") carrying every rule's metadata, one
result per diagnostic.  Positions are given twice, as SARIF allows: as
line/column (1-based; ``run.columnKind`` says columns count Unicode code
points, as copylint's do, instead of SARIF's default UTF-16 units) and as
``charOffset``/``charLength`` (code points from the start of the file).
Fixes become ``result.fixes`` with the same offsets.  Files that could not be
linted are reported as tool execution notifications, not as results.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..diagnostics import Diagnostic, FileResult, Fix, Severity
from ..packs import RuleSpec
from ..textsafe import printable
from .paths import relative_path

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: The uriBaseId that relative artifact URIs are resolved against (the working directory).
SRCROOT = "%SRCROOT%"
#: Key under ``result.partialFingerprints``.  Not GitHub's reserved
#: ``primaryLocationLineHash``, which its uploader computes and checks itself.
FINGERPRINT_KEY = "copylint/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# copylint starts a new line after "\r\n", a lone "\n" and a lone "\r" (see
# Document.position); SARIF consumers must count lines the same way.
_NEWLINES = ["\r\n", "\n", "\r"]

Json = dict[str, Any]


def sarif_level(severity: Severity) -> str:
    """The SARIF ``level`` for a copylint severity (info is SARIF's ``note``)."""
    return _LEVELS[severity]


def render_sarif(
    results: list[FileResult],
    rules: list[RuleSpec],
    tool_version: str,
    *,
    base_dir: str | os.PathLike[str] | None = None,
) -> str:
    """Render lint results as a SARIF 2.1.0 log (a JSON document ending in a newline).

    ``rules`` are described in ``tool.driver.rules`` in the order given; a
    diagnostic whose code is not among them (an engine diagnostic, say) gets a
    minimal descriptor of its own so every ``ruleIndex`` resolves.  Paths are
    made relative to ``base_dir`` (default: the working directory), which is
    recorded as the ``%SRCROOT%`` base URI.
    """
    base = Path(os.path.abspath(base_dir if base_dir is not None else os.getcwd()))
    descriptors = [_rule_descriptor(spec) for spec in rules]
    rule_index = {spec.code: i for i, spec in enumerate(rules)}
    sarif_results: list[Json] = []
    notifications: list[Json] = []
    for file_result in results:
        location = _artifact_location(file_result.path, base)
        if file_result.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": printable(file_result.error)},
                    "locations": [{"physicalLocation": {"artifactLocation": location}}],
                }
            )
        seen: Counter[str] = Counter()
        for diag in file_result.diagnostics:
            if diag.code not in rule_index:
                rule_index[diag.code] = len(descriptors)
                descriptors.append(_fallback_descriptor(diag))
            digest = _content_hash(diag)
            seen[digest] += 1
            sarif_results.append(
                _result(diag, rule_index[diag.code], location, f"{digest}:{seen[digest]}")
            )
    invocation: Json = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    # SARIF requires a base URI to end in "/" (as_uri() gives one only for "/").
    base_uri = base.as_uri() if base.as_uri().endswith("/") else base.as_uri() + "/"
    run: Json = {
        "tool": {
            "driver": {
                "name": "copylint",
                "version": tool_version,
                "rules": descriptors,
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": base_uri}},
        "columnKind": "unicodeCodePoints",
        "newlineSequences": _NEWLINES,
        "results": sarif_results,
    }
    log = {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule_descriptor(spec: RuleSpec) -> Json:
    explanation = spec.explanation or spec.summary
    properties: Json = {"fixSafety": spec.fix.value}
    if spec.pack:
        properties["tags"] = [Path(spec.pack).stem]
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": explanation},
        # Explanations are written in Markdown (What it flags / Why / Example /
        # Fix safety); code scanning renders ``help.markdown`` on the alert page.
        "help": {"text": explanation, "markdown": explanation},
        "defaultConfiguration": {"level": sarif_level(spec.severity)},
        "properties": properties,
    }


def _fallback_descriptor(diag: Diagnostic) -> Json:
    return {
        "id": diag.code,
        "name": diag.rule,
        "shortDescription": {"text": diag.rule},
        "defaultConfiguration": {"level": sarif_level(diag.severity)},
    }


def _artifact_location(path: str, base: Path) -> Json:
    """A relative URI against ``%SRCROOT%``, or a ``file:`` URI for paths outside it."""
    rel = relative_path(path, base)
    # Percent-encode the bytes of the name: exact for any name, even one that is
    # not UTF-8, and no control character survives into the log.
    encoded = quote(os.fsencode(rel.as_posix()), safe="/")
    if rel.is_absolute():
        return {"uri": "file://" + encoded}
    return {"uri": encoded, "uriBaseId": SRCROOT}


def _content_hash(diag: Diagnostic) -> str:
    """A position-free identity: editing earlier text must not make an old alert new."""
    data = f"{diag.code}\0{diag.message}".encode()
    return hashlib.sha256(data).hexdigest()[:16]


def _result(diag: Diagnostic, index: int, location: Json, fingerprint: str) -> Json:
    result: Json = {
        "ruleId": diag.code,
        "ruleIndex": index,
        "level": sarif_level(diag.severity),
        "message": {"text": diag.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": diag.line,
                        "startColumn": diag.column,
                        "endLine": diag.end_line,
                        "endColumn": diag.end_column,
                        "charOffset": diag.start,
                        "charLength": diag.end - diag.start,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if diag.related:  # the other places of a finding reported once per document
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": r.line,
                        "startColumn": r.column,
                        "endLine": r.end_line,
                        "endColumn": r.end_column,
                        "charOffset": r.start,
                        "charLength": r.end - r.start,
                    },
                },
                "message": {"text": "same finding"},
            }
            for i, r in enumerate(diag.related, 1)
        ]
    if diag.fix is not None and diag.fix.edits:
        result["fixes"] = [_fix(diag.fix, location)]
    if diag.suggestions:
        result["properties"] = {"suggestions": list(diag.suggestions)}
    return result


def _fix(fix: Fix, location: Json) -> Json:
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {
                "artifactLocation": location,
                "replacements": list(_replacements(fix)),
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def _replacements(fix: Fix) -> Iterable[Json]:
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        yield {
            "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
            "insertedContent": {"text": edit.text},
        }
