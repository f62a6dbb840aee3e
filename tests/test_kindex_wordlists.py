"""An index's word lists asked word by word (as a large list is) answer exactly as the
same lists read whole, and give the same knowledge and findings."""

from __future__ import annotations

import os
import pickle
import random
import sqlite3
import string
from pathlib import Path

import pytest

from copylint.api import lint_text
from copylint.formats import build_document
from copylint.kindex import base as kbase
from copylint.kindex import wordlists
from copylint.kindex.base import IndexedKnowledge
from copylint.kindex.build import Filters, build_index
from copylint.kindex.index import KnowledgeIndex
from copylint.kindex.wordlists import IndexedWords
from copylint.knowledge import KnowledgeBase, load_knowledge

from .conftest import FIXTURES, MI_KNOWLEDGE, SEED, knowledge_summary, load_script

#: The lists as the scans ask them: (name, the index method giving it).
_LISTS = ["first_keys", "first_spellings", "name_firsts", "misspelling_firsts"]


#: Titles starting with a number word or numeral: their spellings ("three", "iii") are
#: added to the list of first keys ("3") for the title walk.
_NUMBERED = """\
works:
  - title: Three Kings
    cast: [Mara Quill, Lena Okafor]
  - title: II Brothers
"""


@pytest.fixture(
    scope="module",
    params=[("all", 0), ("all", 2), ("imdb", 0)],
    ids=["all-sources", "min-credits-2", "imdb-only"],
)
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test fixtures' sources in one index (``--min-credits`` leaves cast credits
    that are no stored person; IMDb's fixture alone has no misspellings)."""
    which, min_credits = request.param
    tmp = tmp_path_factory.mktemp("wordlists")
    sources: list[str | Path] = [FIXTURES / "kindex" / "imdb"]
    if which == "all":
        generated = tmp / "generated.yaml"
        generated.write_text(
            load_script("bench/gen_knowledge.py").generate(400, 80, seed=9), encoding="utf-8"
        )
        numbered = tmp / "numbered.yaml"
        numbered.write_text(_NUMBERED, encoding="utf-8")
        sources += [MI_KNOWLEDGE, generated, numbered]
        sources.append(FIXTURES / "kindex" / "wikidata" / "dump.json")
    path = tmp / "films.idx"
    build_index([str(s) for s in sources], path, Filters(min_credits=min_credits))
    return path


def _words_to_ask(path: Path) -> list[str]:
    """Every stored word of every list, near misses of them, and words of other shapes."""
    db = sqlite3.connect(path)
    try:
        stored = sorted({w for (w,) in db.execute("SELECT word FROM wordlists")})
    finally:
        db.close()
    rng = random.Random(4)
    near = []
    for word in rng.sample(stored, min(len(stored), 400)):
        i = rng.randrange(len(word) + 1)
        near.append(word[:i] + rng.choice(string.ascii_lowercase + "é'") + word[i + 1 :])
    return [*stored, *near, "", "one", "ii", "2", "the", "Tom", "tom", "o'brien", "ÉLODIE"]


def _asked(words: object, to_ask: list[str]) -> tuple[object, ...]:
    """Everything the scans ask of a list, as plain values."""
    assert words is not None
    # (isdisjoint first: a large list learns a run's new words together)
    runs = [to_ask[i : i + 3] for i in range(0, len(to_ask), 2)]  # (overlapping)
    disjoint = tuple(words.isdisjoint(run) for run in runs)  # type: ignore[attr-defined]
    members = tuple(w in words for w in to_ask)  # type: ignore[operator]
    return members, disjoint, len(words), sorted(words), bool(words)  # type: ignore[arg-type]


