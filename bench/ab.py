"""CPU seconds of two (or more) copylint source trees on the BBC corpus, taking turns.

Run from the repository root::

    .venv/bin/python bench/ab.py /tmp/before /tmp/after            # --jobs 1, 5 runs each
    .venv/bin/python bench/ab.py --jobs 2 --runs 7 /tmp/before .
    .venv/bin/python bench/ab.py --short --runs 40 /tmp/before .   # start-up: one short article
    .venv/bin/python bench/ab.py -k bench/out/kindex/films-1000000-200000.idx /tmp/before .

Each TREE is a copylint checkout (or ``git archive`` of one); it is byte-compiled
first, then every run is a whole process (``python -m copylint`` with the tree on
``PYTHONPATH``) on the corpus files named as ``bench/run.py`` names them, with the
seed knowledge (or ``--knowledge FILE``: a YAML file or an index) and no result
cache.  The trees take turns, so a machine whose load changes affects them alike,
and a first round is thrown away (it fills the page cache and each tree's own
compiled-data cache).  CPU is user + system of the process and its workers
(``wait4``): on a shared machine it is the steadier figure; wall medians are
printed too.  To measure a set of commits, compare main with a copy of main that
has them reverted (``git diff C^ C -- copylint | patch -R -p1`` in the copy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
SEED_KNOWLEDGE = ROOT / "fixtures" / "knowledge" / "mission-impossible.yaml"


def run_once(
    tree: Path, files: list[str], jobs: str, cache: Path, knowledge: Path = SEED_KNOWLEDGE
) -> tuple[float, float]:
    """(wall, CPU) seconds of one copylint run of ``tree`` on ``files``.

    ``cache`` is the tree's own cache directory: the compiled packs and
    knowledge are stamped with the modules that built them, so trees sharing
    one directory would evict each other's and each run would rebuild them.
    """
    cmd = [sys.executable, "-m", "copylint", "--format", "json", "--exit-zero", "--no-cache"]
    cmd += ["-j", jobs, "-k", str(knowledge), *files]
    env = dict(os.environ, PYTHONPATH=str(tree), COPYLINT_CACHE_DIR=str(cache))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env, cwd=CORPUS.parent)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{tree}: copylint failed ({os.waitstatus_to_exitcode(status)})")
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path, help="copylint source trees")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per tree")
    parser.add_argument("--jobs", default="1", help="copylint --jobs (default 1)")
    parser.add_argument(
        "--short", action="store_true", help="only the shortest article (as bench/run.py --startup)"
    )
    parser.add_argument(
        "-k",
        "--knowledge",
        type=Path,
        default=SEED_KNOWLEDGE,
        help="knowledge file for every run (default: the seed's YAML)",
    )
    args = parser.parse_args(argv)
    knowledge = args.knowledge.resolve()
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    if args.short:
        files = [min(files, key=os.path.getsize)]
    if not files:
        raise SystemExit(f"corpus not found: {CORPUS}")
    for tree in args.trees:
        compile_tree = [sys.executable, "-m", "compileall", "-q", str(tree / "copylint")]
        subprocess.run(compile_tree, check=True)
    seen: dict[Path, list[tuple[float, float]]] = {tree: [] for tree in args.trees}
    with tempfile.TemporaryDirectory(prefix="copylint-ab-") as scratch:
        caches = {tree: Path(scratch) / str(i) for i, tree in enumerate(args.trees)}
        for turn in range(args.runs + 1):
            for tree in args.trees:
                figures = run_once(tree, files, args.jobs, caches[tree], knowledge)
                if turn:  # the first round warms the caches
                    seen[tree].append(figures)
    load = os.getloadavg()[0]
    for tree, got in seen.items():
        cpu = [c for _, c in got]
        print(
            f"{str(tree):<40} --jobs {args.jobs}: CPU median {statistics.median(cpu):.4f} s "
            f"(min {min(cpu):.3f}), wall median {statistics.median(w for w, _ in got):.2f} s"
        )
    print(
        f"{len(files)} articles, {args.runs} runs each, knowledge {knowledge.name}, "
        f"load average now {load:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
