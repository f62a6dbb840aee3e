"""The knowledge-index benchmark: a 1M-person / 200k-work IMDb base, built and used.

Run from the repository root with the project's interpreter::

    .venv/bin/python bench/kindex.py                       # 1,000,000 people, 200,000 works
    .venv/bin/python bench/kindex.py --people 100000 --works 20000   # a quicker look

It generates the IMDb TSV files with ``bench/gen_imdb.py`` (kept in
``bench/out/kindex/``, git-ignored, reused while the sizes match), builds one
index from them plus the seed article's knowledge file, then measures, each as
a whole process from the outside (``/usr/bin/time``: wall clock, CPU seconds,
peak RSS; with the one-minute load average, as the machine may be shared and
CPU seconds are then the figure to read):

- the build: time, peak memory, index size;
- one short article (:data:`SHORT`) and the seed article (~2,000 words), each with
  the index and with the seed's YAML alone (copylint byte-compiled first, as an
  installed wheel is: PYTHONDONTWRITEBYTECODE would otherwise make every run
  compile ~90 modules, ~0.1 s);
- the BBC corpus (``../shared/corpus/bbc``) with the index and with the seed's
  YAML, in the same run (throughput ratio: medians of ``--corpus-runs`` interleaved
  pairs, default 3), and the CL1xx/CL4xx findings the
  index adds there (false alarms: these articles are not about the base's works);
- that every CL1xx/CL4xx defect found in the seed with its YAML is still found
  with the index;
- in this process, the CPU milliseconds per BBC article of the index's own
  per-document look-ups, on a first and a second pass (see :func:`measure_lookups`).

Results go to stdout and ``bench/out/kindex/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from run import precompile

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_a02fd4a0a53ef109.txt"
#: The "one short article" of the target: a BBC news story of 375 words (the corpus'
#: median is 330) about a film actor, so it exercises what an index adds per article
#: (title walk, names, near misses) on the kind of text a newsroom lints one by one.
SHORT = SHARED / "corpus" / "bbc" / "0211-entertainment-neeson-in-bid-to-revive-theatre.txt"
SEED_KNOWLEDGE = ROOT / "fixtures" / "knowledge" / "mission-impossible.yaml"
BBC = SHARED / "corpus" / "bbc"
OUT = ROOT / "bench" / "out" / "kindex"
COPYLINT = [sys.executable, "-m", "copylint"]


@dataclass
class Timed:
    """One command's wall seconds, CPU seconds (user + system, children included),
    peak RSS in MB and finished process."""

    wall: float
    cpu: float
    peak: float
    proc: subprocess.CompletedProcess[str]


#: One lint run: wall seconds, peak MB, the diagnostics, CPU seconds.
Lint = tuple[float, float, list[dict[str, Any]], float]


def timed(cmd: list[str]) -> Timed:
    """Run ``cmd`` under /usr/bin/time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPYLINT_")}
    env["COPYLINT_CACHE_DIR"] = str(OUT / "cache")
    started = time.monotonic()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", *cmd], capture_output=True, text=True, env=env
    )
    wall = time.monotonic() - started
    *err, last = proc.stderr.rstrip().splitlines() or ["0 0 0"]
    peak, user, system = last.split()
    proc.stderr = "\n".join(err)
    return Timed(wall, float(user) + float(system), int(peak) / 1024, proc)


def load() -> float:
    """The machine's one-minute load average (the machine is shared: read CPU, not wall)."""
    return round(os.getloadavg()[0], 1)


def lint(knowledge: Path, target: Path) -> Lint:
    """Lint ``target`` (a file or the corpus) with one knowledge file: wall seconds,
    peak MB, the diagnostics, CPU seconds."""
    run = timed(
        [
            *COPYLINT,
            "--isolated",
            "--no-cache",
            "--format",
            "json",
            "-k",
            str(knowledge),
            str(target),
        ]
    )
    if run.proc.returncode not in (0, 1):
        raise SystemExit(f"lint failed ({run.proc.returncode}): {run.proc.stderr[-2000:]}")
    results = json.loads(run.proc.stdout)
    return run.wall, run.peak, [d for r in results for d in r["diagnostics"]], run.cpu


