"""The command line, run for real as a subprocess: output, exit codes, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import MI_KNOWLEDGE, run_cli

ARTICLE = "The film opened in July. the sequel follows.\n"


def test_text_report_and_exit_code_one(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = run_cli(str(path), "--isolated", "--select", "CL212")
    assert result.returncode == 1
    assert f"{path}:1:26: CL212 [*] Sentence starts with a lower-case letter" in result.stdout
    assert "fix: Capitalise “The”" in result.stdout
    assert "Found 1 problem (1 fixable with `--fix`)." in result.stdout


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The film opened in July. The sequel follows.\n")
    result = run_cli(str(path), "--isolated")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed." in result.stdout


def test_json_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("“Hi” — " + ARTICLE)
    result = run_cli(str(path), "--isolated", "--select", "CL212", "--format", "json")
    report = json.loads(result.stdout)
    assert report[0]["path"] == str(path) and report[0]["schema_version"] == 1
    (diag,) = report[0]["diagnostics"]
    text = path.read_text()
    assert text[diag["start"] : diag["end"]] == "the"
    assert {k: diag[k] for k in ("code", "rule", "severity", "line", "column")} == {
        "code": "CL212",
        "rule": "sentence-case",
        "severity": "warning",
        "line": 1,
        "column": diag["start"] + 1,
    }
    assert diag["fix"] == {
        "title": "Capitalise “The”",
        "applicability": "safe",
        "edits": [{"start": diag["start"], "end": diag["start"] + 1, "text": "T"}],
    }


def test_select_and_ignore_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("He said “hi. It opened. the end.\n")
    both = run_cli(str(path), "--isolated", "--select", "CL21", "--format", "json")
    codes = {d["code"] for d in json.loads(both.stdout)[0]["diagnostics"]}
    assert codes == {"CL210", "CL212"}
    one = run_cli(
        str(path), "--isolated", "--select", "CL21", "--ignore", "CL212", "--format", "json"
    )
    assert {d["code"] for d in json.loads(one.stdout)[0]["diagnostics"]} == {"CL210"}


def test_stdin_with_knowledge() -> None:
    result = run_cli(
        "-",
        "--isolated",
        "-k",
        str(MI_KNOWLEDGE),
        "--select",
        "CL1",
        stdin="In Mission: Impossible – Dead Reckoning Part One, Atwill runs.\n",
    )
    assert result.returncode == 1
    assert "-:1:" in result.stdout and "“Atwill” looks like a misspelling of “Atwell”" in (
        result.stdout
    )


def test_list_rules_explain_and_version() -> None:
    listing = run_cli("--list-rules")
    assert listing.returncode == 0 and "CL212  sentence-case" in listing.stdout
    explained = run_cli("--explain", "CL103")
    assert explained.returncode == 0
    assert "name-fuzzy-surname" in explained.stdout and "Fix safety" in explained.stdout
    assert run_cli("--explain", "CL999").returncode == 2
    assert run_cli("--version").stdout.startswith("copylint, version")


def test_bad_inputs_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 society.\n".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli(
        str(good),
        str(binary),
        str(latin),
        str(empty),
        str(tmp_path / "missing.txt"),
        "--isolated",
        "--select",
        "CL212",
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("copylint: error:")]
    assert len(errors) == 3, result.stderr
    assert any("image.txt" in e and "binary" in e for e in errors)
    assert any("latin.txt" in e and "UTF-8" in e for e in errors)
    assert any("missing.txt" in e and "no such file" in e for e in errors)
    assert f"{good}:1:26: CL212" in result.stdout  # the good file was still linted


def test_directory_walk_picks_text_files_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.md").write_text(ARTICLE)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00binary")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(ARTICLE)
    result = run_cli(str(tmp_path), "--isolated", "--select", "CL212", "--format", "json")
    paths = sorted(Path(r["path"]).name for r in json.loads(result.stdout))
    assert paths == ["a.txt", "b.md"]


def test_broken_knowledge_file_is_one_line_exit_two(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text("works:\n  - title: A\n    relased: 2020-01-01\n")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    result = run_cli(str(article), "--isolated", "-k", str(kb))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"copylint: error: {kb}:3: unknown key 'relased' in a work (did you mean 'released'?)"
    )


def test_broken_config_is_one_line_exit_two(tmp_path: Path) -> None:
    (tmp_path / "copylint.toml").write_text("selct = ['CL1']\n")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    result = run_cli(str(article), cwd=tmp_path)
    assert result.returncode == 2
    assert "copylint.toml:1: unknown key 'selct' (did you mean 'select'?)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_usage_error_exits_two() -> None:
    assert run_cli("--format", "yaml", "x").returncode == 2
    assert run_cli("--color", "sometimes", "x").returncode == 2


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    assert run_cli(str(path), "--isolated", "--fail-on", "error").returncode == 0
    assert run_cli(str(path), "--isolated", "--exit-zero").returncode == 0


def test_sarif_output_validates_and_carries_fixes(tmp_path: Path) -> None:
    import pytest

    schema_path = (
        Path(__file__).resolve().parents[2] / "shared" / "schemas" / ("sarif-schema-2.1.0.json")
    )
    if not schema_path.is_file():
        pytest.skip(f"SARIF schema not found at {schema_path} (../shared is absent)")
    import jsonschema

    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run_cli("a.txt", "--isolated", "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))
    run = log["runs"][0]
    (finding,) = [r for r in run["results"] if r["ruleId"] == "CL212"]
    rule = run["tool"]["driver"]["rules"][finding["ruleIndex"]]
    assert rule["id"] == "CL212" and rule["name"] == "sentence-case"
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["charOffset"]) == (1, 26, 25)
    assert finding["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "T"
    }


def test_github_annotations(tmp_path: Path) -> None:
    (tmp_path / "a, b.txt").write_text(ARTICLE)
    result = run_cli(
        "a, b.txt", "--isolated", "--select", "CL212", "--format", "github", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::warning file=a%2C b.txt,line=1,col=26,endLine=1,endColumn=29,"
        "title=CL212 sentence-case::Sentence starts with a lower-case letter"
    )


def test_named_paths_of_every_kind(tmp_path: Path) -> None:
    """Files, a folder, standard input and a missing name, named together: each
    is linted or reported in the order named (click's path checks stay in force)."""
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "b.txt").write_text(ARTICLE)
    names = [str(tmp_path / "a.txt"), str(tmp_path / "dir"), "-", str(tmp_path / "gone.txt")]
    result = run_cli(*names, "--isolated", "--select", "CL212", "--format", "json", stdin=ARTICLE)
    assert result.returncode == 2, result.stderr  # the missing file
    report = json.loads(result.stdout)
    assert [r["path"] for r in report] == [names[0], str(tmp_path / "dir" / "b.txt"), "-", names[3]]
    assert [len(r["diagnostics"]) for r in report] == [1, 1, 1, 0]
    assert report[3]["error"] == "no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a mode-000 file")
def test_unreadable_named_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        result = run_cli(str(path), "--isolated")
    finally:
        path.chmod(0o644)
    assert result.returncode == 2 and "is not readable" in result.stderr
