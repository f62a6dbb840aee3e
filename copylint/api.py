"""The library face of copylint: lint text or paths and get Diagnostics back.

:func:`run` (from :mod:`copylint.runner`) is the one run path: the command
line, the language server and the archive audit all go through it.

Nothing here prints or exits; errors are exceptions (config, knowledge, packs)
or per-file ``FileResult.error`` strings (unreadable or undecodable inputs), so
one bad file never stops a run.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .budget import budget_for, time_budget
from .config import Settings, find_config, load_config
from .diagnostics import Diagnostic, FileResult
from .engine import Linter
from .errors import InputError
from .formats import build_document
from .knowledge import KnowledgeBase, load_knowledge
from .packs import RuleSpec
from .runner import RunResult, RunSettings, run
from .sources import SourceText, read_source

__all__ = [
    "Options",
    "RunResult",
    "RunSettings",
    "Session",
    "build_document",
    "iter_files",
    "lint_paths",
    "lint_text",
    "run",
]

#: extensions picked up when walking a directory (files named explicitly are always read)
TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


@dataclass
class Options:
    """Command-line overrides applied on top of whatever config a file picks up."""

    select: tuple[str, ...] | None = None
    extend_ignore: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()
    fail_on: str | None = None
    config: str | None = None
    isolated: bool = False
    report_unused_suppressions: bool = False


def resolve_settings(base: Settings, options: Options) -> Settings:
    """Merge command-line options into config settings (command line wins)."""
    from dataclasses import replace

    from .diagnostics import Severity

    settings = base
    if options.select is not None:
        settings = replace(settings, select=options.select)
    if options.extend_ignore:
        settings = replace(settings, ignore=settings.ignore + options.extend_ignore)
    if options.knowledge:
        paths = tuple(str(Path(k).resolve()) for k in options.knowledge)
        settings = replace(settings, knowledge=settings.knowledge + paths)
    if options.fail_on:
        settings = replace(settings, fail_on=Severity.parse(options.fail_on))
    if options.report_unused_suppressions:
        settings = replace(settings, report_unused_suppressions=True)
    return settings


class Session:
    """One run: settings per config file, one Linter and knowledge base per settings.

    Files pick the closest config above them (unless ``--config`` or
    ``--isolated``); linters are cached so each config's rules and knowledge
    are compiled once.
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._settings_by_dir: dict[Path, Settings] = {}
        self._settings_by_path: dict[str, Settings] = {}
        self._settings_by_parent: dict[str, Settings] = {}
        self._linters: dict[str | None, Linter] = {}
        self._knowledge: dict[tuple[str, ...], KnowledgeBase] = {}
        self._fixed: Settings | None = None
        if self.options.isolated:
            self._fixed = resolve_settings(Settings(), self.options)
        elif self.options.config:
            self._fixed = resolve_settings(load_config(Path(self.options.config)), self.options)

    def settings_for(self, path: str) -> Settings:
        """The settings that apply to ``path``."""
        if self._fixed is not None:
            return self._fixed
        if path == "-":
            return self._settings_in(path)
        # Performance (issue 7): asked several times per file, and resolving a
        # path costs a system call per component.  Repeats come from a memo, and
        # files named under the same directory string share one resolution (the
        # same string resolves to the same real directory; a symlinked file is
        # resolved on its own, as its real directory may be elsewhere).  The
        # keys are joined to the working directory, unnormalised ("a/../b" is
        # not "b" when "a" is a symlink), so a change of directory cannot mislead.
        full = os.path.join(os.getcwd(), path)
        known = self._settings_by_path.get(full)
        if known is None:
            if _is_plain_file(path):
                parent = os.path.dirname(full)
                known = self._settings_by_parent.get(parent)
                if known is None:
                    known = self._settings_by_parent[parent] = self._settings_in(path)
            if known is None:
                known = self._settings_in(path)
            self._settings_by_path[full] = known
        return known

    def _settings_in(self, path: str) -> Settings:
        directory = Path(path).resolve() if path != "-" else Path.cwd()
        if not directory.is_dir():  # a file: its directory; a directory (".") is its own
            directory = directory.parent
        cached = self._settings_by_dir.get(directory)
        if cached is None:
            config = find_config(directory)
            base = load_config(config) if config else Settings()
            cached = resolve_settings(base, self.options)
            self._settings_by_dir[directory] = cached
        return cached

    def rule_specs(self) -> list[RuleSpec]:
        """Every rule known to this run's linters (built-in and user packs), by code."""
        if not self._linters:
            self.linter_for(self.settings_for("."))
        specs = {code: spec for lin in self._linters.values() for code, spec in lin.specs.items()}
        return [specs[code] for code in sorted(specs)]

    def linter_for(self, settings: Settings) -> Linter:
        """The (cached) linter for a settings object."""
        # One config file gives one Settings (the command-line options are the
        # same for every file of the run), so its path identifies the linter.
        linter = self._linters.get(settings.config_path)
        if linter is None:
            kb = self._knowledge.get(settings.knowledge)
            if kb is None:
                kb = (
                    load_knowledge(settings.knowledge)
                    if settings.knowledge
                    else (KnowledgeBase.empty())
                )
                self._knowledge[settings.knowledge] = kb
            linter = Linter(settings, kb)
            self._linters[settings.config_path] = linter
        return linter

    def lint_source(
        self, path: str, source: SourceText, fmt: str | None = None
    ) -> list[Diagnostic]:
        """Lint already-decoded text that came from ``path``.

        Raises :class:`InputError` when the file exceeds its time budget
        (:mod:`copylint.budget`), so no input can hold a run indefinitely.
        """
        linter = self.linter_for(self.settings_for(path))
        with time_budget(path, budget_for(len(source.text))):
            return linter.lint_document(build_document(path, source.text, fmt))

    def lint_file(self, path: str, encoding: str | None = None) -> FileResult:
        """Read and lint one file; read errors become ``FileResult.error``."""
        try:
            source = read_source(path, encoding)
            return FileResult(path, self.lint_source(path, source))
        except InputError as exc:
            return FileResult(path, error=exc.reason)


