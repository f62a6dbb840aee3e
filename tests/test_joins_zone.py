"""Issue 13, round 4: glued-words recall on flattened menus, with its precision twins."""

from __future__ import annotations

from copylint.api import lint_text


def glued(text: str) -> set[str]:
    """The glued words CL202 reports in ``text`` (the word its message quotes first)."""
    return {d.message.split("”")[0].lstrip("“") for d in lint_text(text, select=["CL202"])}


def test_a_menu_glued_next_to_other_glued_menu_runs_is_read_as_english() -> None:
    # A flattened menu: every word near a glued run is itself several words glued.
    # Those neighbours are English words end to end, so the text around is English.
    menu = (
        "Sections\n\ndesignbooksdancemoviesmusicPop Culturetelevisiontheaterwatchingvideo: "
        "artslivingautomobilesCookingeducationfoodhealthjobsmagazine\n"
    )
    assert {"designbooksdancemoviesmusic", "artslivingautomobiles"} <= glued(menu)


def test_a_run_of_english_words_among_words_of_another_language_stays_quiet() -> None:
    # Twin: the same run among long words that are no English words end to end is
    # in another language, where English splits are guesses.
    german = (
        "Rubriken\n\nVerkehrsministeriumsprecherin designbooksdancemoviesmusic "
        "Landwirtschaftskammerpräsident Gesundheitsministeriumssprecher "
        "Bundesverfassungsgerichtsurteil\n"
    )
    assert glued(german) == set()


def test_a_comment_headers_verb_glued_to_the_commenters_name_is_split() -> None:
    # A flattened comment thread: "joetoronto" (a link) and "says:" lose their space.
    thread = (
        "What a game that was last night.\n\n"
        "joetorontosays:November 19, 2019 at 6:34 pm\n\n"
        "They will never win the division this year.\n\n"
        "I Love Footballsays: November 19, 2019 at 6:40 pm\n"
    )
    found = lint_text(thread, select=["CL202"])
    assert glued(thread) == {"joetorontosays", "Footballsays"}
    assert all(d.fix is not None and d.fix.edits[0].text == " " for d in found)


def test_a_word_ending_in_says_or_a_verb_without_a_date_stays_quiet() -> None:
    # Twins: a real word ending in the verb ("essays"), and the verb with no date after it.
    assert glued("Read his essays: November 19, 2019 is the date of the launch.\n") == set()
    assert glued("The fan joetorontosays: the team will win the division.\n") == set()


def test_a_word_glued_to_a_clock_times_am_or_pm_is_split() -> None:
    text = (
        "Jamie Cassidy on November 15, 2018 at 10:12 amsaid: I am so pumped.\n\n"
        "11/20/2019 01:19 AMMADRID: The minister said on Monday that talks had ended.\n"
    )
    assert glued(text) == {"amsaid", "AMMADRID"}


def test_a_clock_time_before_a_word_that_starts_with_am_stays_quiet() -> None:
    # Twins: "am" and the letters after it make a word; a change of case is CL201's.
    assert glued("At 10:30 amazing things happened in the town square.\n") == set()
    assert glued("Posted 9:02 AMThe minister said on Monday that talks had ended.\n") == set()


def test_a_menu_run_holding_a_long_rarer_word_is_split() -> None:
    # "obituaries" (zipf 2.8) is rarer than the floor for short pieces; a long piece
    # leaves little room for a wrong reading, so the whole menu run splits.
    menu = (
        "Sections\n\nPolitics Election 2020New "
        "Yorkbusinesstechscienceclimatesportsobituariesthe upshot\n"
    )
    assert glued(menu) == {"Yorkbusinesstechscienceclimatesportsobituariesthe"}


def test_a_long_word_that_is_one_word_stays_whole() -> None:
    # Twins: long words the lexicon knows, and a coinage of short pieces.
    assert glued("The lecture covered photojournalism and its history in the century.\n") == set()
    assert (
        glued("Her bouncebackability was admired by everyone at the club that season.\n") == set()
    )


def case_joins(text: str) -> list[str]:
    """CL201's messages on ``text``."""
    return [d.message for d in lint_text(text, select=["CL201"])]


def test_a_word_glued_to_a_handle_printed_twice_is_split() -> None:
    # A flattened embedded post prints the handle twice, then its label: the first
    # copy shows where the second ends.
    text = "The singer replied on Monday.\n\nImage copyright @AOC @AOCReport\n"
    assert case_joins(text) == ["“@AOC” and “Report” are glued together (missing space?)"]


def test_a_handle_in_camel_case_stays_whole() -> None:
    # Twins: a camel-case handle, one after another handle, and an e-mail address.
    assert case_joins("The president @realDonaldTrump wrote on Monday.\n") == []
    assert case_joins("Follow @real and @realDonaldTrump for more.\n") == []
    assert case_joins("Write to @jane @janeDoe.example for details.\n") == []


def test_the_ad_industrys_footer_label_is_one_word() -> None:
    # "AdChoices" ends the footer of most ad-supported sites: a known form, one word.
    footer = "The council met on Monday.\n\nTerms of Use\nPrivacy Policy\nAdChoices\nSite Map\n"
    assert case_joins(footer) == []
    # twin: the label glued to its neighbours is still split from them, not inside
    glued_footer = (
        "The council met on Monday.\n\n"
        "Terms of UsePrivacy PolicyAdChoicesSite MapContact UsAbout UsNewsletters\n"
    )
    messages = case_joins(glued_footer)
    assert "“Policy” and “Ad” are glued together (missing space?)" in messages
    assert "“Choices” and “Site” are glued together (missing space?)" in messages
    assert "“Ad” and “Choices” are glued together (missing space?)" not in messages
