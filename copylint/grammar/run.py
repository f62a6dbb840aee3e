"""The grammar part of one command-line run, so the CLI needs only a few lines.

The CLI builds a :class:`GrammarRun` from the config that applies at the
working directory plus ``--grammar``/``--languagetool-url``/``--language``,
prints :meth:`GrammarRun.notice` (at once for a failed start, after the run
for a failure during it; each cause once), and ends the run with
:meth:`GrammarRun.close` and an exit code that honours :attr:`GrammarRun.fatal`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from .errors import GrammarUnavailable
from .service import GrammarService, open_grammar_service
from .settings import GrammarSettings


class GrammarRun:
    """One run's grammar service (or none), opened at construction."""

    def __init__(
        self,
        config: Mapping[str, Any],
        config_path: str | None,
        *,
        mode: str | None = None,
        url: str | None = None,
        language: str | None = None,
    ) -> None:
        base = GrammarSettings.from_mapping(config, config_path or "<defaults>")
        self.settings = base.override(mode=mode, url=url, language=language)
        self._stack = contextlib.ExitStack()
        self.service: GrammarService | None = self._stack.enter_context(
            open_grammar_service(self.settings)
        )
        self._told: GrammarUnavailable | None = None

    @property
    def on(self) -> bool:
        """True when grammar is not off (whether or not LanguageTool is reachable).

        While on, lint in this process (one client, one server) and bypass the
        result cache: a result made while LanguageTool was down is incomplete.
        """
        return self.service is not None

    @property
    def failure(self) -> GrammarUnavailable | None:
        """Why grammar was skipped, if it was."""
        return self.service.failure if self.service is not None else None

    @property
    def fatal(self) -> bool:
        """True when the failure should make the exit code 2 (remote mode)."""
        return self.failure is not None and self.failure.fatal

    def notice(self) -> tuple[str, str] | None:
        """``("warning" | "error", message)`` for a failure not yet told, else None."""
        failure = self.failure
        if failure is None or failure is self._told:
            return None
        self._told = failure
        return ("error" if failure.fatal else "warning", str(failure))

    def close(self) -> None:
        """Stop the local server or drop the connection; safe to call twice."""
        self._stack.close()
