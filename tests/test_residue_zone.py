"""Issue 13, round 4: residue rules quiet on what a clean article body keeps.

Each class of false alarm found on the gold article bodies has a test that the
body stays quiet and a twin in which the same shape is page furniture.
"""

from __future__ import annotations

from copylint.api import lint_text

PROSE = [
    "The council met on Monday to discuss the budget for the coming year and agreed it.",
    "It will be published in the spring, after the mayor has signed it into law at last.",
    "Opposition members said the plan was too cautious and would not help local schools.",
]


def body(*paragraphs: str) -> str:
    """An article body, paragraphs separated by blank lines."""
    return "\n\n".join(paragraphs) + "\n"


def codes(text: str) -> list[str]:
    """The residue codes copylint reports on ``text``."""
    return [d.code for d in lint_text(text, select=["CL3"])]


def test_the_notice_of_the_agency_the_dateline_credits_is_part_of_its_copy() -> None:
    # Agency copy ends with its agency's notice: "© Reuters" under a Reuters dateline,
    # AP's rights notice under an AP dateline.
    reuters = body("WASHINGTON (Reuters) - " + PROSE[0], *PROSE[1:], "© Reuters")
    ap = body(
        "ST. JOSEPH, Mich. (AP) — " + PROSE[0],
        *PROSE[1:],
        "© 2019 Associated Press. All Rights Reserved. This material may not be "
        "published, broadcast, rewritten, or redistributed.",
    )
    afp = body("PARIS, Nov 5 (AFP) - " + PROSE[0], *PROSE[1:], "© AFP 2019")
    assert codes(reuters) == []
    assert codes(ap) == []
    assert codes(afp) == []


def test_an_agency_notice_after_the_agencys_trailer_is_part_of_its_copy() -> None:
    # AP copy ends with separators, a contributor line and a follow line, then the notice.
    ap = body(
        "WASHINGTON (AP) — " + PROSE[0],
        *PROSE[1:],
        "___",
        "Associated Press writer Jane Doe in New York contributed to this report.",
        "___",
        "Follow Jane Doe on Twitter at https://twitter.com/janedoe",
        "Copyright 2019 The Associated Press. All rights reserved. This material may not "
        "be published, broadcast, rewritten or redistributed.",
    )
    assert codes(ap) == []


def test_a_notice_naming_another_holder_than_the_credited_agency_is_still_flagged() -> None:
    # Twins: the site's own notice under agency copy, and an agency's notice on an
    # article no dateline credits to it.
    site = body(
        "WASHINGTON (Reuters) - " + PROSE[0], *PROSE[1:], "© 2019 Some Newspaper Group, Inc."
    )
    other = body("ST. JOSEPH, Mich. (AP) — " + PROSE[0], *PROSE[1:], "© Reuters")
    undated = body(*PROSE, "© 2019 Associated Press. All Rights Reserved.")
    assert codes(site) == ["CL311"]
    assert codes(other) == ["CL304"]
    assert codes(undated) == ["CL311"]


def test_an_agency_notice_closing_a_page_footer_is_still_flagged() -> None:
    # Twin: on the agency's own site the notice ends the footer, after its menus.
    page = "\n".join(
        [
            "WASHINGTON (Reuters) - " + PROSE[0],
            *PROSE[1:],
            "Share this:",
            "Facebook",
            "Twitter",
            "About Us",
            "Privacy Policy",
            "© 2019 Reuters. All rights reserved.",
        ]
    )
    assert "CL311" in codes(page + "\n")


def test_a_credit_ending_the_text_leaves_the_last_paragraph_alone() -> None:
    # The picture is gone: its credit under the last paragraphs makes no caption of them.
    text = body(*PROSE, "AP Photo/Jane Doe")
    flagged = [d for d in lint_text(text, select=["CL3"])]
    assert [d.code for d in flagged] == ["CL304"]
    assert flagged[0].line == 7  # only the credit's line


def test_a_short_caption_over_a_credit_at_the_end_is_still_a_caption() -> None:
    # Twin: a caption is no paragraph, wherever its credit stands.
    text = body(*PROSE, "Protesters gather outside the court on Monday.", "Jane Doe/AP")
    assert codes(text) == ["CL303", "CL304"]
