"""Quotes, sentence case and titles glued to a pronoun."""

from __future__ import annotations

import pytest

from copylint.api import lint_text
from copylint.diagnostics import Applicability

from .conftest import MI_KNOWLEDGE

TITLE = "Mission: Impossible – Dead Reckoning Part One"

# McQuarrie's quote from the seed article, as published (line 7).
SEED_QUOTE = (
    "“At the beginning of this movie, I said to Tom, ‘What do you want to do? He said, “I want "
    "to drive a motorcycle off a cliff. What do you want to do?” And I said, “I want to wreck a "
    "train,” the director revealed. “We are big fans of Buster Keaton. I thought, ‘You earned "
    "it, I want to smash one too.'”"
)


def found(text: str, select: str, knowledge: bool = False) -> list[tuple[str, str]]:
    kb = [MI_KNOWLEDGE] if knowledge else []
    return [(d.code, text[d.start : d.end]) for d in lint_text(text, knowledge=kb, select=[select])]


def test_seed_quote_reports_unclosed_and_mixed_marks() -> None:
    diags = lint_text(SEED_QUOTE, select=["CL21"])
    assert [(d.code, SEED_QUOTE[d.start]) for d in diags] == [
        ("CL210", "“"),
        ("CL210", "‘"),
        ("CL211", "'"),
    ]
    assert diags[0].start == 0  # the outer quotation, still open when "We are" opens
    assert SEED_QUOTE[diags[1].start :].startswith("‘What do you want")
    mixed = diags[2]
    assert mixed.fix is not None and mixed.fix.applicability is Applicability.SAFE
    assert mixed.fix.edits[0].text == "’"


@pytest.mark.parametrize(
    "text",
    [
        "“I want to go,” he said. “Now.”",
        "She said ‘hello’ and left. It’s the villains’ plan, rock ‘n’ roll from the ‘90s.",
        "“He said, ‘Run,’ and we ran,” she recalled.",
        '"Plain quotes," he said, "are fine."',
        "“A quote that runs on\n\n“into the next paragraph.”",
        "O'Neill's 'til dawn.",
    ],
)
def test_balanced_quotes_are_left_alone(text: str) -> None:
    assert found(text, "CL21") == []


def test_closing_mark_without_opening() -> None:
    assert found("He left.” Then rain.", "CL21") == [("CL210", "”")]


def test_sentence_case_flags_lower_case_start_with_safe_fix() -> None:
    text = "It opens by Paramount Pictures. the sequel is next."
    diags = lint_text(text, select=["CL212"])
    assert [(d.code, text[d.start : d.end]) for d in diags] == [("CL212", "the")]
    assert diags[0].fix is not None and diags[0].fix.edits[0].text == "T"


@pytest.mark.parametrize(
    "text",
    [
        "Bring snacks, e.g. popcorn.",
        "She works for Acme Co. and likes it.",
        "He bought an iPhone. eBay sold it.",
        "Wait... then go.",
        "Visit example.com today.",
        '"I don\'t know." he said.',
        "J. smith signed.",
        "Mamma Mia! which is a musical.",
    ],
)
def test_sentence_case_leaves_abbreviations_and_brands(text: str) -> None:
    assert found(text, "CL212") == []


def test_title_as_subject_with_spurious_pronoun() -> None:
    text = f"Written by Christopher McQuarrie, {TITLE} It stars Tom Cruise."
    diags = lint_text(text, knowledge=[MI_KNOWLEDGE], select=["CL220"])
    assert len(diags) == 1
    edit = diags[0].fix.edits[0]
    fixed = text[: edit.start] + edit.text + text[edit.end :]
    assert fixed == f"Written by Christopher McQuarrie, {TITLE} stars Tom Cruise."


def test_title_as_object_needs_a_sentence_break() -> None:
    text = f"This is the latest look at {TITLE} It arrived with tickets on sale."
    diags = lint_text(text, knowledge=[MI_KNOWLEDGE], select=["CL220"])
    assert len(diags) == 1
    edit = diags[0].fix.edits[0]
    fixed = text[: edit.start] + edit.text + text[edit.end :]
    assert fixed == f"This is the latest look at {TITLE}. It arrived with tickets on sale."


