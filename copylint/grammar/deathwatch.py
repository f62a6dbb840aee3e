"""A process group that ends with copylint, even when copylint is killed outright.

The local LanguageTool server runs in a process group of its own, and copylint
stops it when the run ends, fails or is interrupted (``atexit``, signal
handlers).  A SIGKILL runs none of that: a CI runner's timeout, the kernel's
out-of-memory killer, an editor ending its hook.  The JVM would then run on,
holding a gigabyte of memory and a port, until someone notices.

A :class:`Deathwatch` is a tiny Python process that holds the read end of a
pipe whose write end only copylint holds.  When copylint dies, however it
dies, the kernel closes the pipe; the watchdog reads end-of-file and kills the
group.  A clean stop writes a byte first, and the watchdog leaves quietly.
(Linux's ``PR_SET_PDEATHSIG`` would need no process, but it fires when the
*thread* that started the server ends, which a language server's worker
thread does.)
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

#: The watchdog: block until the pipe closes; kill the group unless told to stand down.
_WATCHDOG = """\
import os, signal, sys
told = b""
while True:
    chunk = os.read(0, 64)
    if not chunk:
        break
    told += chunk
if not told:
    try:
        os.killpg(int(sys.argv[1]), signal.SIGKILL)
    except OSError:
        pass
"""


class Deathwatch:
    """Kills process group ``pgid`` if this process dies before :meth:`stand_down`."""

    def __init__(self, process: subprocess.Popen[bytes], pipe: int) -> None:
        self.process = process
        self._pipe = pipe

    @classmethod
    def start(cls, pgid: int) -> Deathwatch | None:
        """Watch ``pgid``; None where it cannot be done (not POSIX, no interpreter)."""
        if os.name != "posix" or not sys.executable:
            return None
        # Not inheritable: programs copylint runs later do not hold the pipe open.
        # (Forked workers do, and end with copylint.)
        read_end, write_end = os.pipe()
        try:
            process = subprocess.Popen(
                # -I -S: no user site, no environment, no site-packages: a fast, clean start
                [sys.executable, "-I", "-S", "-c", _WATCHDOG, str(pgid)],
                stdin=read_end,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # its own session: a Ctrl-C at the terminal must not end it before copylint
                start_new_session=True,
            )
        except OSError:
            os.close(write_end)
            return None
        finally:
            os.close(read_end)
        return cls(process, write_end)

    def stand_down(self) -> None:
        """Tell the watchdog to leave without killing anything; safe to call twice."""
        if self._pipe < 0:
            return
        with contextlib.suppress(OSError):
            os.write(self._pipe, b".")
        os.close(self._pipe)
        self._pipe = -1
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
