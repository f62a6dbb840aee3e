"""The progress line on stderr while an audit runs: files, MB, findings, rate, ETA.

On a terminal the line is redrawn in place a few times a second; otherwise
(a log, CI) a plain line is printed every ``LOG_EVERY`` seconds, so logs
stay readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_EVERY = 10.0
_REDRAW_EVERY = 0.2


def _duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Counts what is done against the totals and draws it."""

    def __init__(
        self, total_files: int, total_bytes: int, stream: TextIO | None = None, enabled: bool = True
    ) -> None:
        self.total_files = total_files
        self.total_bytes = total_bytes
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.files = 0
        self.bytes = 0
        self.findings = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, files: int, size: int, findings: int) -> None:
        """Add a finished chunk and redraw when it is time to."""
        self.files += files
        self.bytes += size
        self.findings += findings
        now = time.monotonic()
        due = _REDRAW_EVERY if self.tty else LOG_EVERY
        if self.enabled and now - self._drawn >= due:
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line as it would be drawn now."""
        elapsed = max(1e-9, (now or time.monotonic()) - self.started)
        rate = self.files / elapsed
        left = self.total_bytes - self.bytes
        byte_rate = self.bytes / elapsed
        eta = _duration(left / byte_rate) if byte_rate > 0 and left > 0 else "-"
        return (
            f"audit: {self.files:,}/{self.total_files:,} files  "
            f"{self.bytes / 1e6:,.1f}/{self.total_bytes / 1e6:,.1f} MB  "
            f"{self.findings:,} findings  {rate:,.0f} files/s  ETA {eta}"
        )

    def _draw(self, now: float) -> None:
        self._drawn = now
        text = self.line(now)
        if self.tty:
            pad = " " * max(0, self._width - len(text))
            self.stream.write(f"\r{text}{pad}")
            self._width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if not self.enabled:
            return
        self._draw(time.monotonic())
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
