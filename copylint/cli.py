"""The ``copylint`` command: parse arguments, call the API, print, and exit.

Exit codes: 0 clean; 1 findings at or above ``--fail-on``; 2 usage, config,
knowledge, rule-pack or input errors (one line on stderr each, never a
traceback); 3 internal errors (a bug in copylint, e.g. fixes that do not
converge), naming the rule involved.  With ``--diff``: 1 when there is a diff.

Imports inside functions here are for start-up speed (issue 19): this module
is imported by every command, and ``--help``, ``--explain``, ``lsp``,
``knowledge`` and ``audit`` need none of the core (engine, checks, knowledge)
nor the other reporters; a lint run imports each part when it first needs it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .settings_table import click_options as settings_options

if TYPE_CHECKING:  # the CLI imports the core lazily, so `--help` stays fast
    from .api import RunResult, Session
    from .diagnostics import FileResult
    from .packs import RuleSpec

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
FORMATS = ("text", "concise", "full", "json", "sarif", "github", "html")


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Split repeated and comma-separated selectors into one tuple.

    Codes are upper-cased ("cl3" selects CL3xx); rule names are kept as written.
    """
    import re

    out = []
    for value in values:
        for raw in value.split(","):
            sel = raw.strip()
            if sel:
                out.append(sel.upper() if re.fullmatch(r"(?i)cl\d*|all", sel) else sel)
    return tuple(out)


def say(line: str) -> None:
    """One line on stderr, with anything from the repository (file names, quoted
    text) escaped so it cannot forge output lines or drive the terminal."""
    from .textsafe import printable

    click.echo(printable(line), err=True)


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    say(f"copylint: error: {message}")
    sys.exit(code)


def _rule_specs() -> list[RuleSpec]:
    """Built-in rules plus the user packs of the config found from the working directory."""
    from pathlib import Path

    from .config import Settings, find_config, load_config
    from .engine import load_rule_specs
    from .errors import CopylintError

    try:
        config = find_config(Path.cwd())
        return load_rule_specs(load_config(config) if config else Settings())
    except CopylintError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _list_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .textsafe import printable

    specs = _rule_specs()
    for spec in sorted(specs, key=lambda s: s.code):
        click.echo(
            printable(
                f"{spec.code}  {spec.name:<32} {spec.severity!s:<8} fix:{spec.fix.value:<8} "
                f"{spec.summary}"
            )
        )
    ctx.exit(0)


