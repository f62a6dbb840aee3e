"""How long the HTML review report of the BBC corpus (2,095 articles) takes to build.

Run from the repository root::

    .venv/bin/python bench/html_report.py            # ../shared/corpus/bbc
    .venv/bin/python bench/html_report.py DIR --repeat 3

Three figures, each the fastest of ``--repeat`` runs (noise on a shared
machine only adds time):

* the whole command, ``copylint --format html DIR --output-file FILE``, as a
  user runs it, with the result cache off (every article linted) and on (a
  second run over unchanged files);
* the same run with ``--format json``, no cache: the baseline, so that the
  difference is what the HTML report costs on this machine at this hour;
* rendering alone: reading the articles again and writing the page from
  results already in memory, which is what ``--format html`` adds to a run.

Target: under 10 s for the whole command on the corpus.  The page's size is
printed too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
KNOWLEDGE = ROOT / "fixtures" / "knowledge" / "mission-impossible.yaml"


def _command(corpus: Path, out: Path, *extra: str, fmt: str = "html") -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "copylint",
            "--isolated",
            "-k",
            str(KNOWLEDGE),
            *extra,
            "--format",
            fmt,
            "--output-file",
            str(out),
            str(corpus),
        ],
        capture_output=True,
        text=True,
    )
    spent = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"copylint failed ({proc.returncode}): {proc.stderr.strip()}")
    return spent


def _render_only(corpus: Path) -> tuple[float, int, int]:
    """Seconds to read the texts again and render, findings, files."""
    from copylint import __version__
    from copylint.api import Options, Session, lint_paths
    from copylint.report.html_report import render_html
    from copylint.sources import read_source

    options = Options(isolated=True, knowledge=(str(KNOWLEDGE),))
    results = lint_paths([str(corpus)], options)
    rules = Session(options).rule_specs()
    started = time.perf_counter()
    texts = {r.path: read_source(r.path).text for r in results if not r.error}
    page = render_html(results, texts, rules, __version__)
    spent = time.perf_counter() - started
    assert page.count("data-first=") == sum(len(r.diagnostics) for r in results)
    return spent, sum(len(r.diagnostics) for r in results), len(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"bench/html_report.py: no corpus at {args.corpus}")
    out = Path(tempfile.mkdtemp(prefix="copylint-html-bench-")) / "report.html"
    cold = min(_command(args.corpus, out, "--no-cache") for _ in range(args.repeat))
    json_out = out.with_suffix(".json")
    baseline = min(
        _command(args.corpus, json_out, "--no-cache", fmt="json") for _ in range(args.repeat)
    )
    _command(args.corpus, out)  # fill the cache
    warm = min(_command(args.corpus, out) for _ in range(args.repeat))
    size = out.stat().st_size
    render, findings, files = min(_render_only(args.corpus) for _ in range(args.repeat))
    print(f"{files} files, {findings} findings, report {size / 1e6:.1f} MB")
    print(f"copylint --format html, no cache:   {cold:.2f} s")
    print(f"copylint --format json, no cache:   {baseline:.2f} s (baseline)")
    print(f"copylint --format html, warm cache: {warm:.2f} s")
    print(f"rendering alone (read + render):    {render:.2f} s")


if __name__ == "__main__":
    main()
