"""A process tree read from /proc: the benchmarks' memory and CPU figures per process."""

from __future__ import annotations

import os


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (empty once it is gone)."""
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def pss_kb(pid: int) -> int:
    """The proportional set size of ``pid`` in KB (shared pages split among users), or 0."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
