"""``copylint lsp``: the language server (needs the ``copylint[lsp]`` extra, i.e. pygls).

See :mod:`copylint.lsp.server` for the protocol side and docs/editors.md for
editor set-up.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = """Usage: copylint lsp [--debounce-ms N]

  Run the copylint language server on standard input and output.
  Editors start it themselves; see docs/editors.md.

Options:
  --debounce-ms N  Pause after the last change before linting (default 150).
  -h, --help       Show this message and exit.
"""


def main(argv: Sequence[str]) -> int:
    """Run the server; returns the exit code (2 for bad usage or a missing pygls)."""
    args = list(argv)
    debounce_ms: float | None = None
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if arg == "--debounce-ms" and args:
            value = args.pop(0)
            try:
                debounce_ms = float(value)
            except ValueError:
                debounce_ms = -1
            if debounce_ms < 0:
                sys.stderr.write(f"copylint: error: --debounce-ms: not a number of ms: {value!r}\n")
                return 2
            continue
        sys.stderr.write(f"copylint: error: lsp: unexpected argument {arg!r} (see --help)\n")
        return 2
    try:
        from .server import build_server
    except ImportError as exc:
        sys.stderr.write(
            f"copylint: error: the language server needs pygls ({exc.name or exc} is missing); "
            "install it with: pip install 'copylint[lsp]'\n"
        )
        return 2
    server = build_server()
    if debounce_ms is not None:
        server.debounce = debounce_ms / 1000
    server.start_io()
    return 0