def facts_and_names(diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in diagnostics if d["code"].startswith(("CL1", "CL4"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--works", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the one-article figures")
    parser.add_argument(
        "--corpus-runs", type=int, default=3, help="interleaved pairs of BBC runs (medians)"
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="use the index already built for these sizes (no build figures)",
    )
    args = parser.parse_args(argv)
    data = OUT / f"imdb-{args.people}-{args.works}"
    results: dict[str, object] = {"people": args.people, "works": args.works}
    if not (data / "title.principals.tsv").exists():
        started = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_imdb.py"),
                str(data),
                "--people",
                str(args.people),
                "--works",
                str(args.works),
            ],
            check=True,
        )
        print(f"generated {data} in {time.monotonic() - started:.0f} s")
    index = OUT / f"films-{args.people}-{args.works}.idx"
    if args.reuse_index and index.exists():
        print(f"build: reusing {index} ({index.stat().st_size / 2**20:.1f} MB)")
        results["build"] = {"reused": str(index)}
    else:
        measure_build(data, index, results)
    measure_use(index, args.runs, results, args.corpus_runs)
    return 0


def measure_build(data: Path, index: Path, results: dict[str, object]) -> None:
    """Build ``index`` from ``data`` and the seed's YAML; time, memory and size."""
    build = timed(
        [*COPYLINT, "knowledge", "build", str(data), str(SEED_KNOWLEDGE), "-o", str(index)]
    )
    if build.proc.returncode:
        raise SystemExit(f"build failed: {build.proc.stderr}")
    wall, peak = build.wall, build.peak
    results["build"] = {
        "seconds": round(wall, 1),
        "cpu_seconds": round(build.cpu, 1),
        "load_after": load(),
        "peak_mb": round(peak),
        "index_mb": round(index.stat().st_size / 2**20, 1),
    }
    print(
        f"build: {wall:.1f} s wall, {build.cpu:.1f} s CPU, peak {peak:.0f} MB, "
        f"index {index.stat().st_size / 2**20:.1f} MB (load {load()})"
    )


def one_article(
    article: Path, pair: tuple[tuple[str, Path], ...], runs_wanted: int
) -> tuple[dict[str, object], dict[str, list[Lint]]]:
    """``article`` linted with each knowledge file of ``pair``: the medians, and the runs."""
    for _, knowledge in pair:
        lint(knowledge, article)  # warm the OS cache and the compiled packs
    # Interleaved, so both see the same load.
    by_name: dict[str, list[Lint]] = {n: [] for n, _ in pair}
    for _ in range(runs_wanted):
        for name, knowledge in pair:
            by_name[name].append(lint(knowledge, article))
    one: dict[str, object] = {"article": article.name}
    for name, runs in by_name.items():
        figures = {
            "seconds": round(statistics.median(r[0] for r in runs), 3),
            "cpu_seconds": round(statistics.median(r[3] for r in runs), 3),
            "peak_mb": round(statistics.median(r[1] for r in runs)),
        }
        one[name] = figures
        print(
            f"{article.name} with {name}: {figures['seconds']:.3f} s wall, "
            f"{figures['cpu_seconds']:.3f} s CPU, {figures['peak_mb']} MB"
        )
    one["load"] = load()
    return one, by_name


def measure_lookups(index: Path, results: dict[str, object]) -> None:
    """CPU milliseconds per BBC article of the index's per-document look-ups
    (``IndexedKnowledge.for_document``, what the index adds to each article), in
    this process: a first pass, as each worker of a run meets the corpus (every
    word and run new to it), then a second (every answer remembered)."""
    from copylint.api import Options, Session
    from copylint.formats import build_document
    from copylint.kindex.base import IndexedKnowledge
    from copylint.sources import read_source

    files = sorted(str(p) for p in BBC.glob("*.txt"))
    texts = [(p, read_source(p, None).text) for p in files]
    session = Session(Options(knowledge=(str(index),), isolated=True))
    knowledge = session.linter_for(session.settings_for(files[0])).knowledge
    assert isinstance(knowledge, IndexedKnowledge)
    narrow = knowledge.for_document
    figures: dict[str, float] = {}
    for label in ("first_pass", "second_pass"):
        docs = [build_document(p, text, None) for p, text in texts]
        started = time.process_time()
        for doc in docs:
            narrow(doc)
        figures[label] = round(1000 * (time.process_time() - started) / len(docs), 3)
    results["lookups_ms_per_article"] = figures
    print(
        f"index look-ups per BBC article (in-process CPU): {figures['first_pass']:.3f} ms "
        f"first pass, {figures['second_pass']:.3f} ms second pass (load {load()})"
    )


