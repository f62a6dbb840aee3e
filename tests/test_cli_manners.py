"""ruff's CLI manners: no paths means the working directory, --show-files,
--show-settings, --output-format concise|full, --color and NO_COLOR, --watch."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import clean_env, copylint_command, run_cli

RESIDUE = "The film opens in May.\n\nLeave a Reply\n"
CLEAN = "The film opens in May.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(RESIDUE, encoding="utf-8")
    (tmp_path / "content" / "b.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(RESIDUE, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('exclude = ["archive/*"]\n', encoding="utf-8")
    return tmp_path


def test_no_paths_lints_the_working_directory_with_its_excludes(site: Path) -> None:
    done = run_cli(cwd=site)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("content/a.txt:3:1: CL301"), done.stdout  # not "./content"
    assert "archive" not in done.stdout


def test_show_files_lists_what_would_be_linted(site: Path) -> None:
    done = run_cli("--show-files", cwd=site)
    assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.split()) == ["content/a.txt", "content/b.md"]


def test_show_settings_says_where_each_setting_came_from(site: Path) -> None:
    (site / "copylint.toml").write_text(
        'exclude = ["archive/*"]\nfail-on = "error"\n', encoding="utf-8"
    )
    done = run_cli("--show-settings", "content/a.txt", "--select", "CL3", cwd=site)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    config = str((site / "copylint.toml").resolve())
    assert f'fail-on = "error"  # {config}:2' in lines
    assert f'exclude = ["archive/*"]  # {config}:1' in lines
    assert 'select = ["CL3"]  # command line' in lines
    assert "report-unused-suppressions = false  # default" in lines


def test_concise_is_one_line_per_finding(site: Path) -> None:
    done = run_cli("--output-format", "concise", "content/a.txt", cwd=site)
    assert done.returncode == 1
    body = done.stdout.split("\n\n")[0].splitlines()
    assert body == ["content/a.txt:3:1: CL301 [*] Page furniture: “Leave a Reply”"]


def test_full_shows_the_source_line_with_a_caret(site: Path) -> None:
    long_line = "Word " * 30 + "and the film opens " + "later " * 30
    (site / "content" / "c.txt").write_text(f"Intro.\n\n{long_line.strip()}. the end.\n")
    done = run_cli("--output-format", "full", "content/c.txt", cwd=site)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "CL212" in line)
    gutter, source, caret = lines[at + 1 : at + 4]
    assert gutter.strip() == "|"
    assert source.startswith("3 | …") and "the end." in source  # a window, not the paragraph
    column = caret.index("^")
    assert source[column : column + 3] == "the" and caret.count("^") == 3
    assert lines[at + 4].strip() == "fix: Capitalise “The”"


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {}, False),
        ([], {}, False),  # auto, and stdout is a pipe
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # an explicit choice wins
    ],
)
def test_colour(site: Path, args: list[str], env: dict[str, str], coloured: bool) -> None:
    full_env = clean_env() | env
    done = subprocess.run(
        [*copylint_command(), *args, "content/a.txt"],
        cwd=site,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ("\x1b[" in done.stdout) is coloured, done.stdout


def test_auto_colour_on_a_terminal_respects_no_color(site: Path) -> None:
    """A real pseudo-terminal: colour by default, none with NO_COLOR."""
    import pty

    def run(env: dict[str, str]) -> str:
        leader, follower = pty.openpty()
        proc = subprocess.Popen(
            [*copylint_command(), "content/a.txt"],
            cwd=site,
            env=clean_env() | env,
            stdout=follower,
            stderr=subprocess.DEVNULL,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")

    assert "\x1b[" in run({"TERM": "xterm"})
    assert "\x1b[" not in run({"TERM": "xterm", "NO_COLOR": "1"})


def _reader(stream: object, lines: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line)


def _wait_for(lines: queue.Queue[str], needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not seen; got:\n{''.join(seen)}")


def test_watch_relints_changed_files_until_interrupted(site: Path) -> None:
    proc = subprocess.Popen(
        [*copylint_command(), "--watch", "content"],
        cwd=site,
        env=clean_env() | {"NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out: queue.Queue[str] = queue.Queue()
    err: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, out), daemon=True).start()
    threading.Thread(target=_reader, args=(proc.stderr, err), daemon=True).start()
    try:
        _wait_for(out, "content/a.txt:3:1: CL301")
        _wait_for(err, "Watching for changes")
        (site / "content" / "b.md").write_text("Intro.\n\nScroll to continue with the content\n")
        _wait_for(out, "content/b.md:3:1: CL301")
        (site / "content" / "a.txt").write_text(CLEAN, encoding="utf-8")
        _wait_for(out, "All checks passed.")
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
    assert code == 130
