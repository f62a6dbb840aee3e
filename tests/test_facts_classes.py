"""Facts on real copy: one test per class of failure (issue 14), invented works only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copylint.api import lint_text

from .conftest import run_cli

KNOWLEDGE = """\
works:
  - title: The Copper Gannet
    released:
      - {date: 2023-06-19, kind: premiere, place: Rome}
      - {date: 2023-07-12, region: US, kind: theatrical}
      - {date: 2023-07-10, region: UK, kind: theatrical}
      - {date: 2023-10, region: US, kind: streaming}
      - {date: 2024-06-28, region: US, kind: theatrical, superseded: true}
  - title: Lanterns Over Ebbesfield
    released: 2022
  - title: The Tallow Road
    released: 2021-05
  - title: Weirbrook
    kind: season
    released: 2020-09-14
  - title: Part Seven of the Harrow
"""
TITLE = "The Copper Gannet"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_text(KNOWLEDGE, encoding="utf-8")
    return path


def facts(kb: Path, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for d in lint_text(text, knowledge=[kb], select=["CL4"]):
        edits = tuple(e.text for e in d.fix.edits) if d.fix else ()
        out.append((d.code, text[d.start : d.end], edits))
    return out


# 6. Release dates: true dates of any listed event stay quiet.
@pytest.mark.parametrize(
    "text",
    [
        f"{TITLE} opens in UK cinemas on 10 July 2023.",
        f"{TITLE} opens in the United Kingdom on 10 July 2023.",
        f"{TITLE} premiered in Rome on June 19, 2023.",
        f"{TITLE} arrives streaming on Netflix on October 3, 2023.",  # known to the month
        f"{TITLE} is released in the United States on July 12, 2023.",
        "Lanterns Over Ebbesfield was released in 2022.",
        "Lanterns Over Ebbesfield (2022) is a ghost story.",
        f"{TITLE} opens in Japan on August 2, 2023.",  # no Japanese event known: nothing to say
    ],
)
def test_true_release_dates_stay_quiet(kb: Path, text: str) -> None:
    assert facts(kb, text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        (f"{TITLE} opens in UK cinemas on 14 July 2023.", "14 July 2023", "10 July 2023"),
        (f"{TITLE} premiered in Rome on June 21, 2023.", "June 21, 2023", "June 19, 2023"),
        # no region named: the earliest cinema release
        (f"{TITLE} is out. It is released on July 14, 2023.", "July 14, 2023", "July 10, 2023"),
        ("Lanterns Over Ebbesfield was released in 2021.", "2021", "2022"),
        ("Lanterns Over Ebbesfield (2021) is a ghost story.", "2021", "2022"),
    ],
)
def test_wrong_release_dates_are_found(kb: Path, text: str, wrong: str, right: str) -> None:
    assert facts(kb, text) == [("CL404", wrong, (right,))]


def test_a_moved_date_is_pointed_out_not_an_error(kb: Path) -> None:
    text = f"{TITLE} is scheduled for release on June 28, 2024."
    diags = lint_text(text, knowledge=[kb], select=["CL4"])
    assert [(d.code, str(d.severity), d.fix.edits[0].text if d.fix else None) for d in diags] == [
        ("CL406", "warning", "July 12, 2023")
    ]


# 6. Dates known only to the year or the month are compared to that precision.
@pytest.mark.parametrize(
    "text",
    [
        "Lanterns Over Ebbesfield was released on 3 May 2022.",
        "Lanterns Over Ebbesfield was released in March 2022.",
        "The Tallow Road was released on 30 May 2021.",
        "The Tallow Road was released in May 2021.",
        "The Tallow Road was released in 2021.",
        "Weirbrook premiered on 14 September 2020.",  # a season premieres on its release
    ],
)
def test_dates_agreeing_at_the_known_precision_stay_quiet(kb: Path, text: str) -> None:
    assert facts(kb, text) == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        # a day cannot be written from a year: a suggestion, not a fix
        ("Lanterns Over Ebbesfield was released on 3 May 2021.", "3 May 2021", ()),
        ("Lanterns Over Ebbesfield was released in March 2021.", "March 2021", ()),
        ("The Tallow Road was released on 3 June 2021.", "3 June 2021", ()),
        ("The Tallow Road was released in June 2021.", "June 2021", ("May 2021",)),
        ("The Tallow Road was released in 2020.", "2020", ("2021",)),
        ("Weirbrook premiered on 21 September 2020.", "21 September 2020", ("14 September 2020",)),
    ],
)
def test_dates_contradicting_at_the_known_precision_are_found(
    kb: Path, text: str, wrong: str, right: tuple[str, ...]
) -> None:
    assert facts(kb, text) == [("CL404", wrong, right)]
    (diag,) = lint_text(text, knowledge=[kb], select=["CL4"])
    assert diag.fix is not None or "only the" in diag.suggestions[0]


# 9. CL402 once per form per document, related places in JSON and SARIF, fixed everywhere.
def test_title_form_reported_once_with_related_places(kb: Path, tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(
        "Part 7 of the Harrow opens.\n\nFans of Part 7 of the Harrow queued.\n\n"
        "Part 7 of the Harrow sold out.\n",
        encoding="utf-8",
    )
    args = ("--isolated", "--no-cache", "-k", str(kb), "--select", "CL402", doc.name)
    report = json.loads(run_cli(*args, "--format", "json", cwd=tmp_path).stdout)
    (diag,) = report[0]["diagnostics"]
    assert (diag["line"], diag["column"]) == (1, 1)
    assert [(r["line"], r["column"]) for r in diag["related"]] == [(3, 9), (5, 1)]
    sarif = json.loads(run_cli(*args, "--format", "sarif", cwd=tmp_path).stdout)
    (result,) = sarif["runs"][0]["results"]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [3, 5]
    run_cli(*args, "--fix", cwd=tmp_path)
    assert doc.read_text(encoding="utf-8").count("Part Seven of the Harrow") == 3
    assert "Part 7" not in doc.read_text(encoding="utf-8")


def test_different_wrong_forms_are_reported_apart(kb: Path) -> None:
    text = "Part 7 of the Harrow opens. Part VII of the Harrow closes. Part 7 of the Harrow."
    found = facts(kb, text)
    assert [w for _, w, _ in found] == ["Part 7 of the Harrow", "Part VII of the Harrow"]


ROLES = """\
works:
  - title: The Salt Cartographer
    directors: [Jane Roe]
    writers: [Ada Quell]
    producers: [Tobin Marsh]
    cast: [John Doe, Mira Voss]
    crew:
      - {name: Olek Brant, role: head writer}
      - {name: Pia Lund, role: composer}
      - {name: Nils Oy, role: mixing engineer}
