"""``copylint audit`` on a real Dask LocalCluster of two worker processes.

The cluster is shared by the module (starting one costs seconds); the audit
itself runs both in this process (``run_audit`` with the cluster's client, for
``memory://`` files, which live in each process's memory) and as the real
command line (a subprocess connecting with ``--scheduler``, or starting its own
LocalCluster).  Every test compares the Parquet rows with what
``copylint --format json`` reports for the same files.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from copylint.api import Options
from copylint.audit.results import DIAGNOSTICS, FILES, Dataset
from copylint.audit.run import AuditRequest, run_audit

from .audit_support import (
    audit_cli,
    json_rows,
    local_cluster,
    make_archive,
    parquet_rows,
)
from .conftest import MI_KNOWLEDGE, clean_env, copylint_command

pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def dask_client() -> Any:
    """A LocalCluster with two worker processes, one thread each."""
    with local_cluster() as client:
        yield client


def test_cli_audit_rows_equal_json_report(tmp_path: Path, dask_client: Any) -> None:
    archive = make_archive(tmp_path)
    out = tmp_path / "out"
    proc = audit_cli(
        str(archive),
        "-o",
        str(out),
        "--scheduler",
        dask_client.scheduler.address,
        "--isolated",
        "-k",
        str(MI_KNOWLEDGE),
        "--chunk-files",
        "8",
    )
    assert proc.returncode == 0, proc.stderr
    expected, errors = json_rows([str(archive)])
    got, files = parquet_rows(str(out))
    assert expected, "the archive must produce findings to compare"
    assert got == expected
    assert sorted(f["path"] for f in files) == sorted(errors)
    assert all(f["status"] == "ok" and f["error"] is None for f in files)
    for f in files:
        data = Path(f["path"]).read_bytes()
        assert f["content_hash"] == hashlib.sha256(data).hexdigest()
        assert f["size"] == len(data)
        assert f["findings"] == sum(1 for row in got if row[0] == f["path"])
    # several chunks, each written as one part per table
    parts = sorted(p.name for p in (out / FILES).iterdir())
    assert len(parts) >= 6
    assert parts == sorted(p.name for p in (out / DIAGNOSTICS).iterdir())
    # the end summary: counts per rule and the worst file
    seed_findings = sum(1 for row in got if row[0].endswith("seed.txt"))
    assert f"{seed_findings:>10,}  {archive / 'seed.txt'}" in proc.stdout
    by_code: dict[str, int] = {}
    for row in got:
        by_code[row[1]] = by_code.get(row[1], 0) + 1
    for code, n in by_code.items():
        assert f"{n:>10,}  {code:<6}" in proc.stdout
    # `copylint audit summary DIR` prints the same summary from the Parquet
    later = audit_cli("summary", str(out))
    assert later.returncode == 0, later.stderr
    ran = [ln for ln in proc.stdout.splitlines() if not ln.startswith(("Results in", "lint time"))]
    assert [ln for ln in later.stdout.splitlines() if not ln.startswith("lint time")] == ran[:-1]


def _put_memory_files(files: dict[str, bytes]) -> None:
    import fsspec

    fs = fsspec.filesystem("memory")
    for name, data in files.items():
        fs.pipe(name, data)


def test_memory_files_rows_equal_json_report(tmp_path: Path, dask_client: Any) -> None:
    archive = make_archive(tmp_path, bbc=12)
    files = {
        f"/arch18/{p.relative_to(archive).as_posix()}": p.read_bytes()
        for p in sorted(archive.rglob("*"))
        if p.is_file()
    }
    _put_memory_files(files)  # the client lists them...
    dask_client.run(_put_memory_files, files)  # ...and each worker reads its own memory
    out = tmp_path / "out"
    outcome = run_audit(
        AuditRequest(
            sources=["memory://arch18"],
            output=str(out),
            options=Options(isolated=True, knowledge=(str(MI_KNOWLEDGE),)),
            chunk_files=5,
            progress=False,
        ),
        client=dask_client,
    )
    assert outcome.summary.files == len(files)
    expected, _ = json_rows([str(archive)])
    got, rows = parquet_rows(str(out))
    prefix = str(archive)
    as_memory = sorted((r[0].replace(prefix, "memory:///arch18", 1), *r[1:]) for r in expected)
    assert got == as_memory
    assert sorted(r["path"] for r in rows) == sorted(f"memory://{name}" for name in files)


def _kill_worker_when_written(output: Path, pid: int, killed: dict[str, int]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        parts = list((output / FILES).glob("part-*.parquet")) if (output / FILES).exists() else []
        if len(parts) >= 2:
            killed["parts_before"] = len(parts)
            os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.02)


def test_worker_killed_mid_run_loses_and_duplicates_nothing(
    tmp_path: Path, dask_client: Any
) -> None:
    archive = make_archive(tmp_path, bbc=160)
    out = tmp_path / "out"
    pids = dask_client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed: dict[str, int] = {}
    killer = threading.Thread(target=_kill_worker_when_written, args=(out, victim, killed))
    killer.start()
    outcome = run_audit(
        AuditRequest(
            sources=[str(archive)],
            output=str(out),
            options=Options(isolated=True, knowledge=(str(MI_KNOWLEDGE),)),
            chunk_files=3,
            progress=False,
        ),
        client=dask_client,
    )
    killer.join()
    assert "parts_before" in killed, "the worker was never killed"
    assert killed["parts_before"] < outcome.chunks, "the kill came after the audit ended"
    dask_client.wait_for_workers(2, timeout=240)
    assert victim not in dask_client.run(os.getpid).values()  # the nanny started a new one
    expected, errors = json_rows([str(archive)])
    got, files = parquet_rows(str(out))
    assert got == expected
    paths = [f["path"] for f in files]
    assert len(paths) == len(set(paths)) == len(errors)
    assert all(f["status"] == "ok" for f in files)


def test_resume_after_ctrl_c(tmp_path: Path) -> None:
    archive = make_archive(tmp_path, bbc=400)
    out = tmp_path / "out"
    args = [
        str(archive),
        "-o",
        str(out),
        "--workers",
        "2",
        "--isolated",
        "-k",
        str(MI_KNOWLEDGE),
        "--chunk-files",
        "4",
        "--no-progress",
    ]
    proc = subprocess.Popen(
        [*copylint_command(), "audit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / FILES).exists() and len(list((out / FILES).glob("part-*.parquet"))) >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the audit ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "--resume" in stderr
    assert "Traceback" not in stderr
    written = {p.name: p.stat().st_mtime_ns for p in (out / FILES).glob("part-*.parquet")}
    total = -(-sum(1 for p in archive.rglob("*") if p.is_file()) // 4)
    assert 3 <= len(written) < total

    again = audit_cli(*args, "--resume")
    assert again.returncode == 0, again.stderr
    assert f"resuming: {len(written):,} of " in again.stderr
    for name, mtime in written.items():  # chunks written before Ctrl-C were not redone
        assert (out / FILES / name).stat().st_mtime_ns == mtime
    assert not list(out.rglob("*.tmp"))
    expected, errors = json_rows([str(archive)])
    got, files = parquet_rows(str(out))
    assert got == expected
    paths = [f["path"] for f in files]
    assert len(paths) == len(set(paths)) == len(errors)
    manifest = json.loads((out / "_audit.json").read_text())
    assert manifest["complete"] is True


def test_sigterm_from_a_batch_system_stops_cleanly(tmp_path: Path) -> None:
    """A batch system's SIGTERM (to the audit alone) ends it like Ctrl-C: one line, 143,
    the chunks written kept, and no worker or lint process left behind."""
    archive = make_archive(tmp_path, bbc=400)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*copylint_command(), "audit", str(archive), "-o", str(out), "--workers", "2"]
        + ["--isolated", "--chunk-files", "4", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / FILES).exists() and any((out / FILES).glob("part-*.parquet")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the audit ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 143, stderr
    assert "interrupted" in stderr and "--resume" in stderr
    assert "Traceback" not in stderr
    assert any((out / FILES).glob("part-*.parquet"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _group_members(proc.pid):
        time.sleep(0.2)
    assert not _group_members(proc.pid), "processes of the audit outlived it"


def _group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of the process group ``pgid``."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def test_output_directory_is_never_mixed(tmp_path: Path) -> None:
    archive = make_archive(tmp_path, bbc=2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n")
    proc = audit_cli(str(archive), "-o", str(out), "--isolated")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "is not empty" in proc.stderr
    missing = audit_cli(str(tmp_path / "nope"), "-o", str(tmp_path / "o2"), "--isolated")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_resume_refuses_other_settings(tmp_path: Path) -> None:
    out = tmp_path / "out"
    Dataset(str(out)).write_manifest({"settings": "made-with-other-settings", "complete": False})
    archive = make_archive(tmp_path, bbc=2)
    proc = audit_cli(str(archive), "-o", str(out), "--isolated", "--resume")
    assert proc.returncode == 2
    assert "other settings" in proc.stderr
