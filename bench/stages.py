"""Where one process spends its time per article: a stage-by-stage profile.

Run from the repository root::

    .venv/bin/python bench/stages.py                      # BBC corpus, seed knowledge
    .venv/bin/python bench/stages.py -k other.yaml DIR    # other inputs

Unlike cProfile, which inflates code made of many small calls, this times
whole stages with ``process_time`` (CPU seconds, so other load on the machine
does not count) in one process (no workers): start-up
(imports, building the linter), reading, building the document, finding
knowledge mentions, each check, and the engine's placing and sorting.  The
figures are milliseconds per article, the fastest of ``--repeat`` passes (on a
shared machine noise only adds time); use them to decide what to optimise,
then confirm with ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

T0 = time.perf_counter()

from copylint.api import Options, Session, iter_files  # noqa: E402
from copylint.document import Document  # noqa: E402
from copylint.engine import Linter  # noqa: E402
from copylint.formats import build_document  # noqa: E402
from copylint.lexicon import Lexicon  # noqa: E402
from copylint.sources import read_source  # noqa: E402

IMPORTED = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
SEED = ROOT / "fixtures" / "knowledge" / "mission-impossible.yaml"


def _pipeline(linter: Linter, files: list[str]) -> dict[str, float]:
    """Seconds per stage of the real pipeline: read, build the document, lint it."""
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for path in files:
        t0 = clock()
        source = read_source(path, None)
        t1 = clock()
        doc = build_document(path, source.text, None)
        t2 = clock()
        linter.lint_document(doc)
        t3 = clock()
        spent["read"] += t1 - t0
        spent["document"] += t2 - t1
        spent["lint_document"] += t3 - t2
    return spent


def _parts(linter: Linter, documents: list[Document]) -> dict[str, float]:
    """Seconds per part of lint_document, timed inside real ``lint_document`` calls:
    knowledge mentions, each check (its whole run), and the engine's own rest (placing,
    scopes, suppressions, sorting), so the parts add up to the same pass's total (the
    timers themselves, about 1 us a part, count in the engine's rest)."""
    parts: dict[str, float] = defaultdict(float)
    clock = time.process_time

    def timed(label: str, run: Callable[..., Any], consume: bool) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            t = clock()
            try:
                return list(run(*args)) if consume else run(*args)  # a check is lazy
            finally:
                parts[label] += clock() - t

        return wrapper

    # Instance attributes shadow the methods of this pass's fresh linter and checks.
    linter._mentions = timed("mentions", linter._mentions, False)  # type: ignore[method-assign]
    for check in linter.checks:
        check.run = timed(f"check {check.kind}", check.run, True)  # type: ignore[method-assign]
    total = 0.0
    for doc in documents:
        t = clock()
        linter.lint_document(doc)
        total += clock() - t
    parts["engine (rest)"] = total - sum(parts.values())
    return parts


def _fastest(runs: list[dict[str, float]]) -> dict[str, float]:
    # The minimum over runs: on a shared machine, noise only ever adds time.
    return {key: min(run[key] for run in runs) for key in runs[0]}


def _fresh_linter(knowledge: tuple[str, ...], path: str) -> Linter:
    """A linter as a new run gets it: caches that fill during a run start empty.

    (The checks' per-word memos and the lexicon's are per run; measuring a
    second pass over the same files with them warm would flatter the figures.)
    """
    Lexicon._default = None
    session = Session(Options(knowledge=knowledge, isolated=True))
    return session.linter_for(session.settings_for(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(CORPUS)])
    parser.add_argument("-k", "--knowledge", action="append", default=None)
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest counts")
    args = parser.parse_args(argv)
    knowledge = tuple(args.knowledge or [str(SEED)])
    files = [f for f in iter_files(args.paths) if isinstance(f, str)]
    _fresh_linter(knowledge, files[0])
    built = time.perf_counter()

    spent = _fastest(
        [_pipeline(_fresh_linter(knowledge, files[0]), files) for _ in range(args.repeat)]
    )
    texts = [(p, read_source(p, None).text) for p in files]
    # Fresh documents for every pass too: a document computes its lines on first use.
    parts = _fastest(
        [
            _parts(
                _fresh_linter(knowledge, files[0]),
                [build_document(p, text, None) for p, text in texts],
            )
            for _ in range(args.repeat)
        ]
    )

    n = len(files)
    print(
        f"{n} articles, fastest of {args.repeat} passes; imports "
        f"{1000 * (IMPORTED - T0):.0f} ms, first linter built {1000 * (built - IMPORTED):.0f} ms"
    )
    for stage, seconds in spent.items():
        print(f"  {stage:<24} {1000 * seconds / n:6.3f} ms/article")
    print(f"  {'total':<24} {1000 * sum(spent.values()) / n:6.3f} ms/article")
    print("lint_document in parts:")
    for stage, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<24} {1000 * seconds / n:6.3f} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
