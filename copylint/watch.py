"""``--watch``: lint, then re-lint files as they change, until interrupted.

Changes are watched with watchfiles (an optional extra, ``copylint[watch]``),
which batches a burst of writes (an editor's save, a ``git checkout``) into one
set.  Changed copy files are re-linted and reported; a change to a config,
knowledge or rule-pack file starts a fresh session (so new settings apply)
and re-lints everything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .api import Options, Session
    from .diagnostics import FileResult

_COPY_SUFFIXES = (".txt", ".md", ".markdown", ".mdown", ".html", ".htm", ".xhtml")
_SETTINGS_SUFFIXES = (".toml", ".yaml", ".yml")


def _lint(session: Session, paths: Sequence[str]) -> list[FileResult]:
    from .api import iter_files
    from .diagnostics import FileResult
    from .errors import CopylintError, InputError

    results = []
    for item in iter_files(paths, session.settings_for(".").exclude):
        if isinstance(item, InputError):
            results.append(FileResult(item.path, error=item.reason))
            continue
        try:
            results.append(session.lint_file(item))
        except CopylintError as exc:
            results.append(FileResult(item, error=getattr(exc, "reason", str(exc))))
    return results


def _print(results: list[FileResult], *, style: str, color: bool) -> None:
    from .report.text import render_text

    for r in results:
        if r.error:
            click.echo(f"copylint: error: {r.path}: {r.error}", err=True)
    click.echo(render_text(results, style=style, color=color), nl=False, color=color)


def _relative(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def watch_paths(options: Options, paths: Sequence[str], *, style: str, color: bool) -> int:
    """Watch ``paths`` until Ctrl-C; the exit code (130 when interrupted, 2 on a bad set-up)."""
    try:
        import watchfiles
    except ImportError:
        click.echo(
            "copylint: error: --watch needs the watchfiles package: pip install 'copylint[watch]'",
            err=True,
        )
        return 2
    from .api import Session
    from .errors import CopylintError

    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        click.echo(f"copylint: error: {missing[0]}: no such file or directory", err=True)
        return 2
    try:
        session = Session(options)
        _print(_lint(session, paths), style=style, color=color)
        announced = False
        # yield_on_timeout: an empty batch every half second, so that "Watching" is
        # printed only once the watcher is really listening.
        for changes in watchfiles.watch(
            *paths,
            debounce=200,
            step=50,
            rust_timeout=500,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if not announced:
                click.echo("Watching for changes (Ctrl-C to stop)...", err=True)
                announced = True
            if not changes:
                continue
            changed = sorted({_relative(p) for _, p in changes})
            if any(p.endswith(_SETTINGS_SUFFIXES) for p in changed):
                session = Session(options)  # settings, knowledge or packs changed
                targets: Sequence[str] = paths
            else:
                targets = [p for p in changed if p.endswith(_COPY_SUFFIXES) and os.path.isfile(p)]
            if not targets:
                continue
            click.echo(f"\nChanged: {', '.join(changed)}", err=True)
            _print(_lint(session, targets), style=style, color=color)
    except CopylintError as exc:
        click.echo(f"copylint: error: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        pass  # Ctrl-C while linting rather than while waiting: the same clean stop
    sys.stderr.flush()
    return 130
