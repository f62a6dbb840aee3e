"""The ``copylint`` script's entry point: answers ``--version`` before importing anything.

``copylint --version`` is what tools and scripts run to probe an install, and
the command line's own module imports click (about 40 ms, more than Python's
start-up).  A lone ``--version``/``-V`` is answered here, exactly as click's
version option would; everything else goes to :func:`copylint.cli.main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (``copylint.cli.main``), or print the version."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"copylint, version {__version__}\n")
        sys.exit(0)
    # Function-level imports: the lone --version above needs none of them.
    import gc

    # Performance (issue 19): start-up makes some 100,000 long-lived objects
    # (modules, compiled rules); with the default threshold (700) the collector
    # runs over them again and again, 5% of a short run.  Collecting young
    # objects every 50,000 allocations instead bounds garbage cycles as well
    # (mypy's command line does the same, with 200,000).
    gc.set_threshold(50_000, 20, 20)
    # The start-up caches first: before the command line's modules define
    # their regular expressions and dataclasses, so that these come from the
    # compiled-pattern and compiled-code caches.
    from .codecache import warm as warm_dataclasses
    from .recache import warm as warm_patterns

    warm_patterns()
    warm_dataclasses()
    from .cli import main as cli_main

    try:
        cli_main(args)
    finally:
        # Performance (issue 19): at exit Python's collector walks every object
        # once more (modules, compiled rules, knowledge): about 20 ms of a short
        # run.  Frozen objects are skipped; they are freed as usual.
        gc.freeze()
