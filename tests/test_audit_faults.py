"""``copylint audit`` when files misbehave: crashes, killed processes, runaway lint, grammar.

A real LocalCluster of two worker processes of its own (a test here kills
processes; the other audit tests' cluster is not shared with it), and the
faults are real: each worker's lint process preloads ``tests/audit_hooks.py``,
which makes a check raise, SIGKILL its own process, or hang with the
time-budget alarm blocked on files holding a marker word; the runaway file
is real markup that makes the HTML parser quadratic.  Every test checks that
each file of the archive has exactly one row, that the faulty file is an
error, and that every other file's rows equal ``copylint --format json``.
"""

from __future__ import annotations

import collections
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from copylint.api import Options
from copylint.audit.results import FILES
from copylint.audit.run import LOCAL_DASK_CONFIG, WORKER_KILLER, AuditRequest, run_audit

from .audit_hooks import CRASH_MARKER, HANG_MARKER, KILL_MARKER, WORKER_KILL_MARKER
from .audit_support import (
    SETTINGS,
    UNDECODABLE,
    audit_cli,
    json_rows,
    local_cluster,
    make_archive,
    parquet_rows,
)
from .conftest import MI_KNOWLEDGE, clean_env, copylint_command
from .lt_standin import StandIn
from .test_grammar_local import fake_java, server_pids  # noqa: F401 - a fixture

# A hard bound per test: a fault that hung the audit fails the test, never CI.
pytestmark = pytest.mark.timeout(600)

HOOKS = str(Path(__file__).with_name("audit_hooks.py"))
OPTIONS = Options(isolated=True, knowledge=(str(MI_KNOWLEDGE),))


@pytest.fixture(scope="module")
def cluster() -> Any:
    """This module's own LocalCluster: two worker processes, one thread each."""
    with local_cluster() as client:
        yield client


def _audit(client: Any, archive: Path, out: Path, chunk_files: int) -> Any:
    return run_audit(
        AuditRequest(
            sources=[str(archive)],
            output=str(out),
            options=OPTIONS,
            chunk_files=chunk_files,
            progress=False,
            preload=(HOOKS,),
        ),
        client=client,
    )


def _every_file(archive: Path) -> list[str]:
    return sorted(str(p) for p in archive.rglob("*") if p.is_file())


def _others_equal_json(archive: Path, out: Path, faulty: set[str]) -> list[dict]:
    """Every file has one row; the files not in ``faulty`` are ok and their rows equal JSON's."""
    got, files = parquet_rows(str(out))
    paths = [f["path"] for f in files]
    assert sorted(paths) == _every_file(archive), "each file exactly once"
    others = [p for p in _every_file(archive) if p not in faulty]
    expected, _ = json_rows(others)
    assert expected, "the other files must have findings to compare"
    assert [r for r in got if r[0] not in faulty] == expected
    assert all(f["status"] == "ok" for f in files if f["path"] not in faulty)
    return files


