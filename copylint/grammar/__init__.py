"""Grammar and spelling through LanguageTool (rules CL5xx), optional and off by default.

Importing this package is cheap: language-tool-python (and ``requests``) are
imported only when a run turns grammar on.

- :class:`GrammarSettings` — mode (off/local/remote), URL, language, rule and
  category choices, picky, timeouts; validated from config.
- :func:`open_grammar_service` — one LanguageTool connection (and at most one
  local JVM) per run; :func:`current` is what the grammar check uses.
- :class:`GrammarUnavailable` — why LanguageTool could not be used, in one line.
- :class:`GrammarRun` — the above for one command-line run (what the CLI uses).
"""

from .errors import GrammarUnavailable
from .run import GrammarRun
from .service import GrammarMatch, GrammarService, current, open_grammar_service
from .settings import GrammarSettings, GrammarTimeouts

__all__ = [
    "GrammarMatch",
    "GrammarRun",
    "GrammarService",
    "GrammarSettings",
    "GrammarTimeouts",
    "GrammarUnavailable",
    "current",
    "open_grammar_service",
]
