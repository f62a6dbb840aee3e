#!/usr/bin/env python3
"""Measure the residue and joins rules on the development set and the clean BBC corpus.

Runs the real command line (``copylint --format json``) as a subprocess over

* ``eval-dev/residue-article/sh``, ``joins/strip/sh``, ``joins/raw/sh``, ``clean/sh``
* ``eval-dev/residue/tf`` (990 pages of many sites and languages, sparse labels)
* ``corpus/bbc`` (clean published articles: every diagnostic there is a false alarm)

then scores the reports with the data set's own ``score.py`` and prints:

* residue per line, all lines and inside the article zone (English pages);
* residue per labelled line on ``residue/tf``, English pages and all languages;
* joins per position (English pages, joins between Latin letters);
* residue and join diagnostics on the clean gold bodies;
* residue and join diagnostics per 25 BBC articles.

Usage::

    python scripts/evaluate.py [--shared ../shared] [--out DIR] [--select CL2,CL3] [--show N]
                               [--by-rule]

``--by-rule`` adds, per residue set, the false positives by rule code and the misses by
zone (before / article / after the article), English pages: where to look next.

``--shared`` defaults to the ``shared`` folder beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = ("residue-article/sh", "joins/strip/sh", "joins/raw/sh", "clean/sh")
#: Pages from trafilatura's evaluation set: many sites, languages and page types.
TF_SET = "residue/tf"


def copylint_command() -> list[str]:
    """The ``copylint`` script beside this interpreter, or ``python -m copylint``."""
    exe = shutil.which("copylint", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "copylint"]


def run_copylint(paths: list[Path], out: Path, select: str) -> list[dict]:
    """Lint ``paths`` with the real CLI, write its JSON report to ``out`` and return it."""
    cmd = [
        *copylint_command(),
        "--isolated",
        "--format",
        "json",
        "--exit-zero",
        "--select",
        select,
        *map(str, paths),
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    # Exit 2 with a report on stdout means some files could not be read (the tf set holds
    # a page that is not valid text); the rest was linted and still counts.
    if proc.returncode != 0 and not (proc.returncode == 2 and proc.stdout.lstrip().startswith("[")):
        raise SystemExit(f"copylint failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    for line in proc.stderr.splitlines()[:5]:
        print(f"  (copylint: {line})")
    out.write_text(proc.stdout, encoding="utf-8")
    reports: list[dict] = json.loads(proc.stdout)
    return reports


def score(dataset: Path, report: Path, *flags: str) -> dict:
    """Run the data set's score.py on ``report`` and return its JSON results."""
    cmd = [sys.executable, str(dataset / "score.py"), str(dataset), str(report), "--json", *flags]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"score.py failed:\n{proc.stderr[-2000:]}")
    results: dict = json.loads(proc.stdout)["results"]
    return results


def family_count(reports: list[dict], prefixes: tuple[str, ...]) -> int:
    """Diagnostics whose rule name is one of ``prefixes`` or starts with it plus '-'."""
    return sum(
        1
        for rep in reports
        for d in rep.get("diagnostics") or []
        if any(d.get("rule", "") == p or d.get("rule", "").startswith(p + "-") for p in prefixes)
    )


def code_count(reports: list[dict], codes: tuple[str, ...]) -> int:
    """Diagnostics whose code is one of ``codes``."""
    return sum(1 for rep in reports for d in rep.get("diagnostics") or [] if d.get("code") in codes)


def _english(entry: dict) -> bool:
    """An index entry of an English page (score.py's --lang en: <html lang>, else the guess)."""
    lang = (entry.get("lang") or "").strip().lower()
    return lang.startswith("en") or (not lang and entry.get("lang_guess") == "en")


def by_rule(
    dataset: Path, reports: list[dict], set_name: str, english_only: bool = True
) -> tuple[Counter[str], Counter[str]]:
    """(false positives by rule code, misses by zone) on one residue set's labelled lines.

    Counted per line as score.py counts them: a ``main`` line covered by a residue
    diagnostic is a false positive (charged to every code covering it, joined by "+"),
    a ``residue`` line covered by none is a miss.
    """
    index: dict[str, dict] = {}
    with open(dataset / "index.jsonl", encoding="utf-8") as f:
        for row in f:
            entry = json.loads(row)
            index[entry["id"]] = entry
    fps: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    marker = f"/{set_name}/"
    for rep in reports:
        path = Path(rep.get("path", ""))
        if marker not in "/" + path.as_posix() or path.suffix != ".txt":
            continue
        if english_only and not _english(index.get(path.stem, {})):
            continue
        labels = dataset / set_name / (path.stem + ".labels.jsonl")
        if not labels.is_file():
            continue
        codes: dict[int, set[str]] = {}
        for d in rep.get("diagnostics") or []:
            if not str(d.get("rule", "")).startswith("residue") or d.get("line") is None:
                continue
            for n in range(int(d["line"]), int(d.get("end_line") or d["line"]) + 1):
                codes.setdefault(n, set()).add(str(d.get("code")))
        with open(labels, encoding="utf-8") as f:
            for row in f:
                label = json.loads(row)
                hit = codes.get(label["line"])
                if label["label"] == "main" and hit:
                    fps["+".join(sorted(hit))] += 1
                elif label["label"] == "residue" and not hit:
                    misses[label.get("zone") or "unknown"] += 1
    return fps, misses


