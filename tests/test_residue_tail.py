"""Furniture after the article body (issue 13, classes 4, 5 and 6): CL317 and CL318.

Each class has a test that the furniture is flagged and a twin that stays quiet
on an article whose own text looks alike (a story about a newsletter, a bio
sentence inside the body, the article's own list of tour dates).
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
HEADLINE = "Council agrees budget"
#: recognised furniture: the evidence that the page carries furniture at all
EVIDENCE = "Advertisement"


def flagged(text: str, select: str = "CL3") -> dict[int, set[str]]:
    """1-based line number -> residue codes flagged on it."""
    out: dict[int, set[str]] = {}
    for d in lint_text(text, select=[select]):
        for line in range(d.line, d.end_line + 1):
            out.setdefault(line, set()).add(d.code)
    return out


def page(*lines: str) -> str:
    """A scraped page, one block a line."""
    return "\n".join(lines) + "\n"


def lines_with(text: str, code: str) -> list[int]:
    """The 1-based lines ``code`` flags in ``text``."""
    return sorted(n for n, codes in flagged(text).items() if code in codes)


# ---------------------------------------------------------------- class 5: the site's voice
def test_class5_newsletter_form_after_the_body_is_flagged() -> None:
    form = [
        "Sign up for our weekly briefing",
        "Get the top stories in your inbox every Friday.",
        "Thanks for signing up!",
    ]
    text = page(HEADLINE, *PROSE, *form, EVIDENCE, "Leave a Reply")
    assert lines_with(text, "CL317") == [6, 7, 8]
    assert all(n not in flagged(text) for n in range(1, 6))  # headline and body untouched
    ds = [d for d in lint_text(text, select=["CL317"])]
    assert all(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in ds)


def test_class5_comment_form_and_footer_sentences_are_flagged() -> None:
    tail = [
        "Please enter your comment!",
        "You have entered an incorrect email address!",
        "Some rights reserved 2017-2023 by Acme Media.",
    ]
    text = page(HEADLINE, *PROSE, EVIDENCE, *tail)
    assert lines_with(text, "CL317") == [7, 8]
    assert flagged(text)[9] == {"CL311"}  # a rights notice, wherever it stands


def test_class5_author_bio_after_the_body_is_flagged() -> None:
    bio = "Jane Porter is a senior writer for Acme News and covers the city council."
    text = page(HEADLINE, *PROSE, bio, EVIDENCE)
    assert lines_with(text, "CL317") == [6]


def test_class5_an_article_about_a_newsletter_keeps_its_prose() -> None:
    # The same words inside the article are its own: a story about a newsletter,
    # a quoted "sign up", a bio sentence in a profile, a pronoun's "she is a writer".
    body = [
        PROSE[0],
        "You can sign up for the newsletter, which lands in your inbox every Friday, she said.",
        "Jane Porter is a senior writer for Acme News, and she has covered the council for years.",
        PROSE[1],
        "Subscribers to the service get the newsletter in their inbox every Friday morning.",
        "She is now a freelance writer in Paris, where she moved after the vote last year.",
    ]
    text = page(HEADLINE, *body, EVIDENCE, "Leave a Reply")
    assert lines_with(text, "CL317") == []


def test_class5_clean_copy_is_never_judged() -> None:
    # No furniture anywhere: an article may end by inviting its readers.
    text = page(HEADLINE, *PROSE, "Sign up for our weekly briefing to get the top stories.")
    assert flagged(text) == {}


# ---------------------------------------------------------------- class 4: headline lists
def test_class4_headlines_without_a_header_after_the_body_are_flagged() -> None:
    headlines = [
        "City unveils a new plan for its old harbour",
        "Local team wins the cup after a long season",
        "Schools brace for a hard winter of closures",
    ]
    text = page(HEADLINE, *PROSE, EVIDENCE, *headlines, "Leave a Reply")
    assert lines_with(text, "CL318") == [7, 8, 9]


def test_class4_the_articles_own_list_is_not_a_headline_list() -> None:
    # Tour dates share one template; a list the prose introduces with a colon is
    # the article's; so is a list the article's prose goes on after.
    dates = [
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
        "June 10 – Tampa, FL @ MIDFLORIDA Credit Union Amphitheatre",
        "June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre",
        "June 17 – Nashville, TN @ Bridgestone Arena",
    ]
    assert lines_with(page(HEADLINE, *PROSE, *dates, EVIDENCE), "CL318") == []
    nominees = [
        "Matt Lucas & David Walliams (Little Britain, BBC Three)",
        "Caroline Quentin (Life Begins/ Von Trapped, ITV1)",
        "Ant & Dec (Saturday Night Takeaway/ I'm A Celebrity, ITV1)",
        "Nighty Night (Baby Cow Productions, BBC Three)",
        "Little Britain (BBC Three)",
    ]
    assert lines_with(page(HEADLINE, *PROSE, *nominees, EVIDENCE), "CL318") == []
    summary = [
        "I know it is a lot to take in, so here is the short version of it all:",
        "Tuples save a bit of memory when replacing lists",
        "Generators save memory only for large inputs",
        "Slotted classes save a lot of memory in the end",
    ]
    assert lines_with(page(HEADLINE, *PROSE, *summary, EVIDENCE), "CL318") == []
    steps = ["Mix the flour with the water", "Leave the dough to rest", "Bake it for an hour"]
    text = page(EVIDENCE, HEADLINE, *PROSE[:2], *steps, *PROSE[2:])
    assert lines_with(text, "CL318") == []


# ---------------------------------------------------------------- class 6: labels and tags
def test_class6_tag_lines_and_label_lists_after_the_body_are_flagged() -> None:
    text = page(HEADLINE, *PROSE, "Filed under", "Tagged: budget, council", EVIDENCE)
    assert lines_with(text, "CL318") == [6, 7]
    labels = page(HEADLINE, *PROSE, EVIDENCE, "Laptops,", "Reviews,", "Videos")
    assert lines_with(labels, "CL318") == [7, 8, 9]
    assert "CL301" in flagged(page(HEADLINE, *PROSE, "(12) Comments"))[6]


def test_class6_tag_words_in_sentences_are_prose() -> None:
    tail = ["Posted in 2019, the video was watched by many people.", "Tags, she said, matter."]
    text = page(HEADLINE, *PROSE, *tail, EVIDENCE)
    assert lines_with(text, "CL318") == []
    words = page(HEADLINE, *PROSE, EVIDENCE, "Paris, London,", "and Rome.")
    assert lines_with(words, "CL318") == []


# ---------------------------------------------------------------- the same in German
GERMAN = [
    "Der Stadtrat hat am Montag den Haushalt für das kommende Jahr beraten und ihn beschlossen.",
    "Er wird im Frühjahr veröffentlicht, wenn die Bürgermeisterin ihn unterschrieben hat.",
]


def test_german_blog_furniture_after_the_body_is_flagged() -> None:
    tail = [
        "Ähnliche Beiträge",
        "Stadt stellt neuen Plan für den alten Hafen vor",
        "Schreibe einen Kommentar Antworten abbrechen",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
    ]
    lines = flagged(page("Haushalt beschlossen", *GERMAN, *tail))
    assert lines[4] == {"CL307"} and lines[5] == {"CL307"}  # the header takes its headline
    assert lines[6] and lines[7]
    assert all(n not in lines for n in (1, 2, 3))
    form = page("Haushalt beschlossen", *GERMAN, *tail[2:])
    assert flagged(form).keys() == {4, 5} and flagged(form)[4] == {"CL301"}


def test_german_label_words_in_a_sentence_are_prose() -> None:
    text = page("Haushalt beschlossen", *GERMAN, "Mehr zum Thema lesen Sie morgen in der Zeitung.")
    assert flagged(text) == {}


def test_class4_box_headers_outside_the_known_list_take_their_headlines() -> None:
    headlines = ["City unveils a new plan for its old harbour", "Local team wins the cup"]
    for header in ("Trending News", "Most Popular Videos", "We Recommend", "More Sports"):
        text = page(HEADLINE, *PROSE, header, *headlines)
        assert lines_with(text, "CL307") == [6, 7, 8], header
    neighbours = page(HEADLINE, *PROSE, "Previous Article", headlines[0], "Next Article")
    assert {6, 7, 8} <= set(flagged(neighbours))


def test_class4_header_words_in_a_subheading_are_not_a_box() -> None:
    text = page(HEADLINE, PROSE[0], "Most of the money goes to schools", *PROSE[1:])
    assert flagged(text) == {}


def test_reading_time_lines_are_furniture_and_reading_in_prose_is_not() -> None:
    for label in ("4 Min Read", "21 minutes - 4312 words", "5 min read"):
        assert flagged(page(label, HEADLINE, *PROSE)) == {1: {"CL301"}}, label
    prose = page(HEADLINE, *PROSE, "It takes 4 minutes to read the whole plan, she said.")
    assert flagged(prose) == {}
