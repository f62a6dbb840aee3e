"""The import-linter contracts in pyproject.toml hold (layers; light pack loading; no loop).

Run by CI through pytest: ``lint-imports`` is in the ``dev`` extra.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def _lint_imports() -> list[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("lint-imports is missing: install the dev extra (pip install -e '.[dev]')")
    return [exe]


def test_import_contracts_are_kept() -> None:
    proc = subprocess.run(
        [*_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_a_broken_layer_is_caught(tmp_path: Path) -> None:
    """The check can fail: a config whose layers are upside down is reported broken."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "copylint"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "upside down"\ntype = "layers"\n'
        'layers = ["copylint.engine", "copylint.cli"]\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [*_lint_imports(), "--no-cache", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "copylint.cli is not allowed to import copylint.engine" in proc.stdout
