"""The index file's tables as the builder writes them, and indexes of other formats.

Indexes are built for real from the hand-written fixtures (IMDb, Wikidata, the
Mission: Impossible YAML); an index of another format is a real one changed
through sqlite3 to that format's layout, and is refused by a real ``copylint``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from copylint.kindex import convert
from copylint.kindex.build import Filters, build_index
from copylint.kindex.convert import dumps, load_entity, load_work
from copylint.kindex.fileformat import FORMAT_VERSION
from copylint.kindex.store import title_keys
from copylint.knowledge import Credit, Entity, Work
from copylint.knowledge.model import Release

from .conftest import FIXTURES, MI_KNOWLEDGE, run_cli

SOURCES = [str(FIXTURES / "kindex" / "imdb"), str(FIXTURES / "kindex" / "wikidata" / "dump.json")]


@pytest.fixture(scope="module")
def films(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures' index: IMDb's and Wikidata's fragments and the Mission: Impossible YAML."""
    out = tmp_path_factory.mktemp("store") / "films.idx"
    build_index([*SOURCES, str(MI_KNOWLEDGE)], out, Filters(None, None, 1))
    return out


def _title_words(index: Path) -> dict[str, set[int]]:
    db = sqlite3.connect(index)
    out: dict[str, set[int]] = {}
    for word, work in db.execute("SELECT word, work FROM title_words"):
        out.setdefault(word, set()).add(work)
    db.close()
    return out


def _works_by_title(index: Path) -> dict[str, int]:
    db = sqlite3.connect(index)
    found = dict(db.execute("SELECT title, id FROM works"))
    db.close()
    return found


def test_title_words_list_each_work_under_each_word_of_its_titles(films: Path) -> None:
    words = _title_words(films)
    ids = _works_by_title(films)
    dead = ids["Mission: Impossible – Dead Reckoning Part One"]
    final = ids["Mission: Impossible – The Final Reckoning"]
    assert words["reckoning"] == {dead, final}
    assert words["final"] == {final}
    # words of aliases and former titles ("Dead Reckoning Part Two"), normalised as
    # title keys are ("One" is 1)
    assert words["dead"] == {dead, final}
    assert dead in words["1"] and "one" not in words
    assert ids["Night of the Long Rivers"] in words["rivers"]  # and its aka "Long Rivers"
    # a placeholder episode, not found by its title, is under no word
    episode = ids["The Copper Orchard: Episode #2.1"]
    assert all(episode not in works for works in words.values())
    # every row is a word of one of its work's titles, and every such word has its row
    db = sqlite3.connect(films)
    forms = {key for (key,) in db.execute("SELECT key FROM forms WHERE works IS NOT NULL")}
    stored = {wid: load_work(data) for wid, data in db.execute("SELECT id, data FROM works")}
    db.close()
    expected: dict[str, set[int]] = {}
    for wid, work in stored.items():
        for form in (work.title, *work.aliases, *work.former_titles):
            keys = title_keys(form)
            if " ".join(keys) in forms:  # (a work found by its titles)
                for key in keys:
                    expected.setdefault(key, set()).add(wid)
    assert words == expected


def _as_format(index: Path, out: Path, version: str, change: str) -> Path:
    """A copy of ``index`` with the format ``version`` in its metadata and ``change``
    (SQL) made to its tables."""
    shutil.copy(index, out)
    db = sqlite3.connect(out)
    db.executescript(change)
    db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (version,))
    db.commit()
    db.execute("VACUUM")
    db.close()
    return out


@pytest.mark.parametrize(
    ("version", "change"),
    [
        # format 6: the same tables but title_words
        ("6", "DROP TABLE title_words"),
        # a later format with a table this copylint does not know
        (str(FORMAT_VERSION + 1), "CREATE TABLE later(x TEXT)"),
    ],
    ids=["older", "newer"],
)
def test_an_index_of_another_format_asks_for_a_rebuild(
    films: Path, tmp_path: Path, version: str, change: str
) -> None:
    old = _as_format(films, tmp_path / "other.idx", version, change)
    (tmp_path / "a.txt").write_text("Tom Cruise starred in Dead Reckoning.\n", encoding="utf-8")
    wanted = f"index format {version} is not {FORMAT_VERSION}: rebuild it with this copylint"
    for args in (
        ("--isolated", "--no-cache", "-k", str(old), "a.txt"),
        ("knowledge", "info", str(old)),
        ("knowledge", "find", str(old), "Dead Reckoning"),
    ):
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        assert wanted in proc.stderr and str(old) in proc.stderr


def test_a_meta_view_claiming_an_old_format_is_a_damaged_index(films: Path, tmp_path: Path) -> None:
    """The version is read from a builder's plain ``meta`` only: a view is not asked."""
    change = (
        "DROP TABLE title_words; ALTER TABLE meta RENAME TO real_meta; "
        "CREATE VIEW meta(key, value) AS SELECT 'format', '6'"
    )
    hostile = tmp_path / "view.idx"
    shutil.copy(films, hostile)
    db = sqlite3.connect(hostile)
    db.executescript(change)
    db.commit()
    db.close()
    proc = run_cli("knowledge", "info", str(hostile), cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "damaged index" in proc.stderr and "rebuild" not in proc.stderr


def test_stored_rows_check_every_field_the_model_writes() -> None:
    """convert.py's field checks (what an untrusted index's rows may hold) list the
    model's fields again: a field added to the model must be added there, or every
    index holding it would read as damaged."""
    assert set(convert._WORK_FIELDS) == {f.name for f in dataclasses.fields(Work)}
    assert set(convert._RELEASE_FIELDS) == set(Release._fields)
    assert set(convert._ENTITY_FIELDS) == set(Entity._fields) - {"name", "kind"}
    release = Release("GB", dt.date(2025, 5, 23), "month", "broadcast", "London", True, "BBC One")
    work = Work(
        "Mission: Impossible – The Final Reckoning",
        aliases=("Final Reckoning",),
        former_titles=("Dead Reckoning Part Two",),
        releases=(release, Release("US", dt.date(2025, 5, 23))),
        studio="Paramount Pictures",
        credits=(Credit("Tom Cruise", "actor", "Ethan Hunt"), Credit("Lorne Balfe", "composer")),
        acronyms=(("MI", "Mission: Impossible"),),
        source="wikidata",
        kind="film",
        part_of="Mission: Impossible",
        number=8,
        episode_count=1,
        networks=("BBC One",),
    )
    assert load_work(dumps(work.to_dict())) == work
    person = Entity("Tom Cruise", "person", ("Tom Cruse",), ("Thomas Mapother",), "Cruise", "Jr.")
    person = person._replace(distinct_from=("Tom Cruz",))
    extra = {k: v for k, v in person.to_dict().items() if k not in ("name", "kind")}
    assert load_entity((person.name, person.kind, dumps(extra))) == person
