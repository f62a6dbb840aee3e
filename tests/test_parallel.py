"""Linting on several processes: same results as one, in input order, survives a dead worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from copylint import parallel
from copylint.api import Options, Session
from copylint.parallel import WORKER_DIED, WorkerDied, lint_files, ordered_map, plan_workers

from .conftest import clean_env, run_cli

needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="worker-death tests rely on forked workers"
)

PARAGRAPHS = [
    "The harbour filmopened onFriday in three cities.",
    "Marta Lindquist said it was a hit with critics and audiences alike.",
    "Share this article",
    "the sequel is due next year, the studio said.",
    "Ticket sales rose by a third over the weekend.",
    "Scroll down for more",
]


def _square(x: int) -> int:
    return x * x


def _die_on_13(x: int) -> int:
    if x == 13:
        os._exit(7)  # what a segfault or the OOM killer looks like to the pool
    return x * x


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` articles of different lengths and content (the order matters for chunks)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        body = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(1 + i % 5)]
        path = folder / f"article-{i:03d}.txt"
        path.write_text("\n\n".join(body) + f"\n\nStory number {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_ordered_map_keeps_input_order() -> None:
    items = list(range(200))
    assert list(ordered_map(_square, items, jobs=2, chunksize=7)) == [x * x for x in items]


def test_ordered_map_with_no_items() -> None:
    assert list(ordered_map(_square, [], jobs=2)) == []


@needs_fork
def test_ordered_map_isolates_the_item_that_kills_its_worker() -> None:
    out = list(ordered_map(_die_on_13, range(40), jobs=2, chunksize=5))
    assert out[13] == WorkerDied(13)
    assert out[:13] + out[14:] == [x * x for x in range(40) if x != 13]


@needs_fork
def test_ordered_map_survives_a_pool_that_breaks_while_chunks_are_submitted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker can die while the parent refills the window: submit() then raises."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    real_submit = ProcessPoolExecutor.submit
    calls = []

    def submit_breaking_once(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(None)
        if len(calls) == 3:
            raise BrokenProcessPool("a worker died")
        return real_submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit_breaking_once)
    assert list(ordered_map(_square, range(40), jobs=2, chunksize=5)) == [x * x for x in range(40)]


def test_plan_workers_keeps_small_runs_in_process(tmp_path: Path) -> None:
    def files(n: int, size: int) -> list[str]:
        out = []
        for i in range(n):
            path = tmp_path / f"{n}-{size}-{i}.txt"
            path.write_bytes(b"x" * size)
            out.append(str(path))
        return out

    assert plan_workers(4, files(1, 10)) == 1  # a pre-commit hook with one staged file
    assert plan_workers(4, files(parallel.MIN_PARALLEL_FILES - 1, 10)) == 1
    many = files(1000, 1)
    assert plan_workers(1, many) == 1
    assert plan_workers(2, many) == 2
    assert plan_workers(None, many) == parallel.available_cores()
    # The default (None or 0) keeps a small run in one process; --jobs N is obeyed.
    small = files(parallel.AUTO_MIN_FILES - 1, 2000)
    assert plan_workers(None, small) == 1 and plan_workers(0, small) == 1
    assert plan_workers(2, small) == 2
    # ... unless its files are large.
    large = files(10, parallel.AUTO_MIN_BYTES // 10 + 1)
    assert plan_workers(None, large) == min(5, parallel.available_cores())


def test_jobs_1_and_jobs_2_give_identical_reports(tmp_path: Path) -> None:
    write_corpus(tmp_path / "docs", 60)
    (tmp_path / "people.yaml").write_text(
        "people:\n  - name: Marta Lindqvist\n    misspellings: [Marta Lindquist]\n",
        encoding="utf-8",
    )
    reports = {}
    for jobs in ("1", "2"):
        proc = run_cli(
            "--format",
            "json",
            "--no-cache",
            "--isolated",
            "-k",
            "people.yaml",
            "--jobs",
            jobs,
            "docs",
            cwd=tmp_path,
        )
        assert proc.returncode == 1, proc.stderr  # the articles have findings
        reports[jobs] = proc.stdout
    assert reports["1"] == reports["2"]
    files = json.loads(reports["2"])
    assert [f["path"] for f in files] == sorted(f["path"] for f in files)
    assert len(files) == 60
    codes = {d["code"] for f in files for d in f["diagnostics"]}
    assert {"CL101", "CL301"} <= codes  # knowledge and pack rules both ran in the workers


def test_parallel_run_reports_unreadable_files_in_place(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 20)
    paths[5].write_bytes(b"caf\xe9 au lait, not UTF-8\n")
    proc = run_cli(
        "--format",
        "json",
        "--no-cache",
        "--isolated",
        "-j",
        "2",
        *[p.name for p in paths],
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert paths[5].name in proc.stderr
    assert [f["path"] for f in json.loads(proc.stdout)] == [p.name for p in paths]


def test_bad_knowledge_file_is_one_clean_error_with_jobs(tmp_path: Path) -> None:
    write_corpus(tmp_path / "docs", 20)
    (tmp_path / "bad.yaml").write_text("works:\n  - title: [unclosed\n", encoding="utf-8")
    proc = run_cli("--no-cache", "--isolated", "-k", "bad.yaml", "-j", "2", "docs", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("bad.yaml") == 1 and "Traceback" not in proc.stderr


@needs_fork
def test_a_dead_worker_is_reported_for_its_file_and_the_run_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [str(p) for p in write_corpus(tmp_path, 30)]
    victim = paths[17]
    expected = lint_files(Session(Options(isolated=True)), paths, jobs=1)
    real_lint_one = parallel.lint_one

    def lint_one_or_die(session, path, *args):  # type: ignore[no-untyped-def]
        if path == victim:
            os._exit(9)
        return real_lint_one(session, path, *args)

    # Forked workers inherit the patched module, so the victim's worker really dies.
    monkeypatch.setattr(parallel, "lint_one", lint_one_or_die)
    session = Session(Options(isolated=True))
    results = lint_files(session, paths, jobs=2)
    assert [r.path for r in results] == paths
    assert results[17].error == WORKER_DIED and not results[17].diagnostics
    assert results[:17] + results[18:] == expected[:17] + expected[18:]


_WARMED_UP_SCRIPT = """
import os, sys
from copylint import parallel
from copylint.api import Options, Session

