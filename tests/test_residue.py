"""The residue rules (CL301-CL314): scraped web-page furniture in article text.

Synthetic pages exercise each rule both ways; the seed article and the clean
BBC corpus in ``../shared`` (skipped when absent) check the rules on real copy.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copylint.api import lint_text
from copylint.config import Settings
from copylint.diagnostics import Applicability, Diagnostic
from copylint.document import Document
from copylint.engine import Linter
from copylint.fixes import fix_text
from copylint.formats import build_document
from copylint.knowledge import KnowledgeBase

from .conftest import BBC, SEED, run_cli

PROSE = [
    "The council met on Monday to discuss the budget for the coming year and agreed it.",
    "It will be published in the spring, after the mayor has signed it into law at last.",
    "Opposition members said the plan was too cautious and would not help local schools.",
    "The mayor said she was confident that the new budget would be good for the city.",
]


def residue(text: str, select: str = "CL3") -> list[Diagnostic]:
    """Residue diagnostics for ``text`` (all residue rules, or the selected ones)."""
    return lint_text(text, select=[select])


def flagged_lines(text: str, select: str = "CL3") -> dict[int, set[str]]:
    """1-based line number -> residue codes flagged on it."""
    out: dict[int, set[str]] = {}
    for d in residue(text, select):
        for line in range(d.line, d.end_line + 1):
            out.setdefault(line, set()).add(d.code)
    return out


def fixed(text: str, unsafe: bool = True) -> str:
    """The text after applying residue fixes until stable."""
    return fix_text(text, lambda t: residue(t), unsafe=unsafe).text


def page(*blocks: str) -> str:
    """A scraped page: one block a line, blank lines between, like the seed."""
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- CL301 UI phrases
@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Leave a Reply",
        "Show more",
        "Back to top",
        "Image 3 of 12",
        "258 Shares",
        "Share on Facebook",
        "View comments (14)",  # a button's label with its counter
        "Comments [3]",
        "Advertisement - scroll to continue",  # labels joined by a separator
        "Listen on Spotify",  # a player's button
        "Watch now on YouTube",
        "Buy now on Amazon",  # a shop's button
        "Buy Ashfall Rebellion from £59.99",
        "Games › Reviews › PS5",  # a breadcrumb trail
        "Home » News » Politics",
    ],
)
def test_ui_phrase_line_is_flagged_with_a_safe_fix(line: str) -> None:
    ds = residue(page(PROSE[0], line, PROSE[1]), "CL301")
    assert [d.code for d in ds] == ["CL301"]
    assert ds[0].line == 3 and ds[0].fix is not None
    assert ds[0].fix.applicability is Applicability.SAFE


@pytest.mark.parametrize(
    "line",
    [
        "Season Two (2024)",
        "The Comments (14 Letters)",
        "Advertisement - a history",
        "Listen on as the band plays the last song of the night",
        "Buy a ticket from the box office, not from a tout.",
        "Prices start from £59.99 for the standard edition.",
        "Open Settings > Privacy > Location Services",  # a how-to's menu path
        "Games › Reviews",  # one separator: a heading's kicker, not a trail
    ],
)
def test_a_label_with_a_number_that_is_no_ui_phrase_is_not_furniture(line: str) -> None:
    assert residue(page(PROSE[0], line, PROSE[1]), "CL301") == []


def test_ui_phrase_glued_to_a_short_label_takes_the_whole_line() -> None:
    text = page(PROSE[0], "Top storyScroll to continue with the content", PROSE[1])
    assert flagged_lines(text, "CL301") == {3: {"CL301"}}
    assert fixed(text) == page(PROSE[0], PROSE[1])


def test_ui_phrase_inside_prose_flags_only_the_phrase() -> None:
    text = page(PROSE[0] + " Continue reading the main story " + PROSE[1])
    (d,) = residue(text, "CL301")
    assert text[d.start : d.end].strip() == "Continue reading the main story"
    assert fixed(text) == page(PROSE[0] + " " + PROSE[1])


@pytest.mark.parametrize("line", ["medium-wide-browser", "image/svg+xml"])
def test_markup_token_is_flagged_with_an_unsafe_fix(line: str) -> None:
    (d,) = residue(page(PROSE[0], line, PROSE[1]))
    assert d.code == "CL301" and d.line == 3
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize("line", ["Covid-19", "Wi-Fi", "Spider-Man"])
def test_short_or_capitalised_hyphenated_words_are_not_markup(line: str) -> None:
    assert residue(page(PROSE[0], line, PROSE[1])) == []


def test_ui_words_in_prose_are_not_flagged() -> None:
    text = page(
        "Readers were asked to leave a reply on the forum, and hundreds did so.",
        "The advertisement ran for three weeks before the company withdrew it.",
    )
    assert residue(text) == []


# ---------------------------------------------------------------- CL302 related links
@pytest.mark.parametrize(
    "line",
    [
        "Related: Ten things we learned this week",
        "READ MORE: Council approves the new budget",
        "[Related: What happens next]",
    ],
)
def test_related_link_line_is_flagged(line: str) -> None:
    assert flagged_lines(page(PROSE[0], line, PROSE[1]), "CL302") == {3: {"CL302"}}


def test_related_in_a_sentence_is_not_a_link() -> None:
    assert residue(page("Related reading is listed in the appendix of the report.")) == []


# ---------------------------------------------------------------- CL303/CL304 captions
def test_caption_and_lone_credit_pair_is_flagged_and_deleted_together() -> None:
    caption = "The crew film a chase through the old town in the new sequel"
    text = page(PROSE[0], caption, "Some Studio Pictures", PROSE[1])
    assert flagged_lines(text) == {3: {"CL303"}, 5: {"CL304"}}
    assert all(d.fix and d.fix.applicability is Applicability.UNSAFE for d in residue(text))
    assert fixed(text) == page(PROSE[0], PROSE[1])
    # Safe fixes alone leave a probable caption where it is.
    assert fixed(text, unsafe=False) == text


def test_caption_and_credit_before_an_ad_label_are_flagged() -> None:
    """The ad slot's label under a picture block is passed over: prose follows it."""
    caption = "The crew film a chase through the old town in the new sequel"
    text = page(PROSE[0], caption, "Some Studio Pictures", "Advertisement", PROSE[1])
    assert flagged_lines(text) == {3: {"CL303"}, 5: {"CL304"}, 7: {"CL301"}}


