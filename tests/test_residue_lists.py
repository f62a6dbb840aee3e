"""Lists inside the article that look like furniture (issue 13, classes 1 and 2).

A fixture list ("Arsenal v Stoke") with a label repeated after each group, and
a list of nominees each closed by "(Show, Channel)", are the article's own
copy: no repeated line, menu, caption or credit.  Each case has a twin in which
the same lines without the list's template are still flagged.
"""

from __future__ import annotations

from copylint.api import lint_text

HEADLINE = "Cup draw sets up old rivals"
PROSE = [
    "The draw for the regional cup was made on Monday, and the holders face a long trip.",
    "The teams are divided into three groups of four and play on successive days in June.",
]


def page(*lines: str) -> str:
    """A text with a blank line between blocks, as an article is written."""
    return "\n\n".join(lines) + "\n"


def codes_by_line(text: str) -> dict[int, set[str]]:
    """1-based line number -> residue codes flagged on it."""
    out: dict[int, set[str]] = {}
    for d in lint_text(text, select=["CL3"]):
        for line in range(d.line, d.end_line + 1):
            out.setdefault(line, set()).add(d.code)
    return out


LABEL = "Winners meet in final match"
FIXTURES = [
    "Seychelles v South Africa",
    "Mauritius v Madagascar",
    LABEL,
    "Mozambique v Zimbabwe",
    "Namibia v Botswana",
    LABEL,
    "Lesotho v Malawi",
    "Zambia v Swaziland",
    LABEL,
]


def test_class1_a_fixture_list_with_a_label_after_each_group_is_content() -> None:
    assert codes_by_line(page(HEADLINE, *PROSE, *FIXTURES)) == {}


def test_class1_the_same_label_repeated_without_fixtures_is_still_flagged() -> None:
    # The label three times between the article's paragraphs and teasers: no rows.
    teasers = [
        "Holders fly out on Friday",
        "Coach names his squad",
        "Stadium gets a new roof",
    ]
    blocks = [HEADLINE, *PROSE]
    for teaser in teasers:
        blocks += [teaser, LABEL]
    flagged = codes_by_line(page(*blocks))
    label_lines = [2 * k + 1 for k, b in enumerate(blocks) if b == LABEL]
    assert all("CL312" in flagged.get(n, set()) for n in label_lines)


def test_class2_a_long_fixture_list_after_the_prose_is_no_menu() -> None:
    rows = [
        "Arsenal v Stoke",
        "Man Utd v Exeter",
        "Plymouth v Everton",
        "Leicester v Blackpool",
        "Derby v Wigan",
        "Wolves v Millwall",
        "Yeading v Newcastle",
        "Milton Keynes Dons v Peterborough",
        "QPR v Nottm Forest",
        "Luton v Hinckley/Brentford",
    ]
    text = page(HEADLINE, *PROSE, *rows, "Matches to be played on the weekend of 8/9 January.")
    assert codes_by_line(text) == {}


def test_class2_a_menu_of_short_lines_is_still_a_menu() -> None:
    menu = ["World", "Business", "Science", "Sport", "Arts"]
    flagged = codes_by_line(page(*menu, HEADLINE, *PROSE))
    assert all("CL313" in flagged.get(2 * k + 1, set()) for k in range(len(menu)))


def test_class2_headlines_with_a_dash_are_no_fixture_rows() -> None:
    # "Title – subtitle" halves are longer than a team's name: still a menu-like run.
    from copylint.checks.residue_options import ResidueOptions

    opts = ResidueOptions.build({"CL313": {"record_separators": ["v", "–"]}})
    assert opts.record_row_re is not None
    assert opts.record_row_re.match("Milton Keynes Dons v Peterborough")
    assert opts.record_row_re.match("Sheff Utd – Aston Villa")
    assert not opts.record_row_re.match("7 Looks for 7 Days – Styling Tips for October")
    assert not opts.record_row_re.match("He said it was Arsenal v Stoke. Then he left")


NOMINEES = [
    "Caroline Quentin (Life Begins, ITV1)",
    "Catherine Tate (The Catherine Tate Show, BBC Two)",
    "Little Britain (BBC Three)",
    "The Simpsons (Twentieth Century Fox, BBC Two/Sky One)",
    "School Of Rock",
]


def test_class2_a_list_of_nominees_is_no_caption_and_credit() -> None:
    text = page(HEADLINE, *PROSE, "The winners were:", *NOMINEES)
    assert codes_by_line(text) == {}


def test_class2_a_lone_caption_with_a_credit_under_it_is_still_flagged() -> None:
    caption = "The holders training in Curepipe before the match (left to right)"
    text = page(HEADLINE, PROSE[0], caption, "Getty Images", PROSE[1])
    flagged = codes_by_line(text)
    assert "CL303" in flagged.get(5, set()) and "CL304" in flagged.get(7, set())


# ------------------------------------------------ numbered items counting up by one
ARTICLE = [
    "Our readers sent us their favourite jokes this month, and the children's were the best.",
    "Here are the ones that made the office laugh the most, with the names of their authors.",
]
#: Jokes with their punchlines: short lines, no prose, numbered one after another.
QA = [
    ("Why did the cow lie down?", "Ground beef"),
    ("What did mother cow say?", "Pasture bedtime"),
    ("What is blue but not heavy?", "Light blue"),
    ("Why did the phone walk in the water?", "Wading for a call"),
    ("What do you call a sleeping bull?", "A bulldozer"),
    ("Why was the maths book sad?", "Too many problems"),
    ("What is a fish with no eyes?", "A fsh"),
    ("Why can't a bicycle stand up?", "Two tired"),
    ("What has ears but cannot hear?", "A cornfield"),
    ("Why did the golfer wear two socks?", "A hole in one"),
]
JOKES = [line for k, (q, a) in enumerate(QA, 1) for line in (f"{k}. {q}", a)]


def test_class2_a_numbered_list_with_answers_between_the_items_is_content() -> None:
    # An advertisement inside the list: the list's short lines after it lie outside
    # the prose, beyond recognised furniture, where short lines are furniture.
    text = "\n".join(
        ["Jokes for kids", *ARTICLE, *JOKES[:4], "Advertisement", *JOKES[4:], "Share", "Tweet"]
    )
    flagged = codes_by_line(text + "\n")
    assert sorted(flagged) == [8, 25, 26]  # the advertisement and the share bar only


def test_class2_a_numbered_box_of_headlines_is_still_furniture() -> None:
    box = [
        "1. Council Agrees New Budget After Long Night Of Talks",
        "2. Harbour Ferry Returns To The Islands After Ten Years",
        "3. Local Team Wins The Cup In A Dramatic Final Match",
        "4. Schools Brace For A Hard Winter Of Closures And Cuts",
    ]
    text = "\n".join(["Jokes for kids", *ARTICLE, *JOKES[:2], "Advertisement", *box]) + "\n"
    flagged = codes_by_line(text)
    assert all(n in flagged for n in range(6 + 1, 6 + 1 + len(box)))
