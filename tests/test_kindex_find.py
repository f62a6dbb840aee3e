"""``copylint knowledge find``: the names and titles a query could mean, and why.

Indexes are built for real from the hand-written fixtures (IMDb, Wikidata, the
Mission: Impossible YAML) or from a small synthetic YAML; the command runs as a
subprocess where its output is the point.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from copylint.kindex import findwords
from copylint.kindex.build import Filters, build_index
from copylint.kindex.find import Candidate, find
from copylint.kindex.index import KnowledgeIndex

from .conftest import FIXTURES, MI_KNOWLEDGE, run_cli

IMDB = FIXTURES / "kindex" / "imdb"
WIKIDATA = FIXTURES / "kindex" / "wikidata" / "dump.json"
DEAD_RECKONING = "Mission: Impossible – Dead Reckoning Part One (2023)"
FINAL_RECKONING = "Mission: Impossible – The Final Reckoning (2024)"


@pytest.fixture(scope="module")
def films(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures' index: IMDb's and Wikidata's fragments and the Mission: Impossible YAML."""
    out = tmp_path_factory.mktemp("find") / "films.idx"
    build_index([str(IMDB), str(WIKIDATA), str(MI_KNOWLEDGE)], out, Filters(None, None, 1))
    return out


def _find(index: Path, query: str, limit: int = 10) -> list[Candidate]:
    return find(KnowledgeIndex(index), query, limit)


def _texts(found: list[Candidate]) -> list[str]:
    return [c.text for c in found]


def test_a_franchise_name_lists_its_works_through_the_command_line(films: Path) -> None:
    proc = run_cli("knowledge", "find", str(films), "Mission: Impossible")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    # the more credited first at an equal score, each as "score  label  [kind]  why"
    assert f"  {DEAD_RECKONING}  [title]  starts with 'mission impossible'; " in lines[0]
    assert f"  {FINAL_RECKONING}  [title]  starts with 'mission impossible'; " in lines[1]
    assert "20 credits" in lines[0]
    # the whole title outranks the titles it begins
    found = _find(films, "Mission: Impossible – Dead Reckoning")
    assert found[0].text == DEAD_RECKONING and "another of its titles" not in found[0].why
    assert _texts(_find(films, "Mission Impossible")) == [DEAD_RECKONING, FINAL_RECKONING]


def test_a_misspelt_title_word_is_one_edit_from_a_known_title(films: Path) -> None:
    found = _find(films, "Misson: Impossible – Dead Reckoning Part One")
    assert found[0].text == DEAD_RECKONING
    assert found[0].why.startswith("misson 1 edit → mission; impossible exact;")
    assert 90 <= found[0].score < 100
    lantern = _find(films, "The Lantern Keepers")
    assert lantern[0].text == "The Lantern Keeper (2021)"
    assert "keepers 1 edit → keeper" in lantern[0].why
    # the words reach a franchise, the last goes on with no known title
    falout = _find(films, "Mission: Impossible – Falout")
    assert _texts(falout) == [DEAD_RECKONING, FINAL_RECKONING]
    assert "no known title goes on with 'falout'" in falout[0].why
    assert falout[0].score < 70  # one word in three unplaced: a weak candidate


def test_one_word_finds_people_by_their_surname(films: Path) -> None:
    found = _find(films, "Cruise")
    assert found[0].text == "Tom Cruise" and found[0].kind == "person"
    assert found[0].why.startswith("last name exact;")
    near = _find(films, "Murphey")
    assert near[0].text == "Cillian Murphy"
    assert "last name 1 edit (murphey → murphy)" in near[0].why


def test_one_word_finds_people_by_their_first_name(films: Path) -> None:
    found = _find(films, "Cillian")
    assert found[0].text == "Cillian Murphy"
    assert found[0].why.startswith("first name exact;")
    assert _find(films, "Cilian")[0].text == "Cillian Murphy"


def test_characters_studios_and_networks_by_their_first_and_last_words(films: Path) -> None:
    found = _find(films, "Etan Hunt")  # Ethan Hunt, in the YAML's cast
    assert (found[0].text, found[0].kind) == ("Ethan Hunt", "character")
    assert found[0].why.startswith("first word 1 edit (etan → ethan); last word exact;")
    studio = _find(films, "Paramount Picturs")[0]  # the YAML's studio
    assert (studio.text, studio.kind) == ("Paramount Pictures", "organisation")
    assert "last word 1 edit (picturs → pictures)" in studio.why
    # a distributor imported as a Wikidata entity
    assert _texts(_find(films, "Kestrel Pictures"))[:1] == ["Kestrel Pictures"]