"""
FILM = "The Salt Cartographer"


@pytest.fixture(scope="module")
def roles_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roles") / "kb.yaml"
    path.write_text(ROLES, encoding="utf-8")
    return path


# 7. Roles in every word order, lists, every credited role after "by", possessives.
@pytest.mark.parametrize(
    ("text", "who"),
    [
        (f"{FILM} had John Doe as director of the shoot.", "John Doe"),
        (f"On {FILM}, John Doe served as director.", "John Doe"),
        (f"{FILM} stars John Doe, who directed it too.", "John Doe"),
        (f"{FILM} was directed by Jane Roe and John Doe.", "John Doe"),
        (f"{FILM} was produced by Mira Voss.", "Mira Voss"),
        (f"{FILM} was co-produced by Tobin Marsh and Mira Voss.", "Mira Voss"),
        (f"{FILM} was mixed by John Doe.", "John Doe"),
        (f"{FILM} opens; Voss's score soars.", "Voss"),
    ],
)
def test_wrong_roles_in_other_word_orders(roles_kb: Path, text: str, who: str) -> None:
    assert [(c, w) for c, w, _ in facts(roles_kb, text)] == [("CL405", who)]


@pytest.mark.parametrize(
    "text",
    [
        f"{FILM} had Jane Roe as director of the shoot.",
        f"On {FILM}, Jane Roe served as director.",
        f"{FILM} stars John Doe; Jane Roe, who directed it, beams.",
        f"{FILM} was directed by Jane Roe and produced by Tobin Marsh.",
        f"{FILM} was mixed by Nils Oy; Lund's score soars.",
        f"{FILM} was written by Olek Brant and Ada Quell.",  # a head writer is a writer
        f"{FILM}: Jane Roe directed John Doe.",  # "directed" without "by" credits no one
    ],
)
def test_right_roles_in_other_word_orders_stay_quiet(roles_kb: Path, text: str) -> None:
    assert facts(roles_kb, text) == []


def test_an_actor_playing_another_character_is_found(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(
        "works:\n  - title: The Salt Cartographer\n    cast:\n"
        "      - {name: John Doe, character: Edda Crane}\n"
        "      - {name: Mira Voss, character: Ilse Marr}\n",
        encoding="utf-8",
    )
    for verb in ("stars as", "plays", "returns as", "voices"):
        text = f"{FILM} opens. Mira Voss {verb} Edda Crane, a surveyor."
        assert [(c, w) for c, w, _ in facts(kb, text)] == [("CL405", "Mira Voss")], verb
    # twins: the right actor; another character's relative; a verb that casts no one
    assert facts(kb, f"{FILM} opens. John Doe stars as Edda Crane, a surveyor.") == []
    assert facts(kb, f"{FILM} opens. Mira Voss plays Edda Crane's sister.") == []
    assert facts(kb, f"{FILM} opens. Mira Voss meets Edda Crane at the harbour.") == []


ACRONYMS = """\
works:
  - title: The Velvet Ledger
    acronyms:
      QRB: Quiet Reserve Bureau
