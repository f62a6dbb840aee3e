"""Names: known misspellings, fuzzy full names and lone surnames, and what stays quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.api import lint_text
from copylint.config import Settings
from copylint.diagnostics import Applicability
from copylint.document import Document
from copylint.engine import Linter
from copylint.knowledge import KnowledgeBase

from .conftest import MI_KNOWLEDGE

TITLE = "Mission: Impossible – Dead Reckoning Part One"


def names(text: str) -> list[tuple[str, str, str | None]]:
    out = []
    for d in lint_text(text, knowledge=[MI_KNOWLEDGE], select=["CL1"]):
        replacement = d.fix.edits[0].text if d.fix else None
        out.append((d.code, text[d.start : d.end], replacement))
    return out


def test_known_misspelling_is_a_safe_fix_keeping_case() -> None:
    diags = lint_text(
        "TOM CRUSE and Tom Cruse arrived.", knowledge=[MI_KNOWLEDGE], select=["CL101"]
    )
    assert [(d.code, d.fix.edits[0].text, d.fix.applicability) for d in diags if d.fix] == [
        ("CL101", "TOM CRUISE", Applicability.SAFE),
        ("CL101", "Tom Cruise", Applicability.SAFE),
    ]


def test_full_name_near_miss_of_cast_member() -> None:
    assert names(f"{TITLE} stars Tom Cruise and Henry Cherney.") == [
        ("CL102", "Henry Cherney", "Henry Czerny")
    ]


def test_lone_surnames_of_active_cast_are_checked() -> None:
    text = f"In {TITLE}, the chase finds Cruz and Atwill tied together."
    # neither is named in full: pointed out, not rewritten
    assert names(text) == [("CL103", "Cruz", None), ("CL103", "Atwill", None)]
    named = f"In {TITLE}, Tom Cruise and Hayley Atwell star; Cruz and Atwill are tied together."
    assert names(named) == [("CL103", "Cruz", "Cruise"), ("CL103", "Atwill", "Atwell")]


def test_possessive_surname_keeps_its_suffix() -> None:
    text = f"In {TITLE}, Tom Cruise leads, and Cruz’s stunt is the highlight."
    assert names(text) == [("CL103", "Cruz", "Cruise")]


@pytest.mark.parametrize(
    "text",
    [
        # the correct cast, crew and characters
        f"{TITLE} stars Ving Rhames, Pom Klementieff, Shea Whigham, Esai Morales and "
        "Frederick Schmidt, with stunt coordinator Wade Eastwood. Ethan Hunt returns.",
        # real people outside the knowledge base
        f"{TITLE}: we are big fans of Buster Keaton, John Frankenheimer and David Lean.",
        # a lone surname with no work mentioned: nothing is active
        "Cruz and Atwill tied together.",
        # a full name that is not a cast member's, even in an article about the film
        f"{TITLE} was praised by Penélope Cruz.",
        # ordinary capitalised words at the start of sentences
        f"{TITLE} opens. Crews worked nights. Rome was busy.",
    ],
)
def test_correct_and_unknown_names_are_left_alone(text: str) -> None:
    assert names(text) == []


def test_accept_list_silences_a_name() -> None:
    from copylint.config import Settings
    from copylint.document import Document
    from copylint.engine import Linter
    from copylint.knowledge import KnowledgeBase

    settings = Settings(select=("CL1",), accept=("Cruz",))
    linter = Linter(settings, KnowledgeBase.load([MI_KNOWLEDGE]))
    doc = Document.plain(f"In {TITLE}, Cruz jumps.")
    assert linter.lint_document(doc) == []


def test_names_rules_are_silent_without_knowledge() -> None:
    assert lint_text("Tom Cruse and Henry Cherney; Cruz.", select=["CL1"]) == []


_NAME_PIECES = [
    "Tom",
    "TOM",
    "tom",
    "Cruise",
    "Cruse",
    "CRUISE",
    "Henry",
    "Cherney",
    "Czerny",
    "Ving",
    "Rhames",
    "Rhams",
    "Straße",
    "O’Neill",
    "1",
    "van",
    "’s",
    "Ethan",
    "Hunt",
    "Kelvin",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=12), st.sampled_from([" ", ". ", ", "]))
def test_the_document_prefilter_never_hides_a_finding(pieces: list[str], sep: str) -> None:
    """Whatever the prefilter skips, the full scan would have found nothing in."""
    text = sep.join(pieces)
    linter = Linter(Settings(select=("CL1",)), KnowledgeBase.load([MI_KNOWLEDGE]))
    (check,) = linter.checks
    index = check._index(linter.knowledge)
    assert index.prefilter is not None
    with_prefilter = linter.lint_document(Document.plain(text, "t.txt"))
    saved, index.prefilter = index.prefilter, None
    try:
        assert linter.lint_document(Document.plain(text, "t.txt")) == with_prefilter
    finally:
        index.prefilter = saved


def test_a_large_bases_people_index_is_kept_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copylint.checks import names as names_module

    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(names_module, "_CACHED_INDEX_MIN_NAMES", 1)  # "large" for the test
    path = tmp_path / "k.yaml"
    path.write_text(MI_KNOWLEDGE.read_text(encoding="utf-8"), encoding="utf-8")
    built = names_module._people_index(KnowledgeBase.load([path]))

    def no_build(*_args: object) -> None:
        raise AssertionError("the index was built again")

    with monkeypatch.context() as m:
        m.setattr(names_module._PeopleIndex, "__init__", no_build)
        loaded = names_module._people_index(KnowledgeBase.load([path]))
    assert vars(loaded).keys() == vars(built).keys()
    assert (loaded.by_first, loaded.by_last) == (built.by_first, built.by_last)
    # An edited base is indexed again.
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(names_module._PeopleIndex, "__init__", no_build)
        with pytest.raises(AssertionError, match="built again"):
            names_module._people_index(KnowledgeBase.load([path]))


_RUN_PIECES = [
    "Tom Cruise",
    "Tom Cruse",
    "TOM CRUSE",
    "Simon Peg",
    "Rebeca Ferguson",
    "Hayley Atwell",
    "Ving Rhames",
    "Christopher McQuarry",
    "Cruse",
    "the",
    "said",
    "The",
    "Mission",
    "Dead Reckoning",
    ".",
]
_SERVING: list[Linter] = []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES), max_size=12))
def test_a_linter_that_served_many_documents_finds_the_same(pieces: list[str]) -> None:
    """After a run's first documents the names check reads its prefilter's answer from
    the scan the knowledge base made for its mentions (KnowledgeBase.shared_starts):
    the same findings as a new linter's, which scans for itself."""
    if not _SERVING:
        _SERVING.append(Linter(Settings(select=("CL1",)), KnowledgeBase.load([MI_KNOWLEDGE])))
        for i in range(20):
            _SERVING[0].lint_document(Document.plain(f"Ving Rhames, Tom Cruse {i}."))
        served = _SERVING[0].knowledge._joint.joint
        assert served and len(served._parts) == 3, "the names check's prefilter joined"
    text = " ".join(pieces)
    fresh = Linter(Settings(select=("CL1",)), KnowledgeBase.load([MI_KNOWLEDGE]))
    assert _SERVING[0].lint_document(Document.plain(text)) == fresh.lint_document(
        Document.plain(text)
    )