def test_a_heading_before_an_ad_label_and_no_prose_is_not_a_credit() -> None:
    # A short heading under an open line, then furniture and a list: no picture block.
    text = page(
        PROSE[0],
        "Speaking to someone about the new plan for the city",
        "School Funding",
        "Advertisement",
        "Funding by region",
    )
    assert 5 not in flagged_lines(text)


@pytest.mark.parametrize(
    "line", ["Photo: Jane Doe, AP", "Jane Doe/Getty Images", "Image copyright Reuters"]
)
def test_credit_lines_are_flagged(line: str) -> None:
    assert 5 in flagged_lines(page(PROSE[0], "Protesters outside the court", line, PROSE[1]))


def test_caption_with_a_parenthesised_credit() -> None:
    text = page(PROSE[0], "Protesters gather outside the court on Monday. (AP Photo/Jane Doe)")
    assert flagged_lines(text, "CL303") == {3: {"CL303"}}


def test_subheading_between_paragraphs_is_not_a_credit() -> None:
    # The line above ends like a sentence, so the short line is a heading.
    text = page(PROSE[0], "Here is what changes next year:", "School Funding", PROSE[1])
    assert residue(text) == []


def test_all_caps_subheading_under_an_open_line_is_not_a_credit() -> None:
    text = page(
        "Speaking to someone on the phone about the new plan for the city",
        "KIND OF SCARY",
        PROSE[1],
    )
    assert residue(text) == []


# ---------------------------------------------------------------- CL305 embed credits
def test_embed_credit_glued_to_the_next_sentence_flags_only_the_credit() -> None:
    text = page(
        "A first look at the film. Released with permission from Some StudioThis is "
        "the latest look at the film, which opens next month."
    )
    (d,) = residue(text, "CL305")
    assert text[d.start : d.end] == "Released with permission from Some Studio"
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE
    assert fixed(text).startswith("A first look at the film. This is the latest look")


def test_permission_in_prose_is_not_an_embed_credit() -> None:
    assert residue(page("The footage was released with the permission of the family.")) == []


