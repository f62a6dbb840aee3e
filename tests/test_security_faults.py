"""Faults a hostile repository or environment can cause (issue 15, items 8-11).

Each test reproduces the attack with real files, FIFOs, devices, processes
and signals, and checks for one clear line and exit 2 (or the signal's exit
code), never exit 3, never a hang, never a half-written file.
"""

from __future__ import annotations

import glob
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import clean_env, copylint_command, run_cli

ARTICLE = "The film opened onFriday in May.\n"


def _bomb(indent: str = "") -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) values once expanded."""
    lines = [f"x0: &b0 [{', '.join(['lol'] * 9)}]"]
    lines += [f"x{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "".join(f"{indent}{line}\n" for line in lines)


def test_an_alias_bomb_in_knowledge_is_refused_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    text = "anchors:\n" + _bomb("  ") + "people:\n  - name: Jane Doe\n"
    text += "works:\n  - title: Film\n    released: *b9\n"
    (tmp_path / "bomb.yaml").write_text(text, encoding="utf-8")
    proc = run_cli("-k", "bomb.yaml", "a.txt", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "alias bomb" in proc.stderr
    assert "bomb.yaml" in proc.stderr


def test_an_alias_bomb_in_a_pack_explanation_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    pack = (
        "pack: house\ndescription:\n" + _bomb("  ") + "rules:\n  - code: CL901\n"
        "    name: house-word\n    check: phrases\n    summary: s\n    explanation: *b9\n"
        "    options:\n      phrases: [utilise]\n"
    )
    (tmp_path / "house.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('rule-packs = ["house.yaml"]\n', encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "alias bomb" in proc.stderr and "house.yaml" in proc.stderr


def test_a_few_ordinary_aliases_still_load(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Jane Dough directed it.\n", encoding="utf-8")
    (tmp_path / "k.yaml").write_text(
        "people:\n  - name: Jane Doe\n    misspellings: &m [Jane Dough]\n"
        "  - name: John Roe\n    misspellings: [John Row]\n",
        encoding="utf-8",
    )
    proc = run_cli("-k", "k.yaml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1 and "CL101" in proc.stdout, proc.stderr


# ----------------------------------------------------- 9: non-regular files
@pytest.mark.parametrize("how", ["knowledge", "accept-files", "rule-packs"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_data_files_that_are_not_regular_files_are_refused(
    tmp_path: Path, how: str, kind: str
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(tmp_path / "data.yaml")  # no writer: open() would block for ever
        target = "data.yaml"
    else:
        target = "/dev/zero"  # endless: read() would fill memory
    args: list[str] = []
    if how == "knowledge":
        args = ["-k", target]
    else:
        (tmp_path / "copylint.toml").write_text(f'{how} = ["{target}"]\n', encoding="utf-8")
    proc = run_cli(*args, "a.txt", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "not a regular file" in proc.stderr and proc.stderr.count("\n") == 1


def test_an_oversized_data_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from copylint import datafile
    from copylint.errors import DataFileError

    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(3 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(DataFileError, match="over the 2 MB limit"):
        datafile.read_data_file(big, limit_mb=2)


def test_a_fifo_named_like_an_ignore_file_does_not_block_the_walk(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "docs" / ".copylintignore")
    proc = run_cli("docs", cwd=tmp_path, timeout=60)
    assert proc.returncode == 1 and "CL201" in proc.stdout, proc.stderr


# ---------------------------------------------- 10: signals, orphaned workers
BODY = "The film opened onFriday in May. " * 2500 + "\n"
FIXED = BODY.replace("onFriday", "on Friday")


def _start_fix_run(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    content = tmp_path / "c"
    content.mkdir()
    for i in range(32):
        (content / f"a{i}.txt").write_text(BODY, encoding="utf-8")
    proc = subprocess.Popen(
        [*copylint_command(), "--fix", "-j4", "c"],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    return proc, content


def _workers(pid: int, expected: int = 4, wait: float = 60) -> list[int]:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
        kids = [int(k) for k in out.split()]
        if len(kids) >= expected:
            return kids
        time.sleep(0.05)
    pytest.fail("the workers did not start")


def _gone(pids: list[int], wait: float = 15) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{p}").exists() and _not_zombie(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def _not_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def _files_whole(content: Path) -> None:
    assert not glob.glob(str(content / ".*")), "a temporary file was left behind"
    for path in content.glob("a*.txt"):
        assert path.read_text(encoding="utf-8") in (BODY, FIXED), path


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_ends_the_run_cleanly(tmp_path: Path, signum: int, code: int) -> None:
    proc, content = _start_fix_run(tmp_path)
    workers = _workers(proc.pid)
    time.sleep(1.0)  # let them work
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # Ctrl-C reaches the whole process group
    else:
        proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.decode() == "copylint: interrupted\n"
    assert _gone(workers), "workers outlived the run"
    _files_whole(content)


def test_workers_notice_their_parents_death(tmp_path: Path) -> None:
    proc, content = _start_fix_run(tmp_path)
    workers = _workers(proc.pid)
    time.sleep(1.0)
    proc.kill()  # SIGKILL: the parent cannot tell anyone
    proc.communicate(timeout=60)
    assert _gone(workers, wait=30), "orphaned workers were left running"
    _files_whole(content)


# ------------------------------------------------------ 11: bad environment
@pytest.mark.parametrize("name", ["COPYLINT_MAX_FILE_MB", "COPYLINT_FILE_TIMEOUT"])
@pytest.mark.parametrize("value", ["inf", "nan", "1e10", "abc", "-1"])
def test_bad_environment_values_are_one_line_and_exit_2(
    tmp_path: Path, name: str, value: str
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.run(
        [*copylint_command(), "a.txt"],
        cwd=tmp_path,
        env={**clean_env(), name: value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"copylint: error: {name}=") and proc.stderr.count("\n") == 1


def test_good_environment_values_are_honoured(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE * 40_000, encoding="utf-8")  # 1.3 MB
    env = {**clean_env(), "COPYLINT_MAX_FILE_MB": "1", "COPYLINT_FILE_TIMEOUT": "0"}
    proc = subprocess.run(
        [*copylint_command(), "a.txt"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 2 and "over the 1 MB size limit" in proc.stderr
