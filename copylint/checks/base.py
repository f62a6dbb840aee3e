"""The interface every check kind implements, and what it gets to work with."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..diagnostics import Finding
from ..document import Document
from ..packs import RuleSpec

if TYPE_CHECKING:
    from ..knowledge import KnowledgeBase, Mentions


@dataclass
class DocContext:
    """Everything a check may consult for one document, besides the document itself.

    ``knowledge`` is never None (an empty base when no file was given);
    ``mentions`` are the knowledge-base titles found in this document, computed
    once by the engine; ``accept`` holds the project's accepted words and names,
    which no rule may flag; ``enabled`` is the set of selected codes, so a check
    can skip work whose results would be thrown away.
    """

    knowledge: KnowledgeBase
    mentions: Mentions
    accept: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()

    def wants(self, code: str) -> bool:
        """True when ``code`` is selected (an empty ``enabled`` set means all)."""
        return not self.enabled or code in self.enabled


class Check:
    """A check kind: the Python logic behind one or more rules declared in packs.

    Subclasses set ``kind`` (the pack's ``check:`` value) and implement
    :meth:`run`.  A check is built once per process with the specs of every
    rule that names its kind, so compile patterns and indexes in ``__init__``.
    """

    kind: ClassVar[str] = ""
    #: True for checks that do nothing without a knowledge base.
    needs_knowledge: ClassVar[bool] = False
    #: True for checks whose rules lean on each other (one rule's findings are
    #: another's evidence): the engine then builds them with every spec of their
    #: kind, selected or not, and the check reports only ``ctx.wants`` codes.
    needs_all_specs: ClassVar[bool] = False

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        self.specs: dict[str, RuleSpec] = {s.code: s for s in specs}

    def warm_up(self) -> None:
        """Do now what the check would otherwise do on first use in every worker
        (import a library, compile a pattern): called once before workers fork."""

    def option(self, code: str, key: str, default: Any = None) -> Any:
        """A rule's option (its pack's value, else the options class's default).

        ``key`` is the option's field name; either spelling (``min_words`` or
        ``min-words``) is accepted.  ``default`` is returned only when ``code``
        has no rule in this check (it is not declared by any pack).
        """
        spec = self.specs.get(code)
        if spec is None:
            return default
        return getattr(spec.options, key.replace("-", "_"))

    def run(self, doc: Document, ctx: DocContext) -> Iterable[Finding]:
        """Yield findings (text-view offsets) for the document."""
        raise NotImplementedError
