"""Tests for the SARIF 2.1.0 reporter (``--format sarif``).

Logs are validated against the official OASIS schema (read from
``../shared/schemas`` beside the checkout) and then read back the way a SARIF
consumer would: URIs resolved against ``originalUriBaseIds`` to real files on
disk, regions and fixes applied to those files' contents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse
from urllib.request import url2pathname

import pytest

from copylint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Severity
from copylint.packs import RuleSpec
from copylint.report.sarif import FINGERPRINT_KEY, render_sarif

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

RULES = [
    RuleSpec(
        code="CL301",
        name="residue-ui-phrase",
        check="residue",
        severity=Severity.WARNING,
        fix=Applicability.SAFE,
        summary="Scraped page furniture left in the copy.",
        explanation="**What it flags**: interface text.\n\n**Fix safety**: safe.",
        pack="rules/residue.yaml",
    ),
    RuleSpec(
        code="CL201",
        name="joins-glued-words",
        check="joins",
        severity=Severity.ERROR,
        fix=Applicability.UNSAFE,
        summary="Two words run together.",
    ),
    RuleSpec(
        code="CL510",
        name="grammar-hint",
        check="grammar",
        severity=Severity.INFO,
        fix=Applicability.DISPLAY,
        summary="A possible grammar slip.",
        explanation="Worth a second look.",
    ),
]
RULE_BY_CODE = {r.code: r for r in RULES}

# An astral-plane character before the flagged words makes code-point columns
# and offsets differ from UTF-16 ones, and a CRLF plus a lone CR exercise the
# line counting that ``newlineSequences`` declares.
ARTICLE = (
    "Intro 🎬 line.\r\nThe filmstars Sam.\rContinue reading below\nLast 🎬🎬 wordsglued here.\n"
)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column, lines ending at CRLF, LF or lone CR."""
    line_start = 0
    line = 1
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.end() > offset:
            break
        line += 1
        line_start = m.end()
    return line, offset - line_start + 1


def make_diag(
    path: str,
    text: str,
    needle: str,
    code: str,
    message: str,
    *,
    fix: Fix | None = None,
    suggestions: tuple[str, ...] = (),
    occurrence: int = 0,
) -> Diagnostic:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    line, column = _position(text, start)
    end_line, end_column = _position(text, end)
    spec = RULE_BY_CODE.get(code)
    return Diagnostic(
        path=path,
        code=code,
        rule=spec.name if spec else "internal-error",
        severity=spec.severity if spec else Severity.ERROR,
        message=message,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
        suggestions=suggestions,
    )


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA_PATH} (../shared beside the checkout)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _fixable(text: str, needle: str, replacement: str) -> Fix:
    start = text.index(needle)
    return Fix(
        f"Replace with {replacement!r}",
        (Edit(start, start + len(needle), replacement),),
        Applicability.SAFE,
    )


@pytest.fixture
def article(tmp_path: Path) -> tuple[Path, list[FileResult]]:
    """A real article on disk and hand-built results for it (plus an unreadable file)."""
    (tmp_path / "news desk").mkdir()
    path = tmp_path / "news desk" / "café.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    text = ARTICLE
    glued = text.index("wordsglued")
    glue_fix = Fix(
        "Split the glued words",
        (Edit.insert(glued + len("words"), " "),),
        Applicability.UNSAFE,
    )
    residue = text.index("Continue reading below")
    residue_fix = Fix(
        "Delete the residue line",
        (Edit.delete(residue, residue + len("Continue reading below\n")),),
        Applicability.SAFE,
    )
    rel = "news desk/café.txt"
    diags = [
        make_diag(
            rel,
            text,
            "filmstars",
            "CL510",
            "Did you mean 'film stars'?",
            suggestions=("film stars", "film-stars"),
        ),
        make_diag(
            rel,
            text,
            "Continue reading below",
            "CL301",
            "Remove scraped page furniture",
            fix=residue_fix,
        ),
        make_diag(
            rel, text, "wordsglued", "CL201", "'wordsglued' looks like two words", fix=glue_fix
        ),
        make_diag(rel, text, "Sam.\rContinue", "CL001", "internal check failed on this span"),
    ]
    results = [
        FileResult(rel, diags),
        FileResult(str(tmp_path / "missing.md"), [], error="No such file or directory"),
    ]
    return path, results


