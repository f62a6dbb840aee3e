"""One run of copylint over paths: the single path every front end takes.

:func:`run` walks the paths (honouring ``exclude`` and ignore files), reads
standard input for ``-``, looks results up in the result cache, lints or
fixes the rest on ``jobs`` processes (:mod:`copylint.worker`), and opens and
closes the run's LanguageTool service.  It prints nothing and never exits:
the command line (:mod:`copylint.cli`) prints a :class:`RunResult` and picks
the exit code from it; the language server and the archive audit call it too.

Configuration errors (config, knowledge, packs) raise
:class:`~copylint.errors.CopylintError`; a file that cannot be read or linted
becomes that file's ``FileResult.error`` and the run goes on.

Imports inside functions: :mod:`copylint.api` imports this module (so the API
is imported when first used, not at import: a cycle otherwise), and a run
imports what its mode needs only (fixing, the result cache, worker processes,
the grammar service), which keeps a short lint's start-up down (issue 19).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .diagnostics import FileResult
from .records import record

if TYPE_CHECKING:
    from .api import Options, Session
    from .grammar import GrammarRun
    from .packs import RuleSpec

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
#: A rule crashed: the code the engine reports it under (copylint.engine.INTERNAL_ERROR).
INTERNAL_ERROR = "CL001"


@record
class RunSettings:
    """Everything a run needs besides its paths.

    The first group overrides what the config files say (as the command
    line's options do); the second says how to run.  Defaults are the
    command line's defaults.
    """

    # -- overrides of the configuration (see copylint.api.Options)
    select: tuple[str, ...] | None = None
    extend_ignore: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()
    fail_on: str | None = None
    config: str | None = None
    isolated: bool = False
    report_unused_suppressions: bool = False
    grammar: str | None = None
    languagetool_url: str | None = None
    language: str | None = None
    # -- how to run
    #: worker processes; None or 0: one per core, except for small runs
    jobs: int | None = None
    #: use the result cache (never while grammar is on)
    cache: bool = True
    #: where the cache lives; None: beside the config file, or in the working directory
    cache_dir: str | None = None
    #: input encoding; None: UTF-8 (with BOM detection)
    encoding: str | None = None
    #: the name reported for standard input ("-")
    stdin_filename: str | None = None
    #: apply fixes in place ("-": the fixed text is in RunResult.stdout)
    fix: bool = False
    #: compute the diff of what ``fix`` would change, change nothing
    diff: bool = False
    #: with ``fix`` or ``diff``: unsafe fixes too
    unsafe_fixes: bool = False

    def options(self) -> Options:
        """The config overrides, as a Session takes them."""
        from .api import Options

        return Options(
            select=self.select,
            extend_ignore=self.extend_ignore,
            knowledge=self.knowledge,
            fail_on=self.fail_on,
            config=self.config,
            isolated=self.isolated,
            report_unused_suppressions=self.report_unused_suppressions,
        )


@dataclass
class RunResult:
    """What a run found: one FileResult per input, in input order, and the run's state.

    ``patches`` holds the unified diffs (with ``diff``), ``would_fix`` the
    number of fixes they hold; ``stdout`` the fixed text of standard input
    (with ``fix``); ``notices`` the ``(level, message)`` lines to tell the
    user (LanguageTool unavailable); ``internal`` is set when fixes did not
    converge (a bug: exit 3); ``grammar_fatal`` when a remote LanguageTool
    failed (exit 2).
    """

    results: list[FileResult]
    session: Session
    settings: RunSettings
    patches: list[str] = field(default_factory=list)
    would_fix: int = 0
    stdout: bytes | None = None
    notices: list[tuple[str, str]] = field(default_factory=list)
    #: the text read from standard input, by reported name (reports that show sources)
    stdin_texts: dict[str, str] = field(default_factory=dict)
    internal: bool = False
    grammar_fatal: bool = False

    def rule_specs(self) -> list[RuleSpec]:
        """Every rule known to the run (built-in and user packs), by code."""
        return self.session.rule_specs()

    def exit_code(self, exit_zero: bool = False) -> int:
        """The command line's exit code for this run (see :mod:`copylint.cli`)."""
        if self.internal or any(
            d.code == INTERNAL_ERROR for r in self.results for d in r.diagnostics
        ):
            return EXIT_INTERNAL  # a rule crashed (CL001): whatever was selected
        errors = any(r.error for r in self.results)
        if self.settings.diff:  # 1 when there is a diff
            return EXIT_ERROR if errors else EXIT_FINDINGS if self.patches else EXIT_CLEAN
        if self.grammar_fatal or errors:
            return EXIT_ERROR
        if exit_zero:
            return EXIT_CLEAN
        for r in self.results:
            threshold = self.session.settings_for(r.path).fail_on
            if any(d.severity >= threshold for d in r.diagnostics):
                return EXIT_FINDINGS
        return EXIT_CLEAN


def run(
    paths: Sequence[str], settings: RunSettings | None = None, *, session: Session | None = None
) -> RunResult:
    """Lint (or fix, or diff) ``paths``: files, directories, or ``-`` for standard input.

    ``session`` reuses compiled rules and knowledge across runs (a language
    server's); it must have been built from ``settings.options()``.
    """
    from .api import Session

    settings = settings or RunSettings()
    session = session or Session(settings.options())
    with contextlib.ExitStack() as stack:
        grammar = _open_grammar(session, settings)
        stack.callback(grammar.close)
        result = RunResult([], session, settings)
        _tell(grammar, result)
        # While grammar is on: one LanguageTool client for the run, no cached half-results.
        how = replace(settings, jobs=1, cache=False) if grammar.on else settings
        _run(paths, how, session, result)
        _tell(grammar, result)
        result.grammar_fatal = grammar.fatal
    return result


def _open_grammar(session: Session, settings: RunSettings) -> GrammarRun:
    from .grammar import GrammarRun

    config = session.settings_for("-")  # the working directory's config
    return GrammarRun(
        config.grammar,
        config.config_path,
        mode=settings.grammar,
        url=settings.languagetool_url,
        language=settings.language,
    )


def _tell(grammar: GrammarRun, result: RunResult) -> None:
    notice = grammar.notice()
    if notice is not None:
        result.notices.append(notice)


def _run(paths: Sequence[str], settings: RunSettings, session: Session, out: RunResult) -> None:
    """Fill ``out`` with one result per input, in input order."""
    from .api import iter_files
    from .errors import InputError
    from .sources import read_stdin

    fixing = settings.fix or settings.diff
    job = None
    if fixing:
        from .fixrun import FixJob

        job = FixJob.for_paths(
            paths, unsafe=settings.unsafe_fixes, diff=settings.diff, encoding=settings.encoding
        )
    results = out.results
    files: list[tuple[int, str]] = []  # (place in results, path): done together below
    exclude = session.settings_for(".").exclude
    for item in iter_files(paths, exclude):
        if isinstance(item, InputError):
            results.append(FileResult(item.path, error=item.reason))
        elif item == "-":
            name = settings.stdin_filename or "-"
            try:
                source = read_stdin(settings.encoding, name)
            except InputError as exc:
                results.append(FileResult(name, error=exc.reason))
                continue
            if job is not None:
                from .fixrun import fix_source

                done = fix_source(session, name, source, job)
                if done.output is not None:
                    out.stdout = done.output
                results.append(_take(out, done))
            else:
                out.stdin_texts[name] = source.text
                results.append(FileResult(name, session.lint_source(name, source)))
        else:
            files.append((len(results), item))
            results.append(FileResult(item))  # placeholder, replaced below
    if not files:
        return
    todo = [p for _, p in files]
    done_files: list[FileResult]
    if job is not None:
        from .fixrun import fix_paths

        done_files = [_take(out, d) for d in fix_paths(session, todo, job, jobs=settings.jobs)]
    else:
        from .cache import ResultCache, default_cache_dir
        from .parallel import lint_files

        cache = None
        if settings.cache:
            cache = ResultCache(settings.cache_dir or default_cache_dir(session.settings_for(".")))
        done_files = lint_files(
            session, todo, encoding=settings.encoding, jobs=settings.jobs, cache=cache
        )
    for (place, _), result in zip(files, done_files, strict=True):
        results[place] = result


def _take(out: RunResult, done: object) -> FileResult:
    """A fixed input's result; its diff, fix count and internal error go to ``out``."""
    from .fixrun import FixedInput

    assert isinstance(done, FixedInput)
    out.internal = out.internal or done.internal
    if done.patch:
        out.patches.append(done.patch)
        out.would_fix += done.applied
    return done.result
