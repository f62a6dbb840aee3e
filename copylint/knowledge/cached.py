"""Knowledge bases loaded through the compiled-data cache (:mod:`copylint.datacache`).

Parsing and validating a knowledge base of 100,000 people and 20,000 works
from YAML takes many seconds; unpickling the built :class:`KnowledgeBase`
(objects and lookup indexes together) takes well under one.  Small bases are
cached too: a warm start then never imports the YAML parser (issue 7).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..datacache import load_cached, slot_file
from .index import KnowledgeBase

_KIND = "knowledge"
#: The modules whose code shapes a built KnowledgeBase.
_CODE = (
    "knowledge/model.py",
    "knowledge/yamlformat.py",
    "knowledge/index.py",
    "yamlsource.py",
    "prefilter.py",
)


def cache_file(paths: Iterable[str | os.PathLike[str]]) -> Path | None:
    """Where the compiled form of these knowledge files is (or would be) kept."""
    return slot_file(_KIND, [os.fspath(p) for p in paths])


def load_knowledge(paths: Iterable[str | os.PathLike[str]]) -> KnowledgeBase:
    """``KnowledgeBase.load(paths)``, from the compiled cache when the files are unchanged.

    Paths whose content is a compiled index (``copylint knowledge build``),
    whatever their names, are opened read-only and queried per document;
    YAML files named with them are loaded as usual and correct or add to them.
    """
    from ..kindex.fileformat import is_index_file

    names = [os.fspath(p) for p in paths]
    indexes = [n for n in names if is_index_file(n)]
    if indexes:
        from ..kindex.base import IndexedKnowledge

        yaml = [n for n in names if n not in indexes]
        local = load_knowledge(yaml) if yaml else KnowledgeBase.empty()
        return IndexedKnowledge.open(indexes, local)
    return load_cached(_KIND, names, lambda: KnowledgeBase.load(names), _CODE)