"""
NOVEL = "The Velvet Ledger"


@pytest.fixture(scope="module")
def acronym_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("acr") / "kb.yaml"
    path.write_text(ACRONYMS, encoding="utf-8")
    return path


# 8. Acronyms explained in running text.
@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (f"In {NOVEL}, the QRB, short for Queen's Royal Bank, calls.", "Queen's Royal Bank"),
        (
            f"In {NOVEL}, the QRB (which stands for quick response bureau) calls.",
            "quick response bureau",
        ),
        (f"In {NOVEL}, the Quick Reaction Board – QRB for short – calls.", "Quick Reaction Board"),
        (f"In {NOVEL}, the QRB, short for Quiet Response Team, calls.", "Quiet Response Team"),
    ],
)
def test_acronyms_explained_in_running_text(acronym_kb: Path, text: str, wrong: str) -> None:
    assert facts(acronym_kb, text) == [("CL401", wrong, ("Quiet Reserve Bureau",))]


@pytest.mark.parametrize(
    "text",
    [
        f"In {NOVEL}, the QRB, short for Quiet Reserve Bureau, calls.",
        f"In {NOVEL}, the QRB (which stands for quiet reserve bureau) calls.",
        f"In {NOVEL}, the Quiet Reserve Bureau – QRB for short – calls.",
        "The QRB, short for Queen's Royal Bank, lends.",  # no work mentioned
    ],
)
def test_right_acronym_explanations_stay_quiet(acronym_kb: Path, text: str) -> None:
    assert facts(acronym_kb, text) == []


# Platforms (CL407): "premieres on", "streams on", "airs on" against the work's networks.
NETWORKS = """\
works:
  - title: Harrowgate Lane
    kind: series
    networks: [Northlight]
    cast: [Ada Quill, Bram Oyelaran]
    released: [{date: 2021-01-10, region: GB, kind: broadcast}]
    seasons:
      - number: 1
        episode_count: 6
        released: [{date: 2021-01-10, region: GB, kind: broadcast}]
      - number: 2
        title: Harrowgate Lane season 2
        episode_count: 8
        released:
          - {date: 2024-03-03, region: GB, kind: broadcast}
          - {date: 2024-04-02, region: US, kind: streaming}
  - title: The Pewter Orchard
    kind: film
    networks: [Kestrel Pictures]