@pytest.mark.parametrize(
    "text",
    [
        f"{TITLE} stars Tom Cruise.",
        f"We saw {TITLE}. It arrived today.",
        f"We saw {TITLE} IT crowd members.",
        f"{TITLE} It",
    ],
)
def test_title_pronoun_quiet_on_correct_text(text: str) -> None:
    assert found(text, "CL220", knowledge=True) == []


def test_title_pronoun_needs_knowledge() -> None:
    assert found("Some Film Part One It stars Ann.", "CL220") == []


def test_continuation_word_after_a_full_stop_suggests_deleting_the_stop() -> None:
    text = "Roddick lost the second set. and afterwards was unhappy."
    (diag,) = lint_text(text, select=["CL212"])
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE
    edit = diag.fix.edits[0]
    assert text[: edit.start] + edit.text + text[edit.end :] == (
        "Roddick lost the second set and afterwards was unhappy."
    )
    assert diag.suggestions == ("Capitalise “And”",)


# ------------------------------------------------------------------ issue 13, class 3
@pytest.mark.parametrize(
    "text",
    [
        "Add 1 tsp. olive oil and 4 oz. cooked rice.",
        "Stir in 2 Tbsp. honey and ½ tsp. salt.",
        "It opens on Nov. that week, with a preview on Tues. evening.",
        "Watch the clip. https://t.co/abc123 or see the post. pic.twitter.com/xyz",
        "Bei über 70 Mio. gesetzlich Versicherten eine lebenslange bzw. einheitliche Akte.",
        "Partners include several firms. my6sense works with them.",
    ],
)
def test_class3_sentence_case_quiet_after_units_abbreviations_and_addresses(text: str) -> None:
    assert found(text, "CL212") == []


def test_class3_a_deliberately_lower_case_post_is_left_alone_but_one_slip_is_not() -> None:
    post = "He posted:\n\non. meth. dot. com.\nmeth.\nwe’re. on. it."
    assert found(post, "CL212") == []
    slip = "He lost 3 sets. then he won the match.\n\nIt opened in July. the sequel follows."
    assert found(slip, "CL212") == [("CL212", "then"), ("CL212", "the")]


@pytest.mark.parametrize("mark", [('"', '"'), ("“", "”")])
def test_class3_a_quoted_message_in_lower_case_is_quoted_verbatim(
    mark: tuple[str, str],
) -> None:
    """A quoted e-mail writes "Acme" and "Nightly" in lower case: its lower-case
    sentence start is the writer's style, quoted as written."""
    o, c = mark
    text = (
        "The agency Acme ran the campaign for Nightly, the programme.\n\n"
        f"He wrote: {o}Spoke to jim. think acme shd talk to nightly today.{c} "
        "Then he apologised."
    )
    assert found(text, "CL212") == []


def test_class3_a_slip_inside_an_ordinary_quotation_is_still_flagged() -> None:
    # Only common words in lower case ("us" is no sign of "US"), or the rare
    # word is nowhere else capitalised: a slip in the quotation, flagged.
    ordinary = 'The US team met the press.\n\n"They beat us. then we went home," the captain said.'
    assert found(ordinary, "CL212") == [("CL212", "then")]
    unmatched = 'She said: "We met the tbwa people. then we left." It rained.'
    assert found(unmatched, "CL212") == [("CL212", "then")]
    # Outside the quotation the lowered name is no excuse.
    outside = 'Acme said "hi to acme" on air. then it ended.'
    assert found(outside, "CL212") == [("CL212", "then")]


def test_a_name_ending_in_a_full_stop_starts_no_sentence() -> None:
    """The text writes "ID." mid-sentence before a capital elsewhere: the stop is
    the name's, and "models" after it starts no sentence."""
    text = "The new ID. Buzz sells well.\n\nIt will do that with all ID. models, it says."
    assert found(text, "CL212") == []
    # The same shape with no other mid-sentence use: a sentence end, flagged.
    once = "It does not work with Emacs. so i looked around."
    assert found(once, "CL212") == [("CL212", "so")]


