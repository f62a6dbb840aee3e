"""The composite GitHub Action (``action.yml``) and the script its steps run.

GitHub itself cannot run here, so the tests check the manifest's shape and run
``scripts/action.sh`` (the body of every step) with the real ``copylint`` on
real files, with the environment variables GitHub would set.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CHECKOUT = Path(__file__).resolve().parents[1]
SCRIPT = CHECKOUT / "scripts" / "action.sh"
MANIFEST = yaml.safe_load((CHECKOUT / "action.yml").read_text(encoding="utf-8"))


def _run_step(step: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run one step of the action as GitHub would: bash, with its inputs in the environment."""
    full = dict(os.environ)
    full["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{full.get('PATH', '')}"
    full["NO_COLOR"] = "1"
    full.update(env)
    return subprocess.run(
        ["bash", str(SCRIPT), step], cwd=cwd, env=full, capture_output=True, text=True, check=False
    )


def test_manifest_is_a_composite_action_whose_inputs_all_exist() -> None:
    assert MANIFEST["runs"]["using"] == "composite"
    declared = set(MANIFEST["inputs"])
    used = set(re.findall(r"inputs\.([\w-]+)", (CHECKOUT / "action.yml").read_text()))
    assert used <= declared, used - declared
    assert {"paths", "args", "sarif"} <= declared


def test_no_input_is_interpolated_into_a_shell_script() -> None:
    """Inputs reach the scripts through env, so a crafted path cannot become shell code."""
    for step in MANIFEST["runs"]["steps"]:
        if "run" in step:
            assert "inputs." not in step["run"], step
            assert step.get("shell") == "bash", step


def test_lint_step_annotates_and_exits_with_copylints_code(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The film opens in May.\n\nLeave a Reply\n", encoding="utf-8")
    outputs = tmp_path / "github_output"
    done = _run_step("lint", tmp_path, COPYLINT_PATHS="a.txt", GITHUB_OUTPUT=str(outputs))
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::warning file=a.txt,line=3,"), done.stdout
    assert outputs.read_text(encoding="utf-8") == "exit-code=1\n"


def test_lint_step_passes_extra_arguments(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The film opens in May.\n\nLeave a Reply\n", encoding="utf-8")
    done = _run_step("lint", tmp_path, COPYLINT_PATHS="a.txt", COPYLINT_ARGS="--fail-on error")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::warning" in done.stdout


def test_paths_are_never_shell_code_or_options(tmp_path: Path) -> None:
    """A hostile path input neither runs a command nor turns into a copylint option."""
    (tmp_path / "a.txt").write_text("Leave a Reply\n", encoding="utf-8")
    done = _run_step("lint", tmp_path, COPYLINT_PATHS="$(touch pwned) --exit-zero a.txt *")
    assert not (tmp_path / "pwned").exists()
    # "--exit-zero" came after "--", so it is a (missing) path, not an option.
    assert done.returncode == 2, done.stdout + done.stderr
    assert "::warning file=a.txt" in done.stdout


def test_sarif_step_writes_valid_sarif_and_never_fails_on_findings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Leave a Reply\n", encoding="utf-8")
    sarif = tmp_path / "out.sarif"
    done = _run_step("sarif", tmp_path, COPYLINT_PATHS="a.txt", COPYLINT_SARIF_FILE=str(sarif))
    assert done.returncode == 0, done.stderr
    log = json.loads(sarif.read_text(encoding="utf-8"))
    [run] = log["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["CL301"]


@pytest.mark.parametrize("step", ["", "deploy"])
def test_unknown_step_is_a_usage_error(tmp_path: Path, step: str) -> None:
    done = _run_step(step, tmp_path)
    assert done.returncode in (1, 2)
    assert done.stderr.strip()
