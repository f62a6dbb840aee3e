"""Local mode: copylint starts one LanguageTool server for the run and always stops it.

No LanguageTool or network is needed: a fake ``java`` on PATH answers
``java -version`` and, asked to run LanguageTool's HTTPServer, runs the
protocol stand-in from ``lt_standin.py`` instead (or crashes, or hangs, as
the test orders).  A fake release folder in ``LTP_PATH`` stops
language-tool-python from downloading.  Everything is timed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from copylint.grammar import (
    GrammarSettings,
    GrammarTimeouts,
    GrammarUnavailable,
    open_grammar_service,
)

from .test_deathwatch import ended, wait_ended

TESTS = Path(__file__).resolve().parent

FAKE_JAVA = textwrap.dedent(
    """\
    #!{python}
    # A fake `java` for copylint's tests; see tests/test_grammar_local.py.
    import os, sys, time
    mode = os.environ.get("FAKE_JAVA_MODE", "ok")
    if sys.argv[1:] == ["-version"]:
        version = "11.0.2" if mode == "old" else "17.0.9"
        sys.stderr.write(f'openjdk version "{{version}}" 2023-10-17\\n')
        sys.exit(0)
    with open(os.environ["FAKE_JAVA_LOG"], "a") as log:
        log.write(f"{{os.getpid()}} {{' '.join(sys.argv[1:])}}\\n")
    if mode == "crash":
        sys.stderr.write("Error: Could not find or load main class (fake)\\n")
        sys.exit(1)
    if mode == "hang":
        time.sleep(120)
        sys.exit(0)
    sys.path.insert(0, {tests!r})
    from lt_standin import main
    main(["--port", sys.argv[sys.argv.index("-p") + 1], "--lifetime", "60"])
    """
)


@pytest.fixture
def fake_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH with only a fake java; LTP_PATH with a fake LanguageTool 6.8 release."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(FAKE_JAVA.format(python=sys.executable, tests=str(TESTS)))
    java.chmod(0o755)
    release = tmp_path / "lt" / "LanguageTool-6.8"
    release.mkdir(parents=True)
    (release / "languagetool-server.jar").write_bytes(b"")
    log = tmp_path / "java.log"
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt"))
    monkeypatch.setenv("FAKE_JAVA_LOG", str(log))
    return log


def local(start: float = 20.0) -> GrammarSettings:
    return GrammarSettings(mode="local", timeouts=GrammarTimeouts(start=start))


def server_pids(log: Path) -> list[int]:
    if not log.exists():
        return []
    return [int(line.split()[0]) for line in log.read_text().splitlines()]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_one_server_for_the_run_and_stopped_after(fake_java: Path) -> None:
    started = time.monotonic()
    with open_grammar_service(local()) as service:
        assert service is not None
        assert service.failure is None, service.failure
        assert service.url.startswith("http://127.0.0.1:")
        texts = ["It was teh best.", "Two  spaces.", "😀 a 🎉 b teh"]
        found = [service.check(t) for t in texts]
    assert time.monotonic() - started < 15
    assert [m.rule_id for m in found[0]] == ["MORFOLOGIK_RULE_EN_US"]
    assert "WHITESPACE_RULE" in [m.rule_id for m in found[1]]
    pids = server_pids(fake_java)
    assert len(pids) == 1  # one server for three texts
    assert "org.languagetool.server.HTTPServer" in fake_java.read_text()
    assert gone(pids[0])


def test_a_run_killed_outright_leaves_no_server(fake_java: Path) -> None:
    """SIGKILL runs no atexit (a CI timeout, the OOM killer): the watchdog ends the JVM."""
    code = textwrap.dedent(
        """
        import time
        from copylint.grammar import GrammarSettings, GrammarTimeouts, open_grammar_service
        settings = GrammarSettings(mode="local", timeouts=GrammarTimeouts(start=20))
        with open_grammar_service(settings) as service:
            assert service is not None and service.failure is None, service.failure
            print("ready", flush=True)
            time.sleep(120)
        """
    )
    run = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert run.stdout is not None and run.stdout.readline().strip() == "ready"
        (pid,) = server_pids(fake_java)
        assert not ended(pid)
        run.kill()
        run.wait()
        assert wait_ended(pid), "the server outlived the run that was killed"
    finally:
        run.kill()
        run.wait()


def test_no_java_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    started = time.monotonic()
    with open_grammar_service(local()) as service:
        assert service is not None and service.failure is not None
    assert time.monotonic() - started < 2
    message = str(service.failure)
    assert "Java is not on PATH" in message
    assert "Java 17" in service.failure.remedy
    assert not service.failure.fatal  # local: a warning, not an error


def test_java_too_old(fake_java: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_JAVA_MODE", "old")
    started = time.monotonic()
    with open_grammar_service(local()) as service:
        assert service is not None and service.failure is not None
    assert time.monotonic() - started < 3
    assert "is Java 11; LanguageTool 6 needs Java 17+" in str(service.failure)
    assert server_pids(fake_java) == []


def test_server_that_dies_at_start_is_tried_once(
    fake_java: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_JAVA_MODE", "crash")
    started = time.monotonic()
    with open_grammar_service(local()) as service:
        assert service is not None and service.failure is not None
    assert time.monotonic() - started < 5
    assert len(server_pids(fake_java)) == 1  # no retry on other ports
    message = str(service.failure)
    assert "exited with code 1 while starting" in message
    assert "Could not find or load main class (fake)" in message  # the JVM's own last words


def test_slow_start_is_bounded_and_leaves_no_process(
    fake_java: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_JAVA_MODE", "hang")
    started = time.monotonic()
    with open_grammar_service(local(start=2)) as service:
        assert service is not None and service.failure is not None
    assert time.monotonic() - started < 6
    assert "did not answer within 2 s (stopped it)" in str(service.failure)
    pids = server_pids(fake_java)
    assert len(pids) == 1 and gone(pids[0])


def test_server_dying_mid_run_is_reported(fake_java: Path) -> None:
    with open_grammar_service(local()) as service:
        assert service is not None and service.failure is None
        pid = server_pids(fake_java)[0]
        os.kill(pid, 9)
        time.sleep(0.2)
        with pytest.raises(GrammarUnavailable, match="exited with code -9"):
            service.check("Some text.")


def test_failed_download_is_reported_fast(tmp_path: Path) -> None:
    """No LanguageTool in LTP_PATH and no way to download it: one clear line."""
    code = textwrap.dedent(
        """
        import time
        from copylint.grammar import GrammarSettings, open_grammar_service
        t = time.monotonic()
        with open_grammar_service(GrammarSettings(mode="local")) as service:
            print(f"{time.monotonic() - t:.2f}")
            print(service.failure)
        """
    )
    env = {
        **os.environ,
        "LTP_PATH": str(tmp_path / "empty"),
        # Read by language-tool-python at import: point the download at a closed port.
        "LTP_DOWNLOAD_HOST_NEW_RELEASES": "http://127.0.0.1:9/",
        "LTP_DOWNLOAD_HOST_RELEASE": "http://127.0.0.1:9/",
    }
    if not any((Path(p) / "java").exists() for p in env.get("PATH", "").split(os.pathsep)):
        pytest.skip("needs a Java 17+ on PATH to reach the download step")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    seconds, message = out.stdout.splitlines()[:2]
    assert float(seconds) < 10
    assert "cannot download LanguageTool 6.8 from http://127.0.0.1:9/" in message
    assert "LTP_PATH" in message


def test_unusable_ltp_path_is_reported(
    fake_java: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setenv("LTP_PATH", str(not_a_folder))
    with open_grammar_service(local()) as service:
        assert service is not None and service.failure is not None
    assert "cannot install LanguageTool" in str(service.failure)
    assert "LTP_PATH" in service.failure.remedy
    assert server_pids(fake_java) == []