def test_german_low_quotation_marks_close_with_the_high_mark() -> None:
    assert found("Die App „Vivy“ wurde vorgestellt, „Take C.A.R.E“ war das Motto.", "CL210") == []
    assert found("Sie schrieb „offen und nie geschlossen.", "CL210") == [("CL210", "„")]


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # before an attribution: a pronoun, a named speaker, "the director"
        ("“I want to go, she said. “Now.”", "“I want to go,”"),
        ("“It was hard, Jane Roe said, but worth it.", "“It was hard,”"),
        (
            "“We start at dawn. Be ready, the director told the crew.",
            "“at dawn. Be ready,”",
        ),
        # no attribution: after the first sentence inside it
        ("“We start at dawn. Everyone was there on time.", "“We start at dawn.”"),
        # nothing else: the paragraph's end
        ("He called it “a triumph for everyone involved", "“triumph for everyone involved”"),
    ],
)
def test_unclosed_quote_suggestion_says_where_it_probably_ends(text: str, after: str) -> None:
    [d] = lint_text(text, select=("CL210",))
    [suggestion] = d.suggestions
    assert suggestion.startswith("Close the quotation with ”, probably after ")
    assert suggestion.endswith(after), suggestion


def test_probable_end_quotes_only_the_last_words() -> None:
    text = "“One two three four five six seven eight nine ten, he said."
    [d] = lint_text(text, select=("CL210",))
    assert d.suggestions[0].endswith("probably after “seven eight nine ten,”")


@pytest.mark.parametrize("word", ["and", "on", "with"])
def test_a_continuation_word_after_a_full_stop_reads_as_a_stray_stop(word: str) -> None:
    """Every listed continuation, "on" too (a bare YAML ``on`` once loaded as ``true``)."""
    text = f"The band played the last set. {word} the road home they slept."
    diags = lint_text(text, select=["CL212"])
    assert [d.code for d in diags] == ["CL212"]
    assert diags[0].message.lower().startswith("stray full stop")
    assert diags[0].fix is not None and diags[0].fix.edits[0].text == ""


def test_a_lower_case_word_that_is_no_continuation_is_a_sentence_start() -> None:
    text = "The band played the last set. they slept on the road home."
    diags = lint_text(text, select=["CL212"])
    assert [d.message.lower().startswith("sentence starts") for d in diags] == [True]


# Round 2: quotation conventions that are not errors (clean gold bodies).
@pytest.mark.parametrize(
    "text",
    [
        # Swedish and Finnish style, and a common slip: ” opens and ” closes
        "Another user said: ”Bird flu last year, swine fever this year.” Then silence.",
        "The odds of full funding were ”dwindling.”",
        # a quotation over several paragraphs with an embedded post between two of them
        '"He is renowned for his tactics.\n\nClub statement\n\n'
        "— Club (@club) November 20, 2019\n\n"
        '"He has won a title in four countries."',
        # a hard-wrapped line inside a quotation
        "Umar berkata, “Jika engkau membenci seseorang, jangan sampai kamu\n"
        "benci celaka atau binasanya.”",
        # an apostrophe typed as ‘ after a stray space opens no quotation
        "The automaker isn ‘t slowing down.",
        # ‘ as the ayn of a transliterated name, spelled the same way twice
        "Siti ‘Aisyah ra was the wife of the Prophet.\n\nLater Siti ‘Aisyah led an army.",
    ],
)
def test_quotation_conventions_that_are_no_error(text: str) -> None:
    assert found(text, "CL21") == []


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        # a right mark after a word still closes nothing
        ("He left.” Then rain.", "”"),
        # a sentence between two paragraphs ends the quotation
        ('"He is renowned for his tactics.\n\nThe club said so.\n\n"He has won."', '"'),
        # a new line that starts a new sentence is no wrapped line
        ("She said, “Jika engkau\nBenci celaka.", "“"),
        # ‘ before a word that is no clitic opens a quotation
        ("Known as the ‘black death, it spread.", "‘"),
        # ‘ before a word written that way only once opens a quotation
        ("Siti ‘Aisyah ra was the wife.\n\nLater Siti Aisyah led an army.", "‘"),
    ],
)
def test_quotation_errors_next_to_those_conventions_are_still_found(text: str, mark: str) -> None:
    assert ("CL210", mark) in found(text, "CL21")


def test_a_brand_written_in_lower_case_may_start_a_sentence() -> None:
    text = (
        "Prices fell this week. ecobee redesigned its thermostat, and the ecobee app got new modes."
    )
    assert found(text, "CL212") == []
    # twin: a common word, or an unknown word used once, is still a slip
    assert found("Prices fell. prices rose again.", "CL212") == [("CL212", "prices")]
    assert found("Prices fell. zorbulent weather came.", "CL212") == [("CL212", "zorbulent")]