def test_nothing_near_and_no_spurious_candidates(films: Path) -> None:
    proc = run_cli("knowledge", "find", str(films), "Zzyzx")
    assert proc.returncode == 1 and proc.stdout == "no known name or title near 'Zzyzx'\n"
    # a hostile query: bounded work, one line each, the query shortened
    long = run_cli("knowledge", "find", str(films), "a" * 20_000 + " Mission" * 3_000)
    assert long.returncode == 1 and long.stderr == ""
    assert long.stdout.splitlines()[0] == f"no known name or title near '{'a' * 80}…'"
    assert long.stdout.splitlines()[1].startswith("('mission': words of known names")
    # a correct name is the one strong candidate; a common word starting no title, none
    assert [c.text for c in _find(films, "Cillian Murphy") if c.score >= 80] == ["Cillian Murphy"]
    assert [c.text for c in _find(films, "Murphy") if c.score >= 80] == ["Cillian Murphy"]
    assert _find(films, "The Minister") == []  # "The" begins titles: no evidence alone
    assert _find(films, "Kettle") == []


def test_a_title_by_its_inner_words(films: Path) -> None:
    # words that do not start the title: its main title is found, not only an alias
    final = _find(films, "Final Reckoning")
    assert final[0].text == FINAL_RECKONING
    assert final[0].why.startswith("title contains 'final reckoning'; work;")
    dead = _find(films, "Dead Reckoning")
    assert dead[0].text == DEAD_RECKONING
    assert dead[0].why.startswith("title contains 'dead reckoning';")
    assert "another of its titles" not in dead[0].why
    assert _texts(_find(films, "Reckoning")) == [DEAD_RECKONING, FINAL_RECKONING]
    proc = run_cli("knowledge", "find", str(films), "Long Winter")
    assert proc.returncode == 0, proc.stderr
    assert (
        "  The Long Winter (2016)  [title]  title contains 'long winter'; episode;" in proc.stdout
    )
    # a number word is read as its title key, as in the titles
    assert _find(films, "Part One")[0].text == DEAD_RECKONING


def test_a_misspelt_inner_word_is_one_edit_from_a_title_word(films: Path) -> None:
    found = _find(films, "Final Reckonin")
    assert found[0].text == FINAL_RECKONING
    assert "title contains 'final reckoning'; reckonin 1 edit → reckoning;" in found[0].why
    assert found[0].score < _find(films, "Final Reckoning")[0].score
    assert _find(films, "Long Wintr")[0].text.startswith("The Long Winter")
    # one word of the query no title has, even one edit away: nothing has them all
    assert _find(films, "Final Reckoning Zzyzx") == []


def test_words_out_of_order_or_apart_rank_below_words_in_order(films: Path) -> None:
    in_order = _find(films, "Final Reckoning")[0]
    swapped = _find(films, "Reckoning Final")[0]
    assert swapped.text == FINAL_RECKONING
    assert "title contains 'final', 'reckoning' (in another order)" in swapped.why
    apart = _find(films, "Night Rivers")[0]
    assert apart.text == "Night of the Long Rivers (2018)"
    assert apart.why.startswith("title contains 'night', 'rivers' (apart);")
    assert swapped.score < in_order.score and apart.score < 90


def _harbours(tmp_path: Path, count: int) -> Path:
    """A synthetic YAML: ``count`` works titled "<word>ka Harbour" (no two starting
    alike) and, last, "Zulu by the Harbour"."""

    def word(n: int) -> str:
        letters = ""
        while True:
            n, r = divmod(n, 26)
            letters = chr(97 + r) + letters
            if not n:
                return letters.capitalize() + "ka"

    titles = [f"{word(n)} Harbour" for n in range(count)] + ["Zulu by the Harbour"]
    path = tmp_path / "harbours.yaml"
    path.write_text("works:\n" + "".join(f"  - title: {t}\n" for t in titles), encoding="utf-8")
    out = tmp_path / "harbours.idx"
    build_index([str(path)], out, Filters(None, None, 1))
    return out


def test_a_very_common_word_alone_is_bounded_and_still_useful(tmp_path: Path) -> None:
    index = _harbours(tmp_path, findwords.MAX_ROWS + 50)
    kx = KnowledgeIndex(index)
    read: list[int] = []
    real = kx.works_titled_with
    kx.works_titled_with = lambda words, cap: read.append(cap) or real(words, cap)  # type: ignore[method-assign]
    found = find(kx, "Harbour", limit=5)
    # titles that have the word, said to be some of more (at most MAX_ROWS + 1 rows read)
    assert len(found) == 5 and all(c.text.endswith("Harbour") for c in found)
    assert all(
        f"among the first {findwords.MAX_ROWS:,} titles with 'harbour'" in c.why for c in found
    )
    assert read == [findwords.MAX_ROWS + 1]
    # with a rarer word, the common one is an exact filter: the last work is found
    assert _texts(_find(index, "Harbour Zulu")) == ["Zulu by the Harbour"]
    assert "among the first" not in _find(index, "Harbour Zulu")[0].why
    assert _texts(_find(index, "the Harbour")) == ["Zulu by the Harbour"]


