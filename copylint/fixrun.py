"""``--fix`` and ``--diff`` over many inputs: one Session, several processes.

This is the glue between the fixer (:mod:`copylint.fixes`) and a run of the
command: it builds the lint function for each file from the Session's linter,
turns every failure into a per-file result (one bad file never stops the
run), and spreads files over worker processes with
:func:`copylint.parallel.ordered_map`.  It prints nothing: the CLI prints the
diffs, writes stdin's fixed text and chooses the exit code.

Writing in workers is safe: every file is written by exactly one worker,
through :func:`copylint.sources.write_atomic`, so a worker that dies leaves its
file whole (the original or the fixed text).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, FileResult
from .errors import CopylintError
from .fixes import FixDidNotConverge, encode_fixed, fix_file, fix_text, unified_diff
from .structguard import guard_for

if TYPE_CHECKING:
    from .api import Session
    from .sources import SourceText


@dataclass(frozen=True)
class FixJob:
    """What to do with every input of the run (picklable, sent to workers)."""

    unsafe: bool = False
    diff: bool = False
    encoding: str | None = None
    #: directories named on the command line, each ending in a separator
    roots: tuple[str, ...] = ()

    @classmethod
    def for_paths(
        cls, paths: Sequence[str], *, unsafe: bool, diff: bool, encoding: str | None
    ) -> FixJob:
        """A job whose symlink roots are the directories among ``paths``."""
        roots = tuple(os.path.join(p, "") for p in paths if p != "-" and os.path.isdir(p))
        return cls(unsafe=unsafe, diff=diff, encoding=encoding, roots=roots)

    def root_for(self, path: str) -> str:
        """The tree a symlink at ``path`` may lead into and still be written through.

        A file found under a named directory may not leave that directory; a
        file named itself may not leave the working directory (the project a
        hook or CI job runs in), or, when it lies outside that, its own
        directory.  The same link is refused whether it is named or walked.
        """
        named = next((r for r in self.roots if path.startswith(r)), None)
        if named is not None:
            return named
        cwd = os.getcwd()
        full = os.path.abspath(path)
        if full.startswith(os.path.join(cwd, "")):
            return cwd
        return os.path.dirname(full)


@dataclass(frozen=True)
class FixedInput:
    """One input after fixing: its report, and what the CLI needs besides.

    ``patch`` is the unified diff (``--diff``); ``applied`` counts the fixes
    applied or, with ``--diff``, that would be; ``internal`` is set when the
    fixes did not converge (exit 3); ``output`` holds the bytes to write to
    stdout for standard input (the input unchanged if fixing failed).
    """

    result: FileResult
    patch: str = ""
    applied: int = 0
    internal: bool = False
    output: bytes | None = None


def lint_function(session: Session, path: str) -> Callable[[str], list[Diagnostic]]:
    """Text -> diagnostics with the settings and format adapter that apply to ``path``."""
    from .api import build_document

    linter = session.linter_for(session.settings_for(path))
    return lambda text: linter.lint_document(build_document(path, text))


def _failed(path: str, exc: CopylintError) -> FixedInput:
    reason = getattr(exc, "reason", str(exc))
    return FixedInput(FileResult(path, error=reason), internal=isinstance(exc, FixDidNotConverge))


def fix_path(session: Session, path: str, job: FixJob) -> FixedInput:
    """Fix one file in place, or with ``job.diff`` only compute its diff."""
    try:
        done = fix_file(
            path,
            lint_function(session, path),
            unsafe=job.unsafe,
            encoding=job.encoding,
            root=job.root_for(path),
            write=not job.diff,
            guard=guard_for(path),
        )
    except CopylintError as exc:
        return _failed(path, exc)
    outcome = done.outcome
    if job.diff:
        patch = unified_diff(path, done.source.text, outcome.text)
        return FixedInput(FileResult(path, outcome.remaining), patch, outcome.applied_count)
    fixed = FileResult(path, outcome.remaining, fixed=outcome.applied_count)
    return FixedInput(fixed, applied=outcome.applied_count)


def fix_source(session: Session, name: str, source: SourceText, job: FixJob) -> FixedInput:
    """Fix text read from standard input; ``output`` is what to write to stdout."""
    try:
        outcome = fix_text(
            source.text,
            lint_function(session, name),
            unsafe=job.unsafe,
            path=name,
            guard=guard_for(name),
        )
        data = encode_fixed(source, outcome.text)
    except CopylintError as exc:
        failed = _failed(name, exc)
        # Never swallow a pipeline's text: on failure it passes through unchanged.
        unchanged = None if job.diff else source.encode(source.text)
        return FixedInput(failed.result, internal=failed.internal, output=unchanged)
    if job.diff:
        patch = unified_diff(name, source.text, outcome.text)
        return FixedInput(FileResult(name, outcome.remaining), patch, outcome.applied_count)
    fixed = FileResult(name, outcome.remaining, fixed=outcome.applied_count)
    return FixedInput(fixed, applied=outcome.applied_count, output=data)


# ----------------------------------------------------------------- many files


def fix_paths(
    session: Session, paths: Sequence[str], job: FixJob, *, jobs: int | None = None
) -> list[FixedInput]:
    """Fix ``paths`` (files, already expanded), one result each, in input order.

    ``jobs`` None or 0 means one worker per available core (a small run stays
    in this process; see :func:`copylint.parallel.plan_workers`).
    """
    from .parallel import WORKER_DIED, WorkerDied, _mp_context, ordered_map, plan_workers
    from .worker import Job, init, run_task

    # Build the linters here: config and knowledge errors surface once, in the
    # parent, and forked workers inherit compiled rules.
    for path in paths:
        session.linter_for(session.settings_for(path))
    workers = plan_workers(jobs, paths)
    if workers == 1:
        return [fix_path(session, p, job) for p in paths]
    forked = _mp_context().get_start_method() == "fork"
    out: list[FixedInput] = []
    tasks: list[tuple[int, str, str | None]] = [(i, p, None) for i, p in enumerate(paths)]
    for item in ordered_map(
        run_task,
        tasks,
        jobs=workers,
        chunksize=max(1, min(32, len(paths) // (workers * 8))),
        initializer=init,
        initargs=(session if forked else None, session.options, Job(job.encoding, fix=job)),
    ):
        if isinstance(item, WorkerDied):
            out.append(FixedInput(FileResult(item.item[1], error=WORKER_DIED)))
        else:
            done = item[1]
            assert isinstance(done, FixedInput)
            out.append(done)
    return out