def _explain(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .textsafe import printable

    def echo(text: str) -> None:  # a pack's text is the repository's: escape it
        click.echo(printable(text, keep="\n"))

    specs = _rule_specs()
    key = value.strip()
    for spec in specs:
        if key.upper() == spec.code or key == spec.name:
            echo(f"{spec.code} ({spec.name})\n")
            echo(f"{spec.summary}\n")
            echo(f"Severity: {spec.severity}    Fix safety: {spec.fix.value}\n")
            if spec.scope:
                echo(f"Scope: {', '.join(spec.scope)}\n")
            if spec.explanation:
                echo(spec.explanation.rstrip() + "\n")
            options = spec.options.as_dict()
            if options:
                echo("Options (override in [rules.CODE]):")
                for name, setting in options.items():
                    shown = str(setting).lower() if isinstance(setting, bool) else str(setting)
                    if isinstance(setting, tuple | dict) and len(setting) > 6:
                        shown = f"{len(setting)} entries (see {spec.pack})"
                    elif isinstance(setting, tuple):
                        shown = "[" + ", ".join(map(str, setting)) + "]"
                    echo(f"    {name.replace('_', '-')} = {shown}")
                echo("")
            if spec.examples_flag:
                echo("Flags:")
                for ex in spec.examples_flag:
                    echo(f"    {ex}")
            if spec.examples_pass:
                echo("Leaves alone:")
                for ex in spec.examples_pass:
                    echo(f"    {ex}")
            ctx.exit(0)
    from .errors import did_you_mean

    known = [s.code for s in specs] + [s.name for s in specs]
    hint = did_you_mean(key.upper(), known) or did_you_mean(key, known)
    _fail(f"unknown rule {value!r}{hint} (see copylint --list-rules)")


class _InputPath(click.Path):
    """``click.Path(allow_dash=True)``, answering at once for a readable path.

    Performance (issue 19): click stats every path and then asks whether it is
    readable; a run over an archive names thousands.  A path ``os.access`` finds
    readable is one click accepts unchanged (it exists, and either kind is
    allowed); anything else gets click's own checks and messages.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if type(value) is str and value != "-" and os.access(value, os.R_OK):
            return value
        return super().convert(value, param, ctx)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=_InputPath(allow_dash=True))
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text (findings with their fixes), concise (one line each), full "
    "(also the source line with a caret), json, sarif or github.",
)
@click.option(
    "--color",
    "color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour the text report: auto colours a terminal unless NO_COLOR is set.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="List the files that would be linted (after excludes and ignore files), then exit.",
)
@click.option(
    "--show-settings",
    metavar="FILE",
    type=click.Path(allow_dash=True),
    help="Print the settings that apply to FILE and where each came from, then exit.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Lint, then re-lint files as they change (Ctrl-C to stop).",
)
@settings_options()
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Use this config file instead of discovering one.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Write the report to FILE instead of standard output.",
)
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary (and errors).")
@click.option("--encoding", metavar="NAME", help="Read inputs in this encoding (default: UTF-8).")
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="Name to report for text read from standard input (implies '-').",
)
@click.option(
    "--fix",
    "apply_fix",
    is_flag=True,
    help="Apply safe fixes in place ('-': write the fixed text to stdout).",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply unsafe fixes (with --fix or --diff); marks them [*] in reports.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff of what --fix would change, change nothing; "
    "exit 1 if there is a diff.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Lint on N processes (default, or 0: one per available core, "
    "except for a run of under 100 files and 256 KB).",
)
@click.option("--no-cache", is_flag=True, help="Lint every file, even if its result is cached.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Where to keep the result cache (default: .copylint_cache beside the "
    "config file, or in the working directory).",
)
@click.option(
    "--list-rules",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_rules,
    help="List every rule and exit.",
)
@click.option(
    "--explain",
    metavar="CODE",
    expose_value=False,
    is_eager=True,
    callback=_explain,
    help="Explain a rule and exit.",
)
@click.option(
    "--add-suppressions",
    is_flag=True,
    help="Baseline: add an ignore directive for every finding, in each format's own syntax.",
)
@click.version_option(__version__, "--version", "-V", prog_name="copylint")
def cli(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    knowledge: tuple[str, ...],
    config: str | None,
    isolated: bool,
    fail_on: str | None,
    exit_zero: bool,
    report_unused_suppressions: bool,
    output_file: str | None,
    statistics: bool,
    quiet: bool,
    encoding: str | None,
    stdin_filename: str | None,
    apply_fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    jobs: int | None,
    no_cache: bool,
    cache_dir: str | None,
    grammar_mode: str | None,
    languagetool_url: str | None,
    language: str | None,
    add_suppressions: bool,
    color: str,
    show_files: bool,
    show_settings: str | None,
    watch: bool,
) -> None:
    """Lint editorial copy: names, glued words, scraped residue, facts, typography.

    PATHS are files, directories (walked for .txt, .md and .html files) or '-'
    for standard input.  `copylint lsp` runs the language server (docs/editors.md).
    """
    from .api import Options, RunSettings, Session, run
    from .errors import CopylintError

    if not paths:
        # As ruff does: no paths means the working directory (its excludes and ignore
        # files apply); --stdin-filename alone means standard input.
        paths = ("-",) if stdin_filename else (".",)

    options = Options(
        select=_codes(select) or None,
        extend_ignore=_codes(ignore),
        knowledge=knowledge,
        fail_on=fail_on,
        config=config,
        isolated=isolated,
        report_unused_suppressions=report_unused_suppressions,
    )
    if show_settings is not None:
        from .showsettings import describe_settings

        try:
            click.echo(describe_settings(Session(options), options, show_settings), nl=False)
        except CopylintError as exc:
            _fail(str(exc))
        sys.exit(EXIT_CLEAN)
    if show_files:
        sys.exit(_show_files(Session(options), paths))
    if watch:
        from .watch import watch_paths

        if apply_fix or diff or "-" in paths:
            raise click.UsageError("--watch works on files and folders, without --fix or --diff")
        style = output_format if output_format in ("text", "concise", "full") else "text"
        sys.exit(watch_paths(options, paths, style=style, color=_want_color(color)))
    if add_suppressions:
        if apply_fix or diff or "-" in paths:
            raise click.UsageError("--add-suppressions works on files, without --fix or --diff")
        sys.exit(_baseline(Session(options), paths, encoding))
    settings = RunSettings(
        select=options.select,
        extend_ignore=options.extend_ignore,
        knowledge=options.knowledge,
        fail_on=options.fail_on,
        config=options.config,
        isolated=options.isolated,
        report_unused_suppressions=options.report_unused_suppressions,
        grammar=grammar_mode,
        languagetool_url=languagetool_url,
        language=language,
        jobs=jobs,
        cache=not no_cache,
        cache_dir=cache_dir,
        encoding=encoding,
        stdin_filename=stdin_filename,
        fix=apply_fix,
        diff=diff,
        unsafe_fixes=unsafe_fixes,
    )
    try:
        outcome = run(paths, settings)
    except CopylintError as exc:
        _fail(str(exc))
        return
    for level, message in outcome.notices:
        say(f"copylint: {level}: {message}")
    if outcome.stdout is not None:  # stdin's fixed text (or, if fixing failed, the input)
        sys.stdout.buffer.write(outcome.stdout)
        sys.stdout.flush()
    if diff:
        _finish_diff(outcome)
    else:
        to_stderr = apply_fix and "-" in paths  # stdout carries the fixed text
        _report(
            outcome.results,
            output_format,
            statistics=statistics,
            quiet=quiet,
            unsafe_fixes=unsafe_fixes,
            err=to_stderr,
            session=outcome.session,
            output_file=output_file,
            texts=_Texts(outcome.stdin_texts, encoding),
            color=_want_color(color, err=to_stderr),
        )
    sys.exit(outcome.exit_code(exit_zero))


def _want_color(choice: str, *, err: bool = False) -> bool:
    """``--color``: always, never, or auto (a terminal, unless NO_COLOR is set and not empty)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    stream = sys.stderr if err else sys.stdout
    return stream.isatty()


def _show_files(session: Session, paths: Sequence[str]) -> int:
    """``--show-files``: the files a run would lint, one per line; the exit code."""
    from .api import iter_files
    from .errors import CopylintError, InputError

    failed = False
    try:
        for item in iter_files(paths, session.settings_for(".").exclude):
            if isinstance(item, InputError):
                click.echo(f"copylint: error: {item.path}: {item.reason}", err=True)
                failed = True
            else:
                click.echo(item)
    except CopylintError as exc:
        _fail(str(exc))
    return EXIT_ERROR if failed else EXIT_CLEAN


def _baseline(session: Session, paths: Sequence[str], encoding: str | None) -> int:
    """``--add-suppressions`` over ``paths``: print what was added; the exit code."""
    from .api import iter_files
    from .baseline import baseline_file
    from .errors import CopylintError, InputError
    from .fixrun import FixJob

    roots = FixJob.for_paths(paths, unsafe=False, diff=False, encoding=encoding)
    added = files = skipped = 0
    failed = False
    try:
        exclude = session.settings_for(".").exclude
        for item in iter_files(paths, exclude):
            if isinstance(item, InputError):
                say(f"copylint: error: {item.path}: {item.reason}")
                failed = True
                continue
            linter = session.linter_for(session.settings_for(item))
            try:
                done = baseline_file(
                    item, linter.lint_document, encoding=encoding, root=roots.root_for(item)
                )
            except CopylintError as exc:
                say(f"copylint: error: {getattr(exc, 'reason', exc)}")
                failed = True
                continue
            added += done.added
            files += bool(done.added)
            skipped += done.skipped
            if done.skipped:
                click.echo(
                    f"copylint: warning: {item}: {done.skipped} line(s) with findings left as "
                    "they were: a directive there would change the text",
                    err=True,
                )
    except CopylintError as exc:
        _fail(str(exc))
    s = "s" if added != 1 else ""
    click.echo(f"Added {added} suppression{s} in {files} file{'s' if files != 1 else ''}.")
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if skipped else EXIT_CLEAN


def _finish_diff(outcome: RunResult) -> None:
    """Print ``--diff``'s errors and summary (stderr) and the diffs (stdout)."""
    for r in outcome.results:
        if r.error:
            say(f"copylint: error: {r.path}: {r.error}")
    click.echo("".join(outcome.patches), nl=False)
    n, files = outcome.would_fix, len(outcome.patches)
    if files:
        click.echo(
            f"Would fix {n} problem{'s' if n != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}.",
            err=True,
        )


class _Texts:
    """The source text of each reported file, for the HTML report (read again on demand)."""

    def __init__(self, stdin: dict[str, str], encoding: str | None) -> None:
        self.stdin = stdin
        self.encoding = encoding

    def for_results(self, results: list[FileResult]) -> dict[str, str]:
        from .errors import CopylintError
        from .sources import read_source

        texts = dict(self.stdin)
        for r in results:
            if r.error or r.path in texts or r.path == "-":
                continue
            try:
                texts[r.path] = read_source(r.path, self.encoding).text
            except CopylintError:
                continue  # listed without its article; the report says so
        return texts


def _report(
    results: list[FileResult],
    output_format: str,
    *,
    statistics: bool,
    quiet: bool,
    unsafe_fixes: bool = False,
    err: bool = False,
    session: Session | None = None,
    output_file: str | None = None,
    texts: _Texts | None = None,
    color: bool = False,
) -> None:
    """Print errors on stderr and the report on stdout (stderr with ``err``, or a file)."""
    for r in results:
        if r.error:
            say(f"copylint: error: {r.path}: {r.error}")
    if output_format == "json":
        from .report.json_report import render_json

        report = render_json(results)
    elif output_format == "sarif":
        from .report.sarif import render_sarif

        rules = session.rule_specs() if session is not None else []
        report = render_sarif(results, rules, __version__)
    elif output_format == "github":
        from .report.github import render_github

        report = render_github(results)
    elif output_format == "html":
        from .report.html_report import render_html

        rules = session.rule_specs() if session is not None else []
        found = texts.for_results(results) if texts is not None else {}
        report = render_html(results, found, rules, __version__)
    elif statistics:
        from .report.text import render_statistics

        report = render_statistics(results, unsafe_fixes=unsafe_fixes)
    else:
        from .report.text import render_text

        style = output_format if output_format in ("concise", "full") else "text"
        color = color and output_file is None  # a report file never holds escape codes
        report = render_text(
            results, quiet=quiet, unsafe_fixes=unsafe_fixes, style=style, color=color
        )
    if output_file is None:
        click.echo(report, nl=False, err=err, color=color)
        return
    try:
        _write_report(output_file, report)
    except OSError as exc:
        _fail(f"{output_file}: cannot write the report: {exc.strerror or exc}")


def _write_report(path: str, report: str) -> None:
    """Write the report whole or not at all: a temporary file renamed into place.

    Only a regular file (or none yet) is replaced.  A device, a pipe or a socket
    (``-o /dev/null``, ``-o /dev/stdout``, a FIFO a script reads) is written to
    as it is: renaming over it would put a regular file in its place (as root,
    ``/dev/null`` itself).  A symbolic link is followed, so the file it points to
    gets the report and the link stays a link.
    """
    import stat
    import tempfile

    target = os.path.realpath(path)
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(target, "w", encoding="utf-8", errors="replace", newline="") as out:
            out.write(report)
        return
    directory = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix=".copylint-report-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as out:
            out.write(report)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would create it, not mkstemp's 0600
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: First argument of the pre-commit hooks' entries (see :func:`hook_arguments`).
HOOK_MODE = "--from-pre-commit"


def _options_taking_values() -> frozenset[str]:
    """Every spelling of an option that takes the next argument as its value."""
    names: set[str] = set()
    for param in cli.params:
        if isinstance(param, click.Option) and not param.is_flag and not param.count:
            names.update(param.opts)
    return frozenset(names)


def hook_arguments(args: Sequence[str]) -> list[str]:
    """Split a pre-commit hook's arguments into options and the file names after them.

    pre-commit runs ``entry`` + the user's ``args:`` + the file names, and file
    names are the repository's: a committed ``--select=CL000.md`` must be a
    file, never an option.  Every file pre-commit passes exists, so the file
    names are the longest run of existing paths at the end (an option value
    that is also a file, as in ``--config copylint.toml``, is given back to its
    option); they are put after ``--`` and a file named ``-`` becomes ``./-``
    so that it is not standard input.  A hostile file named like one of the
    user's own arguments can only make that argument a path, which drops the
    option (the run gets stricter, never silenced by a file name).
    """
    split = len(args)
    while split > 0 and os.path.lexists(args[split - 1]):
        split -= 1
    options, files = list(args[:split]), list(args[split:])
    if "--" in options:  # the user's own "--": what follows is theirs, as paths
        at = options.index("--")
        options, files = options[:at], options[at + 1 :] + files
    if options and files and options[-1] in _options_taking_values():
        options.append(files.pop(0))
    return [*options, "--", *(os.path.join(".", f) if f == "-" else f for f in files)]


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point for the ``copylint`` script.

    ``copylint lsp`` runs the language server, ``copylint audit`` an archive
    audit and ``copylint knowledge …`` builds and inspects knowledge indexes;
    any other first argument is a path, so a file or folder with one of those
    names is linted as ``./lsp``, ``./audit`` or ``./knowledge``.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["lsp"]:
        from .lsp import main as lsp_main

        sys.exit(lsp_main(args[1:]))
    if args[:1] == [HOOK_MODE]:
        args = hook_arguments(args[1:])
    from .envvars import EnvironmentValueError, check_environment
    from .interrupts import Interrupted, install, install_for_client

    if args[:1] == ["audit"]:
        install_for_client()  # an audit handles Ctrl-C itself (it saves where to resume)
    else:
        install()
    try:
        check_environment()
    except EnvironmentValueError as exc:
        say(f"copylint: error: {exc}")
        sys.exit(EXIT_ERROR)
    command = cli
    if args[:1] == ["knowledge"]:
        from .kindex.cli import knowledge as command

        args = args[1:]
    try:
        if command is cli and args[:1] == ["audit"]:
            from .audit.cli import main as audit_main

            audit_main(args[1:])
            return
        command.main(
            args=args,
            prog_name="copylint knowledge" if command is not cli else "copylint",
            standalone_mode=True,
        )
    except Interrupted as stop:
        click.echo("copylint: interrupted", err=True)
        sys.exit(stop.exit_code)
    except KeyboardInterrupt:
        click.echo("copylint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one clear line
        if os.environ.get("COPYLINT_DEBUG"):
            raise
        say(
            f"copylint: internal error: {type(exc).__name__}: {exc} "
            "(set COPYLINT_DEBUG=1 for a traceback, and please report it)"
        )
        sys.exit(EXIT_INTERNAL)