def test_nothing_near_when_no_title_has_every_word(films: Path) -> None:
    # words of titles that no one title has together: said to be known, and why
    apart = run_cli("knowledge", "find", str(films), "Reckoning Saltmarsh")
    assert apart.returncode == 1
    hint = "('reckoning', 'saltmarsh': words of known names or titles, but no name or title has"
    assert hint in apart.stdout
    assert _find(films, "Orchard Rivers") == []
    assert _find(films, "Kettle Reckoning") == []
    assert _find(films, "The Minister") == []


def _many_smiths(tmp_path: Path) -> Path:
    """A synthetic YAML: five people named Smithers, credited on 1 to 5 works titled
    "Harbour Story 1" to "Harbour Story 5", and two more "Harbour …" works."""
    works = ["  - title: Harbour Alpha Beta Gamma", "  - title: Harbour Zone"]
    for n in range(1, 6):
        cast = "\n".join(f"      - Person{m} Smithers" for m in range(n, 6))
        works.append(f"  - title: Harbour Story {n}\n    cast:\n{cast}")
    path = tmp_path / "smiths.yaml"
    path.write_text("works:\n" + "\n".join(works) + "\n", encoding="utf-8")
    out = tmp_path / "smiths.idx"
    build_index([str(path)], out, Filters(None, None, 1))
    return out


def test_limit_keeps_the_best_and_most_credited(tmp_path: Path) -> None:
    index = _many_smiths(tmp_path)
    proc = run_cli("knowledge", "find", str(index), "Smithers", "--limit", "2")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    assert "Person5 Smithers  [person]  last name exact; 5 credits" in lines[0]
    assert "Person4 Smithers  [person]  last name exact; 4 credits" in lines[1]
    assert len(_find(index, "Smithers")) == 5
    assert len(_find(index, "Harbour Story", limit=3)) == 3
    # at an equal score the shortest titles are kept: a franchise's roots before its parts
    assert _texts(_find(index, "Harbour", limit=1)) == ["Harbour Zone"]


def test_json_output_for_tools(films: Path) -> None:
    proc = run_cli("knowledge", "find", str(films), "Cillian Murphey", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert rows[0] == {
        "text": "Cillian Murphy",
        "kind": "person",
        "score": 96.6,
        "why": "first name exact; last name 1 edit (murphey → murphy); 1 credit",
    }
    none = run_cli("knowledge", "find", str(films), "Zzyzx", "--format", "json")
    assert none.returncode == 1 and json.loads(none.stdout) == []


def _table_scans(index: Path, query: str) -> list[tuple[str, str]]:
    """(statement, plan step) of each stored table a find of ``query`` reads whole."""
    kx = KnowledgeIndex(index)
    statements: list[str] = []
    kx.db.set_trace_callback(statements.append)
    assert find(kx, query)
    plans = sqlite3.connect(index)
    steps = [
        (sql, step) for sql in statements for *_, step in plans.execute(f"EXPLAIN QUERY PLAN {sql}")
    ]
    assert any(step.startswith("SEARCH") for _, step in steps)
    # No stored table is read whole but the metadata (a handful of rows); a SCAN of the
    # query's own VALUES or of a bounded sub-query's rows reads no table.
    tables = {name for (name,) in plans.execute("SELECT name FROM sqlite_master")} - {"meta"}
    scans = [(sql, step) for sql, step in steps if step.startswith("SCAN")]
    # (the check sees a full scan: the plan of a search by an inner title word in works)
    inner = "SELECT id FROM works WHERE title LIKE '%reckoning%'"
    assert any(s[3].split()[1] in tables for s in plans.execute(f"EXPLAIN QUERY PLAN {inner}"))
    return [(sql, step) for sql, step in scans if step.split()[1] in tables]


@pytest.mark.parametrize(
    "query",
    [
        "Mission: Impossible",
        "Misson Impossible Falout",
        "Cruise",
        "Cillian Murphey",
        "Final Reckoning",
        "Reckonin Final",
        "Night Rivers",
    ],
)
def test_every_statement_of_a_find_is_an_indexed_look_up(films: Path, query: str) -> None:
    assert _table_scans(films, query) == []


def test_a_common_word_read_in_part_is_asked_by_indexed_look_ups(tmp_path: Path) -> None:
    index = _harbours(tmp_path, findwords.MAX_ROWS + 50)
    for query in ("Harbour", "Harbour Zulu", "Harbour by"):
        assert _table_scans(index, query) == []
