"""Tests for the GitHub Actions workflow-command reporter (``--format github``).

Output is read back with a small parser written from GitHub's documented
command syntax (``::name k=v,k=v::message`` with ``%XX`` escapes), so the tests
check what GitHub would see, not the strings the reporter happens to build.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from copylint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Severity
from copylint.report.github import escape_data, escape_property, render_github

_UNESCAPE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def _unescape(text: str) -> str:
    # One left-to-right pass: "%250A" is a literal "%0A", never a newline.
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: _UNESCAPE[m.group()], text)


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Split one workflow command into (name, properties, message), unescaped."""
    assert line.startswith("::"), line
    head, sep, message = line[2:].partition("::")
    assert sep, f"no '::' separator in {line!r}"
    name, _, raw_props = head.partition(" ")
    props: dict[str, str] = {}
    for item in raw_props.split(",") if raw_props else []:
        key, eq, value = item.partition("=")
        assert eq, f"property without '=' in {line!r}"
        assert key not in props, f"duplicate property {key!r}"
        props[key] = _unescape(value)
    return name, props, _unescape(message)


def diag(
    path: str,
    *,
    code: str = "CL301",
    rule: str = "residue-ui-phrase",
    severity: Severity = Severity.WARNING,
    message: str = "Remove scraped page furniture",
    line: int = 1,
    column: int = 1,
    end_line: int = 1,
    end_column: int = 5,
) -> Diagnostic:
    """A diagnostic whose offsets are irrelevant to this reporter."""
    return Diagnostic(
        path=path,
        code=code,
        rule=rule,
        severity=severity,
        message=message,
        start=0,
        end=4,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )


def lines_of(results: list[FileResult], base: Path) -> list[tuple[str, dict[str, str], str]]:
    out = render_github(results, base_dir=base)
    assert out == "" or out.endswith("\n")
    return [parse_command(line) for line in out.splitlines()]


def test_severities_map_to_error_warning_notice(tmp_path: Path) -> None:
    results = [
        FileResult(
            "a.md",
            [
                diag("a.md", severity=Severity.ERROR),
                diag("a.md", severity=Severity.WARNING),
                diag("a.md", severity=Severity.INFO),
            ],
        )
    ]
    assert [name for name, _, _ in lines_of(results, tmp_path)] == ["error", "warning", "notice"]


def test_properties_carry_position_and_title(tmp_path: Path) -> None:
    d = diag("docs/a.md", line=3, column=5, end_line=3, end_column=9)
    [(name, props, message)] = lines_of([FileResult("docs/a.md", [d])], tmp_path)
    assert name == "warning"
    assert props == {
        "file": "docs/a.md",
        "line": "3",
        "col": "5",
        "endLine": "3",
        "endColumn": "9",
        "title": "CL301 residue-ui-phrase",
    }
    assert message == "Remove scraped page furniture"


def test_multiline_span_gives_lines_without_columns(tmp_path: Path) -> None:
    # GitHub ignores columns unless start and end are on the same line.
    d = diag("a.txt", line=2, column=7, end_line=4, end_column=3)
    [(_, props, _)] = lines_of([FileResult("a.txt", [d])], tmp_path)
    assert props["line"] == "2" and props["endLine"] == "4"
    assert "col" not in props and "endColumn" not in props


@pytest.mark.parametrize(
    "message",
    [
        "100% sure",
        "Line one\nline two",
        "Carriage\r\nreturn",
        "Literal %0A is not a newline",
        "Colons: and, commas :: everywhere",
        "“Curly” quotes and émigré café",
    ],
)
def test_message_escaping_round_trips(tmp_path: Path, message: str) -> None:
    out = render_github([FileResult("a.md", [diag("a.md", message=message)])], base_dir=tmp_path)
    assert out.count("\n") == 1, "a message must never break the one-command-per-line format"
    [(_, _, parsed)] = [parse_command(line) for line in out.splitlines()]
    assert parsed == message


def test_property_escaping_round_trips(tmp_path: Path) -> None:
    odd = "notes, drafts: 100%/a.md"
    d = diag(odd, rule="odd-rule", code="CL999")
    [(_, props, _)] = lines_of([FileResult(odd, [d])], tmp_path)
    assert props["file"] == odd
    assert props["title"] == "CL999 odd-rule"


def test_escape_functions_follow_github_rules() -> None:
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_file_error_becomes_error_on_the_file(tmp_path: Path) -> None:
    results = [FileResult("broken.txt", [], error="cannot decode as UTF-8: byte 0xff at 12")]
    [(name, props, message)] = lines_of(results, tmp_path)
    assert name == "error"
    assert props == {"file": "broken.txt"}
    assert message == "cannot decode as UTF-8: byte 0xff at 12"


def test_paths_are_made_relative_to_the_base_dir(tmp_path: Path) -> None:
    inside = tmp_path / "site" / "post.md"
    outside = tmp_path.parent / "elsewhere.md"
    results = [
        FileResult(str(inside), [diag(str(inside))]),
        FileResult(str(outside), [diag(str(outside))]),
        FileResult("./site/../site/other.md", [diag("./site/../site/other.md")]),
    ]
    files = [props["file"] for _, props, _ in lines_of(results, tmp_path)]
    assert files == ["site/post.md", outside.as_posix(), "site/other.md"]


def test_default_base_is_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "post.md")
    out = render_github([FileResult(absolute, [diag(absolute)])])
    assert parse_command(out.strip())[1]["file"] == "post.md"


def test_fix_and_suggestions_do_not_change_the_annotation(tmp_path: Path) -> None:
    plain = diag("a.md")
    fixed = dataclasses.replace(
        plain,
        fix=Fix("Delete it", (Edit(0, 4, ""),), Applicability.SAFE),
        suggestions=("something else",),
    )
    assert render_github([FileResult("a.md", [plain])], base_dir=tmp_path) == render_github(
        [FileResult("a.md", [fixed])], base_dir=tmp_path
    )


def test_no_results_no_output(tmp_path: Path) -> None:
    assert render_github([], base_dir=tmp_path) == ""
    assert render_github([FileResult("clean.md", [])], base_dir=tmp_path) == ""