def test_a_file_that_kills_every_lint_process_is_an_error_and_the_rest_is_audited_once(
    tmp_path: Path, cluster: Any
) -> None:
    archive = make_archive(tmp_path, bbc=40)
    web = archive / "web"
    killer = web / "killer.txt"
    killer.write_text(f"The {KILL_MARKER} filmopened onFriday.\n", encoding="utf-8")
    crash = web / "crash.txt"
    crash.write_text(f'The {CRASH_MARKER} filmopened onFriday, "he said.\n', encoding="utf-8")
    latin1 = web / "latin1.txt"
    latin1.write_bytes(UNDECODABLE)
    workers = cluster.run(os.getpid)
    out = tmp_path / "out"

    outcome = _audit(cluster, archive, out, chunk_files=10)

    faulty = {str(killer), str(crash), str(latin1)}
    files = _others_equal_json(archive, out, faulty)
    by_path = {f["path"]: f for f in files}
    row = by_path[str(killer)]
    assert row["status"] == "error"
    assert "died every time it linted this file (killed by SIGKILL" in row["error"]
    assert row["content_hash"] == hashlib.sha256(killer.read_bytes()).hexdigest()
    got, _ = parquet_rows(str(out))
    assert not [r for r in got if r[0] == str(killer)]
    # The killer's chunk was written whole, with files linted before and after it.
    for part in (out / FILES).glob("part-*.parquet"):
        names = pq.read_table(part, columns=["path"]).column("path").to_pylist()
        if str(killer) in names:
            at = names.index(str(killer))
            assert 0 < at < len(names) - 1, names
            assert all(by_path[n]["status"] == "ok" for n in names if n not in faulty)
    # A rule that raises and an undecodable file are errors as in `copylint PATH`.
    assert by_path[str(crash)]["status"] == "error"
    assert "crashed: ZeroDivisionError: a rule bug, for the test" in by_path[str(crash)]["error"]
    crash_rows = [r for r in got if r[0] == str(crash)]
    assert any(r[1] == "CL001" for r in crash_rows)
    assert any(r[1] != "CL001" for r in crash_rows), "the other rules still ran on it"
    _, errors = json_rows([str(latin1)])
    assert by_path[str(latin1)]["error"] == errors[str(latin1)]
    assert outcome.summary.error_count == 3
    assert {p for p, _ in outcome.summary.errors} == faulty
    # The lint process took the deaths: no Dask worker died, no chunk was re-run.
    assert cluster.run(os.getpid) == workers
    assert outcome.isolated_chunks == 0


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_file_that_kills_every_dask_worker_is_an_error_and_the_rest_is_audited_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback when the Dask worker itself dies (the out-of-memory killer picking
    the worker, not its lint process): its own cluster, configured as ``copylint
    audit`` configures its LocalCluster, since workers die here one after another."""
    archive = make_archive(tmp_path, bbc=20)
    killer = archive / "web" / "worker-killer.txt"
    killer.write_text(f"The {WORKER_KILL_MARKER} filmopened onFriday.\n", encoding="utf-8")
    out = tmp_path / "out"
    config = LOCAL_DASK_CONFIG
    pids = tmp_path / "lint-pids.txt"
    monkeypatch.setenv("COPYLINT_TEST_LINT_PIDS", str(pids))  # inherited by the workers
    with local_cluster(config=config) as client:
        first = set(client.run(os.getpid).values())
        outcome = _audit(client, archive, out, chunk_files=8)
        client.wait_for_workers(2, timeout=240)
        assert first - set(client.run(os.getpid).values()), "the file killed workers"

    files = {f["path"]: f for f in _others_equal_json(archive, out, {str(killer)})}
    assert files[str(killer)]["status"] == "error"
    assert files[str(killer)]["error"] == WORKER_KILLER
    assert outcome.isolated_chunks == 1  # its chunk, re-run file by file
    assert outcome.summary.error_count == 1
    # No lint process outlives its worker, killed or closed (each watches its parent).
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) >= 4  # the first two, and one per killed worker
    deadline = time.monotonic() + 60
    while any(_alive(p) for p in started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in started if _alive(p)]


def test_time_budget_stops_a_runaway_file_and_a_silent_lint_process(
    tmp_path: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The client's budget goes to every lint process; 2 s base keeps the test short.
    monkeypatch.setenv("COPYLINT_FILE_TIMEOUT", "2")
    archive = make_archive(tmp_path, bbc=8)
    runaway = archive / "web" / "runaway.html"
    runaway.write_bytes(b"<!--" * 60_000)  # html.parser is quadratic on this
    silent = archive / "web" / "silent.txt"
    silent.write_text(f"The {HANG_MARKER} filmopened onFriday.\n", encoding="utf-8")
    out = tmp_path / "out"

    outcome = _audit(cluster, archive, out, chunk_files=64)  # one chunk: all files together

    faulty = {str(runaway), str(silent)}
    files = {f["path"]: f for f in _others_equal_json(archive, out, faulty)}
    # The lint process's own alarm stopped the runaway file, with `copylint PATH`'s error.
    cli = subprocess.run(
        [*copylint_command(), "--format", "json", *SETTINGS, str(runaway)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**clean_env(), "COPYLINT_FILE_TIMEOUT": "2"},
    )
    assert "linting took longer than" in cli.stderr
    assert f"{runaway}: {files[str(runaway)]['error']}" in cli.stderr
    # The silent process (alarm blocked, as in C code) was killed after budget + grace.
    assert files[str(silent)]["status"] == "error"
    assert "did not answer and was killed" in files[str(silent)]["error"]
    assert outcome.summary.error_count == 2


def test_grammar_findings_when_the_settings_turn_grammar_on(tmp_path: Path, cluster: Any) -> None:
    archive = make_archive(tmp_path, bbc=6)
    (archive / "web" / "typos.txt").write_text(
        "It was teh best  film of the year, and he could of seen it.\n", encoding="utf-8"
    )
    with StandIn(lifetime=600) as lt:
        config = tmp_path / "copylint.toml"
        config.write_text(f'grammar = "remote"\nlanguagetool-url = "{lt.url}"\n', encoding="utf-8")
        settings = ("--config", str(config), "-k", str(MI_KNOWLEDGE))
        out = tmp_path / "out"
        proc = audit_cli(
            str(archive),
            "-o",
            str(out),
            "--scheduler",
            cluster.scheduler.address,
            "--chunk-files",
            "5",
            *settings,
        )
        assert proc.returncode == 0, proc.stderr
        audited = len(lt.checks())
        expected, _ = json_rows([str(archive)], *settings)
    got, files = parquet_rows(str(out))
    assert got == expected
    codes = collections.Counter(r[1] for r in got)
    assert codes["CL502"] and codes["CL505"], codes
    assert sorted(f["path"] for f in files) == _every_file(archive)
    assert audited >= len(files) - 1  # every file with text was sent (an empty one is not)


def test_grammar_failure_stops_the_audit_without_incomplete_results(
    tmp_path: Path, cluster: Any
) -> None:
    archive = make_archive(tmp_path, bbc=4)
    with StandIn(behaviour="error", lifetime=600) as lt:
        out = tmp_path / "out"
        proc = audit_cli(
            str(archive),
            "-o",
            str(out),
            "--scheduler",
            cluster.scheduler.address,
            "--grammar",
            "remote",
            "--languagetool-url",
            lt.url,
            *SETTINGS,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "LanguageTool failed" in proc.stderr and "--resume" in proc.stderr
    _, files = parquet_rows(str(out))
    assert files == [], "no chunk is written without its grammar findings"


def test_a_killed_lint_process_leaves_no_local_languagetool_behind(
    tmp_path: Path,
    fake_java: Path,  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With local grammar each lint process starts its own LanguageTool server; one
    SIGKILLed by a file (nothing in it runs to stop the server), or stopped at the
    end, leaves no server running. The audit's own LocalCluster, so the lint
    processes see the fake ``java`` on PATH."""
    monkeypatch.setenv("PATH", f"{fake_java.parent / 'bin'}{os.pathsep}{os.environ['PATH']}")
    archive = make_archive(tmp_path, bbc=12)
    killer = archive / "web" / "killer.txt"
    killer.write_text(f"The {KILL_MARKER} filmopened onFriday.\n", encoding="utf-8")
    out = tmp_path / "out"
    outcome = run_audit(
        AuditRequest(
            sources=[str(archive)],
            output=str(out),
            options=OPTIONS,
            workers=2,
            chunk_files=5,
            progress=False,
            preload=(HOOKS,),
            grammar=("local", None, None),
        )
    )
    _, files = parquet_rows(str(out))
    assert sorted(f["path"] for f in files) == _every_file(archive)
    row = next(f for f in files if f["path"] == str(killer))
    assert "died every time it linted this file (killed by SIGKILL" in row["error"]
    assert outcome.summary.error_count == 1
    servers = server_pids(fake_java)
    assert len(servers) >= 4  # one per lint process: the first two, one per death
    deadline = time.monotonic() + 30  # each server would otherwise live its 60 s
    while [p for p in servers if _alive(p)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p for p in servers if _alive(p)] == [], "LanguageTool servers outlived the audit"