# ---------------------------------------------------------------- CL306 toggle stubs
def test_toggle_stub_after_a_numbered_title_keeps_the_full_stop() -> None:
    text = page("Check out a behind-the-scenes look at the new film Part 1 less.")
    (d,) = residue(text, "CL306")
    assert text[d.start : d.end] == " less."
    assert fixed(text) == page("Check out a behind-the-scenes look at the new film Part 1.")


def test_toggle_stub_after_a_sentence() -> None:
    text = page("Officials unveil the new concept car at the show in Los Angeles, 2019. less")
    assert fixed(text) == page(
        "Officials unveil the new concept car at the show in Los Angeles, 2019."
    )


@pytest.mark.parametrize(
    "line",
    [
        "He said he could not care less.",
        "The new charger costs $60 less.",
        "The new model costs less and does more.",
    ],
)
def test_less_and_more_in_english_are_not_stubs(line: str) -> None:
    assert residue(page(line)) == []


# ---------------------------------------------------------------- CL307-CL313
def test_link_list_takes_its_headlines() -> None:
    text = page(
        *PROSE[:2],
        "Related Stories",
        "Council approves new budget",
        "Local team wins the cup",
        *PROSE[2:],
    )
    ds = residue(text, "CL307")
    assert [(d.line, d.end_line) for d in ds] == [(5, 9)]  # header and both headlines


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("By Jane Doe", "CL308"),
        ("Jane Doe - Nov 19, 2019, 10:31 pm CST", "CL308"),
        ("Wednesday 20 November 2019 11:42, UK", "CL309"),
        ("3 days ago", "CL309"),
        ("Facebook Twitter Email", "CL310"),
        ("© 2019 Some Newspaper Group, Inc.", "CL311"),
    ],
)
def test_structural_lines(line: str, code: str) -> None:
    assert flagged_lines(page(PROSE[0], line, PROSE[1])) == {3: {code}}


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the company had doubled its profits.",
        "On Wednesday 20 November the council met for the last time.",
        "Facebook and Twitter both declined to comment on the report.",
        "Copyright law was changed in 2019 after a long campaign.",
        "Tue – Sat 4PM (Closed on Sun & Mon)",
    ],
)
def test_structural_words_in_copy_are_not_flagged(line: str) -> None:
    assert residue(page(PROSE[0], line, PROSE[1])) == []


def test_caps_teaser_is_flagged_but_caps_subheads_and_questions_are_not() -> None:
    teaser = "STAR OPENS UP ABOUT HER NEW SHOW AND THE YEAR AHEAD"
    assert flagged_lines(page(PROSE[0], teaser, PROSE[1])) == {3: {"CL315"}}
    for line in ("THE VERDICT", "WILL ANYONE STAND UP FOR THE OLD GUARD IN THIS RACE?"):
        assert residue(page(PROSE[0], line, PROSE[1])) == []


def test_media_tagged_teaser_is_a_related_link() -> None:
    text = page(PROSE[0], "Our favourite headphones of the year reviewed [Video]", PROSE[1])
    assert flagged_lines(text) == {3: {"CL302"}}


@pytest.mark.parametrize(
    "line",
    [
        "The plague wiped out half of Europe in the 14th century (Image: Agency)",
        "© Jane Doe Protesters gather outside the court in the city centre on a cold Monday",
    ],
)
def test_captions_carrying_their_credit(line: str) -> None:
    assert flagged_lines(page(PROSE[0], line, PROSE[1])) == {3: {"CL303"}}


def test_caption_rule_reads_its_own_credit_lists_not_the_credit_rules() -> None:
    """CL303 finds "… (Snapper Co pool)" by its own credit-agencies (issue 19)."""
    caption = "Protesters gather outside the court on a cold Monday (Snapper Co pool)"
    text = page(PROSE[0], caption, PROSE[1])

    def caption_lines(rule_options: dict[str, dict[str, object]]) -> set[int]:
        settings = Settings(select=("CL303",), rule_options=rule_options)
        found = Linter(settings, KnowledgeBase.empty()).lint_document(build_document("t", text))
        return {d.line for d in found}

    assert caption_lines({}) == set()
    assert caption_lines({"CL304": {"agencies": ["Snapper Co"]}}) == set()
    assert caption_lines({"CL303": {"credit-agencies": ["Snapper Co"]}}) == {3}


