"""The one worker of a parallel run: per-process state and one task function.

:func:`copylint.parallel.ordered_map` sends tasks to processes; every pool
copylint starts (linting with the result cache, ``--fix``, ``--diff``) uses
:func:`init` as its initializer and :func:`run_task` as its function, and the
:class:`Job` given to :func:`init` says what a task does with its file.

On Linux the pool forks, and the parent's :class:`~copylint.api.Session`
(compiled rules, knowledge) is inherited; elsewhere each worker builds its own
from the same options, once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .records import record

if TYPE_CHECKING:
    from .api import Options, Session
    from .cache import ResultCache
    from .diagnostics import FileResult
    from .fixrun import FixedInput, FixJob

#: One task: (index in the run, path, cache fingerprint or None).
Task = tuple[int, str, str | None]


@record
class Job:
    """What every task of one pool does (picklable: sent to spawned workers).

    ``fix`` None lints (storing results under ``cache_dir`` when set);
    otherwise each file is fixed, or diffed, as the :class:`FixJob` says.
    """

    encoding: str | None = None
    cache_dir: str | None = None
    fix: FixJob | None = None


@dataclass
class _State:
    session: Session
    job: Job
    cache: ResultCache | None


# Set by init() in each worker (inherited when forked).
_state: _State | None = None


def init(session: Session | None, options: Options, job: Job) -> None:
    """Pool initializer: this worker's Session (the parent's when forked) and its job."""
    global _state
    if session is None:  # spawned, not forked: build this worker's own Session
        from .api import Session

        session = Session(options)
    cache = None
    if job.cache_dir is not None:
        from .cache import ResultCache

        cache = ResultCache(job.cache_dir)
    _state = _State(session, job, cache)


def run_task(task: Task) -> tuple[int, FileResult | FixedInput]:
    """Lint, fix or diff one file, as the pool's job says."""
    assert _state is not None, "worker used before init()"
    index, path, fingerprint = task
    job = _state.job
    if job.fix is not None:
        from .fixrun import fix_path

        return index, fix_path(_state.session, path, job.fix)
    # Looked up at call time: tests replace parallel.lint_one to make a worker die.
    from . import parallel

    return index, parallel.lint_one(_state.session, path, job.encoding, _state.cache, fingerprint)
