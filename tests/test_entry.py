"""The script's entry point: ``--version`` answered without importing the command line."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import run_cli


def test_version_matches_clicks_version_option() -> None:
    """The fast path prints exactly what the click command's own version option prints."""
    fast = run_cli("--version")
    slow = subprocess.run(
        [sys.executable, "-c", "from copylint.cli import cli; cli(['--version'])"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert fast.returncode == slow.returncode == 0
    assert fast.stdout == slow.stdout == run_cli("-V").stdout
    assert fast.stdout.startswith("copylint, version ")


def test_version_does_not_import_click_or_the_core() -> None:
    code = (
        "import sys\n"
        "from copylint.entry import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m == 'click' or m.startswith('copylint.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['copylint.entry']"


def test_everything_else_goes_to_the_command_line() -> None:
    assert run_cli("--version", "--help").returncode == 0  # not the lone-flag fast path
    assert "Usage:" in run_cli("--help").stdout