organisations:
  - {name: Northlight, aliases: [Northlight TV]}
  - Corvid+
"""


@pytest.fixture(scope="module")
def networks_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "networks.yaml"
    path.write_text(NETWORKS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Harrowgate Lane premieres on Netflix next month.", "Netflix"),
        ("The second season of Harrowgate Lane airs on ITV from 3 May.", "ITV"),
        ("Harrowgate Lane returns in spring. It streams on Corvid+.", "Corvid+"),
        ("Harrowgate Lane, starring Ada Quill, debuts on BBC Two.", "BBC Two"),
        ("Harrowgate Lane Season 2 will premiere on Friday on Netflix.", "Netflix"),
        # the work's home region (its first release was in the UK)
        ("Harrowgate Lane streams on Netflix in the UK.", "Netflix"),
    ],
)
def test_a_wrong_platform_is_found(networks_kb: Path, text: str, wrong: str) -> None:
    diags = lint_text(text, knowledge=[networks_kb], select=["CL407"])
    assert [(d.code, text[d.start : d.end]) for d in diags] == [("CL407", wrong)]
    assert diags[0].fix is not None and diags[0].fix.edits[0].text == "Northlight"


@pytest.mark.parametrize(
    "text",
    [
        "Harrowgate Lane premieres on Northlight next month.",
        "Harrowgate Lane premieres on Northlight TV next month.",  # an alias
        "Harrowgate Lane premieres on Tuesday.",
        "Harrowgate Lane premieres on Vexley Plus.",  # a platform nobody knows
        "Harrowgate Lane's spin-off streams on Netflix.",  # another work
        "Harrowgate Lane star Ada Quill's new drama streams on Netflix.",
        "Harrowgate Lane's creator's next show airs on ITV.",
        "The Pewter Orchard streams on Netflix.",  # a film's distributor is no platform
        "Netflix premieres a documentary about Harrowgate Lane.",
        # the relative clause after an aside is about the aside's work
        "Before Harrowgate Lane, Ada Quill starred in Cold Fen, which aired on BBC Two.",
        # another region's broadcaster: the networks are where it first aired
        "Harrowgate Lane airs on ABC in the US and streams on Stan in Australia.",
    ],
)
def test_a_right_or_unknown_platform_or_another_work_stays_quiet(
    networks_kb: Path, text: str
) -> None:
    assert lint_text(text, knowledge=[networks_kb], select=["CL407"]) == []


REGIONAL = """\
works:
  - title: Saltgrass
    kind: series
    networks: [Northlight]
    released:
      - {date: 2025-02-01, region: IT, kind: premiere, place: Turin}
      - {date: 2025-03-02, region: GB, kind: broadcast, network: Northlight}
      - {date: 2025-05-01, region: US, kind: streaming, network: Corvid+}