WORKER_STAND_IN = """
import sys, time
from copylint.api import Options
from copylint.audit import lintproc
setup = lintproc.LintSetup(
    Options(isolated=True), grammar=("local", None, None), preload=(sys.argv[1],)
)
process = lintproc.LintProcess(setup)
process.start()
assert process.lint([("a.txt", b"It was teh best.\\n")])[0].error is None
# A file the lint process never finishes: it is busy, not reading its pipe.
lintproc._write(process._to, ([("hang.txt", sys.argv[2].encode())], True))
print(process.proc.pid, flush=True)
time.sleep(600)
"""


def test_a_lint_process_whose_worker_dies_ends_its_local_languagetool(
    tmp_path: Path,
    fake_java: Path,  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker SIGKILLed (by the out-of-memory killer, say) while its lint process
    is busy on a file cannot stop it: the lint process notices, and ends its
    LanguageTool server before it exits (its clean-up code does not run on that path)."""
    monkeypatch.setenv("PATH", f"{fake_java.parent / 'bin'}{os.pathsep}{os.environ['PATH']}")
    hang = f"The {HANG_MARKER} filmopened onFriday.\n"
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER_STAND_IN, HOOKS, hang], stdout=subprocess.PIPE, text=True
    )
    try:
        assert worker.stdout is not None
        lint_pid = int(worker.stdout.readline())
        servers = server_pids(fake_java)
        assert len(servers) == 1 and _alive(servers[0]) and _alive(lint_pid)
        # Under memory pressure the kernel picks the lint process before its worker.
        assert Path(f"/proc/{lint_pid}/oom_score_adj").read_text().strip() == "500"
    finally:
        worker.kill()
        worker.wait()
    deadline = time.monotonic() + 30  # the server would otherwise live its 60 s
    while (_alive(lint_pid) or _alive(servers[0])) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(lint_pid), "the lint process outlived its worker"
    assert not _alive(servers[0]), "its LanguageTool server outlived it"
