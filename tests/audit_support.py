"""Helpers shared by the audit tests: an archive, a cluster, and rows to compare.

Every audit test compares the audit's Parquet rows with what the real
``copylint --format json`` reports for the same files.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from copylint.audit.results import DIAGNOSTICS, FILES, Dataset

from .conftest import BBC, MI_KNOWLEDGE, SEED, clean_env, copylint_command, run_cli

#: The lint settings of the audits under test, as ``copylint`` arguments.
SETTINGS = ("--isolated", "-k", str(MI_KNOWLEDGE))


@contextmanager
def local_cluster(workers: int = 2, config: dict[str, Any] | None = None) -> Iterator[Any]:
    """A real LocalCluster of ``workers`` processes (one thread each) and its client;
    ``config`` is Dask configuration for its scheduler (which runs in this process)."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(config or {}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


SYNTHETIC = {
    "glued.txt": "The harbour filmopened onFriday in three cities.\n\nShare this article\n",
    "residue.md": "# A review\n\nScroll down for more\n\n"
    "The sequel is due next year , the studio said.\n",
    "page.html": "<html><body><p>Ticket sales rose by a third over the weekend .</p>"
    "<p>Advertisement</p></body></html>\n",
    "quotes.txt": 'He said "it was "fine" and left.\n',
    "clean.txt": "Marta Lindquist said it was a hit with critics and audiences alike.\n",
}
UNDECODABLE = b"Caf\xe9 society returned to the capital on Friday.\n"


def make_archive(root: Path, bbc: int = 40) -> Path:
    """Real articles (BBC, the seed) and synthetic files with known findings, in sub-folders."""
    archive = root / "archive"
    (archive / "bbc").mkdir(parents=True)
    (archive / "web" / "deep").mkdir(parents=True)
    for source in sorted(BBC.glob("*.txt"))[:bbc]:
        shutil.copy(source, archive / "bbc" / source.name)
    shutil.copy(SEED, archive / "seed.txt")
    for name, text in SYNTHETIC.items():
        (archive / "web" / "deep" / name).write_text(text, encoding="utf-8")
    return archive


def json_rows(paths: list[str], *extra: str) -> tuple[list[tuple], dict[str, str | None]]:
    """Diagnostic rows and per-file errors from the real ``copylint --format json``
    (with ``extra`` settings instead of :data:`SETTINGS` when given)."""
    proc = run_cli("--format", "json", "--no-cache", *(extra or SETTINGS), *paths, timeout=300)
    assert proc.returncode in (0, 1, 2), proc.stderr
    report = json.loads(proc.stdout)
    rows = []
    for entry in report:
        for d in entry["diagnostics"]:
            fix = d["fix"]
            rows.append(
                (
                    d["path"],
                    d["code"],
                    d["rule"],
                    d["severity"],
                    d["line"],
                    d["column"],
                    d["end_line"],
                    d["end_column"],
                    d["start"],
                    d["end"],
                    d["message"],
                    fix["title"] if fix else None,
                    fix["applicability"] if fix else None,
                    tuple((e["start"], e["end"], e["text"]) for e in fix["edits"]) if fix else None,
                    tuple(d["suggestions"]),
                )
            )
    return sorted(rows), {entry["path"]: entry["error"] for entry in report}


def parquet_rows(output: str) -> tuple[list[tuple], list[dict]]:
    """The same tuples from the audit's ``diagnostics`` table, and its ``files`` rows."""
    dataset = Dataset(output)
    diags = dataset.read_table(DIAGNOSTICS).to_pylist()
    rows = [
        (
            d["path"],
            d["code"],
            d["rule"],
            d["severity"],
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["start"],
            d["end"],
            d["message"],
            d["fix_title"],
            d["fix_applicability"],
            tuple((e["start"], e["end"], e["text"]) for e in d["fix_edits"])
            if d["fix_edits"] is not None
            else None,
            tuple(d["suggestions"]),
        )
        for d in diags
    ]
    return sorted(rows), dataset.read_table(FILES).to_pylist()


def audit_cli(*args: str, timeout: float = 480) -> subprocess.CompletedProcess[str]:
    """The real ``copylint audit`` command line."""
    return subprocess.run(
        [*copylint_command(), "audit", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=clean_env(),
    )
