"""copylint's speed benchmark: throughput, start-up, knowledge scale, growth, cache.

Run from the repository root with the project's interpreter::

    .venv/bin/python bench/run.py            # everything, median of 3 runs each
    .venv/bin/python bench/run.py --quick    # 1 run each, 300 articles for the comparisons
    .venv/bin/python bench/run.py --throughput --repeat 1   # the corpus figures only

It builds its own environment on first use: ``bench/.env`` (a virtualenv with
proselint 0.16) and ``bench/node_modules`` (write-good 1.0.8 from npm); both are
git-ignored, as is ``bench/out`` (generated knowledge, the 10 MB file, results).
Every figure is a whole process run from the outside, wall-clock time, with
the peak memory of the process and its workers (the sum of their proportional
set sizes, so pages shared by forked workers are not counted twice).  The
articles are ``../shared/corpus/bbc`` (2,095 BBC News articles, 4.7 MB).
LanguageTool is off (copylint's default).  Results go to stdout and to
``bench/out/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from proctree import children, pss_kb

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
SEED_KNOWLEDGE = ROOT / "fixtures" / "knowledge" / "mission-impossible.yaml"
ENV = BENCH / ".env"
OUT = BENCH / "out"
PROSELINT = "proselint==0.16.0"
WRITE_GOOD = "write-good@1.0.8"
#: proselint 0.16's articles/s on the reference machine (issue 7).
PROSELINT_REFERENCE_RATE = 160


# ----------------------------------------------------------------- measuring
@dataclass
class Run:
    """One process run: wall seconds, CPU seconds (user+sys, workers included), peak MB."""

    wall: float
    cpu: float
    peak_mb: float
    returncode: int


#: Seconds between memory samples: at first, and at most (see measure).
_FIRST_PAUSE, _LAST_PAUSE = 0.01, 0.1


def _tree_pss_mb(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += pss_kb(p)
        todo += children(p)
    return total / 1024


def measure(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    any_exit: bool = False,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``cmd`` (output discarded), sampling its process tree's memory.

    copylint must exit 0 or 1 (findings); ``any_exit`` is for tools whose
    exit code counts their findings (write-good).

    The samples start 10 ms apart and spread out to 100 ms: reading the
    proportional set size makes the kernel walk every page of each process
    (about 4 ms of CPU for copylint's parent and two forked workers), so
    sampling every 10 ms took a quarter of a core from the measured tool,
    which on a 2-core machine is the parallel run's (issue 19).
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        # A thread blocks in wait4 and notes the exit time, so the wall time is
        # exact; polling between samples would round it up to the next sample
        # (with samples 10 ms growing to 100 ms apart, a 0.14 s run read as 0.16 s).
        reaped: list[tuple[float, int, Any]] = []

        def reap() -> None:
            _, status, usage = os.wait4(proc.pid, 0)
            reaped.append((time.perf_counter(), status, usage))

        waiter = threading.Thread(target=reap, daemon=True)
        waiter.start()
        peak = 0.0
        pause = _FIRST_PAUSE
        while waiter.is_alive():
            peak = max(peak, _tree_pss_mb(proc.pid))
            waiter.join(pause)
            pause = min(_LAST_PAUSE, pause * 1.25)
        end, status, usage = reaped[0]
        wall = end - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if not any_exit and code not in (0, 1):  # findings are fine; errors are not
            err.seek(0)
            raise SystemExit(f"{cmd[:3]}... failed ({code}): {err.read()[-2000:]!r}")
    if peak == 0:
        # Too short to sample: ru_maxrss (the process or its largest reaped
        # child) is the best floor there is.
        peak = usage.ru_maxrss / 1024
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, code)


def median_run(cmd: list[str], repeat: int, **kw: object) -> Run:
    runs = [measure(cmd, **kw) for _ in range(repeat)]  # type: ignore[arg-type]
    runs.sort(key=lambda r: r.wall)
    mid = runs[len(runs) // 2]
    return Run(mid.wall, mid.cpu, max(r.peak_mb for r in runs), mid.returncode)


# ------------------------------------------------------------- environment
def proselint_env() -> Path:
    """proselint in bench/.env (installed once from PyPI)."""
    proselint = ENV / "bin" / "proselint"
    if not proselint.exists():
        print("setting up bench/.env with", PROSELINT, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(ENV)], check=True)
        subprocess.run([str(ENV / "bin" / "pip"), "install", "-q", PROSELINT], check=True)
    return proselint


def _interleaved(cmds: dict[str, tuple[list[str], dict[str, object]]], runs: int) -> dict[str, Run]:
    """Median wall and median CPU of each command, the commands taking turns.

    Taking turns spreads the machine's changing load over all of them alike;
    on a shared machine the CPU seconds (user+sys) are the steadier figure.
    """
    seen: dict[str, list[Run]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, (cmd, kw) in cmds.items():
            seen[name].append(measure(cmd, **kw))  # type: ignore[arg-type]
    return {
        name: Run(
            statistics.median(r.wall for r in got),
            statistics.median(r.cpu for r in got),
            max(r.peak_mb for r in got),
            got[0].returncode,
        )
        for name, got in seen.items()
    }


def startup_figures(short: str, repeat: int) -> dict[str, float]:
    """Start-up side by side, in one run (issue 19's targets).

    - one short article with the seed knowledge: at most 0.9x proselint on it;
    - ``--version``: at most 2.5x a bare ``python -c pass``;
    - loading the compiled packs and knowledge in-process: close to nothing.

    copylint runs as a configured pre-commit hook does, with its compiled data
    (packs, knowledge, lexicon, patterns) in a warm cache: a cache directory of
    the benchmark's own (``bench/out/startup-cache``), so that other copylint
    installs sharing the user's cache cannot evict them mid-measurement.
    """
    proselint = proselint_env()
    runs = max(11, repeat)
    cache = OUT / "startup-cache"
    cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = dict(os.environ, COPYLINT_CACHE_DIR=str(cache))
    seed = ["-k", str(SEED_KNOWLEDGE)]
    one = [*copylint_cmd(), "--no-cache", "--exit-zero", *seed, short]
    for _ in range(2):  # compile the packs, knowledge, lexicon and patterns once
        measure(one, env=env)
    got = _interleaved(
        {
            "copylint": (one, {"env": env}),
            "proselint": ([str(proselint), "check", short], {"any_exit": True}),
            "version": ([*copylint_cmd(), "--version"], {"env": env}),
            "python": ([sys.executable, "-c", "pass"], {}),
        },
        runs,
    )
    cl, pl, version, bare = (got[k] for k in ("copylint", "proselint", "version", "python"))
    load = subprocess.run(
        [
            sys.executable,
            "-c",
            # (the imports are timed apart: they are not the loading)
            "import time; i=time.perf_counter();"
            "from copylint import codecache, recache; recache.warm(); codecache.warm();"
            "from copylint.config import Settings; from copylint.engine import load_rule_specs;"
            "from copylint.knowledge import load_knowledge; t=time.perf_counter();"
            "load_rule_specs(Settings()); p=time.perf_counter();"
            f"load_knowledge([{str(SEED_KNOWLEDGE)!r}]); k=time.perf_counter();"
            "print(p-t, k-p, t-i)",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.split()
    out = {
        "startup_one_article_s": cl.wall,
        "startup_proselint_one_article_s": pl.wall,
        "startup_x_of_proselint": cl.wall / pl.wall,
        "startup_one_article_cpu_s": cl.cpu,
        "startup_proselint_one_article_cpu_s": pl.cpu,
        "startup_cpu_x_of_proselint": cl.cpu / pl.cpu,
        "startup_version_s": version.wall,
        "startup_python_pass_s": bare.wall,
        "startup_version_x_of_python": version.wall / bare.wall,
        "load_packs_s": float(load[0]),
        "load_seed_knowledge_s": float(load[1]),
        "import_engine_s": float(load[2]),
    }
    print(
        f"  one short article, seed knowledge  copylint {cl.wall:.3f} s, proselint "
        f"{pl.wall:.3f} s: {cl.wall / pl.wall:.2f}x (target <= 0.9x); CPU {cl.cpu:.3f} s "
        f"vs {pl.cpu:.3f} s: {cl.cpu / pl.cpu:.2f}x"
    )
    print(
        f"  copylint --version {version.wall:.3f} s, python -c pass {bare.wall:.3f} s: "
        f"{version.wall / bare.wall:.2f}x (target <= 2.5x)"
    )
    print(
        f"  in-process: compiled packs {float(load[0]) * 1000:.1f} ms, "
        f"seed knowledge {float(load[1]) * 1000:.1f} ms (importing the engine and checks "
        f"{float(load[2]) * 1000:.1f} ms)"
    )
    return out


def build_env() -> tuple[Path, Path]:
    """Install proselint into bench/.env and write-good into bench/node_modules (once)."""
    proselint = proselint_env()
    write_good = BENCH / "node_modules" / ".bin" / "write-good"
    if not write_good.exists():
        print("installing", WRITE_GOOD, "into bench/node_modules", flush=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(BENCH),
                WRITE_GOOD,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return proselint, write_good


def copylint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "copylint"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "copylint"]


def precompile() -> None:
    """Byte-compile copylint, as installing a wheel does (PYTHONDONTWRITEBYTECODE may be set)."""
    where = subprocess.run(
        [sys.executable, "-c", "import copylint, os; print(os.path.dirname(copylint.__file__))"],
        check=True,
        capture_output=True,
        text=True,
        cwd=BENCH,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)


# ------------------------------------------------------------------ inputs
def corpus_files(limit: int | None = None) -> list[str]:
    if not CORPUS.is_dir():
        raise SystemExit(f"corpus not found: {CORPUS} (../shared beside the checkout)")
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    return files[:limit] if limit else files


def size_mb(files: list[str]) -> float:
    return sum(os.path.getsize(f) for f in files) / 1e6


def doubled_corpus(files: list[str]) -> list[str]:
    """The corpus twice over, under distinct names (copylint skips repeated paths)."""
    folder = OUT / "corpus-2x"
    if not folder.is_dir() or len(list(folder.iterdir())) != 2 * len(files):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for copy in ("a", "b"):
            for f in files:
                shutil.copyfile(f, folder / f"{copy}-{Path(f).name}")
    return sorted(str(p) for p in folder.iterdir())


def big_file(files: list[str], megabytes: int = 10) -> Path:
    """One ~10 MB article: the corpus concatenated (and repeated) as paragraphs."""
    target = OUT / f"big-{megabytes}mb.txt"
    if not target.exists():
        parts: list[str] = []
        size = 0
        while size < megabytes * 1_000_000:
            for f in files:
                text = Path(f).read_text(encoding="utf-8")
                parts.append(text.strip() + "\n\n")
                size += len(text.encode())
                if size >= megabytes * 1_000_000:
                    break
        target.write_text("".join(parts), encoding="utf-8")
    return target


def big_knowledge() -> Path:
    target = OUT / "kb-100k.yaml"
    if not target.exists():
        print("generating 100,000 people and 20,000 works", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "gen_knowledge.py"),
                str(target),
                "--people",
                "100000",
                "--works",
                "20000",
            ],
            check=True,
        )
    return target


def forget_compiled(knowledge: Path) -> None:
    """Delete the compiled-data cache entries of a knowledge file (base and people index)."""
    code = (
        "import sys; from copylint.datacache import slot_file; "
        "[slot_file(k, [sys.argv[1]]).unlink(missing_ok=True) "
        "for k in ('knowledge', 'people-index')]"
    )
    subprocess.run([sys.executable, "-c", code, str(knowledge)], check=True, cwd=BENCH)


def knowledge_load_seconds(path: Path, repeat: int) -> float:
    """In-process time to load the knowledge base (from its compiled cache when warm)."""
    code = (
        "import time,sys; from copylint.knowledge import load_knowledge; "
        "t=time.perf_counter(); load_knowledge([sys.argv[1]]); print(time.perf_counter()-t)"
    )
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            check=True,
            capture_output=True,
            text=True,
            cwd=BENCH,  # not ROOT: the copylint on the path (PYTHONPATH) is the one measured
        )
        runs.append(float(out.stdout))
    return statistics.median(runs)


# -------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="copylint speed benchmark")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--quick", action="store_true", help="1 run each, 300 articles")
    parser.add_argument("--no-compare", action="store_true", help="skip proselint/write-good")
    parser.add_argument("--startup", action="store_true", help="only the start-up figures")
    parser.add_argument(
        "--throughput",
        action="store_true",
        help="only the corpus throughput, side by side with proselint and write-good",
    )
    args = parser.parse_args(argv)
    if args.startup:
        precompile()
        short = min(corpus_files(), key=os.path.getsize)
        print(f"start-up ({short}):")
        figures = startup_figures(short, args.repeat)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "startup.json").write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
        return 0
    repeat = 1 if args.quick else args.repeat
    OUT.mkdir(parents=True, exist_ok=True)
    precompile()
    files = corpus_files(300 if args.quick else None)
    n, mb = len(files), size_mb(files)
    cl = [*copylint_cmd(), "--format", "json", "--exit-zero"]
    seed = ["-k", str(SEED_KNOWLEDGE)]
    results: dict[str, object] = {
        "articles": n,
        "megabytes": round(mb, 2),
        "cores": os.cpu_count(),
        "repeat": repeat,
    }
    rows: list[tuple[str, Run, int, float]] = []

    def record(name: str, run: Run, count: int = n, megabytes: float = mb) -> Run:
        rows.append((name, run, count, megabytes))
        results[name] = {
            **asdict(run),
            "articles_per_s": count / run.wall,
            "mb_per_s": megabytes / run.wall,
        }
        print(
            f"  {name:<44} {run.wall:7.2f} s {count / run.wall:8.0f} art/s "
            f"{megabytes / run.wall:6.2f} MB/s  cpu {run.cpu:6.2f} s  peak {run.peak_mb:6.0f} MB",
            flush=True,
        )
        return run

    print(f"{n} articles, {mb:.1f} MB, {os.cpu_count()} cores, median of {repeat}", flush=True)
    # Compiled data (lexicon, knowledge, patterns) is built by the first run of an
    # install and kept: a run on a few articles builds it here, outside the figures.
    # The articles are read once too, so that the first tool measured does not pay
    # for reading them from disk and the others find them in the page cache.
    measure([*cl, "--no-cache", *seed, *files[:20]])
    for f in files:
        Path(f).read_bytes()
    print("throughput (all built-in rules, seed knowledge, no result cache):")
    base = record("copylint", median_run([*cl, "--no-cache", *seed, *files], repeat))
    one = record(
        "copylint --jobs 1", median_run([*cl, "--no-cache", "-j", "1", *seed, *files], repeat)
    )
    # Parallel efficiency: what the default workers (one per core) give over one process.
    results["jobs_speedup"] = one.wall / base.wall
    results["jobs_cpu_ratio"] = base.cpu / one.cpu
    print(
        f"  default jobs vs --jobs 1: {one.wall / base.wall:.2f}x faster, "
        f"{base.cpu / one.cpu:.2f}x the CPU seconds"
    )

    if not args.no_compare:
        proselint, write_good = build_env()
        print("side by side, same articles:")
        pl = record(
            "proselint 0.16",
            median_run([str(proselint), "check", *files], repeat, any_exit=True),
        )
        wg = record(
            "write-good 1.0.8", median_run([str(write_good), *files], repeat, any_exit=True)
        )
        results["x_vs_proselint"] = pl.wall / base.wall
        results["x_vs_write_good"] = wg.wall / base.wall
        results["cpu_x_vs_proselint"] = pl.cpu / base.cpu
        results["cpu_x_vs_write_good"] = wg.cpu / base.cpu
        print(
            f"  copylint is {pl.wall / base.wall:.1f}x proselint, "
            f"{wg.wall / base.wall:.1f}x write-good (targets >= 15x, >= 6x); "
            f"by CPU seconds {pl.cpu / base.cpu:.1f}x and {wg.cpu / base.cpu:.1f}x"
        )
        # The reference machine runs proselint at about 160 articles/s.
        # Shared machines vary from hour to hour; proselint's speed here says how
        # fast this one was during the run (a calibration, not a target).
        speed = (n / pl.wall) / PROSELINT_REFERENCE_RATE
        results["machine_speed_vs_reference"] = speed
        print(
            f"  this machine ran proselint at {speed:.0%} of the reference "
            f"({PROSELINT_REFERENCE_RATE} art/s): copylint's {n / base.wall:.0f} art/s "
            f"would be about {n / base.wall / speed:.0f} art/s there"
        )

    if args.throughput:
        (OUT / "throughput.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
        print(f"results written to {OUT / 'throughput.json'}")
        return 0

    print("start-up:")
    short = min(files, key=os.path.getsize)
    one = median_run([*cl, "--no-cache", *seed, short], max(5, repeat))
    version = median_run([*copylint_cmd(), "--version"], max(5, repeat))
    results["startup_one_article_s"] = one.wall
    results["startup_version_s"] = version.wall
    print(f"  one short article (no cache)   {one.wall:.3f} s   peak {one.peak_mb:.0f} MB")
    print(f"  copylint --version             {version.wall:.3f} s")

    print("result cache (fresh cache dir, then a second run):")
    with tempfile.TemporaryDirectory() as cache:
        cold = record("copylint, cold cache", measure([*cl, "--cache-dir", cache, *seed, *files]))
        warm = record(
            "copylint, warm cache", median_run([*cl, "--cache-dir", cache, *seed, *files], repeat)
        )
    results["cache_speedup"] = cold.wall / warm.wall
    print(f"  second run {cold.wall / warm.wall:.1f}x faster")

    print("knowledge scale (100,000 people, 20,000 works):")
    kb = big_knowledge()
    big = ["-k", str(kb)]
    forget_compiled(kb)  # so that the first run below really parses the YAML
    first = record(
        "copylint, big knowledge, first load", measure([*cl, "--no-cache", *big, *files])
    )
    scaled = record(
        "copylint, big knowledge", median_run([*cl, "--no-cache", *big, *files], repeat)
    )
    load = knowledge_load_seconds(kb, repeat)
    results["knowledge_first_run_s"] = first.wall
    results["knowledge_slowdown"] = scaled.wall / base.wall
    results["knowledge_load_s"] = load
    print(
        f"  {scaled.wall / base.wall:.2f}x the time of the seed knowledge; "
        f"loading the compiled base {load:.2f} s"
    )

    print("growth:")
    double = doubled_corpus(files)
    two = record(
        "copylint, corpus x2",
        median_run([*cl, "--no-cache", *seed, *double], repeat),
        2 * n,
        2 * mb,
    )
    results["growth_ratio"] = two.wall / base.wall
    print(f"  double the corpus: {two.wall / base.wall:.2f}x the time")
    huge = big_file(corpus_files())
    h = record(
        "copylint, one 10 MB file",
        median_run([*cl, "--no-cache", *seed, str(huge)], repeat),
        1,
        size_mb([str(huge)]),
    )
    results["ten_mb_file_s"] = h.wall

    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {OUT / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