def _is_plain_file(path: str) -> bool:
    """``os.path.isfile(path) and not os.path.islink(path)``, with one system call."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def iter_files(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[str | InputError]:
    """Expand paths: files as given, directories walked for text files.

    Symlinked directories are not followed (no loops); hidden and tool
    directories are skipped; ``exclude`` globs match names or relative paths;
    ``.gitignore``/``.copylintignore`` files met on the walk are honoured (see
    :mod:`copylint.ignore`).  Missing paths, unreadable directories and
    non-regular files met on a walk (FIFOs would block a read forever) yield
    an InputError so the run can report them and go on.
    """
    patterns = tuple(exclude)
    seen: set[str] = set()

    def excluded(rel: str) -> bool:
        name = os.path.basename(rel)
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)

    def excluded_below(root: str, path: str) -> bool:
        # Performance (issue 7): relpath is costly and needed only for patterns.
        return bool(patterns) and excluded(os.path.relpath(path, root))

    for raw in paths:
        if raw == "-":
            yield raw
            continue
        # Performance (issue 19): one stat answers both "a directory?" and "there?"
        # (a run may name thousands of files); a dangling symlink is still "there".
        try:
            is_dir, there = stat.S_ISDIR(os.stat(raw).st_mode), True
        except (OSError, ValueError):
            is_dir, there = False, os.path.islink(raw)
        if is_dir:
            # Imported here: pathspec is only needed to walk a directory, and a
            # pre-commit run names its files (start-up time, issue 7).
            from .ignore import IgnoreRules

            ignore = IgnoreRules(raw)
            walk_errors: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(
                raw, followlinks=False, onerror=walk_errors.append
            ):
                yield from _walk_errors(walk_errors)
                ignore.enter(dirpath)
                dirnames[:] = sorted(
                    d
                    for d in dirnames
                    if d not in _SKIP_DIRS
                    and not d.startswith(".")
                    and not excluded_below(raw, os.path.join(dirpath, d))
                    and not ignore.ignored(os.path.join(dirpath, d), is_dir=True)
                )
                for name in sorted(filenames):
                    full = _shown(os.path.join(dirpath, name))
                    if not name.lower().endswith(TEXT_EXTENSIONS):
                        continue
                    if excluded_below(raw, full) or full in seen:
                        continue
                    if ignore.ignored(full):
                        continue
                    seen.add(full)
                    yield _walked_file(full, raw)
            yield from _walk_errors(walk_errors)
        elif there:
            if raw not in seen and not excluded(raw):
                seen.add(raw)
                yield raw
        else:
            yield InputError(raw, "no such file or directory")


def _shown(path: str) -> str:
    """A walked path as the user reads it: "a.txt" for "./a.txt", as ruff prints it.

    A name starting with "-" keeps its "./": bare, "-" would mean standard input
    and "--x" an option.
    """
    if path.startswith("./") and not path.startswith("./-"):
        return path[2:]
    return path


def _walk_errors(errors: list[OSError]) -> Iterator[InputError]:
    """Report (and forget) the directories ``os.walk`` could not list."""
    for err in errors:
        yield InputError(err.filename or "?", f"cannot read directory: {err.strerror or err}")
    errors.clear()


def _walked_file(path: str, root: str) -> str | InputError:
    """A file met on a walk of ``root``: readable, or the reason it is not read.

    The tree is untrusted: a committed link to ``~/.ssh/id_rsa`` must not be
    read as an article and quoted into a CI log.  A link is followed only when
    its target stays inside the walked directory, the rule ``--fix`` applies
    to writing through one.
    """
    if os.path.islink(path):
        real = os.path.realpath(path)
        top = os.path.realpath(root)
        if os.path.exists(real) and os.path.commonpath((real, top)) != top:
            return InputError(
                path,
                "a symlink to a file outside the linted directory; not read (name it to lint it)",
            )
    return _regular_or_error(path)


def _regular_or_error(path: str) -> str | InputError:
    """``path``, unless it is a FIFO, socket or device (reading one could block forever).

    A path that cannot be stat'ed (a dangling symlink, a file gone meanwhile)
    is passed on: reading it reports the reason.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path
    if stat.S_ISREG(mode):
        return path
    return InputError(path, "not a regular file (a FIFO, socket or device); skipped")


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    knowledge: Iterable[str] = (),
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    fmt: str | None = None,
) -> list[Diagnostic]:
    """Lint a string with built-in rules and the given knowledge files; no config lookup."""
    settings = Settings(
        select=tuple(select) if select is not None else (),
        ignore=tuple(ignore),
        knowledge=tuple(str(Path(k).resolve()) for k in knowledge),
    )
    kb = load_knowledge(settings.knowledge) if settings.knowledge else KnowledgeBase.empty()
    return Linter(settings, kb).lint_document(build_document(path, text, fmt))


def lint_paths(
    paths: Iterable[str], options: Options | None = None, **how: Any
) -> list[FileResult]:
    """Lint files and directories; one FileResult per input file, in input order.

    The same run as the command line's (:func:`run`): ``exclude``, ignore
    files, the result cache and worker processes apply.  ``how`` takes the
    other :class:`RunSettings` fields (``jobs=1``, ``cache=False`` …).
    """
    opts = options or Options()
    settings = RunSettings(
        select=opts.select,
        extend_ignore=opts.extend_ignore,
        knowledge=opts.knowledge,
        fail_on=opts.fail_on,
        config=opts.config,
        isolated=opts.isolated,
        report_unused_suppressions=opts.report_unused_suppressions,
        **how,
    )
    return run(list(paths), settings).results
