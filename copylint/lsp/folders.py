"""Settings, rules and knowledge per workspace folder, loaded once and reloaded on change.

Each workspace folder gets one :class:`copylint.api.Session`: it finds the
closest config above each document (as the command line does), and compiles
each config's rules, rule packs and knowledge once.  When a config, knowledge,
rule-pack or accept file changes, the sessions are dropped and rebuilt on the
next lint, so an edit to the knowledge base shows in the open documents.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from ..api import Options, Session
from ..config import CONFIG_NAMES, Settings
from ..diagnostics import Diagnostic
from ..sources import SourceText


class Folders:
    """The workspace folders and the lint sessions that serve them."""

    def __init__(self, roots: list[str] | None = None) -> None:
        self.roots: list[str] = []
        self._sessions: dict[str, Session] = {}
        #: the files whose change invalidates the sessions (absolute, resolved)
        self._dependencies: set[str] = set()
        self.generation = 0
        for root in roots or []:
            self.add(root)

    def add(self, root: str) -> None:
        """Serve another workspace folder (most specific folder wins for a document)."""
        root = os.path.abspath(root)
        if root not in self.roots:
            self.roots.append(root)
            self.roots.sort(key=len, reverse=True)

    def remove(self, root: str) -> None:
        """Forget a workspace folder and its session."""
        root = os.path.abspath(root)
        if root in self.roots:
            self.roots.remove(root)
        self._sessions.pop(root, None)

    def folder_of(self, path: str) -> str:
        """The workspace folder containing ``path`` ("" for a file outside all of them)."""
        for root in self.roots:
            if path == root or path.startswith(root.rstrip(os.sep) + os.sep):
                return root
        return ""

    def session_for(self, path: str) -> Session:
        """The (cached) session of the folder holding ``path``."""
        root = self.folder_of(path)
        session = self._sessions.get(root)
        if session is None:
            session = self._sessions[root] = Session(Options())
        return session

    def settings_for(self, path: str) -> Settings:
        """The settings for a document, noting the files they came from."""
        settings = self.session_for(path).settings_for(path)
        self._note(settings)
        return settings

    def _note(self, settings: Settings) -> None:
        for name in (
            settings.config_path,
            *settings.knowledge,
            *settings.rule_packs,
            *settings.accept_files,
        ):
            if name:
                self._dependencies.add(_real(name))

    def excluded(self, path: str, settings: Settings) -> bool:
        """True when the config's ``exclude`` patterns cover ``path``."""
        if not settings.exclude:
            return False
        try:
            rel = Path(path).relative_to(settings.root).as_posix()
        except ValueError:
            rel = os.path.basename(path)
        name = os.path.basename(path)
        parts = rel.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(
            fnmatch.fnmatch(candidate, pattern)
            for pattern in settings.exclude
            for candidate in (name, *prefixes)
        )

    def lint(self, path: str, text: str, fmt: str) -> list[Diagnostic]:
        """Lint an editor buffer as if it were the file at ``path``.

        The buffer goes through ``Session.lint_source``, the call
        :func:`copylint.runner.run` makes for standard input: the same
        settings, rules, knowledge and time budget as ``copylint FILE``; what
        ``run`` adds (walking paths, the result cache, worker processes) is
        for files on disk, not for a buffer being typed.
        """
        settings = self.settings_for(path)
        if self.excluded(path, settings):
            return []
        return self.session_for(path).lint_source(path, SourceText(path, text, "utf-8"), fmt)

    def affected_by(self, changed: str) -> bool:
        """Whether a change to the file ``changed`` should reload settings and knowledge."""
        if os.path.basename(changed) in CONFIG_NAMES:
            return True
        return _real(changed) in self._dependencies

    def reload(self) -> None:
        """Drop every session: configs, rules and knowledge are read again on next use."""
        self._sessions.clear()
        self._dependencies.clear()
        self.generation += 1


def _real(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)