def test_labelled_credit_under_a_paragraph_leaves_the_paragraph_alone() -> None:
    # BBC-style pages put "Image copyright X" above the caption, not below it.
    text = page(PROSE[0], "Image copyright Agency", "Image caption The minister arrives", PROSE[1])
    assert flagged_lines(text) == {3: {"CL304"}, 5: {"CL303"}}


def test_comment_thread_is_flagged_from_first_author_to_the_closing_furniture() -> None:
    thread = [
        "Jane Reader",
        "August 8, 2018 at 3:17 pm",
        "Great piece, thank you!",
        "John Writer",
        "August 8, 2018 at 7:07 pm",
        "Thanks for reading, Jane.",
        "I hope the next one is as useful.",
    ]
    text = "\n".join([*PROSE, *thread, "Comments are closed."]) + "\n"
    lines = flagged_lines(text)
    assert all(n not in lines for n in range(1, 5))
    assert lines[6] == {"CL309"} and lines[9] == {"CL309"} and lines[12] == {"CL301"}
    assert {n for n, codes in lines.items() if codes == {"CL316"}} == {5, 7, 8, 10, 11}


def test_a_name_above_a_dated_sentence_is_not_a_thread() -> None:
    text = page(*PROSE, "Jane Reader", "She wrote the report in August 2018 with her team.")
    assert residue(text) == []


def test_repeated_short_line_is_flagged_each_time() -> None:
    text = page("Sponsored by Acme", *PROSE, "Sponsored by Acme")
    assert flagged_lines(text, "CL312") == {1: {"CL312"}, 11: {"CL312"}}


def test_class1_repeated_labels_of_a_record_template_are_content() -> None:
    # A meal plan repeats its labels for every day; repetition alone is not furniture,
    # and a repeated label is no evidence that the lines around it are furniture.
    days = []
    for day, food in (("Monday", "oats"), ("Tuesday", "eggs"), ("Wednesday", "toast")):
        days += [day, "Breakfast", f"A bowl of {food} with fruit", "Lunch", "Soup and bread"]
    text = page(*PROSE[:2], *days, *PROSE[2:])
    assert residue(text) == []
    # Around the article, the same repeats are furniture.
    menu = page("Breakfast", "Lunch", *PROSE, "Breakfast", "Lunch")
    assert set(flagged_lines(menu, "CL312")) == {1, 3, 13, 15}


def test_menu_run_is_flagged_as_one_block() -> None:
    lines = ["World", "Business", "Science", "Sport", "Arts"]
    ds = residue("\n".join([*lines, *PROSE]) + "\n", "CL313")
    assert [(d.line, d.end_line) for d in ds] == [(1, 5)]


# ---------------------------------------------------------------- CL314 layout
def test_furniture_after_the_article_is_flagged_in_runs() -> None:
    tail = ["Advertisement", "About the paper", "Jobs at the paper", "Leave a Reply"]
    text = "\n".join(["Council agrees budget", *PROSE, *tail]) + "\n"
    lines = flagged_lines(text)
    assert all(n not in lines for n in range(1, 6))  # the headline and the prose
    assert lines[6] == {"CL301"} and lines[9] == {"CL301"}
    ds = residue(text, "CL314")
    assert [(d.line, d.end_line) for d in ds] == [(7, 8)]
    assert ds[0].fix is not None and ds[0].fix.applicability is Applicability.UNSAFE


def test_lines_between_the_article_and_the_first_furniture_are_left_alone() -> None:
    # What follows the last paragraph may be the article's own tail (a sign-off,
    # a fact box); only lines beyond recognised furniture are judged.
    tail = ["About the paper", "Jobs at the paper", "Advertisement"]
    text = "\n".join(["Council agrees budget", *PROSE, *tail]) + "\n"
    assert residue(text, "CL314") == []


def test_clean_article_with_a_trailing_list_is_left_alone() -> None:
    # No recognised furniture anywhere: a list after the prose is the article's own.
    tail = ["Tour dates", "June 9 – Tampa, FL", "June 10 – Atlanta, GA"]
    text = page("Band announces tour", *PROSE, *tail)
    assert residue(text) == []


def test_delete_lines_fix_leaves_no_blank_line_debris() -> None:
    text = page(*PROSE[:2], "Advertisement", "Leave a Reply", PROSE[2], "Share", "Print")
    out = fixed(text)
    assert out == page(*PROSE[:3])
    assert "\n\n\n" not in out