def _run(log: dict[str, Any]) -> dict[str, Any]:
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    return run


def _artifact_file(run: dict[str, Any], location: dict[str, Any]) -> Path:
    """Resolve an artifactLocation to a local path, as a SARIF viewer would."""
    uri = location["uri"]
    if "uriBaseId" in location:
        uri = urljoin(run["originalUriBaseIds"][location["uriBaseId"]]["uri"], uri)
    parsed = urlparse(uri)
    assert parsed.scheme == "file", uri
    return Path(url2pathname(unquote(parsed.path)))


def _uri_ok(uri: str) -> bool:
    """RFC 3986 URI-reference characters only, every '%' starting an escape."""
    allowed = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}"
    return re.fullmatch(f"(?:{allowed})*", uri) is not None


def test_log_validates_against_the_official_schema(validator: Any, article: Any) -> None:
    path, results = article
    log = json.loads(render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1]))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_empty_run_validates(validator: Any, tmp_path: Path) -> None:
    log = json.loads(render_sarif([], [], "0.1.0", base_dir=tmp_path))
    assert not list(validator.iter_errors(log))
    run = _run(log)
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_rule_metadata(article: Any) -> None:
    path, results = article
    run = _run(json.loads(render_sarif(results, RULES, "1.2.3", base_dir=path.parents[1])))
    driver = run["tool"]["driver"]
    assert driver["name"] == "copylint" and driver["version"] == "1.2.3"
    by_id = {d["id"]: d for d in driver["rules"]}
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for spec in RULES:
        d = by_id[spec.code]
        assert d["name"] == spec.name
        assert d["shortDescription"]["text"] == spec.summary
        expected = spec.explanation or spec.summary
        assert d["fullDescription"]["text"] == expected
        assert d["help"]["text"] == expected
        assert d["defaultConfiguration"]["level"] == levels[spec.severity]
    assert by_id["CL301"]["properties"]["tags"] == ["residue"]
    # A code with no RuleSpec still gets a descriptor, so its ruleIndex resolves.
    assert by_id["CL001"]["name"] == "internal-error"


def test_results_point_at_the_flagged_text(article: Any) -> None:
    path, results = article
    run = _run(json.loads(render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1])))
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    flagged = []
    for result, diag in zip(run["results"], results[0].diagnostics, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == diag.code
        assert result["message"]["text"] == diag.message
        [loc] = result["locations"]
        phys = loc["physicalLocation"]
        assert _uri_ok(phys["artifactLocation"]["uri"])
        file_text = _artifact_file(run, phys["artifactLocation"]).read_bytes().decode("utf-8")
        region = phys["region"]
        by_offset = file_text[region["charOffset"] : region["charOffset"] + region["charLength"]]
        # Lines split the way run.newlineSequences says; columns in code points.
        lines = re.split("|".join(map(re.escape, run["newlineSequences"])), file_text)
        if region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == by_offset
        else:
            assert by_offset.startswith(lines[region["startLine"] - 1][region["startColumn"] - 1 :])
            assert by_offset.endswith(lines[region["endLine"] - 1][: region["endColumn"] - 1])
        flagged.append(by_offset)
    assert flagged == ["filmstars", "Continue reading below", "wordsglued", "Sam.\rContinue"]


def test_levels_follow_each_diagnostic(article: Any) -> None:
    path, results = article
    run = _run(json.loads(render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1])))
    assert [r["level"] for r in run["results"]] == ["note", "warning", "error", "error"]


