"""Hostile file names (issue 15, items 4, 5 and 7).

File names are the repository's: they may hold newlines (to forge a GitHub
workflow command), terminal escape sequences, bidi overrides, bytes that are
not UTF-8, or look like options.  Every format must print them escaped, no
run may end with exit 3 because of one, and the other files must still be
reported.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from copylint.textsafe import printable

from .conftest import clean_env, copylint_command

GLUED = b"The film opened onFriday in May.\n"
FORGED = "x\n::error file=README.md,line=1::Forged\n.md"
OSC = "\x1b]0;pwned\x07.txt"
BIDI = "evil\u202etxt.md"
NOT_UTF8 = b"caf\xe9.txt"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / FORGED).write_bytes(b"\x00\x01 binary: a read error names the file")
    (content / OSC).write_bytes(GLUED)
    (content / BIDI).write_bytes(GLUED)
    with open(os.fsencode(content) + b"/" + NOT_UTF8, "wb") as fh:
        fh.write(GLUED)
    (content / "ok.txt").write_bytes(GLUED)
    return tmp_path


def run_raw(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*copylint_command(), *args], cwd=cwd, env=clean_env(), capture_output=True, timeout=120
    )


# Raw control characters (but the line ends of the output itself), bidi
# controls, and a line that starts a workflow command naming README.md.
_RAW = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xe2\x80[\xaa-\xae]|\xc2[\x80-\x9f]")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_hostile_names_are_escaped_in_every_format(hostile: Path, fmt: str) -> None:
    proc = run_raw(hostile, "--format", fmt, "content")
    assert proc.returncode == 2, proc.stderr  # the binary file is an input error
    for stream in (proc.stdout, proc.stderr):
        assert not _RAW.search(stream), stream
        assert not any(line.startswith(b"::error file=README.md") for line in stream.splitlines())
        stream.decode("utf-8")  # always valid UTF-8, even for a name that is not
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "x\\n::error file=README.md" in err
    out = proc.stdout.decode()
    # Every linted file is reported, the one with a non-UTF-8 name too.
    if fmt == "json":
        paths = {f["path"] for f in json.loads(out)}
        assert {printable(f"content/{n}") for n in (OSC, BIDI, "ok.txt")} <= paths
        assert "content/caf\\xe9.txt" in paths
    elif fmt == "sarif":
        uris = re.findall(r'"uri": "content/([^"]*)"', out)
        assert {"%1B%5D0%3Bpwned%07.txt", "caf%E9.txt", "evil%E2%80%AEtxt.md", "ok.txt"} <= set(
            uris
        )
    else:
        assert "caf\\xe9.txt" in out and "\\x1b]0;pwned\\x07.txt" in out
        assert "evil\\u202etxt.md" in out


def test_a_non_utf8_name_is_fixed_and_cached_like_any_other(hostile: Path) -> None:
    (hostile / "content" / FORGED).unlink()
    for _ in range(2):  # the second run is served from the cache
        proc = run_raw(hostile, "--format", "json", "content")
        assert proc.returncode == 1, proc.stderr
        assert len(json.loads(proc.stdout)) == 4
    proc = run_raw(hostile, "--fix", "-j", "2", "content")
    assert proc.returncode == 0, proc.stderr
    fixed = os.fsencode(hostile / "content") + b"/" + NOT_UTF8
    with open(fixed, "rb") as fh:
        assert fh.read() == GLUED.replace(b"onFriday", b"on Friday")
    proc = run_raw(hostile, "--diff", "content")
    assert proc.returncode == 0


def test_everything_after_a_double_dash_is_a_path(tmp_path: Path) -> None:
    for name in ("--select=CL000.md", "--exit-zero", "-kx.md"):
        (tmp_path / name).write_bytes(GLUED)
    proc = run_raw(tmp_path, "--", "--select=CL000.md", "--exit-zero", "-kx.md")
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode()
    assert out.count("CL201") == 3 and "All checks passed" not in out


def test_hook_mode_keeps_option_shaped_names_as_files(tmp_path: Path) -> None:
    """The hooks' entry (--from-pre-commit) without pre-commit: see also test_precommit.py."""
    for name in ("--select=CL000.md", "--config=x.md", "-", "--"):
        (tmp_path / name).write_bytes(GLUED)
    (tmp_path / "copylint.toml").write_text("", encoding="utf-8")
    args = ["--select", "CL2", "--config", "copylint.toml", "--select=CL000.md", "-", "--"]
    proc = subprocess.run(
        [*copylint_command(), "--from-pre-commit", *args],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode()
    assert out.count("CL201") == 3
    assert "./-:1:" in out and "--select=CL000.md:1:" in out and "\n--:1:" in out
