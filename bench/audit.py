"""``copylint audit`` on this machine's LocalCluster against ``copylint -j 2``.

Run from the repository root with the project's interpreter (the audit extra
installed)::

    .venv/bin/python bench/audit.py              # the BBC corpus x10, then the 1M listing
    .venv/bin/python bench/audit.py --copies 2   # a quicker look

Three measurements, all in the same run (a shared machine's speed varies by
the hour, so only figures from one run are compared):

1. **Throughput**: the BBC corpus (``../shared/corpus/bbc``, 2,095 articles)
   copied ``--copies`` times into a temporary directory (never into the
   repository), linted by ``copylint -j 2 --no-cache`` and audited by
   ``copylint audit --workers 2``; both are whole processes timed from the
   outside.  The issue's target: the audit costs at most 1.5x the local run.
2. **Memory**: the peak proportional set size of the audit's client (with
   the scheduler and the Dask workers, threads of the audit's process) and of
   each lint process, sampled while it runs.
3. **Scheduling**: a simulated listing of 1,000,000 files (sizes drawn from
   the corpus) chunked as the audit chunks it and scheduled on the audit's
   own LocalCluster with the lint stubbed out: what the chunking, the scheduler
   and the summaries cost per file when there is no lint to hide them.

Results go to stdout and ``bench/out/audit.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from proctree import children, pss_kb

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
OUT = BENCH / "out"
TARGET_RATIO = 1.5


# ----------------------------------------------------------------- measuring
def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kind(cmdline: str, root: bool) -> str:
    if root:
        return "client"
    if "audit.lintproc" in cmdline:
        return "lint_process"
    if "spawn_main" in cmdline:
        return "dask_process"
    return "other"


def measure(cmd: list[str]) -> dict[str, Any]:
    """Run ``cmd``; wall and CPU seconds, peak PSS of the tree and of each process in it."""
    peaks: dict[int, float] = {}
    kinds: dict[int, str] = {}
    cpu: dict[int, float] = {}  # last CPU seconds seen per process (sampled, a lower bound)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        tree_peak = 0.0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            todo, total = [proc.pid], 0.0
            while todo:
                p = todo.pop()
                mb = pss_kb(p) / 1024
                total += mb
                peaks[p] = max(peaks.get(p, 0.0), mb)
                # A new process shows its parent's command line until it execs:
                # read it again until it names what the process runs.
                if p not in kinds or _kind(kinds[p], p == proc.pid) == "other":
                    kinds[p] = _cmdline(p) or kinds.get(p, "")
                cpu[p] = max(cpu.get(p, 0.0), _cpu_s(p))
                todo += children(p)
            tree_peak = max(tree_peak, total)
            time.sleep(0.05)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{cmd[:3]}... failed ({code}): {err.read()[-2000:]!r}")
    # Dask's workers are multiprocessing children running spawn_main; the others
    # are the client and multiprocessing's resource tracker.
    # Each audit worker has a lint process beside it (copylint.audit.lintproc).
    workers = sorted(
        (round(mb, 1) for p, mb in peaks.items() if "spawn_main" in kinds.get(p, "")),
        reverse=True,
    )
    linters = sorted(
        (round(mb, 1) for p, mb in peaks.items() if "audit.lintproc" in kinds.get(p, "")),
        reverse=True,
    )
    result = {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "tree_peak_mb": round(tree_peak, 1),
        "client_peak_mb": round(peaks.get(proc.pid, 0.0), 1),
        "load_average_after": round(os.getloadavg()[0], 2),
    }
    if workers:  # Dask worker processes (the audit's own cluster runs its workers as threads)
        result["worker_peak_mb"] = workers
    if linters:  # one lint process per Dask worker
        result["lint_process_peak_mb"] = linters
    by_kind: dict[str, float] = {}
    for p, seconds in cpu.items():
        kind = _kind(kinds.get(p, ""), p == proc.pid)
        by_kind[kind] = by_kind.get(kind, 0.0) + seconds
    # Where the CPU went (sampled every 50 ms, so each figure is a slight underestimate).
    result["cpu_s_by_process_kind"] = {k: round(v, 2) for k, v in sorted(by_kind.items())}
    return result


# ------------------------------------------------------------------- corpus
def make_corpus(root: Path, copies: int) -> tuple[int, int]:
    """The BBC corpus copied ``copies`` times under ``root``; (files, bytes)."""
    sources = sorted(CORPUS.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no corpus at {CORPUS}")
    files = size = 0
    for k in range(copies):
        target = root / f"copy{k:02d}"
        target.mkdir(parents=True)
        for src in sources:
            shutil.copyfile(src, target / src.name)
            files += 1
            size += src.stat().st_size
    return files, size


def copylint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "copylint"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "copylint"]


# ------------------------------------------------------- simulated listing
def _stub_chunk(chunk: Any, name: str) -> Any:
    """The chunk task without reading, linting or writing: what scheduling alone costs."""
    from copylint.audit.summary import ChunkSummary

    return ChunkSummary(chunk.id, files=len(chunk.files), bytes=chunk.size)


def simulate_listing(files: int, workers: int) -> dict[str, Any]:
    """Chunk and schedule ``files`` synthetic entries on a LocalCluster, lint stubbed."""
    import random

    from copylint.audit.chunks import make_chunks
    from copylint.audit.listing import FileEntry
    from copylint.audit.run import IN_FLIGHT_PER_THREAD, connect, schedule, worker_threads
    from copylint.audit.summary import AuditSummary

    sizes = [p.stat().st_size for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(18)
    tracemalloc.start()
    t0 = time.perf_counter()
    entries = (
        FileEntry(
            f"s3://archive/{i // 1000:04d}/{i:07d}.txt",
            f"s3://archive/{i // 1000:04d}/{i:07d}.txt",
            rng.choice(sizes),
        )
        for i in range(files)
    )
    chunks = list(make_chunks(entries, "simulated-settings"))
    chunk_s = time.perf_counter() - t0
    listing_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    # The audit's own LocalCluster (copylint.audit.run.connect), as `copylint audit` starts it.
    with connect(None, workers) as client:
        summary = AuditSummary()
        t1 = time.perf_counter()
        schedule(
            client,
            chunks,
            lambda c: client.submit(_stub_chunk, c, "stub", key=f"stub-{c.id}", pure=False),
            lambda _c, s: summary.add(s),
            lambda c: (_ for _ in ()).throw(RuntimeError(f"worker died on {c.id}")),
            IN_FLIGHT_PER_THREAD * worker_threads(client),
        )
        schedule_s = time.perf_counter() - t1
    assert summary.files == files
    return {
        "files": files,
        "chunks": len(chunks),
        "chunking_s": round(chunk_s, 2),
        "client_listing_peak_mb": round(listing_mb, 1),
        "scheduling_s": round(schedule_s, 2),
        "scheduling_us_per_file": round(1e6 * schedule_s / files, 1),
        "chunks_per_s": round(len(chunks) / schedule_s, 1),
    }


# --------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="copylint audit benchmark")
    parser.add_argument("--copies", type=int, default=10, help="copies of the BBC corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--listing", type=int, default=1_000_000, help="simulated files")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "workers": args.workers,
        "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }

    with tempfile.TemporaryDirectory(prefix="copylint-audit-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        files, size = make_corpus(corpus, args.copies)
        results["files"], results["mb"] = files, round(size / 1e6, 1)
        print(f"corpus: {files:,} files, {size / 1e6:.1f} MB (BBC x{args.copies})", flush=True)

        local = measure(
            [
                *copylint_cmd(),
                "--isolated",
                "--no-cache",
                "-q",
                "-j",
                str(args.workers),
                str(corpus),
            ]
        )
        results["local"] = local
        print(f"copylint -j {args.workers}: {local}", flush=True)

        out = Path(tmp) / "audit"
        audit = measure(
            [
                *copylint_cmd(),
                "audit",
                str(corpus),
                "-o",
                str(out),
                "--isolated",
                "--workers",
                str(args.workers),
                "--no-progress",
            ]
        )
        results["audit"] = audit
        print(f"copylint audit --workers {args.workers}: {audit}", flush=True)
        parquet = sum(p.stat().st_size for p in out.rglob("*.parquet"))
        results["parquet_mb"] = round(parquet / 1e6, 2)

        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        table = pq.read_table(out / "files", columns=["lint_seconds", "status"])
        lint_s = float(pc.sum(table["lint_seconds"]).as_py())
        results["audit_files"] = table.num_rows
        results["lint_ms_per_file"] = round(1000 * lint_s / table.num_rows, 3)
        findings = pq.ParquetDataset(out / "diagnostics").read(columns=["code"])
        results["diagnostics_rows"] = findings.num_rows

    ratio = audit["wall_s"] / local["wall_s"]
    results["cpu_ratio_audit_vs_local"] = round(audit["cpu_s"] / local["cpu_s"], 3)
    core_s_per_file = audit["wall_s"] * args.workers / files
    results["ratio_audit_vs_local"] = round(ratio, 3)
    results["target_ratio"] = TARGET_RATIO
    results["audit_core_ms_per_file"] = round(1000 * core_s_per_file, 3)
    results["core_hours_per_million"] = round(core_s_per_file * 1e6 / 3600, 2)
    print(
        f"audit / local = {ratio:.2f} (target <= {TARGET_RATIO}); "
        f"{1000 * core_s_per_file:.2f} core-ms per file, "
        f"{core_s_per_file * 1e6 / 3600:.1f} core-hours per million files",
        flush=True,
    )

    if args.listing:
        sim = simulate_listing(args.listing, args.workers)
        results["simulated_listing"] = sim
        print(f"simulated listing: {sim}", flush=True)

    OUT.mkdir(exist_ok=True)
    (OUT / "audit.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