organisations: [Northlight, Corvid+]
"""


@pytest.fixture(scope="module")
def regional_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "regional.yaml"
    path.write_text(REGIONAL, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "right"),
    [
        # a region's own network, from its release event
        ("Saltgrass streams on Hulu in the US.", "Corvid+"),
        # the region before the verb, the work as "it" after a clause break
        ("Saltgrass is out in March, and in the US it streams on Hulu.", "Corvid+"),
        # a festival premiere abroad does not make Italy the home: the UK is
        ("Saltgrass airs on Netflix in the UK.", "Northlight"),
    ],
)
def test_a_wrong_platform_in_a_region_is_found(regional_kb: Path, text: str, right: str) -> None:
    diags = lint_text(text, knowledge=[regional_kb], select=["CL407"])
    assert [text[d.start : d.end] for d in diags] == ["Netflix" if "Netflix" in text else "Hulu"]
    assert diags[0].fix is not None and diags[0].fix.edits[0].text == right


@pytest.mark.parametrize(
    "text",
    [
        "Saltgrass streams on Corvid+ in the US.",
        "Saltgrass is out in March, and in the US it streams on Corvid+.",
        "Saltgrass airs on Northlight in the UK.",
        "Saltgrass airs on Stan in Australia.",  # no network known there
        "Saltgrass is out, but its spin-off is due and it streams on Hulu.",  # another work
        "Saltgrass is out, and Ada Quill's new show is due; it streams on Hulu.",
    ],
)
def test_a_right_platform_in_a_region_or_another_subject_stays_quiet(
    regional_kb: Path, text: str
) -> None:
    assert lint_text(text, knowledge=[regional_kb], select=["CL407"]) == []


def test_a_carried_noun_of_another_kind_is_another_work(regional_kb: Path) -> None:
    text = "Saltgrass is back. The show is released in the US on 9 May 2025."
    diags = lint_text(text, knowledge=[regional_kb], select=["CL404"])
    assert [text[d.start : d.end] for d in diags] == ["9 May 2025"]
    # "The film" or "The novel" after a series' title is some other work
    for noun in ("film", "novel"):
        other = text.replace("The show", f"The {noun}")
        assert lint_text(other, knowledge=[regional_kb], select=["CL404"]) == [], noun


@pytest.mark.parametrize(
    ("text", "right"),
    [
        # an event's network says its kind and region (and "+" ends no cue)
        ("Saltgrass arrives on Corvid+ on 8 May 2025.", "1 May 2025"),
        # "US" without "the" names the region
        ("Saltgrass is released in US homes on 9 May 2025.", "1 May 2025"),
        # an initialism's full stop ends no sentence before a lower-case word
        ("Saltgrass is released in the U.S. on 9 May 2025.", "1 May 2025"),
        # a cue belongs to the date in its own clause, not the nearer one across "and"
        (
            "Saltgrass premiered in Turin on 1 February 2025 and arrives in the US on 9 May 2025.",
            "1 May 2025",
        ),
    ],
)
def test_a_date_is_compared_with_the_event_its_network_or_region_names(
    regional_kb: Path, text: str, right: str
) -> None:
    diags = lint_text(text, knowledge=[regional_kb], select=["CL404"])
    assert [d.fix.edits[0].text if d.fix else None for d in diags] == [right]
    # twins: the true dates
    true = text.replace("8 May", "1 May").replace("9 May", "1 May")
    assert lint_text(true, knowledge=[regional_kb], select=["CL4"]) == []


# Seasons named by number are the season's mentions: their dates are the season's.
@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        (
            "The second season of Harrowgate Lane premieres on 10 March 2024.",
            "10 March 2024",
            "3 March 2024",
        ),
        ("Harrowgate Lane's first season aired in January 2020.", "January 2020", "January 2021"),
        # the next sentence's "The new season" is the season just named
        (
            "Harrowgate Lane season two is coming. The new season airs on 9 March 2024.",
            "9 March 2024",
            "3 March 2024",
        ),
        # twin of the possessive: the first season's own premiere is the season's date
        (
            "Harrowgate Lane's first season premiered on 14 March 2021.",
            "14 March 2021",
            "10 January 2021",
        ),
        # a season that "returns" is still compared with its own dates
        (
            "Harrowgate Lane season 2 returns on 10 March 2024.",
            "10 March 2024",
            "3 March 2024",
        ),
        # a country belongs to the date nearest it
        (
            "The second season of Harrowgate Lane premieres on 10 March 2024, and arrives in "
            "the US on April 2, 2024.",
            "10 March 2024",
            "3 March 2024",
        ),
    ],
)
def test_season_dates_are_compared_with_the_season(
    networks_kb: Path, text: str, wrong: str, right: str
) -> None:
    diags = lint_text(text, knowledge=[networks_kb], select=["CL404"])
    assert [(text[d.start : d.end], d.fix.edits[0].text if d.fix else None) for d in diags] == [
        (wrong, right)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The second season of Harrowgate Lane premieres on 3 March 2024.",
        "Harrowgate Lane's first season aired in January 2021.",
        "Harrowgate Lane season two is coming. The new season airs on 3 March 2024.",
        "The second season of Harrowgate Lane premieres on 3 March 2024, and arrives in "
        "the US on April 2, 2024.",
        "Harrowgate Lane first aired in 2021; season 2 premieres in March 2024.",
        "The fourth season of Harrowgate Lane premieres in 2026.",  # no such season known
        # the possessive names another thing: the finale is an episode, not the season
        "Harrowgate Lane's first season's finale aired on 14 March 2021.",
        "Harrowgate Lane's sequel is released on 1 May 2026.",
        # a series that returns comes back with a later season: not its first showing
        "Harrowgate Lane returns to Northlight on Sunday 9 March 2025.",
        # the release word belongs to the other date
        "Harrowgate Lane is back on 9 March 2025 at 9pm, with every episode streaming "
        "on Corvid+ in the US from April 2, 2024.",
    ],
)
def test_true_season_dates_stay_quiet(networks_kb: Path, text: str) -> None:
    assert lint_text(text, knowledge=[networks_kb], select=["CL404"]) == []


def test_a_platform_in_a_relative_clause_on_the_title(networks_kb: Path) -> None:
    text = "Harrowgate Lane, which streams on Netflix, is back."
    assert [text[d.start : d.end] for d in lint_text(text, knowledge=[networks_kb])] == ["Netflix"]
    twin = "Harrowgate Lane, which streams on Northlight, is back."
    assert lint_text(twin, knowledge=[networks_kb], select=["CL407"]) == []


# Episode counts (CL408): a count of the whole against the work's and its family's.
@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        # the article changes with the count, so the finding claims it too
        ("The second season of Harrowgate Lane is a ten-part drama.", "a ten", "an eight"),
        ("The first season of Harrowgate Lane is an eight-part drama.", "an eight", "a six"),
        ("Harrowgate Lane's first season is an 8-part drama.", "an 8", "a 6"),
        ("The first season of Harrowgate Lane is a ten-part drama.", "ten", "six"),
        ("Harrowgate Lane's first season, all 8 episodes of it, is out.", "8", "6"),
        (
            "Harrowgate Lane season two is back. The new season has all nine episodes at once.",
            "nine",
            "eight",
        ),
    ],
)
def test_a_wrong_episode_count_is_found(
    networks_kb: Path, text: str, wrong: str, right: str
) -> None:
    diags = lint_text(text, knowledge=[networks_kb], select=["CL408"])
    assert [(text[d.start : d.end], d.fix.edits[0].text if d.fix else None) for d in diags] == [
        (wrong, right)
    ]


def test_a_carried_subject_at_a_paragraph_start_is_the_one_work_named(
    networks_kb: Path,
) -> None:
    # after a link line, "The ten-part thriller" can only be the one work the article names
    text = "Harrowgate Lane is back.\n\nRead more: a guide\n\nThe ten-part thriller airs weekly.\n"
    diags = lint_text(text, knowledge=[networks_kb], select=["CL408"])
    assert [text[d.start : d.end] for d in diags] == ["ten"]
    # twins: a true count; and an article that has named two works (which one is meant?)
    assert lint_text(text.replace("ten-", "eight-"), knowledge=[networks_kb], select=["CL4"]) == []
    two = text.replace("is back.", "is back, and The Pewter Orchard is out.")
    assert lint_text(two, knowledge=[networks_kb], select=["CL408"]) == []
    # the last paragraph that named a work named this one only
    after = "The Pewter Orchard is out.\n\n" + text
    diags = lint_text(after, knowledge=[networks_kb], select=["CL408"])
    assert [after[d.start : d.end] for d in diags] == ["ten"]


@pytest.mark.parametrize(
    "text",
    [
        "The second season of Harrowgate Lane is an eight-part drama.",
        "Harrowgate Lane is a six-part series.",  # true of a season of the family
        "The first three episodes of Harrowgate Lane season 2 are the best.",
        "Harrowgate Lane ends with a two-part finale.",
        "The Pewter Orchard is a ten-part documentary about Harrowgate Lane's fans.",
    ],
)
def test_right_or_partial_episode_counts_stay_quiet(networks_kb: Path, text: str) -> None:
    assert lint_text(text, knowledge=[networks_kb], select=["CL408"]) == []
