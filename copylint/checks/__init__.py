"""Check kinds: the Python logic that rule packs' rules name with ``check:``.

Kinds are imported lazily, so a run that does not select the grammar rules
never imports LanguageTool, and ``copylint --version`` imports none of them.
"""

from __future__ import annotations

import importlib

from ..errors import CopylintError
from .base import Check, DocContext

__all__ = ["Check", "DocContext", "CHECK_KINDS", "check_class"]

#: kind name -> "module:Class" (relative to this package)
CHECK_KINDS: dict[str, str] = {
    "names": "names:NamesCheck",
    "facts": "facts:FactsCheck",
    "title-joins": "titles:TitleJoinCheck",
    "quotes": "quotes:QuotesCheck",
    "sentence-case": "sentence_case:SentenceCaseCheck",
    "glued-words": "joins:GluedWordsCheck",
    "residue": "residue:ResidueCheck",
    "phrases": "phrases:PhraseCheck",
    "grammar": "grammar:GrammarCheck",
}


def check_class(kind: str) -> type[Check]:
    """Import and return the class implementing ``kind``."""
    try:
        target = CHECK_KINDS[kind]
    except KeyError:
        known = ", ".join(sorted(CHECK_KINDS))
        raise CopylintError(f"unknown check kind {kind!r} (known kinds: {known})") from None
    module_name, _, class_name = target.partition(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    cls: type[Check] = getattr(module, class_name)
    return cls
