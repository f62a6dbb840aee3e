"""Glued words (CL201-CL203): what they flag, what they leave alone, and their fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.config import Settings
from copylint.diagnostics import Applicability, Diagnostic
from copylint.document import Document
from copylint.engine import Linter
from copylint.knowledge import KnowledgeBase

from .conftest import BBC, SEED

CODES = ("CL201", "CL202", "CL203")


def lint(
    text: str,
    *,
    accept: tuple[str, ...] = (),
    knowledge: KnowledgeBase | None = None,
    select: tuple[str, ...] = CODES,
) -> list[Diagnostic]:
    settings = Settings(select=select, accept=accept)
    return Linter(settings, knowledge=knowledge).lint_document(Document.plain(text))


def glue_points(text: str, **kw: object) -> list[str]:
    """Each diagnostic shown as the text around its glue point, e.g. 'movie|Scroll'."""
    out = []
    for d in lint(text, **kw):  # type: ignore[arg-type]
        at = d.fix.edits[0].start if d.fix else d.start + 1
        left = text[:at].split()[-1] if text[:at].split() else ""
        right = text[at:].split()[0] if text[at:].split() else ""
        out.append(f"{left.split(':')[-1]}|{right}")
    return out


def apply_fixes(text: str, diags: list[Diagnostic], *, unsafe: bool = True) -> str:
    wanted = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    edits = sorted(
        (e for d in diags if d.fix and d.fix.applicability in wanted for e in d.fix.edits),
        key=lambda e: -e.start,
    )
    for e in edits:
        text = text[: e.start] + e.text + text[e.end :]
    return text


# ------------------------------------------------------------------ the seed's four glue points
SEED_LINES = {
    "Released with permission from FandangoThis is the latest look": "Fandango. This is",
    "Of course, it is Mission: Impossiblewith the chase finding them": "Impossible with the",
    "Today’s movieScroll to continue with the content": "movie Scroll to",
    "Dead Reckoning Part Twois scheduled for release on June 28, 2024.": "Part Two is",
}


@pytest.mark.parametrize(("line", "fixed"), list(SEED_LINES.items()))
def test_seed_glue_points_are_flagged_and_fixed(line: str, fixed: str) -> None:
    diags = lint(line)
    assert len(diags) == 1
    assert diags[0].rule.startswith("joins-")
    assert fixed in apply_fixes(line, diags)


def test_fix_safety_follows_the_explanations() -> None:
    (fandango,) = lint("permission from FandangoThis is the latest")
    assert fandango.code == "CL201"
    assert fandango.fix is not None and fandango.fix.applicability is Applicability.UNSAFE
    assert fandango.fix.edits[0].text == ". "
    (movie,) = lint("Today’s movieScroll to continue")
    assert movie.fix is not None and movie.fix.applicability is Applicability.SAFE
    (impossible,) = lint("it is Mission: Impossiblewith the chase")
    assert impossible.code == "CL202"
    assert impossible.fix is not None and impossible.fix.applicability is Applicability.SAFE
    (period,) = lint("That was the end of the season.Next year the club moves.")
    assert period.code == "CL203"
    assert period.fix is not None and period.fix.applicability is Applicability.UNSAFE


def test_fix_positions_point_at_the_glue_point() -> None:
    text = "Released with permission from FandangoThis is the latest look"
    (d,) = lint(text)
    at = text.index("This")
    assert d.fix is not None and (d.fix.edits[0].start, d.fix.edits[0].end) == (at, at)
    assert d.start < at < d.end


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this checkout")
def test_seed_article_has_exactly_its_four_glue_points() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = sorted(glue_points(text))
    assert found == sorted(["Fandango|This", "Impossible|with", "movie|Scroll", "Two|is"])
    fixed = apply_fixes(text, lint(text))
    for expected in ("Fandango. This", "Impossible with", "movie Scroll", "Part Two is"):
        assert expected in fixed


# ------------------------------------------------------------------ correct text stays quiet
QUIET = [
    "She bought an iPhone on eBay and watched YouTube on her PlayStation.",
    "Directed by Christopher McQuarrie, with Danny DeVito and Ross MacDonald.",
    "Shaquille O'Neill met LeBron James; Elon Musk's SpaceX hired a PhD.",
    "Follow @someHandle and #ThrowbackThursday, or mail first.lastName@example.com.",
    "See https://example.com/someThing and www.example.org/otherThing today.",
    "A well-known, long-awaited e-mail arrived at 10pm after a 5km run in the 1990s.",
    "He ripped an MP3 and burned 20 CDs for three CEOs at the BBC.",
    "Call parseHTML_node() or set userName=admin in the config.",
    "Template: {* backButton *} {* forgotPasswordForm *} {{ userName }}",
    "Call getElementById(name) to find it.",
    "Hayley Atwell and Shea Whigham join the cast.",
    "The company overdrew its account and chose to upsample the footage.",
    "Its latest tool, CloudSimple, was bought by Google.",
    "Scientists measured the psychodramas and smallcaps in the study.",
    "The U.S. Army and Amazon.com posted results at 3.5m.",
]


@pytest.mark.parametrize("text", QUIET)
def test_correct_text_is_not_flagged(text: str) -> None:
    assert lint(text) == []


def test_other_languages_are_not_split_into_english_words() -> None:
    german = (
        "Dieses Konzept bindet den Patienten bei der Behandlung ein und legt Wert auf "
        "einfache Implementierung, sofern der Patient hierfür seine Zustimmung gibt."
    )
    assert lint(german) == []


# ------------------------------------------------------------------ names the project knows
def test_knowledge_base_names_are_not_split(tmp_path: Path) -> None:
    text = "The streaming service vidFlix launched a new series."
    assert glue_points(text) == ["vid|Flix"]
    kfile = tmp_path / "k.yaml"
    kfile.write_text("organisations:\n  - name: vidFlix\n", encoding="utf-8")
    kb = KnowledgeBase.load([kfile])
    assert lint(text, knowledge=kb) == []


def test_accepted_words_are_not_split() -> None:
    text = "The streaming service vidFlix launched a new series."
    assert lint(text, accept=("vidFlix",)) == []
    assert lint(text, accept=("vidflix",)) == []  # accepted words ignore case
    assert lint("Read theterms first.", accept=("theterms",)) == []


# ------------------------------------------------------------------ CL201 forms
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Skip to content HomeNewsSportWeatherTravel", 4),
        ("BREAKING NEWSThe minister resigned.", 1),
        ("Posted 18 Nov 2019, 4:33pmExclusive: sports bodies meet", 1),
        ("Send us a note at our team page: About meHi there, I am Regan.", 1),
        ('they drew."KAZAKHSTAN WINS AGAINKazakhstan also needed the points.', 1),
    ],
)
def test_case_transitions_in_menus_and_headings(text: str, expected: int) -> None:
    diags = lint(text)
    assert [d.code for d in diags] == ["CL201"] * expected


def test_two_plain_capitalised_words_need_company() -> None:
    # Alone in prose, "SportsBusiness" may be a brand; in a menu it is glue.
    assert lint("He read the SportsBusiness Journal on the train.") == []
    menu = "SportsBusiness Health Science MoneyMarkets WorldPolitics"
    assert len(lint(menu)) == 3


# ------------------------------------------------------------------ CL202 and CL203
@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Read theterms before you sign.", "the terms"),
        ("We respect your privacy and the policyof the site.", "policy of"),
        ("The sequel Part Twois due next summer.", "Two is"),
    ],
)
def test_lowercase_glue_is_split(text: str, split: str) -> None:
    diags = lint(text)
    assert [d.code for d in diags] == ["CL202"]
    assert split in apply_fixes(text, diags)


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("TwitterFACEBOOKTWITTERYOUTUBEINSTAGRAM links", "FACEBOOK TWITTER YOUTUBE INSTAGRAM"),
        ("Scientists created apublic health emergency plan.", "a public"),
        ("Subscribe for artsculturebusinesstechnologyscience news", "arts culture business"),
    ],
)
def test_runs_of_words_are_split(text: str, split: str) -> None:
    diags = lint(text)
    assert diags and {d.code for d in diags} <= {"CL201", "CL202"}
    assert split in apply_fixes(text, [d for d in diags if d.code == "CL201"]) or any(
        split in d.message for d in diags
    )


def test_closed_compounds_and_coinages_alone_in_prose_are_not_split() -> None:
    text = "The beermaker showed real bouncebackability after the textphones launch."
    assert lint(text) == []


def test_a_name_used_in_prose_is_not_glue_even_beside_a_menu() -> None:
    menu = "HomeNews SportWeather TravelCulture "
    prose = (
        "We ran experiments in GiveWell communications, then part of GiveWell research "
        "went to other, non-GiveWell funders."
    )
    found = glue_points(menu + prose)
    assert found and not any("Give" in f for f in found)


def test_repeats_of_one_brand_do_not_support_each_other() -> None:
    text = "Users said AutoLink was unfair. Firms which received AutoLinks paid for AutoLink."
    assert lint(text) == []


def test_glued_punctuation() -> None:
    assert [d.code for d in lint("Police arrived at the scene.Officers said little.")] == ["CL203"]
    assert lint("Version 2.0 of Node.js shipped; e.g. the U.K. release.") == []


def test_fixes_converge() -> None:
    text = "Released from FandangoThis is it. Mission: Impossiblewith the end.Next year"
    once = apply_fixes(text, lint(text))
    assert lint(once) == []


# ------------------------------------------------------------------ clean copy stays quiet
@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpus/bbc is not beside this checkout")
def test_clean_bbc_articles_rarely_trigger() -> None:
    files = sorted(BBC.glob("*.txt"))
    assert files
    linter = Linter(Settings(select=CODES))
    total = sum(
        len(linter.lint_document(Document.plain(f.read_text(encoding="utf-8"), str(f))))
        for f in files
    )
    # Budget: at most one joins diagnostic per 60 clean articles (some BBC
    # copy really has glued words: "toprevent", "jack.The").
    assert total <= len(files) / 60


# ------------------------------------------------------------------ issue 13: classes of failure
def test_class15_a_lone_function_word_glued_at_a_case_change_needs_no_support() -> None:
    # Alone, or with one more paragraph: an editor checking one paragraph must see it.
    assert glue_points("The film opens on FridayWith a new trailer.") == ["Friday|With"]
    two = "The film opens on FridayWith a new trailer.\n\nThe studio confirmed the date today."
    (diag,) = lint(two)
    # Which punctuation was lost (a space, "with", a full stop) is not known: not safe.
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE


def test_class15_brand_like_pairs_alone_stay_quiet() -> None:
    # A brand that ends in a content word, or a function word with no prose after it.
    assert lint("Google has bought CloudSimple, a startup.") == []
    assert lint("Use the SignIn.") == []
    assert lint("She joined LinkedIn in 2010.") == []


def test_class13_brands_and_compounds_never_get_a_safe_split() -> None:
    # In prose, brand-shaped words do not support each other: only a sure glue point does.
    assert lint("vice president of SpeechWorks, a division of ScanSoft, and others.") == []
    # In a flattened menu they do, but the space is still a person's call.
    diags = lint("Partners SpeechWorks ScanSoft PayPerAction GreenFairy")
    assert len(diags) >= 3
    assert all(d.fix is not None and d.fix.applicability is not Applicability.SAFE for d in diags)
    # "weblogger" is weblog + g + er (round 3: not flagged at all); a split after a
    # two-letter function word is still never safe ("we|blogger" was the false one)
    assert lint("An Iranian weblogger has been jailed for 14 years.") == []
    (short,) = lint("The town hewanted to see was far away.")
    assert short.fix is not None and short.fix.applicability is not Applicability.SAFE


def test_class13_a_function_word_glued_to_the_end_keeps_its_safe_fix() -> None:
    for text in (
        "it is Mission: Impossiblewith the chase",
        "the policyof the state",
        "Read thefilm now",
    ):
        (diag,) = lint(text)
        assert diag.fix is not None and diag.fix.applicability is Applicability.SAFE, text


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Season 3was the best of the show.", "Season 3 was the best"),
        ("Dead Reckoning Part 2is out now.", "Part 2 is out"),
        ("The first edition2was sold out.", "first edition 2 was sold"),
    ],
)
def test_class9_a_numeral_glued_to_a_word_is_split(text: str, fixed: str) -> None:
    (diag,) = lint(text)
    assert diag.code == "CL202"
    assert diag.fix is not None and diag.fix.applicability is Applicability.SAFE
    assert fixed in apply_fixes(text, [diag], unsafe=False)


def test_a_known_title_word_glued_to_any_longer_function_word_is_split(tmp_path: Path) -> None:
    # "will" is no capital tail ("Atwill", "Goodwill" end names), but after a word of
    # a known title the knowledge vouches for the head (issue 14, held-out article).
    text = "Critics loved the first run. The Quarry Lanternswill return next year."
    assert lint(text) == []  # unknown head: it may be a name
    kfile = tmp_path / "k.yaml"
    kfile.write_text("works:\n  - title: The Quarry Lanterns\n", encoding="utf-8")
    kb = KnowledgeBase.load([kfile])
    (diag,) = lint(text, knowledge=kb)
    assert diag.code == "CL202"
    assert "Lanterns will" in apply_fixes(text, [diag], unsafe=False)
    # twin: a known name with a two-letter function word after it stays whole
    assert lint("Critics loved the first run. Lanternsto was there.", knowledge=kb) == []


def test_two_function_words_glued_are_split_though_the_lexicon_lists_them() -> None:
    # web text glues "of the" so often that the lexicon lists "ofthe" (zipf 3.3)
    text = "They walked in the shadow ofthe old mill, and forthe rest of the night."
    diags = lint(text)
    assert [d.code for d in diags] == ["CL202", "CL202"]
    assert "“of the”" in diags[0].message and "“for the”" in diags[1].message
    # twins: real words made of two function words, or close to it
    quiet = "The plan was rejected in toto; the plots abut the river; they atone for it."
    assert lint(quiet) == []


def test_a_comma_glued_to_a_function_word_is_found() -> None:
    text = "The spy thriller,which runs to two hours, was cut to the bone."
    (diag,) = lint(text)
    assert diag.code == "CL203" and "thriller, which" in apply_fixes(text, [diag], unsafe=True)
    # twins: figures, a tag list, coordinates and code are no prose
    quiet = "It made 1,000 dollars. Tags: news,sport,weather. Plot x,y and call f(a,b)."
    assert lint(quiet) == []


def test_a_number_word_glued_to_a_word_is_split() -> None:
    # number words are closed-class: "sixweeks" is no closed compound
    text = "The show drew 6.1 million viewers across its sixweeks on air."
    (diag,) = lint(text)
    assert diag.code == "CL202" and "six weeks" in apply_fixes(text, [diag], unsafe=True)
    # twin: known words made with a number word stay whole
    assert lint("She did it herself, tenfold, and someone noticed the twofold gain.") == []


def test_class9_units_ordinals_and_codes_stay_quiet() -> None:
    text = "At 10pm the 3rd act of the 1990s show ran 5km, a 4in screen, mp3was.com and 4to paper."
    assert lint(text) == []


def test_class10_a_known_name_glued_to_a_function_word_is_split(tmp_path: Path) -> None:
    text = "Later Cruise and Atwellwith the team ran for the train."
    assert lint(text) == []  # "Atwell" is rare in the lexicon: alone it may be a name
    kfile = tmp_path / "k.yaml"
    kfile.write_text("people:\n  - name: Hayley Atwell\n", encoding="utf-8")
    kb = KnowledgeBase.load([kfile])
    (diag,) = lint(text, knowledge=kb)
    assert diag.code == "CL202"
    assert "Atwell with" in apply_fixes(text, [diag], unsafe=False)


def test_a_credited_name_glued_to_a_common_word_is_found(tmp_path: Path) -> None:
    # A headline run into its label: the surname of the active work's character,
    # then a common word.  Alone, two capitalised words look like a brand.
    text = "Season two of Fernbridge: first look at DI OkaforExclusive\n\nThe show returns soon.\n"
    assert lint(text) == []
    kfile = tmp_path / "k.yaml"
    kfile.write_text(
        "works:\n  - title: Fernbridge\n    cast:\n"
        "      - {name: Ada Lindqvist, character: Tomi Okafor}\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([kfile])
    (diag,) = lint(text, knowledge=kb)
    assert diag.code == "CL201" and diag.fix is not None
    assert diag.fix.applicability is Applicability.UNSAFE
    assert "Okafor Exclusive" in apply_fixes(text, [diag], unsafe=True)


def test_an_active_surname_glued_to_a_common_word_is_split(tmp_path: Path) -> None:
    text = "Fernbridge is back, and Lindqvistreturns to the role with a new edge."
    assert lint(text) == []  # an unknown capitalised word is most often a name
    kfile = tmp_path / "k.yaml"
    kfile.write_text(
        "works:\n  - title: Fernbridge\n    cast:\n      - {name: Ada Lindqvist}\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([kfile])
    (diag,) = lint(text, knowledge=kb)
    assert diag.code == "CL202" and "Lindqvist returns" in apply_fixes(text, [diag], unsafe=True)
    # twins: no work of hers named; a given name with a word on it; a short ending
    assert lint("Lindqvistreturns to the role with a new edge.", knowledge=kb) == []
    assert lint("Fernbridge is back, and Adastone is the new town.", knowledge=kb) == []
    assert lint("Fernbridge is back, and Lindqvistson is its mayor.", knowledge=kb) == []


def test_a_brand_or_an_inactive_name_glued_to_a_word_stays_quiet(tmp_path: Path) -> None:
    kfile = tmp_path / "k.yaml"
    kfile.write_text(
        "works:\n  - title: Fernbridge\n    cast:\n"
        "      - {name: Ada Lindqvist, character: Tomi Okafor}\n"
        "organisations:\n  - name: Nordlys\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([kfile])
    # an organisation's brand, and a person's name with no work of theirs named
    assert lint("Fernbridge streams on NordlysPlay from May.", knowledge=kb) == []
    assert lint("A first look at DI OkaforExclusive on the channel.", knowledge=kb) == []
    # the character's two name words together are no glue of a name and a word
    assert lint("Fernbridge fans call her TomiOkafor online.", knowledge=kb) == []


# Round 2: classes of missed glue points on flattened pages (joins recall).
_PROSE = (
    "The committee met on Tuesday to discuss the budget for the coming year, and most "
    "members agreed that the plan needed more work before the final vote next month. "
)


def test_a_word_glued_before_a_hyphen_or_a_lost_full_stop_is_split() -> None:
    text = (
        _PROSE + "Most of these vehicles still run ontwo-stroke engines that pollute the air. "
        "You have to be willing to be aleader.Welcome to the second part of the series."
    )
    assert glue_points(text) == ["on|two-stroke", "a|leader.Welcome"]
    # twin: a hyphen chain is a slug or a class name, a lowercase word after the
    # full stop is a domain or a file name
    quiet = _PROSE + "See the page at example.online or wide-browser-and-tablet-above today."
    assert lint(quiet) == []


def test_three_short_words_with_two_function_words_are_split() -> None:
    text = _PROSE + "If I want people to buy it, I have tomarketit properly for a long time."
    points = glue_points(text)
    assert points == ["to|marketit", "tomarket|it"]
    # twin: a short rare word whose pieces hold fewer function words stays whole
    assert lint(_PROSE + "The city lies at the foot of the kilimanjaro massif today.") == []


def test_a_word_glued_to_a_clitic_is_split() -> None:
    text = _PROSE + "The new console isn’tterrible, and the city’sconstruction boom goes on."
    diags = lint(text)
    assert [d.code for d in diags] == ["CL202", "CL202"]
    assert all(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in diags)
    assert "isn’t terrible" in apply_fixes(text, diags, unsafe=True)
    # twin: names and archaic forms after an apostrophe stay whole
    assert (
        lint(_PROSE + "Mr O’donnell said ’twas late, and the company’s plans didn’t change.") == []
    )


def test_a_clitic_glue_the_lexicon_lists_as_junk_is_split() -> None:
    # The lexicon lists web glue such as "snew" (from "it'snew") as a rare word.
    text = _PROSE + "The studio said Corvane’snew menu is fiddly."
    diags = lint(text)
    assert [d.code for d in diags] == ["CL202"]
    assert "Corvane’s new menu" in apply_fixes(text, diags, unsafe=True)
    # the message names the whole glued word, not the clitic alone
    assert diags[0].message == "“Corvane’snew” looks like “Corvane’s new” run together"
    # twin: a whole that is a real word stays ("it’sold" may be "it's sold")
    assert lint(_PROSE + "The studio said it’sold out, and ’twas true.") == []


def test_a_menu_of_glued_lowercase_words_counts_as_english() -> None:
    # Each glued item makes the words around the next one look unknown; words that
    # are two common words end to end still count as English.
    menu = "home deliverydigital subscriptionseducation ratemobile applicationsreplica edition"
    assert len(lint(menu)) >= 3
    # twin: a German text around an unknown word is no English menu
    german = "Die Versicherten können alle vorliegenden Daten über ihr Smartphone einsehen."
    assert lint(german) == []


def test_a_glued_pair_the_lexicon_lists_as_a_rare_word_is_split() -> None:
    # Web text glues words so often that the lexicon lists "thefirst" and "orif".
    text = _PROSE + "Samsung was thefirst to ship it, orif you prefer, the earliest one."
    assert glue_points(text) == ["the|first", "or|if"]
    # twin: rare words made of two short words are real words
    assert lint(_PROSE + "He tried to atone for the ship that ran aground near the isle.") == []


def test_a_common_word_with_a_function_word_glued_is_no_inflection() -> None:
    # "boomis" is no plural of a rare "boomi"
    text = _PROSE + "The city’s construction boomis also a concern for the families nearby."
    assert glue_points(text) == ["boom|is"]
    # twin: a plural of a known word stays whole
    assert lint(_PROSE + "The psychodramas of the season were a concern for the families.") == []


def test_brand_names_in_a_list_or_at_a_sentence_end_are_prose() -> None:
    # Menus have no commas or full stops between their glued items; a list of
    # names in a sentence does, and only a sure glue point supports its brands.
    text = (
        "Among the nominees were GreenFairyDotcom, Londonist, PlasticBag and others. "
        "He was vice president of SpeechWorks, a division of ScanSoft. It grew fast."
    )
    assert lint(text) == []
    # twin: the same names glued in a menu are flagged
    assert len(lint("Home GreenFairyDotcom PlasticBag ScanSoft NewsSport")) >= 4


def test_two_capitalised_words_glued_right_after_a_sentence_end_are_flagged() -> None:
    # "drug.GettyMarijuana": the run is glued to the sentence before it, so the
    # glue point inside it is no brand's; a person decides on the space.
    text = _PROSE + "It was about the use of the drug.GettyMarijuana for recreational use is legal."
    (diag,) = [d for d in lint(text) if d.code == "CL201"]
    assert text[diag.start : diag.end] == "yM"
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE
    # twin: the same brand after a spaced sentence end stays quiet
    assert lint(_PROSE + "It was about the drug. GettyMarijuana is a brand, they said.") == []


def test_a_function_word_glued_to_a_lowercase_word_is_no_known_form() -> None:
    # The lexicon lists "amit" and "warby" (names); glued as "amIt’s", "warBy" they
    # are a lowercase word and a function word.
    text = "Posted at 6:34 amIt’s a good thing. What to make of the trade warBy Jill Disis."
    assert glue_points(text)[:2] == ["am|It’s", "war|By"]
    # twin: mixed-case brands whose tail is no function word stay quiet
    assert lint("She bought an iPhone on eBay and watched YouTube on her PlayStation.") == []


def test_a_long_rarer_word_with_a_function_word_glued_on_is_split() -> None:
    # plurals and derived words are rarer than their stems: "miscarriages" 2.8
    text = _PROSE + "She has suffered several miscarriagesin the past, the doctors said."
    assert glue_points(text) == ["miscarriages|in"]
    # twin: a rare word whose end only looks like a function word stays whole
    assert lint(_PROSE + "The old sultanas and the cardamom were on the shelf.") == []


def test_del_and_della_start_names() -> None:
    text = "Kathleen DelGiorno, now a staff scientist, met Anna DellaValle at the lab."
    assert lint(text) == []
    # twin: a word that only starts with the letters of a prefix is still glued in a menu
    assert "Delhi|Menu" in glue_points("HomeNewsSport DelhiMenu WeatherTravel")


def test_a_word_derived_with_a_doubled_consonant_is_no_glue() -> None:
    # "weblogging" is "weblog" + g + ing, not "we" + "blogging" (issue 13, class 13)
    text = _PROSE + "She took up weblogging in 2003 and never stopped since then."
    assert lint(text) == []
    # twin: a function word glued to a word of the same shape is still split
    text = _PROSE + "She took up blogging in 2003, hesaid to me, and never stopped."
    assert glue_points(text) == ["he|said"]


def test_a_lowercase_prefix_with_an_unknown_all_caps_name_is_a_product() -> None:
    # "SSEYO miniMIXA": product names join a prefix and a coined name in capitals
    text = _PROSE + "The music award went to Qovex nanoZYRTA, a phone sequencer for composers."
    assert lint(text) == []
    # twin: a lost space before a known acronym or word in capitals is still sure
    text = _PROSE + "The music award went to her, the jury toldCBS News on Monday night."
    assert glue_points(text) == ["told|CBS"]


def test_capitalised_words_run_together_before_a_company_designator_are_a_name() -> None:
    # "PayPerAction LLC.": a sure glue point nearby ("ofTexas") supports two
    # capitalised words glued together, but a designator makes them a name
    text = (
        "The lawsuit names a student at the University ofTexas and two firms, "
        "FastPerLead LLC. and Brightmoor Inc, which sent millions of messages."
    )
    assert glue_points(text) == ["of|Texas"]
    # twin: the same form with no designator, next to the same sure glue point
    text = text.replace("FastPerLead LLC.", "the FastPerLead group")
    assert glue_points(text) == ["of|Texas", "Fast|PerLead", "FastPer|Lead"]
    # twin: a menu item glued to a company name in capitals is still flagged
    menu = "Showcase VeeamCarbonite Cloud StorageHP Inc. Toner InkEaton"
    assert "Storage|HP" in glue_points(menu)


def test_a_word_a_longer_known_word_starts_is_no_sure_function_word_glue() -> None:
    # "islandscape": "is|landscape" or "island|scape"? A known word running past
    # the function word ("island") makes the split doubtful, as "weblog" does "we|blogger"
    text = _PROSE + "She painted the islandscape of her childhood for many years."
    assert lint(text) == []
    # twin: the same shape with no longer word at its start is still a glue point
    text = _PROSE + "She painted the view, which islarge and bright, for many years."
    assert glue_points(text) == ["is|large"]


def test_a_word_glued_to_a_closed_class_word_beyond_articles_and_pronouns_is_split() -> None:
    # prepositions, conjunctions, determiners and adverbs of the closed class are
    # function words too: "untilspring", "becausethe", "nowireless", "gohere"
    text = _PROSE + "The team stays in the city untilspring and then moves to the coast."
    assert glue_points(text) == ["until|spring"]
    text = _PROSE + "A year ago there was nowireless charging case for the phone."
    assert glue_points(text) == ["no|wireless"]
    # twins: the same sentences written correctly stay quiet
    assert (
        lint(_PROSE + "The team stays in the city until spring and then moves to the coast.") == []
    )
    assert lint(_PROSE + "A year ago there was no wireless charging case for the phone.") == []


def test_a_short_head_with_no_vowel_is_no_word_before_a_function_word() -> None:
    # "plany" (a typo for "plenty") is no "pl any": two consonants are an abbreviation
    text = _PROSE + "There are plany of modern books that would do the same job today."
    assert not [d for d in lint(text) if "pl any" in d.message]
    # twin: a short word with a vowel glued to a function word is still split
    text = _PROSE + "For more information on the project, gohere and read the report."
    assert glue_points(text) == ["go|here"]


def test_a_flattened_a_to_z_index_is_split_letter_by_letter() -> None:
    text = "News Features CommentsTagsabcdefghijklmnopqrstuvwxyz\nThe review starts here."
    index = [d for d in lint(text) if d.code == "CL202"]
    assert [d.fix.edits[0].start for d in index if d.fix] == list(range(26, 52))  # Tags|a … y|z
    assert all(d.fix and d.fix.applicability is Applicability.DISPLAY for d in index)
    # twins: the alphabet on its own is a sample, and a few letters in order are a word
    assert lint(_PROSE + "The test string abcdefghijklmnopqrstuvwxyz holds every letter.") == []
    assert lint(_PROSE + "The shop sold defghi rings and abcde toys.") == []


def test_a_name_with_a_past_tense_verb_glued_on_is_split() -> None:
    # names and brands do not end in a verb's inflection: "Gazettereported"
    text = _PROSE + "The mayor resigned on Friday, and the Gazettereported the news a day later."
    assert glue_points(text) == ["Gazette|reported"]
    # twins: written correctly, and a prefix-like head ("Overpriced", "Outnumbered")
    assert lint(_PROSE + "The mayor resigned on Friday, and the Gazette reported it.") == []
    assert lint(_PROSE + "Outgunned and outnumbered, the rebels fell back to the hills.") == []


def test_a_word_glued_to_the_next_storys_dateline_is_found() -> None:
    # "KhanLAHORE: The minister…": a place name in capitals, then a colon or "(AP) —"
    text = "Ministers meet the cleric Ayesha KhanLAHORE: The minister said on Monday that talks"
    assert glue_points(text) == ["Khan|LAHORE:"]
    text = "Back to GalleryBOSTON (AP) — The governor said on Monday that the plan would"
    assert glue_points(text) == ["Gallery|BOSTON"]
    # twin: a brand ending in capitals with no dateline after it stays quiet
    assert lint(_PROSE + "She bought a PowerMAX drill and a new saw for the workshop.") == []


def test_a_menu_or_a_word_glued_to_a_domain_name_is_found() -> None:
    # a flattened menu that ends in the site's domain, and a word glued to its front
    menu = "Travel & StyleHealthGardenCarsPropertyFoodDietsACMENEWS.co.uk Apps Puzzles"
    cuts = [d.fix.edits[0].start for d in lint(menu) if d.fix]
    words = ["Health", "Garden", "Cars", "Property", "Food", "Diets"]
    # each menu item is split off; the domain's own glue point ("Diets|ACMENEWS") is not
    assert cuts == [menu.index(w) for w in words]
    text = _PROSE + "The essay was first published onTechCrunch.com in March of that year."
    assert glue_points(text) == ["on|TechCrunch.com"]
    # twins: domain names written in camel case stay quiet
    text = _PROSE + "Figures from BoxOfficeMojo.com and NBCNews.com agree on the total."
    assert lint(text) == []


def test_a_capitalised_word_used_once_with_a_function_word_glued_on_is_split() -> None:
    # "Courton Monday", "Cohenat the": a common capitalised word, a function word
    # glued on, the sentence going on after it, and the form written only once
    text = _PROSE + "The Embassyin the capital said the city must act before the winter."
    diags = lint(text)
    assert glue_points(text) == ["Embassy|in"]
    assert diags[0].fix and diags[0].fix.applicability is Applicability.UNSAFE
    # twins: a name written twice, a name before another name, and a name ending
    # in a word that ends many names stay quiet
    twice = _PROSE + "Judge Parkat said no. Later Parkat said the city must act at once."
    assert lint(twice) == []
    assert lint(_PROSE + "The film, directed by Southan Morris, opens in the spring.") == []
    assert lint(_PROSE + "The youngest was Edward Turnour, who won the seat in 1904.") == []


def test_a_word_with_the_article_a_glued_on_is_split() -> None:
    text = _PROSE + "The senator now facesa charge of fraud in the state court."
    assert glue_points(text) == ["faces|a"]
    # twins: written correctly; words and names that end in "a"
    assert lint(_PROSE + "The senator now faces a charge of fraud in the state court.") == []
    text = _PROSE + "They met at the cinema with Roberta and ate quinoa and pizza."
    assert lint(text) == []


def test_a_capitalised_word_with_said_or_says_glued_on_is_split() -> None:
    text = _PROSE + "Officials in Yorksaid the roads would reopen on Monday morning."
    assert glue_points(text) == ["York|said"]
    # twin: written correctly
    assert lint(_PROSE + "Officials in York said the roads would reopen on Monday.") == []


def test_one_word_glued_to_several_words_nearby_is_a_flattened_template() -> None:
    # "Share this with FacebookShare this with …": each glue point sits between
    # lowercase words, as brands in prose do, but the same word is glued on each time
    text = _PROSE + (
        "Share this with FacebookShare this with MessengerShare this with TwitterShare this"
    )
    assert glue_points(text) == ["Facebook|Share", "Messenger|Share", "Twitter|Share"]
    # twin: one ending written twice is a spelling (German "PolitikerInnen und ExpertInnen")
    assert lint(_PROSE + "They met the PolitikerInnen and the ExpertInnen of the city.") == []
    # twins: the same template written correctly, and brands in prose with other tails
    assert lint(_PROSE + "Share this with Facebook. Share this with Messenger.") == []
    assert lint(_PROSE + "Shares in ScanSoft rose while SpeechWorks fell on the news.") == []


def test_a_menu_glued_to_the_front_of_a_web_address_is_still_found() -> None:
    # the address is code; the menu before it is not ("…JobsCarsMenuhttps://…")
    text = "2019ObituariesClassifiedsJobsCarsListen:https://example.com/a_b?id=1 more"
    cuts = [d.fix.edits[0].start for d in lint(text) if d.fix]
    assert cuts == [text.index(w) for w in ("Classifieds", "Jobs", "Cars", "Listen")]
    # twin: glue points inside the address stay quiet
    assert lint("See https://example.com/NewsSportWeather_Page?id=1 for more.") == []
    assert lint("Listen:https://example.com/NewsSportWeather_TravelCulture") == []


def test_a_menu_item_with_an_at_sign_is_no_email_address() -> None:
    # "Women@Work" is a section's name; an address has a dot in its domain
    text = "Sections HockeyGolfColumnistsWomen@WorkTechnology Salary Wizard"
    cuts = [d.fix.edits[0].start for d in lint(text) if d.fix]
    assert cuts[:3] == [text.index(w) for w in ("Golf", "Columnists", "Women")]
    # twins: an email address and a handle written in camel case stay quiet
    assert lint(_PROSE + "Write to JaneDoe@ExampleMail.com or follow @JaneDoe today.") == []


def test_a_breadcrumb_separator_is_no_code() -> None:
    # "WorldNews>Nation": a lone ">" separates a breadcrumb's items
    text = "Subscribe nowCloseNationWorldNews>Nation Meth labs found"
    cuts = [d.fix.edits[0].start for d in lint(text) if d.fix]
    assert cuts == [text.index(w) for w in ("Close", "Nation", "World")]
    # twins: markup and arrows are still code
    assert lint("<b>CloseNationWorldNews</b> and a->getElementName for it") == []


def test_an_acronym_with_a_function_word_glued_on_is_found() -> None:
    text = _PROSE + "She has been using the smart TVwith no other box in the room."
    assert glue_points(text) == ["TV|with"]
    # twins: plurals and mixed-case forms of acronyms are no glue
    assert lint(_PROSE + "She sold 20 CDs and TVs, met three CEOs and earned a PhD.") == []


def test_short_capitals_products_and_short_heads_stay_quiet() -> None:
    # twins of the dateline, acronym and single-use rules: an acronym or a product
    # before a colon is no place ("ChatGPT:"), a two-letter word after capitals ends
    # product names ("ARKit", "WLan"), a short capitalised word is more likely a name
    assert lint(_PROSE + "The firm showed FreeVPN: a tool that hides the address.") == []
    assert lint(_PROSE + "She built the game with ARKit and a WLan at home.") == []
    assert lint(_PROSE + "Later that day they met Halin the market square.") == []
    # and the article glued on is a likely reading, not a sure one
    (diag,) = lint(_PROSE + "The senator now facesa charge of fraud in the state court.")
    assert diag.fix and diag.fix.applicability is Applicability.UNSAFE


def test_a_function_word_glued_to_the_front_is_safe_only_before_a_common_word() -> None:
    # "somebunny" (a pun) may be meant; "some bunny" is a guess, not a sure fix
    (diag,) = lint(_PROSE + "The card said somebunny loves you, and she laughed.")
    assert diag.fix and diag.fix.applicability is Applicability.UNSAFE
    # twin: before a common word the split stays safe
    (diag,) = lint(_PROSE + "Read theterms before you sign the contract today.")
    assert diag.fix and diag.fix.applicability is Applicability.SAFE


def test_a_run_with_no_glue_point_before_a_domain_does_not_crash_the_rule() -> None:
    """ "o'NEILLs.com": one case segment (an apostrophe before the capitals), a
    lowercase head, a domain after it; the rule asked for a glue point it had not
    and crashed (CL001)."""
    text = "Visit o'NEILLs.com today, or byWordPress.com and NBCNews.com for the news."
    codes = [d.code for d in lint(text, select=(*CODES, "CL001"))]
    assert "CL001" not in codes
    assert codes == []
