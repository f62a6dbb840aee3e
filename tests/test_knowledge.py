"""Knowledge files: loading, validation with file and line, and title mentions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copylint.errors import DataFileError
from copylint.knowledge import KnowledgeBase
from copylint.knowledge.index import may_occur
from copylint.prefilter import CapitalisedWords

from .conftest import MI_KNOWLEDGE


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_knowledge_loads_with_credits_and_facts() -> None:
    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    part_one = next(w for w in kb.works if w.title.endswith("Part One"))
    assert part_one.release_date("US") == dt.date(2023, 7, 12)
    assert part_one.with_role("director") == ["Christopher McQuarrie"]
    assert part_one.with_role("writer") == ["Christopher McQuarrie", "Erik Jendresen"]
    assert part_one.with_role("stunt coordinator") == ["Wade Eastwood"]
    assert ("IMF", "Impossible Missions Force") in part_one.acronyms
    assert kb.misspellings["tom cruse"] == "Tom Cruise"
    assert "Klementieff" in kb.name_words


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("works:\n  - title: A\n    relased: {US: 2020-01-01}\n", 3, "did you mean 'released'"),
        ("works:\n  - title: A\n    released: {US: 2020-02-30}\n", 3, "invalid date"),
        ("works:\n  - title: A\n    released: {USA: 2020-02-01}\n", 3, "two-letter code"),
        ("works:\n  - aliases: [B]\n", 2, "needs a 'title'"),
        ("people:\n  - name: Ann\n    misspellings: [ann]\n", 3, "misspelling of itself"),
        ("works:\n  - title: A\n    cast:\n      - {name: X, charcter: Y}\n", 4, "did you mean"),
        ("works: [\n", 2, "invalid YAML"),
        ("works:\n  - title: A\n  - title: B\n    title: C\n", 4, "duplicate key"),
        ("works:\n  - title: A\n    acronyms: {imf: x}\n", 3, "capital letters"),
    ],
)
def test_malformed_knowledge_names_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    path = write(tmp_path, body)
    with pytest.raises(DataFileError) as err:
        KnowledgeBase.load([path])
    assert err.value.path == str(path)
    assert err.value.line == line
    assert words in str(err.value)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    path = write(tmp_path, "works: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(DataFileError, match="invalid YAML"):
        KnowledgeBase.load([path])


def test_mentions_find_titles_variants_and_former_titles() -> None:
    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    text = (
        "See Mission: Impossible - Dead Reckoning Part 1 now; then "
        "Dead Reckoning Part Twois next, and Mission: Impossible – The Final Reckoning."
    )
    found = [(text[m.start : m.end], m.form, m.variant) for m in kb.find_mentions(text).titles]
    assert found == [
        ("Mission: Impossible - Dead Reckoning Part 1", "title", True),
        ("Dead Reckoning Part Two", "former", False),
        ("Mission: Impossible – The Final Reckoning", "title", False),
    ]
    assert len(kb.find_mentions(text).works) == 2


def test_mentions_need_a_capitalised_title() -> None:
    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    assert not kb.find_mentions("sailors used dead reckoning part one of the way").titles


def test_empty_base_is_false_and_finds_nothing() -> None:
    kb = KnowledgeBase.empty()
    assert not kb
    assert not kb.find_mentions("Mission: Impossible – Dead Reckoning Part One").titles


def test_empty_knowledge_file_is_an_empty_base(tmp_path: Path) -> None:
    assert not KnowledgeBase.load([write(tmp_path, "")])


def test_missing_knowledge_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        KnowledgeBase.load([tmp_path / "nope.yaml"])


_TITLE_PIECES = [
    "Mission",
    "MISSION",
    "mission",
    "Impossible",
    ":",
    " – ",
    "Dead",
    "Reckoning",
    "Part",
    "One",
    "1",
    "Onewas",
    "The",
    "Final",
    "2Mission",
    "o'Mission",
    "’Dead",
    "Deadline",
    "Straße",
    "Fallout",
    "Rogue",
    "Nation",
    "Ghost",
    "Protocol",
    "Mission: Impossible – Dead Reckoning Part One",
    "Dead Reckoning Part 1",
    "Dead Reckoning Part Twois",
    "Mission: Impossible – The Final Reckoning",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=16), st.sampled_from([" ", "  ", ", "]))
@example(["o'Mission: Impossible – The Final Reckoning"], " ")  # inside a word: no title
@example(["2Mission: Impossible – The Final Reckoning"], " ")
@example(["Dead Reckoning Part Twois", "Dead Reckoning Part 1"], " ")
def test_prefiltered_scan_finds_what_the_word_by_word_scan_finds(
    pieces: list[str], sep: str
) -> None:
    """Scanning only where the prefilter says a title may start loses nothing."""
    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    text = sep.join(pieces)
    fast = kb.find_mentions(text)
    object.__setattr__(kb, "_first_words", None)  # the word-by-word scan (the base is sealed)
    assert kb.find_mentions(text) == fast


_SERVED: list[KnowledgeBase] = []


_CAST_PIECES = ["Tom Cruise", "Hayley Atwell", "Ving Rhames", "SIMON PEGG", "Tom", "Cruise"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_TITLE_PIECES + _CAST_PIECES), max_size=16),
    st.sampled_from([" ", ", "]),
)
@example(["Tom Cruise", "Hayley Atwell", "Ving Rhames"], ", ")  # activated by its cast
@example(["The", "Final", "Reckoning", "Mission: Impossible – The Final Reckoning"], " ")
def test_a_base_that_served_many_documents_finds_the_same(pieces: list[str], sep: str) -> None:
    """A base that has served a run's documents scans once for its titles' and its
    cast's first words (JointWords); a new base scans for each: the same mentions."""
    if not _SERVED:
        _SERVED.append(KnowledgeBase.load([MI_KNOWLEDGE]))
        for _ in range(20):
            _SERVED[0].find_mentions("The Dead and the Mission")
        assert _SERVED[0]._joint.joint, "the served base scans once for both"
    text = sep.join(pieces)
    assert _SERVED[0].find_mentions(text) == KnowledgeBase.load([MI_KNOWLEDGE]).find_mentions(text)


def test_model_round_trips_through_plain_dicts() -> None:
    """Every work and entity converts to plain data and back unchanged (for stored indexes)."""
    import json

    from copylint.knowledge import Entity, Work

    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    assert kb.works and kb.entities
    for work in kb.works:
        plain = json.loads(json.dumps(work.to_dict()))
        assert Work.from_dict(plain) == work
    for ent in kb.entities.values():
        assert Entity.from_dict(json.loads(json.dumps(ent.to_dict()))) == ent


def test_built_base_is_immutable() -> None:
    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    with pytest.raises(AttributeError, match="immutable"):
        kb.works = ()


def test_may_occur_reads_a_shared_scan_or_asks_the_prefilter() -> None:
    prefilter = CapitalisedWords(["Tom"])
    assert may_occur(..., prefilter, "Tom Cruise stars.")  # not shared: the prefilter says
    assert not may_occur(..., prefilter, "Nobody stars.")
    assert may_occur(..., None, "Nobody stars.")  # no prefilter rules nothing out
    assert may_occur([0], prefilter, "Nobody stars.")  # the shared scan's answer counts
    assert not may_occur([], prefilter, "Tom Cruise stars.")
    assert may_occur(None, prefilter, "Nobody stars.")  # unknowable: may occur
