"""What an audit found, in brief: counts per rule, the worst files, the failures.

Workers return a :class:`ChunkSummary` per chunk (small: counts and a few
names); the client merges them into an :class:`AuditSummary` as chunks finish.
``copylint audit summary DIR`` builds the same summary from the Parquet
dataset (:func:`summary_from_dataset`), so both print the same report.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..textsafe import printable

if TYPE_CHECKING:
    from .results import FileRow

#: How many worst files and failed files a summary keeps (the dataset has them all).
TOP_FILES = 10
MAX_ERRORS = 50


@dataclass(slots=True)
class ChunkSummary:
    """One chunk's outcome: counts, its worst files and its failed files."""

    chunk_id: str
    files: int = 0
    bytes: int = 0
    findings: int = 0
    lint_seconds: float = 0.0
    per_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    worst: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    error_count: int = 0

    @classmethod
    def of(
        cls, chunk_id: str, rows: Sequence[FileRow], diagnostics: Iterable[Diagnostic]
    ) -> ChunkSummary:
        """The summary of a chunk's file rows and diagnostics."""
        failed = [(r.path, r.error) for r in rows if r.error is not None]
        return cls(
            chunk_id=chunk_id,
            files=len(rows),
            bytes=sum(r.size for r in rows),
            findings=sum(r.findings for r in rows),
            lint_seconds=sum(r.lint_seconds for r in rows),
            per_rule=Counter((d.code, d.rule) for d in diagnostics),
            worst=_worst((r.findings, r.path) for r in rows if r.findings),
            errors=sorted(failed)[:MAX_ERRORS],
            error_count=len(failed),
        )


def _worst(items: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """The TOP_FILES files with the most findings; among equals, the first paths."""
    return heapq.nsmallest(TOP_FILES, items, key=lambda item: (-item[0], item[1]))


@dataclass(slots=True)
class AuditSummary:
    """The merged outcome of an audit (or of the chunks seen so far)."""

    files: int = 0
    bytes: int = 0
    findings: int = 0
    lint_seconds: float = 0.0
    per_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    worst: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    error_count: int = 0

    def add(self, chunk: ChunkSummary) -> None:
        """Fold one chunk in."""
        self.files += chunk.files
        self.bytes += chunk.bytes
        self.findings += chunk.findings
        self.lint_seconds += chunk.lint_seconds
        self.per_rule.update(chunk.per_rule)
        self.worst = _worst([*self.worst, *chunk.worst])
        # The first paths in sort order, as the summary read from Parquet lists them.
        self.errors = sorted([*self.errors, *chunk.errors])[:MAX_ERRORS]
        self.error_count += chunk.error_count

    def render(self) -> str:
        """The end-of-audit report: totals, counts per rule, worst files, failed files."""
        mb = self.bytes / 1e6
        lines = [
            f"{self.files:,} files ({mb:,.1f} MB): {self.findings:,} findings, "
            f"{self.error_count:,} failed"
        ]
        if self.files:
            lines.append(
                f"lint time {self.lint_seconds:,.1f} s "
                f"({1000 * self.lint_seconds / self.files:.2f} ms per file)"
            )
        if self.per_rule:
            lines.append("")
            lines.append("Findings per rule:")
            for (code, rule), n in sorted(self.per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"  {n:>10,}  {code:<6} {printable(rule)}")
        if self.worst:
            lines.append("")
            lines.append("Worst files:")
            for n, path in _worst(self.worst):
                lines.append(f"  {n:>10,}  {printable(path)}")
        if self.error_count:
            lines.append("")
            lines.append(f"Files that failed ({self.error_count:,}):")
            for path, message in self.errors:
                lines.append(f"  {printable(path)}: {printable(message)}")
            if self.error_count > len(self.errors):
                lines.append(f"  ... and {self.error_count - len(self.errors):,} more")
        return "\n".join(lines) + "\n"


def summary_from_dataset(url: str) -> AuditSummary:
    """The summary of an audit's Parquet dataset (``copylint audit summary DIR``)."""
    import pyarrow.compute as pc

    from .results import DIAGNOSTICS, FILES, Dataset

    dataset = Dataset(url)
    files = dataset.read_table(
        FILES, ["path", "size", "status", "error", "findings", "lint_seconds"]
    )
    diags = dataset.read_table(DIAGNOSTICS, ["code", "rule"])
    summary = AuditSummary(
        files=files.num_rows,
        bytes=int(pc.sum(files["size"]).as_py() or 0),
        findings=diags.num_rows,
        lint_seconds=float(pc.sum(files["lint_seconds"]).as_py() or 0.0),
    )
    if diags.num_rows:
        counts = diags.group_by(["code", "rule"]).aggregate([([], "count_all")])
        for code, rule, n in zip(
            counts["code"].to_pylist(),
            counts["rule"].to_pylist(),
            counts["count_all"].to_pylist(),
            strict=True,
        ):
            summary.per_rule[(code, rule)] = n
    with_findings = files.filter(pc.greater(files["findings"], 0))
    if with_findings.num_rows:
        top = pc.select_k_unstable(
            with_findings, TOP_FILES, [("findings", "descending"), ("path", "ascending")]
        )
        picked = with_findings.take(top)
        summary.worst = _worst(
            zip(picked["findings"].to_pylist(), picked["path"].to_pylist(), strict=True)
        )
    failed = files.filter(pc.equal(files["status"], "error"))
    summary.error_count = failed.num_rows
    head = failed.sort_by("path").slice(0, MAX_ERRORS)
    summary.errors = list(zip(head["path"].to_pylist(), head["error"].to_pylist(), strict=True))
    return summary
