"""Facts: acronyms, title forms, superseded titles, release dates and roles."""

from __future__ import annotations

import pytest

from copylint.api import lint_text

from .conftest import MI_KNOWLEDGE

TITLE = "Mission: Impossible – Dead Reckoning Part One"


def facts(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for d in lint_text(text, knowledge=[MI_KNOWLEDGE], select=["CL4"]):
        edits = tuple(e.text for e in d.fix.edits) if d.fix else ()
        out.append((d.code, text[d.start : d.end], edits))
    return out


def test_in_universe_acronym_expansion() -> None:
    text = f"{TITLE} finds Ethan and his team at the International Monetary Fund."
    assert facts(text) == [("CL401", "International Monetary Fund", ("Impossible Missions Force",))]


def test_real_world_expansion_is_fine_when_no_work_is_mentioned() -> None:
    assert facts("The International Monetary Fund raised its forecast.") == []


def test_title_number_form_is_fixed_word_by_word() -> None:
    text = "Mission: Impossible – Dead Reckoning Part 1 opens."
    assert facts(text) == [("CL402", "Mission: Impossible – Dead Reckoning Part 1", ("One",))]


def test_superseded_title_and_its_stale_date() -> None:
    text = (
        "The sequel, Mission: Impossible – Dead Reckoning Part Two, is scheduled for "
        "release on June 28, 2024."
    )
    assert facts(text) == [
        (
            "CL403",
            "Mission: Impossible – Dead Reckoning Part Two",
            ("Mission: Impossible – The Final Reckoning",),
        ),
        ("CL406", "June 28, 2024", ("May 23, 2025",)),  # announced, then moved: stale
    ]


@pytest.mark.parametrize(
    ("date", "fixed"),
    [
        ("14 July 2023", "12 July 2023"),
        ("2023-07-14", "2023-07-12"),
        ("Jul. 14, 2023", "Jul. 12, 2023"),
    ],
)
def test_wrong_release_date_is_rewritten_in_the_same_style(date: str, fixed: str) -> None:
    text = f"{TITLE} is released in the United States on {date}."
    assert facts(text) == [("CL404", date, (fixed,))]


@pytest.mark.parametrize(
    "text",
    [
        f"{TITLE} is scheduled for release in the United States on July 12, 2023, by "
        "Paramount Pictures.",
        f"{TITLE} was filmed on July 14, 2021.",  # not a release date
        f"Featuring director Christopher McQuarrie and stunt coordinator Wade Eastwood, "
        f"{TITLE} thrills. Ethan Hunt (Tom Cruise) runs.",
        f"Written and directed by Christopher McQuarrie, {TITLE} stars Tom Cruise as Ethan Hunt.",
        f"{TITLE} follows the Impossible Missions Force.",
    ],
)
def test_correct_facts_are_left_alone(text: str) -> None:
    assert facts(text) == []


def test_wrong_roles_are_reported() -> None:
    text = (
        f"{TITLE}, from director Simon Pegg, follows Ethan Hunt (Simon Pegg). "
        "Tom Cruise as Benji Dunn is a stretch."
    )
    found = facts(text)
    assert ("CL405", "Simon Pegg", ()) in found
    assert ("CL405", "Simon Pegg", ("Tom Cruise",)) in found
    assert ("CL405", "Tom Cruise", ("Simon Pegg",)) in found
    assert len(found) == 3


def test_people_outside_the_base_are_not_given_roles() -> None:
    assert facts(f"{TITLE} was admired by director John Frankenheimer.") == []