# ---------------------------------------------------------------- real copy
@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_seed_flags_exactly_its_residue(seed_text: str) -> None:
    ds = residue(seed_text)
    by_line: dict[int, list[str]] = {}
    for d in ds:
        by_line.setdefault(d.line, []).append(d.code)
    lines = seed_text.split("\n")
    # Which lines: the toggle stub and embed credit in the first paragraph, the
    # scroll prompt, the related link, the caption and its credit, the comment form.
    assert by_line == {
        1: ["CL305", "CL306"],
        5: ["CL301"],
        9: ["CL302"],
        11: ["CL303"],
        13: ["CL304"],
        22: ["CL301"],
        24: ["CL301"],
    }
    for d in ds:
        if d.code in {"CL305", "CL306"}:  # parts of a prose line
            assert d.end - d.start < 60
        else:  # whole lines
            assert seed_text[d.start : d.end] == lines[d.line - 1]


def test_seed_fix_removes_the_residue_and_keeps_the_prose(seed_text: str) -> None:
    out = fixed(seed_text)
    assert residue(out) == []
    assert "\n\n\n" not in out and not out.endswith("\n\n")
    kept = [ln for ln in seed_text.split("\n") if len(ln.split()) > 30]
    assert sum(ln in out for ln in kept) == len(kept) - 1  # all but the first, which lost bits
    first = out.split("\n")[0]
    assert first.endswith("Part 1.") and re.search(r"[a-z]\. [A-Z]", first)


def test_seed_cli_json_reports_residue_rules(seed_text: str) -> None:
    proc = run_cli("--format", "json", "--select", "CL3", "--exit-zero", str(SEED))
    assert proc.returncode == 0, proc.stderr
    (report,) = json.loads(proc.stdout)
    rules = {d["rule"] for d in report["diagnostics"]}
    assert rules and all(r.startswith("residue-") for r in rules)


def test_clean_bbc_articles_stay_quiet() -> None:
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC}")
    files = sorted(BBC.glob("*.txt"))[::7]  # a spread of 300 articles across the topics
    count = sum(len(residue(p.read_text(encoding="utf-8"))) for p in files)
    assert count <= len(files) / 60, f"{count} residue diagnostics on {len(files)} articles"


def test_document_with_crlf_maps_whole_line_fixes_back() -> None:
    text = page(PROSE[0], "Advertisement", PROSE[1]).replace("\n", "\r\n")
    doc = Document.plain(text)
    assert doc.offset_map is not None
    out = fixed(text)
    assert out == page(PROSE[0], PROSE[1]).replace("\n", "\r\n")


# ---------------------------------------------------------------- helpers
def test_article_core_bridges_furniture_but_not_long_gaps() -> None:
    from copylint.checks.residue_layout import article_core

    #        prose  furniture(weak) prose  5 menu lines           prose
    prose = [True, False, True, False, False, False, False, False, True]
    weak = [False, True, False, False, False, False, False, False, False]
    words = [30, 1, 30, 1, 1, 1, 1, 1, 10]
    # The ad between the first two paragraphs does not split them; the five
    # menu lines do, and the lone paragraph after them is too small to join.
    assert article_core(prose, weak, words, max_gap=2) == (0, 2)
    assert article_core([False] * 3, [False] * 3, [1] * 3, max_gap=2) is None


def test_delete_lines_edit_keeps_paragraph_spacing() -> None:
    from copylint.checks.residue_lines import delete_lines_edit, line_infos

    text = "One.\n\nAdvert\n\nTwo.\n\nFooter\n"
    doc = Document.plain(text)
    lines = line_infos(doc, ())
    middle = delete_lines_edit(doc, lines, 1, 1)
    assert text[: middle.start] + text[middle.end :] == "One.\n\nTwo.\n\nFooter\n"
    last = delete_lines_edit(doc, lines, 3, 3)
    assert text[: last.start] + text[last.end :] == "One.\n\nAdvert\n\nTwo.\n"


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. team's co-pilot won 3-1 at 10.30, didn't he?",
        "snake_case_name and __init__ stay apart",
        "Café owners in Zürich paid £5.50 – it’s ‘fine’",
        "a.-b ..x y'' -z 'q' e-mail. x--y",
    ],
)
def test_words_of_matches_the_word_pattern(text: str) -> None:
    from copylint.checks.residue_lines import WORD_RE, words_of

    # The ASCII fast path must find exactly the words the general pattern does.
    assert words_of(text) == WORD_RE.findall(text)


