"""The ``copylint audit`` command line (and ``copylint audit summary DIR``).

Exit codes: 0 the audit completed (findings and failed files are in the
dataset and the summary); 2 usage, configuration or output errors, or the
audit extra missing (one line on stderr); 130 interrupted by Ctrl-C, 143 by
SIGTERM (written chunks are kept: ``--resume`` continues).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from ..textsafe import printable
from . import EXTRA_HINT
from .chunks import DEFAULT_CHUNK_BYTES, DEFAULT_CHUNK_FILES

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def _need_extra() -> None:
    import importlib.util

    for module in ("dask", "distributed", "pyarrow", "fsspec"):
        if importlib.util.find_spec(module) is None:
            click.echo(f"copylint: error: {EXTRA_HINT} ({module} is missing)", err=True)
            sys.exit(EXIT_ERROR)


@click.command(
    "audit",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Run 'copylint audit summary DIR' to print the summary of a finished audit.",
)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--output",
    "-o",
    required=True,
    metavar="DIR",
    help="Directory (or fsspec URL) for the Parquet dataset.",
)
@click.option("--scheduler", metavar="ADDRESS", help="Use this Dask scheduler (tcp://host:8786).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Workers of the local cluster, each linting in a process of its own "
    "(default: one per core).",
)
@click.option("--resume", is_flag=True, help="Skip the chunks an earlier run already wrote.")
@click.option("--overwrite", is_flag=True, help="Replace an earlier audit in DIR.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rule codes or prefixes.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rule codes or prefixes.")
@click.option("--knowledge", "-k", multiple=True, type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--config", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--encoding", metavar="NAME", help="Read inputs in this encoding (default: UTF-8).")
@click.option(
    "--grammar",
    "grammar_mode",
    type=click.Choice(["off", "local", "remote"]),
    help="Grammar and spelling through LanguageTool (CL5xx); default: config, else off.",
)
@click.option(
    "--languagetool-url",
    metavar="URL",
    help="LanguageTool server for --grammar remote (every worker must reach it).",
)
@click.option("--language", metavar="CODE", help="LanguageTool language, e.g. en-US, en-GB.")
@click.option(
    "--chunk-files",
    type=click.IntRange(min=1),
    default=DEFAULT_CHUNK_FILES,
    show_default=True,
    metavar="N",
    help="At most N files per chunk.",
)
@click.option(
    "--chunk-mb",
    type=click.FloatRange(min=0.001),
    default=DEFAULT_CHUNK_BYTES / (1024 * 1024),
    show_default=True,
    metavar="MB",
    help="About MB megabytes per chunk.",
)
@click.option("--no-progress", is_flag=True, help="Do not draw the progress line.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
def audit_command(
    sources: tuple[str, ...],
    output: str,
    scheduler: str | None,
    workers: int | None,
    resume: bool,
    overwrite: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    knowledge: tuple[str, ...],
    config: str | None,
    isolated: bool,
    encoding: str | None,
    grammar_mode: str | None,
    languagetool_url: str | None,
    language: str | None,
    chunk_files: int,
    chunk_mb: float,
    no_progress: bool,
    quiet: bool,
) -> None:
    """Audit SOURCES (paths, globs or fsspec URLs such as s3://bucket/archive) on Dask.

    Every file's findings go to a Parquet dataset in DIR (tables 'diagnostics'
    and 'files'), written chunk by chunk by the workers.
    """
    _need_extra()
    from ..api import Options
    from ..errors import CopylintError
    from ..interrupts import Interrupted
    from .run import AuditRequest, run_audit

    if resume and overwrite:
        raise click.UsageError("--resume and --overwrite exclude each other")
    request = AuditRequest(
        sources=sources,
        output=output,
        options=Options(
            select=_codes(select) or None,
            extend_ignore=_codes(ignore),
            knowledge=knowledge,
            config=config,
            isolated=isolated,
        ),
        encoding=encoding,
        scheduler=scheduler,
        workers=workers,
        resume=resume,
        overwrite=overwrite,
        chunk_files=chunk_files,
        chunk_bytes=int(chunk_mb * 1024 * 1024),
        progress=not (no_progress or quiet),
        grammar=(grammar_mode, languagetool_url, language),
    )

    def echo(message: str) -> None:
        if not quiet:  # messages name archive paths: escape what the archive chose
            click.echo(printable(message), err=True)

    try:
        outcome = run_audit(request, echo=echo)
    except CopylintError as exc:
        click.echo(f"copylint: error: {printable(str(exc))}", err=True)
        sys.exit(EXIT_ERROR)
    except (KeyboardInterrupt, Interrupted) as stop:  # Ctrl-C, or SIGTERM from a batch system
        click.echo(
            f"copylint: interrupted; the chunks written so far are kept in {printable(output)} "
            "(run again with --resume to continue)",
            err=True,
        )
        sys.exit(stop.exit_code if isinstance(stop, Interrupted) else EXIT_INTERRUPTED)
    if not quiet:
        click.echo(outcome.summary.render(), nl=False)
        notes = [f"{outcome.seconds:,.1f} s"]
        if outcome.skipped_chunks:
            notes.append(f"{outcome.skipped_files:,} files from an earlier run")
        if outcome.isolated_chunks:
            notes.append(f"{outcome.isolated_chunks} chunks re-run file by file")
        if outcome.removed_stale:
            notes.append(f"{outcome.removed_stale} stale chunks removed")
        click.echo(f"\nResults in {printable(output)} ({', '.join(notes)}).")
    sys.exit(EXIT_OK)


@click.command("summary", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("directory", metavar="DIR")
def summary_command(directory: str) -> None:
    """Print the summary of the audit in DIR (from its Parquet dataset)."""
    _need_extra()
    from .results import Dataset
    from .summary import summary_from_dataset

    dataset = Dataset(directory)
    manifest = dataset.read_manifest()
    if manifest is None:
        click.echo(
            f"copylint: error: {printable(directory)}: holds no audit (no _audit.json)", err=True
        )
        sys.exit(EXIT_ERROR)
    summary = summary_from_dataset(directory)
    click.echo(summary.render(), nl=False)
    if not manifest.get("complete"):
        done, total = summary.files, int(manifest.get("files") or 0)
        click.echo(
            f"\nThe audit is incomplete ({done:,} of {total:,} files); "
            "run it again with --resume to finish it.",
            err=True,
        )


def main(argv: Sequence[str]) -> None:
    """``copylint audit ARGS``: the summary subcommand or an audit run."""
    if argv and argv[0] == "summary":
        summary_command.main(args=list(argv[1:]), prog_name="copylint audit summary")
    else:
        audit_command.main(args=list(argv), prog_name="copylint audit")
