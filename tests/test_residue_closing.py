"""Prose after the furniture that closes the article (issue 13, class 5): CL319.

An about-the-site blurb, an author bio or a teaser written as sentences, after
the share bar and the related headlines, reads as prose: each case here is
flagged, and each has a twin in which the same shape is the article's own.
"""

from __future__ import annotations

from copylint.api import lint_text
from copylint.diagnostics import Applicability

PROSE = [
    "The council met on Monday to discuss the budget for the coming year and agreed it.",
    "It will be published in the spring, after the mayor has signed it into law at last.",
    "Opposition members said the plan was too cautious and would not help local schools.",
    "The mayor said she was confident that the new budget would be good for the city.",
]
#: more of the article: a bio and a teaser together are a third of a short article
MORE = [
    "The new plan sets aside money for the harbour wall, which the storms of last winter damaged.",
    "Parents had asked for more teachers, and the council agreed to hire six of them this year.",
    "The bus routes to the hills will run every hour again, as they did before the cuts began.",
]
HEADLINE = "Council agrees budget"
#: the furniture that closes an article: a share bar and a box of other stories
CLOSING = [
    "Share this:",
    "Facebook",
    "Twitter",
    "Email",
    "Related Stories",
    "City unveils a new plan for its old harbour",
    "Local team wins the cup after a long season",
    "Schools brace for a hard winter of closures",
]
FOOTER = ["About Us", "Privacy Policy"]


def page(*lines: str) -> str:
    """A scraped page, one block a line."""
    return "\n".join(lines) + "\n"


def lines_with(text: str, code: str) -> list[int]:
    """The 1-based lines ``code`` flags in ``text``."""
    ds = [d for d in lint_text(text, select=["CL3"]) if d.code == code]
    return sorted(n for d in ds for n in range(d.line, d.end_line + 1))


def test_an_about_the_site_blurb_after_the_closing_furniture_is_flagged() -> None:
    blurb = (
        "The Harbour Gazette has reported on the life of the town and its people "
        "since the paper was founded in 1902."
    )
    text = page(HEADLINE, *PROSE, *CLOSING, blurb, *FOOTER)
    assert lines_with(text, "CL319") == [14]
    ds = [d for d in lint_text(text, select=["CL319"])]
    assert len(ds) == 1 and ds[0].fix is not None
    assert ds[0].fix.applicability is Applicability.UNSAFE
    # the article itself is untouched by any rule
    flagged = {n for d in lint_text(text, select=["CL3"]) for n in range(d.line, d.end_line + 1)}
    assert flagged.isdisjoint(range(1, 6))


def test_an_author_bio_and_a_teaser_in_sentences_after_the_closing_furniture_are_flagged() -> None:
    bio = (
        "Dana Marsh grew up by the harbour and has followed the town's politics for "
        "two decades, first on radio and then in print."
    )
    teaser = (
        "Winter is coming early to the hills this year. Here is how the farms are "
        "getting ready for the first snow."
    )
    text = page(HEADLINE, *PROSE, *MORE, *CLOSING, bio, teaser, *FOOTER)
    assert lines_with(text, "CL319") == [17, 18]


def test_an_article_that_a_box_interrupts_keeps_its_prose_after_the_box() -> None:
    # The same closing-looking block inside the article, with most of the prose after it.
    text = page(HEADLINE, PROSE[0], *CLOSING, *PROSE[1:], *FOOTER)
    assert lines_with(text, "CL319") == []


def test_a_short_last_paragraph_after_a_small_box_is_the_articles() -> None:
    # A box of five lines (a header and four headlines) does not close the article.
    box = CLOSING[4:] + ["Harbour ferry returns after ten years away"]
    last = "The budget will be debated again in the spring, the mayor added."
    text = page(HEADLINE, *PROSE, *box, last, *FOOTER)
    assert lines_with(text, "CL319") == []


def test_a_gallery_between_paragraphs_is_no_closing_furniture() -> None:
    gallery = [
        "The mayor at the council meeting on Monday evening.",
        "Photo: Jane Doe",
        "The council chamber before the vote on the budget.",
        "Photo: Jane Doe",
        "Councillors leaving the town hall after the meeting.",
        "Photo: Jane Doe",
        "The harbour wall that the storms damaged last winter.",
        "Photo: Jane Doe",
        "Image 1 of 3",
        "Close",
    ]
    last = "The budget will be debated again in the spring, the mayor said after the meeting."
    text = page(HEADLINE, *PROSE, *gallery, last, *FOOTER)
    assert lines_with(text, "CL319") == []


def test_clean_copy_is_never_judged() -> None:
    blurb = "The Harbour Gazette has reported on the life of the town since 1902."
    text = page(HEADLINE, *PROSE, blurb)
    assert lines_with(text, "CL319") == []


# ------------------------------------------- CL314: short sentences after the closing furniture
def test_a_short_sentence_beyond_the_furniture_after_the_article_is_furniture() -> None:
    licence = "All content is available under a free licence."
    text = page(HEADLINE, *PROSE, "Advertisement", "Related Stories", licence, *FOOTER)
    assert 8 in lines_with(text, "CL314")


def test_the_articles_short_closing_sentence_before_the_furniture_is_kept() -> None:
    sign_off = "The vote is expected next month, she said."
    text = page(HEADLINE, *PROSE, sign_off, "Advertisement", "Related Stories", *FOOTER)
    flagged = {n for d in lint_text(text, select=["CL3"]) for n in range(d.line, d.end_line + 1)}
    assert 6 not in flagged
    # a longer sentence beyond the furniture is no short line: left to the other rules
    long_line = (
        "The vote on the budget is expected next month, after the mayor has met the "
        "unions, the head teachers and the harbour board again."
    )
    text = page(HEADLINE, *PROSE, "Advertisement", "Related Stories", long_line, *FOOTER)
    assert 8 not in lines_with(text, "CL314")


def test_a_thin_line_after_a_small_closing_block_is_flagged_and_a_paragraph_is_not() -> None:
    # Two share buttons close a long article; one short blurb after them is the site's.
    blurb = "The Harbour Gazette is an independent paper owned by its readers."
    text = page(HEADLINE, *PROSE, *MORE, "Facebook", "Twitter", blurb, *FOOTER)
    assert lines_with(text, "CL319") == [11]
    # The same two buttons with more than a tenth of the prose after them: the article's.
    text = page(HEADLINE, *PROSE, "Facebook", "Twitter", *MORE, *FOOTER)
    assert lines_with(text, "CL319") == []


def test_a_vocabulary_list_read_as_a_menu_does_not_close_the_article() -> None:
    # Short lines of a word list look like a navigation menu (CL313); a menu is no
    # evidence that the article ended: the lesson goes on after the list.
    words = ["harbour", "hafen", "harbour wall", "hafenmauer", "ferry", "fähre", "tide", "gezeiten"]
    last = "Practise these words before the next lesson, and try them out at the harbour."
    text = page(HEADLINE, *PROSE, *MORE, *words, last, *FOOTER)
    assert lines_with(text, "CL313")  # the list is taken for a menu ...
    assert lines_with(text, "CL319") == []  # ... but closes nothing
