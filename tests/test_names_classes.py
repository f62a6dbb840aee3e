"""Names on real copy: one test per class of failure (issue 14), invented people only.

Each class is tested to flag what it should and to stay quiet on correct text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.api import lint_text

KNOWLEDGE = """\
works:
  - title: The Brass Meridian
    directors: [Corvin Halloway]
    cast:
      - Tomas Quillfeather
      - Kristof Pellam
      - Haylee Orrick
      - Elsbeth DeVaughn
      - Rainer McTavish
      - Ottilie Kwan
      - Neve Lindqvist
      - Greta van Hollis
      - Dario Menzel Jr.
      - Imelda Fontaine Achterberg
      - Ruben Tavares Neto
      - Anselm de la Varenne
people:
  - name: Imelda Fontaine Achterberg
    surname: Fontaine Achterberg
  - name: Ruben Tavares Neto
    suffix: Neto
  - name: Simon Pellams
    distinct_from: [Kristof Pellam]
  - name: Dario Menzel Jr.
    suffix: Jr.
"""
TITLE = "The Brass Meridian"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_text(KNOWLEDGE, encoding="utf-8")
    return path


def found(kb: Path, text: str) -> list[tuple[str, str, str | None]]:
    out = []
    for d in lint_text(text, knowledge=[kb], select=["CL1"]):
        fix = d.fix.edits[0].text if d.fix else None
        out.append((d.code, text[d.start : d.end], fix))
    return out


# 1. A capitalised word before the name hides it.
@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        (f"In {TITLE}, Director Corvin Haloway said so.", "Corvin Haloway", "Corvin Halloway"),
        (f"{TITLE} opened. But Tomas Quilfeather left.", "Tomas Quilfeather", "Tomas Quillfeather"),
        (f"{TITLE} stars Sir Tomas Quilfeather.", "Tomas Quilfeather", "Tomas Quillfeather"),
        # a lone surname of someone the article never names in full: a suggestion only
        (f"{TITLE} opened. Then Quilfeather does his stunts.", "Quilfeather", None),
        (f"{TITLE} opened, and Mr Quilfeather said no.", "Quilfeather", None),
        (f"{TITLE} opened, and Ms Orick said no.", "Orick", None),
        (f"{TITLE} stars Haylee Orrick. Later Ms Orick said no.", "Orick", "Orrick"),
        (
            f"{TITLE} opened. Controversial DJ Tomas Quilfeather left.",
            "Tomas Quilfeather",
            "Tomas Quillfeather",
        ),
        # a title inside a long run: the organisation's name before it is no part either
        (
            f"{TITLE} opened, said Vexley Studios President Corvin Haloway.",
            "Corvin Haloway",
            "Corvin Halloway",
        ),
    ],
)
def test_words_before_a_name_are_not_part_of_it(
    kb: Path, text: str, wrong: str, right: str | None
) -> None:
    assert (wrong, right) in [(w, r) for _, w, r in found(kb, text)]


def test_correct_names_after_honorifics_stay_quiet(kb: Path) -> None:
    text = f"{TITLE}: Director Corvin Halloway and Mr Quillfeather. But Ms Orrick smiled."
    assert found(kb, text) == []
    assert found(kb, f"{TITLE} opened, said Vexley Studios President Corvin Halloway.") == []


# 2. Given-name variants, both parts wrong, case-only differences.
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("Thomas Quillfeather", "Tomas Quillfeather"),  # the h is silent: a variant
        ("Marcus Quillfeather", None),  # a different given name: a different person
        ("Tomass Quillfeather", "Tomas Quillfeather"),
        ("Kristoff Pellam", "Kristof Pellam"),
        ("Hayley Orick", "Haylee Orrick"),
        ("Elsbeth Devaughn", "Elsbeth DeVaughn"),
    ],
)
def test_given_names_both_parts_and_case(kb: Path, wrong: str, right: str | None) -> None:
    hits = found(kb, f"{TITLE} stars {wrong} in the lead.")
    expected = [] if right is None else [(wrong, right)]
    assert [(w, r) for _, w, r in hits] == expected


def test_given_name_variant_at_a_sentence_start_is_read_as_a_name(kb: Path) -> None:
    # "Hayley" is a common word, so a sentence-start "Hayley" could be taken for an
    # ordinary capitalised word; before an active person's exact surname it is a name.
    text = f"{TITLE} opened. Hayley Orrick, Kristof Pellam and Neve Lindqvist return."
    assert found(kb, text) == [("CL102", "Hayley Orrick", "Haylee Orrick")]
    # twin: an ordinary word unlike the first name, before the surname, stays stripped
    assert found(kb, f"{TITLE} opened. Meanwhile Orrick smiled.") == []


def test_case_only_difference_is_a_safe_fix(kb: Path) -> None:
    diags = lint_text(f"{TITLE} stars Elsbeth Devaughn.", knowledge=[kb], select=["CL1"])
    assert [(d.code, d.fix.applicability.value if d.fix else None) for d in diags] == [
        ("CL102", "safe")
    ]


# 3. Name shapes: inner capitals, suffixes, particles, qu/kw.
@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        (f"{TITLE} stars Rainer McTavish. Later McTavisch said so.", "McTavisch", "McTavish"),
        (f"{TITLE} stars Rainer McTavish. Later Mctavish said so.", "Mctavish", "McTavish"),
        (f"{TITLE} stars Dario Menzell Jr. in the lead.", "Dario Menzell", "Dario Menzel"),
        (f"{TITLE} stars Greta van Hollis. Later Holis said so.", "Holis", "Hollis"),
        (f"{TITLE} stars Ottilie Kwan. Later Quan said so.", "Quan", "Kwan"),
        # a particle after a title, or capitalised at a sentence start, is the surname's
        (f"{TITLE} stars Greta van Hollis. Later Ms van Holis said so.", "Holis", "Hollis"),
        (f"{TITLE} stars Greta van Hollis. Van Holis said so.", "Holis", "Hollis"),
        # two particles inside a full name
        (f"{TITLE} stars Anselm de la Varene.", "Anselm de la Varene", "Anselm de la Varenne"),
        (f"{TITLE} stars Anselm de la Varenne. De la Varene said so.", "Varene", "Varenne"),
        (f"{TITLE} stars Anselm de la Varenne. Mr de la Varene said so.", "Varene", "Varenne"),
    ],
)
def test_name_shapes(kb: Path, text: str, wrong: str, right: str) -> None:
    assert [(w, r) for _, w, r in found(kb, text)] == [(wrong, right)]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        # a declared double surname is what a lone mention uses
        (
            f"{TITLE} stars Imelda Fontaine Achterberg. Later Fontaine Achterburg said so.",
            "Fontaine Achterburg",
            "Fontaine Achterberg",
        ),
        # a declared suffix is never the surname, in a lone or a full mention
        (f"{TITLE} stars Ruben Tavares Neto. Later Tavarez said so.", "Tavarez", "Tavares"),
        (f"{TITLE} stars Ruben Tavarez Neto in the lead.", "Ruben Tavarez", "Ruben Tavares"),
    ],
)
def test_declared_surnames_and_suffixes_are_matched(
    kb: Path, text: str, wrong: str, right: str
) -> None:
    assert [(w, r) for _, w, r in found(kb, text)] == [(wrong, right)]


def test_a_hyphen_written_as_a_space_is_a_safe_fix(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(
        "works:\n  - title: Copper Weir\n    cast: [Priya Dasgupta-Lowe, Helena Brook Carter]\n",
        encoding="utf-8",
    )
    text = "Copper Weir stars Priya Dasgupta Lowe."
    diags = lint_text(text, knowledge=[kb], select=["CL1"])
    assert [(text[d.start : d.end], d.fix.edits[0].text if d.fix else None) for d in diags] == [
        ("Priya Dasgupta Lowe", "Priya Dasgupta-Lowe")
    ]
    assert diags[0].fix is not None and diags[0].fix.applicability.value == "safe"
    # twins: written as the knowledge has it; and a hyphen the knowledge lacks is left
    # alone (more often the base's loss than the copy's slip)
    right = "Copper Weir stars Priya Dasgupta-Lowe and Helena Brook-Carter."
    assert lint_text(right, knowledge=[kb], select=["CL1"]) == []


def test_declared_surnames_and_suffixes_written_right_stay_quiet(kb: Path) -> None:
    text = (
        f"{TITLE} stars Imelda Fontaine Achterberg and Ruben Tavares Neto. Later "
        "Fontaine Achterberg and Tavares said so, and Neto laughed."
    )
    assert found(kb, text) == []


def test_correct_name_shapes_stay_quiet(kb: Path) -> None:
    text = f"{TITLE} stars Rainer McTavish, Dario Menzel Jr. and Greta van Hollis. Kwan too."
    assert found(kb, text) == []
    assert found(kb, f"{TITLE} stars Anselm de la Varenne and Marta de la Cruz.") == []
    assert found(kb, f"{TITLE} stars Anselm de la Varenne. De la Varenne said so.") == []
    text = f"{TITLE} stars Greta van Hollis. Ms van Hollis said so. Van Hollis's film is out."
    assert found(kb, text) == []
    # another person the article introduces with the particle: no title before it
    assert found(kb, f"{TITLE} is out. Then Piet van Holis, a critic, said so.") == []


# 4. Namesakes: no activation, no evidence; a document's own different person.
def test_full_name_near_miss_needs_activation_or_evidence(kb: Path) -> None:
    assert found(kb, "Kristof Pellamy opened a bakery in town.") == []
    assert found(kb, "Kristof Pellam and Kristof Pellamy met.") == [
        ("CL102", "Kristof Pellamy", "Kristof Pellam")
    ]


def test_distinct_person_is_never_corrected(kb: Path) -> None:
    assert found(kb, f"{TITLE} stars Kristof Pellam; Simon Pellams watched.") == []


def test_lone_near_miss_is_only_fixed_when_the_person_is_named_in_full(kb: Path) -> None:
    # "Orrik" may be an outside person: the article never names Haylee Orrick.
    text = f"{TITLE} opened to crowds. Orrik was seen at the party."
    diags = lint_text(text, knowledge=[kb], select=["CL1"])
    assert [(d.code, text[d.start : d.end], d.fix) for d in diags] == [("CL103", "Orrik", None)]
    assert "Orrick" in diags[0].suggestions[0]
    # twin: named in full elsewhere, the lone near miss is an inconsistency: fixed
    named = f"{TITLE} stars Haylee Orrick. Orrik was seen at the party."
    assert found(kb, named) == [("CL103", "Orrik", "Orrick")]


def test_outside_lone_surname_introduced_by_the_article_is_left_alone(kb: Path) -> None:
    text = f"{TITLE} stars Neve Lindqvist. Critic Anja Lindquist liked it; Lindquist said so."
    assert found(kb, text) == []


# 5. Ordinary words near an active surname.
@pytest.mark.parametrize(
    "text",
    [
        f"{TITLE} stars Kristof Pellam. The Pellams live here; Pellams latest film is out.",
        f"{TITLE} stars Corvin Halloway. We watched Night of the Halloways.",
        f"{TITLE} stars Neve Lindqvist. Fans said: Dead good.",
    ],
)
def test_plurals_titles_and_ordinary_words_stay_quiet(kb: Path, text: str) -> None:
    assert found(kb, text) == []


# 6. Names in other languages' prose, and accents an imported base lost.
ACCENTED = """\
works:
  - title: The Brass Meridian
    cast: [Tomas Quillfeather, Zoë Brannigan, Haylee Orrick]
"""


@pytest.fixture(scope="module")
def accented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "accented.yaml"
    path.write_text(ACCENTED, encoding="utf-8")
    return path


def test_a_name_written_with_accents_the_base_lacks_is_no_misspelling(accented: Path) -> None:
    assert found(accented, f"{TITLE} stars Tomás Quillfeather.") == []
    assert found(accented, f"{TITLE} stars Tomas Quillfeather. Later Quíllfeather smiled.") == []
    # twin: the accent the base has, dropped, is still pointed out
    assert found(accented, f"{TITLE} stars Zoe Brannigan.") == [
        ("CL102", "Zoe Brannigan", "Zoë Brannigan")
    ]


def test_a_lone_capitalised_word_in_other_languages_prose_is_no_surname(accented: Path) -> None:
    german = (
        f"{TITLE} lief gestern im Kino. Danach war Orrik noch lange auf der Feier "
        "und sprach mit allen Gästen über seinen neuen Film."
    )
    assert found(accented, german) == []
    # twin: the same sentence in English
    english = (
        f"{TITLE} opened yesterday in cinemas. Afterwards Orrik stayed late at the "
        "party and talked with every guest about his next film."
    )
    assert found(accented, english) == [("CL103", "Orrik", None)]
