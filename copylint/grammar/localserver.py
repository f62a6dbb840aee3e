"""A local LanguageTool server: one JVM for the whole run, started and stopped here.

language-tool-python 3.4 can start the server itself, but when a start fails
it tries again on a new port, for up to ~900 ports (minutes of JVMs), and a
start slower than its 15 s readiness limit leaves the JVM running.  So
copylint lets the library do what it does well (find Java, download and
verify a release into ``LTP_PATH``, build the server command) and runs the
process itself: one port, one JVM, a deadline, and a kill that reaches the
whole process group.  The client then talks to it like a remote server.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
from typing import IO, Any

from .deathwatch import Deathwatch
from .errors import INSTALL_JAVA as _INSTALL_JAVA
from .errors import GrammarUnavailable
from .settings import GrammarSettings

#: LanguageTool 6.x needs Java 17.
MIN_JAVA = 17
_JAVA_VERSION_RE = re.compile(r'version "(\d+)(?:\.(\d+))?')
_INSTALL_LT = (
    "allow the download, or unpack a LanguageTool 6.x release into a folder and set "
    'LTP_PATH to that folder, or use grammar = "remote"; --grammar off skips grammar'
)


def _unavailable(cause: str, remedy: str) -> GrammarUnavailable:
    return GrammarUnavailable(cause, remedy, mode="local")


def java_major_version(java: str, timeout: float = 10.0) -> int:
    """The major version of ``java`` (``1.8`` counts as 8), or GrammarUnavailable."""
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _unavailable(f"cannot run {java} -version ({exc})", _INSTALL_JAVA) from None
    m = _JAVA_VERSION_RE.search(out.stderr + out.stdout)
    if m is None:
        raise _unavailable(f"cannot tell the version of {java}", _INSTALL_JAVA)
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def check_java() -> str:
    """The path of a usable ``java`` on PATH, or GrammarUnavailable naming what is wrong."""
    java = shutil.which("java")
    if java is None:
        raise _unavailable("Java is not on PATH (LanguageTool runs on Java)", _INSTALL_JAVA)
    major = java_major_version(java)
    if major < MIN_JAVA:
        raise _unavailable(
            f"{java} is Java {major}; LanguageTool 6 needs Java {MIN_JAVA}+", _INSTALL_JAVA
        )
    return java


def _installation() -> Any:
    """The LanguageTool release to run: the newest in ``LTP_PATH``, else downloaded now."""
    import requests
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    name = f"LanguageTool {LTP_DOWNLOAD_VERSION}"
    install: Any = None
    try:
        install = LocalLanguageTool.get_latest_installed_version()
        if install is None:
            install = LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION)
        name = f"LanguageTool {install.version_name}"
        install.download()  # a no-op when installed; otherwise download and verify
    except (requests.RequestException, TimeoutError) as exc:
        cause = "no answer" if isinstance(exc, TimeoutError | requests.Timeout) else "no connection"
        raise _unavailable(
            f"cannot download {name} from {getattr(install, 'download_url', '?')} ({cause})",
            _INSTALL_LT,
        ) from None
    except (Exception, SystemExit) as exc:  # 3.4 raises SystemExit for odd `java -version`
        detail = next((ln for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)
        raise _unavailable(f"cannot install {name} ({detail[:200]})", _INSTALL_LT) from None
    return install


#: For ``requests``: ignore HTTP(S)_PROXY from the environment (an explicit None wins).
NO_PROXY: dict[str, Any] = {"http": None, "https": None}


def is_loopback(url: str) -> bool:
    """True for a server on this machine, which must never be reached through a proxy."""
    host = urllib.parse.urlsplit(url).hostname or ""
    return host == "localhost" or host.startswith("127.") or host == "::1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LocalServer:
    """A running LanguageTool JVM on 127.0.0.1; :meth:`stop` always ends it."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        url: str,
        log: IO[bytes],
        watchdog: Deathwatch | None = None,
    ) -> None:
        self.process = process
        self.url = url
        self._log = log
        self._watchdog = watchdog  # ends the JVM if copylint is killed outright
        atexit.register(self.stop)  # a crash of the run must not leave a JVM behind

    @classmethod
    def start(cls, settings: GrammarSettings) -> LocalServer:
        """Start one server and wait until it answers, within ``timeouts.start``."""
        check_java()
        install = _installation()
        port = _free_port()
        try:
            cmd = install.get_server_cmd(port)
        except Exception as exc:
            detail = f"cannot find the LanguageTool server jar ({exc})"
            raise _unavailable(detail, _INSTALL_LT) from None
        # The JVM's stderr, kept for the last line of a failed start; lives as long as the server.
        log = tempfile.TemporaryFile()  # noqa: SIM115
        popen_extra: dict[str, Any] = (
            {"start_new_session": True}
            if os.name == "posix"
            else {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
        )
        try:
            process = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, **popen_extra
            )
        except OSError as exc:
            log.close()
            raise _unavailable(f"cannot run {cmd[0]} ({exc})", _INSTALL_JAVA) from None
        watchdog = Deathwatch.start(process.pid)
        server = cls(process, f"http://127.0.0.1:{port}/", log, watchdog)
        try:
            server._wait_ready(settings.timeouts.start, cmd)
        except BaseException:
            server.stop()
            raise
        return server

    def _wait_ready(self, limit: float, cmd: list[str]) -> None:
        import requests

        deadline = time.monotonic() + limit
        probe = self.url + "v2/languages"
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise _unavailable(
                    f"the LanguageTool server exited with code {code} while starting"
                    f"{self._log_tail()}",
                    f"run it by hand to see why: {' '.join(cmd)}",
                )
            with contextlib.suppress(requests.RequestException):
                if requests.get(probe, timeout=(0.5, 2.0), proxies=NO_PROXY).ok:
                    return
            time.sleep(0.1)
        raise _unavailable(
            f"the local LanguageTool server did not answer within {limit:g} s (stopped it)",
            "raise grammar-options start-timeout, or run a server yourself and use "
            'grammar = "remote"; --grammar off skips grammar',
        )

    def _log_tail(self) -> str:
        try:
            self._log.seek(0)
            lines = [ln.strip() for ln in self._log.read().decode(errors="replace").splitlines()]
        except (OSError, ValueError):
            return ""
        lines = [ln for ln in lines if ln]
        return f" ({lines[-1][:200]})" if lines else ""

    @property
    def alive(self) -> bool:
        """True while the JVM runs."""
        return self.process.poll() is None

    def exit_cause(self) -> str:
        """Why the server is gone, for a mid-run failure message."""
        return f"the local LanguageTool server exited with code {self.process.poll()}" + (
            self._log_tail()
        )

    def stop(self) -> None:
        """End the JVM (its whole process group) and wait for it; safe to call twice."""
        atexit.unregister(self.stop)
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._signal(getattr(signal, "SIGKILL", signal.SIGTERM))
                self.process.wait(timeout=5)
        if self._watchdog is not None:
            # After the JVM is gone: if copylint is killed while stopping it,
            # the watchdog still finishes the job.
            self._watchdog.stand_down()
        with contextlib.suppress(OSError):
            self._log.close()

    def _signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if os.name == "posix":
                os.killpg(self.process.pid, sig)
            else:
                self.process.terminate() if sig == signal.SIGTERM else self.process.kill()
