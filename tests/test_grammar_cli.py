"""The grammar options end to end: the real ``copylint`` command, the real client, the stand-in."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import clean_env, copylint_command
from .lt_standin import StandIn


def copylint(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    base = clean_env()
    return subprocess.run(
        [*copylint_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**base, **(env or {})},
    )


@pytest.fixture(autouse=True)
def _needs_grammar_options(tmp_path: Path) -> None:
    if "--grammar" not in copylint("--help", cwd=tmp_path).stdout:
        pytest.skip("the CLI has no --grammar option yet (wiring: see docs/grammar.md)")


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


def codes(stdout: str) -> list[str]:
    return [d["code"] for f in json.loads(stdout) for d in f["diagnostics"]]


def test_remote_findings_in_json_and_one_client(tmp_path: Path, standin: StandIn) -> None:
    (tmp_path / "a.txt").write_text("It was teh best.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two  spaces here.\n", encoding="utf-8")
    out = copylint(
        "--grammar",
        "remote",
        "--languagetool-url",
        standin.url,
        "--format",
        "json",
        "--isolated",
        "a.txt",
        "b.txt",
        cwd=tmp_path,
    )
    assert out.returncode == 1, out.stderr
    found = codes(out.stdout)
    assert "CL502" in found and "CL505" in found
    assert out.stderr == ""
    assert [r.path for r in standin.requests] == ["/v2/languages", "/v2/check", "/v2/check"]


def test_off_by_default_sends_nothing(tmp_path: Path, standin: StandIn) -> None:
    (tmp_path / "a.txt").write_text("It was teh best.\n", encoding="utf-8")
    out = copylint("--isolated", "--format", "json", "a.txt", cwd=tmp_path)
    assert not [c for c in codes(out.stdout) if c.startswith("CL5")]
    assert standin.requests == []


def test_config_turns_it_on_with_options(tmp_path: Path, standin: StandIn) -> None:
    (tmp_path / "copylint.toml").write_text(
        f'grammar = "remote"\nlanguagetool-url = "{standin.url}"\nlanguage = "en-GB"\n'
        '[grammar-options]\ndisabled-rules = ["WHITESPACE_RULE"]\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("Two  spaces and teh end.\n", encoding="utf-8")
    out = copylint("--format", "json", "a.txt", cwd=tmp_path)
    assert "CL502" in codes(out.stdout) and "CL505" not in codes(out.stdout), out.stderr
    params = standin.checks()[0].params
    assert (params["language"], params["disabledRules"]) == ("en-GB", "WHITESPACE_RULE")


def test_bad_grammar_config_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "copylint.toml").write_text('grammar = "sometimes"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    out = copylint("a.txt", cwd=tmp_path)
    assert out.returncode == 2
    assert "copylint.toml" in out.stderr and "'grammar'" in out.stderr


def test_safe_whitespace_fix_is_applied(tmp_path: Path, standin: StandIn) -> None:
    target = tmp_path / "a.txt"
    target.write_text("Two  spaces here.\n", encoding="utf-8")
    copylint(
        "--grammar",
        "remote",
        "--languagetool-url",
        standin.url,
        "--isolated",
        "--fix",
        "a.txt",
        cwd=tmp_path,
    )
    assert target.read_text(encoding="utf-8") == "Two spaces here.\n"


def test_unreachable_remote_is_an_error_after_the_report(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A plain sentence.\n", encoding="utf-8")
    started = time.monotonic()
    out = copylint(
        "--languagetool-url",
        "http://127.0.0.1:9",
        "--isolated",
        "--format",
        "json",
        "a.txt",
        cwd=tmp_path,
    )
    assert time.monotonic() - started < 10
    assert out.returncode == 2
    assert json.loads(out.stdout)[0]["path"] == "a.txt"  # the report is still complete
    lines = out.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("copylint: error: grammar checks (CL5xx) skipped: cannot connect")


def test_local_without_java_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A plain sentence.\n", encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()
    started = time.monotonic()
    out = copylint(
        "--grammar", "local", "--isolated", "a.txt", cwd=tmp_path, env={"PATH": str(empty)}
    )
    assert time.monotonic() - started < 10
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stderr.count("copylint: warning: grammar checks (CL5xx) skipped") == 1
    assert "Java is not on PATH" in out.stderr