def print_by_rule(dataset: Path, report: Path, set_name: str) -> None:
    """Print :func:`by_rule` for one set, commonest first."""
    fps, misses = by_rule(dataset, json.loads(report.read_text(encoding="utf-8")), set_name)
    print(f"    FP by rule: {', '.join(f'{k} {v}' for k, v in fps.most_common()) or 'none'}")
    print(f"    FN by zone: {', '.join(f'{k} {v}' for k, v in misses.most_common()) or 'none'}")


def fmt(x: float | None) -> str:
    """A score as 0.123, or a dash when undefined."""
    return "  -  " if x is None else f"{x:.3f}"


def print_prf(label: str, r: dict, show: int) -> None:
    """One precision/recall line, with examples of misses and false alarms when asked."""
    print(
        f"  {label:34} TP {r['tp']:5}  FP {r['fp']:5}  FN {r['fn']:5}   "
        f"P {fmt(r['precision'])}  R {fmt(r['recall'])}  F1 {fmt(r['f1'])}"
    )
    for key in ("examples_fp", "examples_fn")[: 2 if show else 0]:
        for ex in r.get(key, []):
            print(f"      {key[-2:].upper()} {ex[0]}:{ex[1]}  {str(ex[2])[:90]}")


def main() -> None:
    """Parse arguments, lint, score and print the figures."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, help="keep the JSON reports here (default: a temp dir)")
    ap.add_argument("--select", default="CL2,CL3", help="rule codes to run (default: CL2,CL3)")
    ap.add_argument("--show", type=int, default=0, help="print N example FPs / FNs per score")
    ap.add_argument(
        "--by-rule", action="store_true", help="false positives by rule, misses by zone"
    )
    ap.add_argument("--no-bbc", action="store_true", help="skip the BBC corpus")
    ap.add_argument("--no-tf", action="store_true", help="skip the residue/tf pages")
    a = ap.parse_args()

    dataset = a.shared / "eval-dev"
    bbc = a.shared / "corpus" / "bbc"
    if not (dataset / "score.py").is_file():
        raise SystemExit(f"no development set at {dataset}")
    out = a.out or Path(tempfile.mkdtemp(prefix="copylint-eval-"))
    out.mkdir(parents=True, exist_ok=True)

    dev_report = out / "dev.json"
    run_copylint([dataset / s for s in DEV_SETS], dev_report, a.select)
    show = ("--show", str(a.show)) if a.show else ()

    print(f"reports in {out}")
    print("residue (English pages, per line)")
    for zone in ("all", "article"):
        r = score(
            dataset,
            dev_report,
            "--sets",
            "residue-article/sh",
            "--lang",
            "en",
            "--zone",
            zone,
            *show,
        )["residue-article/sh"]
        print_prf(f"residue-article/sh zone={zone}", r, a.show)
    if a.by_rule:
        print_by_rule(dataset, dev_report, "residue-article/sh")
    print("joins (English pages, Latin letters, per position)")
    joins = score(
        dataset,
        dev_report,
        "--sets",
        "joins/strip/sh,joins/raw/sh",
        "--lang",
        "en",
        "--latin-only",
        *show,
    )
    for name in ("joins/strip/sh", "joins/raw/sh"):
        print_prf(name, joins[name], a.show)
    if not a.no_tf and (dataset / TF_SET).is_dir():
        tf_report = out / "tf.json"
        run_copylint([dataset / TF_SET], tf_report, a.select)
        print("residue/tf (sparse labels, per labelled line)")
        for lang, flags in (("en", ("--lang", "en")), ("all", ())):
            r = score(dataset, tf_report, "--sets", TF_SET, *flags, *show)[TF_SET]
            print_prf(f"residue/tf lang={lang}", r, a.show)
        if a.by_rule:
            print_by_rule(dataset, tf_report, TF_SET)

    clean = score(dataset, dev_report, "--sets", "clean/sh", "--lang", "en")["clean/sh"]
    n = clean["files"]
    print(
        f"clean/sh (English gold bodies, {n} files): {clean['residue_diagnostics']} residue, "
        f"{clean['join_diagnostics']} joins = "
        f"{25 * (clean['residue_diagnostics'] + clean['join_diagnostics']) / n:.2f} per 25"
    )
    dev_reports = json.loads(dev_report.read_text(encoding="utf-8"))
    clean_reports = [r for r in dev_reports if "/clean/sh/" in r.get("path", "")]
    case_alarms = code_count(clean_reports, ("CL210", "CL212"))
    print(f"clean/sh CL210/CL212 false alarms: {case_alarms} = {25 * case_alarms / n:.2f} per 25")

    if not a.no_bbc and bbc.is_dir():
        bbc_report = out / "bbc.json"
        reports = run_copylint([bbc], bbc_report, a.select)
        n = len(reports)
        res, jn = family_count(reports, ("residue",)), family_count(reports, ("joins", "join"))
        print(
            f"BBC corpus ({n} clean articles): {res} residue = {25 * res / n:.2f} per 25, "
            f"{jn} joins = {25 * jn / n:.2f} per 25 "
            f"(together {25 * (res + jn) / n:.2f} per 25)"
        )
        every = sum(len(rep.get("diagnostics") or []) for rep in reports)
        per_100 = 100 * every / n
        print(f"BBC corpus: {every} {a.select} diagnostics = {per_100:.2f} per 100 articles")


if __name__ == "__main__":
    main()