def measure_use(
    index: Path, runs_wanted: int, results: dict[str, object], corpus_runs: int = 3
) -> None:
    """One article and the BBC corpus with ``index`` and with the seed's YAML."""

    precompile()
    pair = (("index", index), ("seed_yaml", SEED_KNOWLEDGE))
    by_name: dict[str, list[Lint]] = {}
    for label, article in (("one_article", SHORT), ("seed_article", SEED)):
        one, by_name = one_article(article, pair, runs_wanted)
        results[label] = one
    runs = by_name["seed_yaml"]
    seed_yaml = {(d["code"], d["line"], d["column"]) for d in facts_and_names(runs[0][2])}
    seed_index = {
        (d["code"], d["line"], d["column"]) for d in facts_and_names(lint(index, SEED)[2])
    }
    missing = sorted(seed_yaml - seed_index)
    results["seed_defects"] = {
        "with_yaml": len(seed_yaml),
        "still_found": len(seed_yaml & seed_index),
        "missing": missing,
        "extra": sorted(seed_index - seed_yaml),
    }
    print(
        f"seed CL1xx/CL4xx: {len(seed_yaml & seed_index)}/{len(seed_yaml)} still found; "
        f"extra {sorted(seed_index - seed_yaml)}"
    )

    measure_lookups(index, results)
    articles = len(list(BBC.glob("*.txt")))
    # Interleaved pairs; the medians count (one pair's ratio moves by 0.05 with the load).
    pairs = [(lint(index, BBC), lint(SEED_KNOWLEDGE, BBC)) for _ in range(corpus_runs)]
    for n, (ix_run, yaml_run) in enumerate(pairs, 1):
        print(
            f"BBC pair {n}: index {ix_run[0]:.1f} s wall, {ix_run[3]:.1f} s CPU / seed YAML "
            f"{yaml_run[0]:.1f} s wall, {yaml_run[3]:.1f} s CPU "
            f"= {yaml_run[3] / ix_run[3]:.2f}x CPU"
        )
    d_index, d_yaml = pairs[0][0][2], pairs[0][1][2]
    w_index = statistics.median(p[0][0] for p in pairs)
    p_index = statistics.median(p[0][1] for p in pairs)
    c_index = statistics.median(p[0][3] for p in pairs)
    w_yaml = statistics.median(p[1][0] for p in pairs)
    p_yaml = statistics.median(p[1][1] for p in pairs)
    c_yaml = statistics.median(p[1][3] for p in pairs)
    alarms = facts_and_names(d_index)
    baseline = facts_and_names(d_yaml)
    results["corpus"] = {
        "articles": articles,
        "pairs": corpus_runs,
        "index_seconds": round(w_index, 1),
        "index_peak_mb": round(p_index),
        "seed_yaml_seconds": round(w_yaml, 1),
        "seed_yaml_peak_mb": round(p_yaml),
        "throughput_ratio": round(w_yaml / w_index, 2),
        "index_cpu_seconds": round(c_index, 1),
        "seed_yaml_cpu_seconds": round(c_yaml, 1),
        "cpu_throughput_ratio": round(c_yaml / c_index, 2),
        "load": load(),
        "cl1_cl4_with_index": len(alarms),
        "cl1_cl4_with_seed_yaml": len(baseline),
        "added_per_100_articles": round(100 * (len(alarms) - len(baseline)) / articles, 2),
        "examples": [
            f"{d['path'].rsplit('/', 1)[-1]}:{d['line']}: {d['code']} {d['message']}"
            for d in alarms[:15]
        ],
    }
    print(
        f"BBC ({articles} articles, medians of {corpus_runs}): "
        f"index {w_index:.1f} s wall, {c_index:.1f} s CPU / "
        f"seed YAML {w_yaml:.1f} s wall, {c_yaml:.1f} s CPU = {w_yaml / w_index:.2f}x wall, "
        f"{c_yaml / c_index:.2f}x CPU (load {load()}); CL1xx/CL4xx {len(alarms)} with the "
        f"index, {len(baseline)} with the seed YAML"
    )
    for line in results["corpus"]["examples"]:  # type: ignore[index]
        print("   ", line)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