@given(st.text(alphabet=st.sampled_from("aZ9_ '’.-,é£\t"), max_size=40))
def test_words_of_matches_the_word_pattern_on_any_text(text: str) -> None:
    from copylint.checks.residue_lines import WORD_RE, words_of

    assert words_of(text) == WORD_RE.findall(text)


@given(st.text(alphabet=st.sampled_from("ofOFtheTHE'sS"), min_size=1, max_size=6))
def test_function_words_are_counted_whatever_their_case(word: str) -> None:
    from copylint.checks.residue_lines import line_infos

    function_words = frozenset({"of", "the", "it's", "a"})
    # An ASCII line (counted through case spellings) and the same line with a
    # non-ASCII word (counted by case-folding each word) agree with case-folding.
    for text in (f"{word} x", f"{word} é"):
        [info] = line_infos(Document.plain(text), function_words)
        expected = sum(w.casefold() in function_words for w in info.words) / info.n_words
        assert info.function_share == expected


@given(st.text(alphabet=st.sampled_from("aZ '’.-\t\x1c\x01\x7fé•ﬁ"), max_size=12))
def test_line_keys_of_ascii_and_other_text_agree(text: str) -> None:
    from copylint.checks.residue_lines import _KEY_STRIP, normalise

    # The printable-ASCII shortcut gives the key the general recipe gives.
    general = " ".join(
        unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").casefold().split()
    ).strip(_KEY_STRIP)
    assert normalise(text) == general


# ---------------------------------------------------------------- issue 13, classes 11, 12, 14
def test_class11_a_credit_run_into_the_prose_is_flagged_and_cut_out() -> None:
    text = (
        "The first look came and you can see it here. Courtesy of Acme PicturesThe teaser is out.\n"
    )
    (d,) = residue(text, "CL304")
    assert text[d.start : d.end] == "Courtesy of Acme Pictures"
    assert d.fix is not None
    edit = d.fix.edits[0]
    fixed = text[: edit.start] + edit.text + text[edit.end :]
    assert "see it here. The teaser is out." in fixed


def test_class11_courtesy_inside_a_sentence_is_prose() -> None:
    text = page(
        "The photo, courtesy of the museum, shows the hall where the band first played.", *PROSE
    )
    assert residue(text, "CL304") == []
    text = page(
        "It was lent to us. Courtesy of the family, it hangs in the hall of the old town.", *PROSE
    )
    assert residue(text, "CL304") == []


@pytest.mark.parametrize("label", ["Show more", "Read more"])
def test_class12_a_toggle_label_after_the_last_sentence_is_flagged(label: str) -> None:
    line = f"The studio released the first look at the film and the teaser below. {label}"
    (d,) = residue(page(line, *PROSE), "CL306")
    assert line[d.start : d.end].strip() == label


def test_class12_more_in_a_sentence_is_not_a_toggle() -> None:
    text = page("She said there was far more to read. I want to read more", *PROSE)
    assert residue(text, "CL306") == []


def test_class14_german_prose_is_the_article_and_its_furniture_is_found() -> None:
    german = [
        "Der Stadtrat hat am Montag über den Haushalt für das kommende Jahr entschieden.",
        "Er wird im Frühjahr veröffentlicht, nachdem die Bürgermeisterin ihn unterschrieben hat.",
        "Die Opposition sagte, der Plan sei zu vorsichtig und helfe den Schulen der Stadt nicht.",
    ]
    tail = ["Leave a Reply", "Impressum und Kontakt", "Karriere bei uns"]
    lines = flagged_lines("\n".join([*german, *tail]) + "\n")
    assert all(n not in lines for n in (1, 2, 3))  # the German prose is the article
    assert lines[5] == {"CL314"} and lines[6] == {"CL314"}  # furniture after it


def test_class8_a_byline_split_over_two_lines_is_flagged_as_one() -> None:
    ds = residue(page("By", "Jane Porter", *PROSE), "CL308")
    assert [(d.line, d.end_line) for d in ds] == [(1, 3)]
    # "By" alone above a sentence, or above a lower-case line, is not a byline.
    assert residue(page("By", "the river we walked for an hour or two.", *PROSE), "CL308") == []
    assert residue(page(*PROSE, "Stand by", "Me"), "CL308") == []
