"""The end-of-audit summary names archive paths: what the archive chose is shown
as text, never as terminal control sequences or forged lines."""

from __future__ import annotations

import pytest

pytest.importorskip("pyarrow")

from copylint.audit.results import FileRow  # noqa: E402
from copylint.audit.summary import AuditSummary, ChunkSummary  # noqa: E402

HOSTILE = "news/\x1b]52;c;ZXZpbA==\x07story\n::error file=x::forged.txt"


def test_worst_and_failed_paths_are_escaped() -> None:
    rows = [
        FileRow(HOSTILE, "h1", 10, None, 3, 0.01),
        FileRow(HOSTILE + ".2", None, 5, "cannot decode \x1b[2J", 0, 0.0),
    ]
    summary = AuditSummary()
    summary.add(ChunkSummary.of("c0", rows, []))
    text = summary.render()
    assert "\x1b" not in text and "\x07" not in text
    assert not any(line.startswith("::error") for line in text.splitlines())
    assert "news/\\x1b]52;c;ZXZpbA==\\x07story\\n::error file=x::forged.txt" in text
    assert "cannot decode \\x1b[2J" in text