def test_fixes_rewrite_the_file_as_the_fixer_would(article: Any) -> None:
    path, results = article
    run = _run(json.loads(render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1])))
    fixed_texts = {}
    for result in run["results"]:
        for fix in result.get("fixes", []):
            [change] = fix["artifactChanges"]
            text = _artifact_file(run, change["artifactLocation"]).read_bytes().decode("utf-8")
            for rep in sorted(
                change["replacements"], key=lambda r: r["deletedRegion"]["charOffset"], reverse=True
            ):
                start = rep["deletedRegion"]["charOffset"]
                end = start + rep["deletedRegion"]["charLength"]
                text = text[:start] + rep.get("insertedContent", {}).get("text", "") + text[end:]
            fixed_texts[(result["ruleId"], fix["properties"]["applicability"])] = text
    assert fixed_texts == {
        ("CL301", "safe"): ARTICLE.replace("Continue reading below\n", ""),
        ("CL201", "unsafe"): ARTICLE.replace("wordsglued", "words glued"),
    }


def test_suggestions_travel_as_result_properties(article: Any) -> None:
    path, results = article
    run = _run(json.loads(render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1])))
    assert run["results"][0]["properties"]["suggestions"] == ["Film stars", "Film-stars"]
    assert "fixes" not in run["results"][0]


def test_unreadable_file_is_a_tool_notification(article: Any) -> None:
    path, results = article
    run = _run(json.loads(render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1])))
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "No such file or directory"
    loc = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert _artifact_file(run, loc) == path.parents[1] / "missing.md"


def test_paths_outside_the_base_become_file_uris(tmp_path: Path) -> None:
    outside = tmp_path / "other" / "a b.md"
    outside.parent.mkdir()
    outside.write_text("x y\n", encoding="utf-8")
    base = tmp_path / "repo"
    base.mkdir()
    d = make_diag(str(outside), "x y\n", "x", "CL301", "m")
    run = _run(json.loads(render_sarif([FileResult(str(outside), [d])], RULES, "0", base_dir=base)))
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uriBaseId" not in location
    assert _uri_ok(location["uri"])
    assert _artifact_file(run, location) == outside


def test_fingerprints_ignore_position_but_separate_repeats(tmp_path: Path) -> None:
    text = "Continue reading below\nBody.\nContinue reading below\n"
    shifted = "New first line.\n" + text

    def prints(source: str) -> list[str]:
        diags = [
            make_diag("a.txt", source, "Continue reading below", "CL301", "Remove it", occurrence=i)
            for i in range(2)
        ]
        run = _run(
            json.loads(render_sarif([FileResult("a.txt", diags)], RULES, "0", base_dir=tmp_path))
        )
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in run["results"]]

    before, after = prints(text), prints(shifted)
    assert before == after, "inserting a line above must not turn old alerts into new ones"
    assert len(set(before)) == 2, "two identical findings in one file need distinct identities"


def test_output_is_deterministic_json(article: Any) -> None:
    path, results = article
    first = render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1])
    assert first == render_sarif(results, RULES, "0.1.0", base_dir=path.parents[1])
    assert first.endswith("\n")


def test_real_lint_results_and_builtin_rules(validator: Any, tmp_path: Path) -> None:
    """The real engine and packs, end to end: the log validates and regions agree."""
    from copylint.api import Options, lint_paths
    from copylint.config import Settings
    from copylint.engine import load_rule_specs

    (tmp_path / "people.yaml").write_text(
        "people:\n  - name: Jane Doe\n    misspellings: [Jane Dough]\n", encoding="utf-8"
    )
    source = "Premiere 🎬 news.\r\nJane Dough directed the film.\r\n"
    article = tmp_path / "news.txt"
    article.write_bytes(source.encode("utf-8"))
    options = Options(isolated=True, knowledge=(str(tmp_path / "people.yaml"),))
    results = lint_paths([str(article)], options)
    rules = load_rule_specs(Settings())
    log = json.loads(render_sarif(results, rules, "0.1.0", base_dir=tmp_path))
    assert not list(validator.iter_errors(log))
    run = _run(log)
    assert {d["id"] for d in run["tool"]["driver"]["rules"]} >= {s.code for s in rules}
    assert any(r["ruleId"] == "CL101" for r in run["results"]), run["results"]
    for result in run["results"]:
        phys = result["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"] == {"uri": "news.txt", "uriBaseId": "%SRCROOT%"}
        region = phys["region"]
        start = region["charOffset"]
        assert (region["startLine"], region["startColumn"]) == _position(source, start)
        end = start + region["charLength"]
        assert (region["endLine"], region["endColumn"]) == _position(source, end)
