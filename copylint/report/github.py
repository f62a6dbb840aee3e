"""GitHub Actions workflow commands (``--format github``): one annotation per line.

``::error file=a.md,line=3,col=5,endLine=3,endColumn=9,title=CL301 residue-ui-phrase::message``
(``::warning`` for warnings, ``::notice`` for info).  GitHub turns these lines,
printed by any step, into annotations on the pull request's changed files.

Columns are 1-based code points and ``endColumn`` is exclusive (the column
after the last flagged character), as in copylint's other outputs and ruff's
GitHub format.  GitHub only honours columns within a single line, so a
diagnostic spanning lines gives lines only.
"""

from __future__ import annotations

import os

from ..diagnostics import Diagnostic, FileResult, Severity
from ..textsafe import printable
from .paths import relative_path

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (after ``::``): ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: like data, plus ``:`` and ``,`` which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: list[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    text = escape_data(printable(message, keep="\r\n"))
    return f"::{name} {props}::{text}"


def _annotation(diag: Diagnostic, path: str) -> str:
    props: list[tuple[str, object]] = [("file", path), ("line", diag.line)]
    if diag.end_line == diag.line:
        props += [("col", diag.column), ("endLine", diag.end_line), ("endColumn", diag.end_column)]
    else:
        props += [("endLine", diag.end_line)]
    props.append(("title", f"{diag.code} {diag.rule}"))
    return _command(_COMMANDS[diag.severity], props, diag.message)


def render_github(
    results: list[FileResult], *, base_dir: str | os.PathLike[str] | None = None
) -> str:
    """Render lint results as GitHub Actions workflow commands, one per line.

    Paths are made relative to ``base_dir`` (default: the working directory,
    which is the checkout in a CI job and what GitHub resolves ``file=``
    against).  A file that could not be linted becomes an ``::error`` on it.
    """
    base = base_dir if base_dir is not None else os.getcwd()
    lines: list[str] = []
    for result in results:
        path = printable(relative_path(result.path, base).as_posix())
        if result.error is not None:
            lines.append(_command("error", [("file", path)], result.error))
        lines.extend(_annotation(diag, path) for diag in result.diagnostics)
    return "".join(line + "\n" for line in lines)
