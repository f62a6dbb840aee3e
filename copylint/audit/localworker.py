"""Dask preload for the workers of ``copylint audit``'s own LocalCluster.

Ctrl-C in a terminal reaches the whole process group, workers included; the
client alone handles it (it keeps what was written and shuts the cluster
down), so its workers ignore SIGINT instead of each printing a traceback.
Workers of a cluster the user started (``--scheduler``) are left alone.
"""

from __future__ import annotations

import signal
import threading
from typing import Any


def dask_setup(worker: Any) -> None:
    """Called by Dask in each new worker process (including ones a nanny restarts)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
