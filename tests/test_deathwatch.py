"""The watchdog that ends the LanguageTool server's process group if copylint is killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from copylint.grammar.deathwatch import Deathwatch

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")


def ended(pid: int) -> bool:
    """True once ``pid`` is gone or a zombie (an orphan's parent may be slow to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False
    return state == "Z"


def wait_ended(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if ended(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_clean_stop_leaves_the_group_and_no_watchdog() -> None:
    group = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        watchdog = Deathwatch.start(group.pid)
        assert watchdog is not None
        watchdog.stand_down()
        watchdog.stand_down()  # twice is harmless
        assert watchdog.process.returncode == 0
        time.sleep(0.2)
        assert group.poll() is None  # told to stand down, it killed nothing
    finally:
        group.kill()
        group.wait()


def test_the_group_ends_when_its_owner_is_killed_outright(tmp_path: Path) -> None:
    owner_code = textwrap.dedent(
        """
        import subprocess, sys, time
        from copylint.grammar.deathwatch import Deathwatch
        group = subprocess.Popen(["sleep", "60"], start_new_session=True)
        watchdog = Deathwatch.start(group.pid)
        print(group.pid, watchdog.process.pid, flush=True)
        time.sleep(60)
        """
    )
    owner = subprocess.Popen([sys.executable, "-c", owner_code], stdout=subprocess.PIPE, text=True)
    try:
        assert owner.stdout is not None
        group_pid, watchdog_pid = map(int, owner.stdout.readline().split())
        time.sleep(0.3)
        assert not ended(group_pid) and not ended(watchdog_pid)
        owner.send_signal(signal.SIGKILL)  # no atexit, no handler runs
        owner.wait()
        assert wait_ended(group_pid)
        assert wait_ended(watchdog_pid)
    finally:
        owner.kill()
        owner.wait()
