"""The index's presence filters: no key of a table is ever ruled out, and the look-ups
answer with them exactly as they answer by asking SQLite about every key."""

from __future__ import annotations

import os
import random
import sqlite3
import string
from pathlib import Path

import pytest

from copylint.kindex import presence
from copylint.kindex.build import Filters, build_index
from copylint.kindex.index import KnowledgeIndex
from copylint.kindex.store import FILTERS

from .conftest import FIXTURES, MI_KNOWLEDGE, load_script, run_cli


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("presence")
    generated = tmp / "generated.yaml"
    module = load_script("bench/gen_knowledge.py")
    generated.write_text(module.generate(400, 80, seed=5), encoding="utf-8")
    path = tmp / "films.idx"
    build_index(
        [str(MI_KNOWLEDGE), str(generated), FIXTURES / "kindex" / "imdb"],
        path,
        Filters(min_credits=0),
    )
    return path


def _table_keys(path: Path, name: str) -> list[str | tuple[str, str]]:
    return _rows(path, FILTERS[name])


def _rows(path: Path, sql: str) -> list[str | tuple[str, str]]:
    db = sqlite3.connect(path)
    try:
        return [row[0] if len(row) == 1 else tuple(row) for row in db.execute(sql)]
    finally:
        db.close()


#: Keys each look-up may be asked, read from the tables themselves (not from FILTERS).
_STORED = {
    "forms": ["SELECT key FROM forms"],
    "vocab": ["SELECT cf FROM vocab", "SELECT cf FROM vocab WHERE person_only = 0"],
    "tokens": ["SELECT first FROM names", "SELECT last FROM names"],
    "cast": ["SELECT name FROM cast_names"],
    "pairs": [f"SELECT first, last FROM {t}" for t in ("names", "characters", "organisations")],
}


def _absent(keys: list, rng: random.Random) -> list:
    """Keys like ``keys`` (a letter changed or added) that the table may or may not hold."""

    def vary(word: str) -> str:
        i = rng.randrange(len(word) + 1)
        return word[:i] + rng.choice(string.ascii_lowercase + "é ") + word[i + 1 :]

    return [
        tuple(vary(w) for w in key) if isinstance(key, tuple) else vary(key)
        for key in rng.sample(keys, min(len(keys), 300))
    ]


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_a_filter_rules_out_no_key_of_its_table_and_most_others(index: Path, name: str) -> None:
    ix = KnowledgeIndex(index)
    keys = _table_keys(index, name)
    assert keys, name
    gate = ix._filter(name)
    assert gate.maybe_present(keys) == keys
    stored = set(keys)
    others = [k for k in _absent(keys * 3, random.Random(name)) if k not in stored]
    passed = gate.maybe_present(others)
    assert len(others) >= 50 and len(passed) <= len(others) // 10, (name, len(passed))


def _answers(ix: KnowledgeIndex, keys: dict[str, list]) -> list[object]:
    """Every filtered look-up's answers for these keys (each key on its own and all at once)."""
    out: list[object] = [
        ix.title_prefixes(one) for one in [*([k] for k in keys["forms"]), keys["forms"]]
    ]
    for one in [*([k] for k in keys["vocab"]), keys["vocab"]]:
        out += [ix.known_words(one), ix.vocabulary(one)]
    for one in [*([k] for k in keys["tokens"]), keys["tokens"]]:
        out.append(ix.known_tokens(one))
    for token in keys["tokens"][:60]:
        out.append(ix.near_tokens(token, 1))
    out.append(ix.cast_works(keys["cast"]))
    for one in [*([k] for k in keys["pairs"]), keys["pairs"]]:
        out += [ix.named(one, people=True), ix.named(one, people=False)]
        out += [ix.people_pairs(one, 0), ix.people_pairs(one, 3)]
    return out


@pytest.mark.parametrize("in_place", [False, True], ids=["read-whole", "probed-in-place"])
def test_look_ups_answer_as_without_the_filters(
    index: Path, monkeypatch: pytest.MonkeyPatch, in_place: bool
) -> None:
    if in_place:  # every filter probed where it is stored, as large ones are
        monkeypatch.setattr(presence, "WHOLE_BYTES", 0)
    rng = random.Random(7)
    keys: dict[str, list] = {}
    for name, queries in _STORED.items():
        keys[name] = []
        for sql in queries:
            stored = sorted(set(_rows(index, sql)))
            keys[name] += rng.sample(stored, min(len(stored), 60)) + _absent(stored, rng)[:60]
    ix = KnowledgeIndex(index)
    filtered = _answers(ix, keys)
    assert all(f.whole is not in_place for f in ix._filters.values())
    monkeypatch.setattr(presence.PresenceFilter, "maybe_present", lambda self, keys: list(keys))
    assert _answers(KnowledgeIndex(index), keys) == filtered


def test_an_index_of_another_format_asks_for_a_rebuild(index: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.idx"
    old.write_bytes(index.read_bytes())
    db = sqlite3.connect(old)
    db.execute("UPDATE meta SET value = '4' WHERE key = 'format'")
    db.commit()
    db.close()
    (tmp_path / "a.txt").write_text("Priya Castelanos\n", encoding="utf-8")
    proc = run_cli("--isolated", "-k", str(old), "--no-cache", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "rebuild it" in proc.stderr and str(old) in proc.stderr


def test_a_filter_probed_in_place_is_reopened_in_a_forked_process(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large filter reads through the process's connection, which a fork does not share."""
    monkeypatch.setattr(presence, "WHOLE_BYTES", 0)
    ix = KnowledgeIndex(index)
    keys = _table_keys(index, "forms")[:50]
    before = ix.title_prefixes(keys)
    parent = ix._filters["forms"]
    pid = os.getpid()
    monkeypatch.setattr(os, "getpid", lambda: pid + 1)  # as in a forked worker
    ix._memo.clear()
    assert ix.title_prefixes(keys) == before
    assert ix._filters["forms"] is not parent and ix._db is not None