paths, log = sys.argv[1:-1], sys.argv[-1]
real_lint_one = parallel.lint_one

def lint_one_logging(session, path, *args):
    loaded = all(m in sys.modules for m in ("jellyfish", "rapidfuzz.fuzz", "regex"))
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {loaded}\\n")
    return real_lint_one(session, path, *args)

parallel.lint_one = lint_one_logging
with open(log, "a", encoding="utf-8") as fh:
    fh.write(f"{os.getpid()} main\\n")
session = Session(Options(isolated=True, knowledge=(paths.pop(0),)))
assert "rapidfuzz.fuzz" not in sys.modules  # (nothing before the run needs it)
parallel.lint_files(session, paths, jobs=2)
"""


@needs_fork
def test_forked_workers_start_with_what_the_checks_load_on_first_use(tmp_path: Path) -> None:
    """The names check imports its fuzzy-matching libraries on first use: done once
    before the fork, not again in every worker (some 80 ms of CPU each)."""
    paths = [str(p) for p in write_corpus(tmp_path / "docs", 30)]
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - name: Marta Lindqvist\n", encoding="utf-8")
    log = tmp_path / "log.txt"
    script = tmp_path / "run.py"
    script.write_text(_WARMED_UP_SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(people), *paths, str(log)],
        capture_output=True,
        text=True,
        env={**clean_env(), "PYTHONPATH": str(Path(parallel.__file__).parents[1])},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    main, *lines = log.read_text(encoding="utf-8").split("\n")[:-1]
    pids, loaded = {ln.split()[0] for ln in lines}, {ln.split()[1] for ln in lines}
    assert main.endswith(" main") and main.split()[0] not in pids
    assert len(pids) == 2  # two forked workers, neither the parent
    assert loaded == {"True"}
