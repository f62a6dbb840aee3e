"""Check kind ``grammar``: LanguageTool's matches as CL5xx findings.

The check never starts LanguageTool itself: the engine opens one service for
the run (:func:`copylint.grammar.open_grammar_service`) and the check asks
:func:`copylint.grammar.current` for it, so every file shares one server and
one client.  With grammar off there is no service and the check yields
nothing.  When LanguageTool fails, the service records why (the engine
reports it once) and the check yields nothing for this and later files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..diagnostics import Finding
from ..document import Document
from ..grammar.errors import GrammarUnavailable
from ..grammar.mapping import Router, known_word_set, to_findings
from ..grammar.service import current
from ..packs import RuleSpec
from .base import Check, DocContext


class GrammarCheck(Check):
    """Sends each document's text to LanguageTool once and maps the matches."""

    kind = "grammar"
    # Routing needs every CL5xx rule: with CL505 ignored, a whitespace match must be
    # dropped, not handed to the next rule that claims its category (typography).
    needs_all_specs = True

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        self._router = Router(self.specs.values())
        # The known-word set depends only on the knowledge base and the accept
        # list, which are the same for every document of a run: build it once.
        self._known_from: tuple[object, object] = (None, None)
        self._known: frozenset[str] = frozenset()

    def _known_words(self, ctx: DocContext) -> frozenset[str]:
        name_words: frozenset[str] = getattr(ctx.knowledge, "name_words", frozenset())
        source_words, source_accept = self._known_from
        if source_words is not name_words or source_accept is not ctx.accept:
            self._known = known_word_set(name_words, ctx.accept)
            self._known_from = (name_words, ctx.accept)
        return self._known

    def run(self, doc: Document, ctx: DocContext) -> Iterable[Finding]:
        service = current()
        if service is None or not any(ctx.wants(code) for code in self.specs):
            return []
        try:
            matches = service.check(doc.text)
        except GrammarUnavailable:
            return []  # recorded on the service; reported once by the engine
        return list(to_findings(matches, doc.text, self._router, self._known_words(ctx), ctx.wants))
