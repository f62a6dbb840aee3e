"""docs/json-schema.md against copylint's real ``--format json`` output.

The JSON Schema block in the document is extracted and real output is
validated against it, so the documented format cannot drift from the code.
What a schema cannot say (offsets agree with lines and columns, edits stay in
the file) is checked against the linted file itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from copylint.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    FileResult,
    Fix,
    Severity,
)
from copylint.report.json_report import render_json

DOC = Path(__file__).resolve().parents[1] / "docs" / "json-schema.md"
jsonschema = pytest.importorskip("jsonschema")


def _json_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```json\n(.*?)^```$", markdown, flags=re.M | re.S)


@pytest.fixture(scope="module")
def validator() -> Any:
    doc = DOC.read_text(encoding="utf-8")
    section = doc.split("## JSON Schema", 1)[1]
    [block] = _json_blocks(section)
    schema = json.loads(block)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(validator: Any, data: Any) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]


def test_documented_example_is_valid(validator: Any) -> None:
    example = json.loads(_json_blocks(DOC.read_text(encoding="utf-8"))[0])
    assert _errors(validator, example) == []


def test_hand_built_report_is_valid(validator: Any) -> None:
    fix = Fix("Split the words", (Edit.insert(5, " "), Edit.delete(9, 10)), Applicability.UNSAFE)
    diag = Diagnostic(
        "a.md",
        "CL201",
        "joins-glued",
        Severity.ERROR,
        "Glued words",
        0,
        10,
        1,
        1,
        1,
        11,
        fix=fix,
        suggestions=("a b",),
    )
    results = [
        FileResult("a.md", [diag], fixed=2),
        FileResult("b.txt", []),
        FileResult("c.txt", error="not valid UTF-8 at byte 3"),
    ]
    assert _errors(validator, json.loads(render_json(results))) == []


def test_schema_rejects_what_the_doc_forbids(validator: Any) -> None:
    good = json.loads(render_json([FileResult("a.md", [])]))
    bad_version = [{**good[0], "schema_version": 2}]
    errored_with_findings = [{**good[0], "error": "boom", "diagnostics": [{}]}]
    assert _errors(validator, bad_version)
    assert _errors(validator, errored_with_findings)


def _position(text: str, offset: int) -> tuple[int, int]:
    line, line_start = 1, 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.end() > offset:
            break
        line, line_start = line + 1, m.end()
    return line, offset - line_start + 1


def test_real_cli_output_matches_the_doc(validator: Any, tmp_path: Path) -> None:
    (tmp_path / "copylint.toml").write_text('knowledge = ["people.yaml"]\n', encoding="utf-8")
    (tmp_path / "people.yaml").write_text(
        "people:\n  - name: Jane Doe\n    misspellings: [Jane Dough]\n", encoding="utf-8"
    )
    # An astral character and a CRLF before the finding: offsets and columns in
    # code points, line ends counted as they are on disk.
    source = "Premiere 🎬 news.\r\nJane Dough directed the film.\r\n"
    (tmp_path / "news.txt").write_bytes(source.encode("utf-8"))
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 society\n")  # Latin-1, not UTF-8
    done = subprocess.run(
        [sys.executable, "-m", "copylint", "--format", "json", "news.txt", "bad.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr  # bad.txt is an input error
    report = json.loads(done.stdout)
    assert _errors(validator, report) == []
    by_path = {r["path"]: r for r in report}
    assert by_path["bad.txt"]["error"]
    diags = by_path["news.txt"]["diagnostics"]
    assert any(d["code"] == "CL101" for d in diags), diags
    for d in diags:
        assert 0 <= d["start"] <= d["end"] <= len(source)
        assert (d["line"], d["column"]) == _position(source, d["start"])
        assert (d["end_line"], d["end_column"]) == _position(source, d["end"])
        if d["fix"]:
            edits = sorted(d["fix"]["edits"], key=lambda e: (e["start"], e["end"]))
            for edit in edits:
                assert 0 <= edit["start"] <= edit["end"] <= len(source)
            for first, second in zip(edits, edits[1:], strict=False):
                assert first["end"] <= second["start"], "edits of one fix overlap"
    [name] = [d for d in diags if d["code"] == "CL101"]
    assert source[name["start"] : name["end"]] == "Jane Dough"
