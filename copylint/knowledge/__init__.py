"""The knowledge base: works, people and organisations that editors keep in YAML.

A knowledge file lists works (canonical title, aliases, former titles, release
dates by country, studio, directors, writers, cast with characters, crew with
roles, acronyms with their in-universe expansions) and people or organisations
(canonical name, known misspellings).  The package has one job per module:

- :mod:`.model` -- the plain values (works, credits, entities), convertible to
  and from plain dicts;
- :mod:`.yamlformat` -- reading YAML knowledge files, with line-numbered errors;
- :mod:`.index` -- :class:`KnowledgeBase`, the lookup indexes built once;
- :mod:`.cached` -- :func:`load_knowledge`, the one public loader, which keeps
  the built base in the compiled-data cache.
"""

from __future__ import annotations

from .cached import cache_file, load_knowledge
from .index import KnowledgeBase, Mentions, TitleMention, title_key
from .model import Credit, Entity, Work

__all__ = [
    "Credit",
    "Entity",
    "KnowledgeBase",
    "Mentions",
    "TitleMention",
    "Work",
    "cache_file",
    "load_knowledge",
    "title_key",
]