@pytest.mark.parametrize("forgetful", [False, True], ids=["remembering", "forgetting"])
def test_lists_asked_word_by_word_answer_as_read_whole(
    index: Path, monkeypatch: pytest.MonkeyPatch, forgetful: bool
) -> None:
    if forgetful:  # what a list remembers is full after a few words, and forgotten
        monkeypatch.setattr(wordlists, "MEMO_LIMIT", 4)
    to_ask = _words_to_ask(index)
    whole = KnowledgeIndex(index)
    if "numbered" in str(whole.sources()):  # (the lists made from a stored list, too)
        assert {"three", "iii"} <= whole.first_spellings() - whole.first_keys()  # type: ignore[operator]
    else:
        assert whole.misspelling_firsts() == frozenset() != whole._meta_set("misspelling_firsts")
    assert all(isinstance(getattr(whole, name)(), frozenset) for name in _LISTS)
    expected = {name: _asked(getattr(whole, name)(), to_ask) for name in _LISTS}
    monkeypatch.setattr(wordlists, "WHOLE_WORDS", 0)  # every list is a large one
    large = KnowledgeIndex(index)
    assert all(isinstance(getattr(large, name)(), IndexedWords) for name in _LISTS)
    for name in _LISTS:
        # Asked twice: the second time from what the first remembered.
        assert _asked(getattr(large, name)(), to_ask) == expected[name], name
        assert _asked(getattr(large, name)(), to_ask) == expected[name], name
    # Taken to another process (spawned workers unpickle the base), it asks anew.
    moved = pickle.loads(pickle.dumps(large))
    for name in _LISTS:
        assert _asked(getattr(moved, name)(), to_ask) == expected[name], name


def _documents() -> list[str]:
    """The seed article, and texts made of the fixtures' names and titles."""
    kb = KnowledgeBase.load([str(MI_KNOWLEDGE)])
    pieces = [w.title for w in kb.works]
    pieces += [c.name for w in kb.works for c in w.credits]
    pieces += [c.character for w in kb.works for c in w.credits if c.character]
    pieces += [m for e in kb.entities.values() for m in e.misspellings]
    pieces += ["Lena Okafor", "Mara Quill", "The Long Night", "Saltmarsh", "Tom Crusie"]
    rng = random.Random(2)
    glue = [" ", ", ", ". ", " and ", " stars in ", "'s ", "\n\n"]
    made = ("".join(rng.choice(pieces) + rng.choice(glue) for _ in range(30)) for _ in range(12))
    return [SEED.read_text(encoding="utf-8"), *made]


def _summary(kb: IndexedKnowledge, text: str, n: int) -> tuple[object, ...]:
    return knowledge_summary(kb.for_document(build_document(f"{n}.txt", text)))


@pytest.mark.parametrize("large_base", [False, True], ids=["small-base", "large-base"])
def test_lists_asked_word_by_word_give_the_same_knowledge_and_findings(
    index: Path, monkeypatch: pytest.MonkeyPatch, large_base: bool
) -> None:
    if large_base:  # the evidence rules (cast runs, near misses) switch on by size
        monkeypatch.setattr(kbase, "LARGE_WORKS", 0)
    texts = _documents()

    def run() -> tuple[list[object], list[object]]:
        kb = load_knowledge([index])
        assert isinstance(kb, IndexedKnowledge) and kb.large is large_base
        bases = [_summary(kb, text, n) for n, text in enumerate(texts)]
        findings = [
            [(d.code, d.start, d.end, d.message, d.fix) for d in lint_text(t, knowledge=[index])]
            for t in texts
        ]
        return bases, findings

    whole = run()
    assert any(findings for findings in whole[1])
    monkeypatch.setattr(wordlists, "WHOLE_WORDS", 0)
    assert isinstance(KnowledgeIndex(index).name_firsts(), IndexedWords)
    assert run() == whole


def test_a_large_list_asks_through_a_forked_process_s_own_connection(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forked worker keeps the list (and what it remembered) but not the connection."""
    monkeypatch.setattr(wordlists, "WHOLE_WORDS", 0)
    to_ask = _words_to_ask(index)
    ix = KnowledgeIndex(index)
    firsts = ix.name_firsts()
    assert isinstance(firsts, IndexedWords)
    before = [w in firsts for w in to_ask]
    assert any(before)
    parent_db = ix._db
    pid = os.getpid()
    monkeypatch.setattr(os, "getpid", lambda: pid + 1)  # as in a forked worker
    fresh = IndexedWords(ix, "name_firsts", len(firsts))  # (nothing remembered)
    assert [w in fresh for w in to_ask] == before  # (stored words: a statement each)
    assert ix._db is not parent_db and ix.name_firsts() is firsts
