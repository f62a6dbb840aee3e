"""Fixes never destroy structure: tables, lists, code and markup survive every fix (issue 12).

The box-office example of the issue runs through the real command line; the
mapping rules (a fix edits only the element it claims, or becomes a
suggestion) are tested one class of failure at a time on synthetic
documents, through :func:`copylint.fixmap.map_fix`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.diagnostics import Applicability, Edit, Fix
from copylint.fixmap import map_fix
from copylint.formats import build_document
from tests.conftest import run_cli

TABLE = "| Rank | Film | Gross |\n|---:|---|---:|\n| 1 | Oppenheimer | 82 |\n| 2 | Barbie | 162 |\n"
BOX_OFFICE = (
    TABLE + "\nFigures are in millions of dollars.\n\n"
    "    (a fenced code block, an HTML comment)\n\nLeave a Reply\n"
)
BOX_OFFICE_CODE = (
    TABLE + "\nFigures are in millions of dollars.\n\nLeave a Reply\n```\ncode here\n```\n\n"
    "Share this\n<!-- a comment -->\n\nMore text follows here in a real sentence.\n"
)
BOX_OFFICE_HTML = """<html><head><title>Box office</title></head><body>
<table>
<tr><th>Rank</th><th>Film</th><th>Gross</th></tr>
<tr><td>1</td><td>Oppenheimer</td><td>82</td></tr>
<tr><td>2</td><td>Barbie</td><td>162</td></tr>
</table>
<p>Figures are in millions of dollars.</p>
<div class="share"><p>Share this</p></div>
<h3>Leave a Reply</h3>
<footer><p>© 2023 Example Media. All rights reserved.</p></footer>
</body></html>
"""


def fix_file(tmp_path: Path, name: str, text: str, *extra: str) -> tuple[str, str]:
    """(report before fixing, fixed text) from the real command line."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = run_cli("--isolated", "--no-cache", str(path), cwd=tmp_path).stdout
    run_cli("--isolated", "--no-cache", "--fix", *extra, str(path), cwd=tmp_path)
    return report, path.read_text(encoding="utf-8")


# ----------------------------------------------------------------- the example
def test_box_office_table_cells_are_content_and_survive_fix(tmp_path: Path) -> None:
    report, fixed = fix_file(tmp_path, "box.md", BOX_OFFICE)
    assert "“1”" not in report and "“82”" not in report and "“162”" not in report
    assert "Leave a Reply" in report
    assert fixed.startswith(TABLE)  # the table, byte for byte
    assert "    (a fenced code block, an HTML comment)\n" in fixed
    assert "Leave a Reply" not in fixed
    assert fixed == BOX_OFFICE.replace("\n\nLeave a Reply\n", "\n")


def test_code_and_comments_after_residue_lines_are_kept(tmp_path: Path) -> None:
    _, fixed = fix_file(tmp_path, "box.md", BOX_OFFICE_CODE, "--unsafe-fixes")
    assert fixed.startswith(TABLE)
    assert "```\ncode here\n```\n" in fixed
    assert "<!-- a comment -->\n" in fixed
    assert "Leave a Reply" not in fixed and "Share this" not in fixed


def test_html_fixes_remove_whole_elements_and_keep_the_table(tmp_path: Path) -> None:
    report, fixed = fix_file(tmp_path, "box.html", BOX_OFFICE_HTML, "--unsafe-fixes")
    assert "CL301" in report and "CL311" in report
    start = BOX_OFFICE_HTML.index("<table>")
    end = BOX_OFFICE_HTML.index("</table>") + len("</table>")
    assert BOX_OFFICE_HTML[start:end] in fixed
    for gone in ("Share this", "Leave a Reply", "©", "<footer>", "<h3>", 'class="share"'):
        assert gone not in fixed
    for empty in ("<p></p>", "<h3></h3>", "<div></div>", "<td></td>", "<footer></footer>"):
        assert empty not in fixed
    assert fixed.count("<p>") == fixed.count("</p>") == 1


# ----------------------------------------------------------------- mapping, one rule each
def deletion(doc_text: str, needle: str, *, line: bool = False) -> Edit:
    """A text-view deletion of ``needle`` (and the line end after it, with ``line``)."""
    i = doc_text.index(needle)
    end = i + len(needle) + (1 if line and doc_text[i + len(needle) :].startswith("\n") else 0)
    return Edit.delete(i, end)


def mapped(name: str, source: str, *edits_of: tuple[str, str, bool]) -> tuple[Fix, str]:
    """The mapped fix for edits given as (needle, replacement, whole line) and its result."""
    doc = build_document(name, source)
    edits = []
    for needle, text, line in edits_of:
        e = deletion(doc.text, needle, line=line)
        edits.append(Edit(e.start, e.end, text))
    fix = map_fix(doc, Fix("t", tuple(edits), Applicability.SAFE))
    out = source
    for e in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.text + out[e.end :]
    return fix, out


def test_a_table_cell_is_never_deleted_on_its_own() -> None:
    fix, _ = mapped("t.md", TABLE, ("82", "", True))
    assert fix.applicability is Applicability.DISPLAY
    fix, _ = mapped("t.html", BOX_OFFICE_HTML, ("82", "", False))
    assert fix.applicability is Applicability.DISPLAY


def test_a_table_keeps_its_rows_only_the_whole_table_goes() -> None:
    for needle in ("1\tOppenheimer\t82", "Rank\tFilm\tGross"):
        fix, _ = mapped("t.md", TABLE, (needle, "", True))
        assert fix.applicability is Applicability.DISPLAY, needle
    fix, _ = mapped("t.html", BOX_OFFICE_HTML, ("2\tBarbie\t162", "", True))
    assert fix.applicability is Applicability.DISPLAY


def test_residue_rules_never_claim_part_of_a_table(tmp_path: Path) -> None:
    # The repeated-line rule would claim the repeated row; in a table it is content.
    src = "| Film |\n|---|\n| Barbie |\n| Barbie |\n\nBarbie\n\nBarbie\n"
    path = tmp_path / "t.md"
    path.write_text(src, encoding="utf-8")
    report = run_cli("--isolated", "--no-cache", str(path), cwd=tmp_path).stdout
    assert not [ln for ln in report.splitlines() if ln.startswith(f"{path}:3:")]
    assert not [ln for ln in report.splitlines() if ln.startswith(f"{path}:4:")]


def test_a_whole_table_goes_with_its_delimiter_row() -> None:
    src = "Intro line.\n\n" + TABLE + "\nOutro line.\n"
    doc = build_document("t.md", src)
    i, j = doc.text.index("Rank"), doc.text.index("162") + 3
    fix = map_fix(doc, Fix("t", (Edit.delete(i, j + 1),), Applicability.SAFE))
    assert fix.applicability is Applicability.SAFE
    assert len(fix.edits) == 1
    e = fix.edits[0]
    assert src[: e.start] + src[e.end :] == "Intro line.\n\nOutro line.\n"


def test_a_deletion_running_into_the_next_block_is_a_suggestion() -> None:
    src = "Leave a Reply\n\nThe real article starts here.\n"
    doc = build_document("t.md", src)
    i = doc.text.index("Leave")
    j = doc.text.index("real")
    fix = map_fix(doc, Fix("t", (Edit.delete(i, j),), Applicability.SAFE))
    assert fix.applicability is Applicability.DISPLAY


def test_replacements_never_touch_hidden_markup() -> None:
    src = "Fans of *Mission: Impossible*with Tom [Cruz](http://x.test/cruz) here.\n"
    fix, out = mapped("t.md", src, ("Cruz", "Cruise", False))
    assert fix.applicability is Applicability.SAFE
    assert out == src.replace("[Cruz]", "[Cruise]")  # the link target is left alone
    fix, _ = mapped("t.md", src, ("Impossiblewith", "Impossible with", False))
    assert fix.applicability is Applicability.DISPLAY  # it would eat the closing '*'
    doc = build_document("t.md", src)
    at = doc.text.index("with")
    fix = map_fix(doc, Fix("t", (Edit.insert(at, " "),), Applicability.SAFE))
    assert fix.applicability is Applicability.SAFE
    (e,) = fix.edits
    assert src[: e.start] + " " + src[e.start :] == src.replace("*with", "* with")


def test_a_deleted_paragraph_takes_its_separator_and_no_neighbour() -> None:
    src = (
        "First para.\n\nShare this\n\n- one\n- Share this\n- three\n\n"
        "> quoted\n>\n> Advertisement\n"
    )
    for needle, expect in (
        ("Share this", src.replace("Share this\n\n", "", 1)),
        ("Advertisement", src.replace(">\n> Advertisement\n", "")),
    ):
        fix, out = mapped("t.md", src, (needle, "", True))
        assert fix.applicability is Applicability.SAFE, needle
        assert out == expect
    doc = build_document("t.md", src)
    k = doc.text.index("Share this", doc.text.index("one"))
    fix = map_fix(doc, Fix("t", (Edit.delete(k, k + len("Share this") + 1),), Applicability.SAFE))
    out = src[: fix.edits[0].start] + src[fix.edits[0].end :]
    assert out == src.replace("- Share this\n", "")


def test_a_wrapper_with_nothing_else_in_it_goes_with_its_content() -> None:
    src = '<body><p>Article text.</p><div class="x"><p>Share this</p></div><p>More.</p></body>'
    fix, out = mapped("t.html", src, ("Share this", "", True))
    assert out == "<body><p>Article text.</p><p>More.</p></body>"


@pytest.mark.parametrize(
    "src",
    [
        "<p>Share this <!-- tracking --></p>",
        "<p>Share this <img src=x.png></p>",
        "Share this `code`\n",
        "Share this <!-- note -->\n",
    ],
)
def test_an_element_holding_hidden_content_is_not_deleted(src: str) -> None:
    name = "t.html" if src.startswith("<p>") else "t.md"
    doc = build_document(name, src)
    text = doc.text.strip()
    i = doc.text.index(text)
    fix = map_fix(doc, Fix("t", (Edit.delete(i, i + len(text)),), Applicability.SAFE))
    assert fix.applicability is Applicability.DISPLAY


def test_plain_text_keeps_todays_behaviour() -> None:
    doc = build_document("t.txt", "| 1 | x |\nLeave a Reply\n")
    fix = Fix("t", (Edit.delete(0, 4),), Applicability.SAFE)
    assert map_fix(doc, fix) == fix


# ----------------------------------------------------------------- title, alt and title attributes
ATTRS = (
    "<html><head><title>Tom Cruse in Mission: Impossible &amp; more</title></head><body>\n"
    '<p>Mission: Impossible returns. <img src="a.jpg" alt="Tom Cruse on the set"> See the '
    '<a href="/x" title="More on Tom Cruse">story</a>.</p></body></html>\n'
)


def test_title_alt_and_title_attributes_are_blocks_fixed_in_place(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(ATTRS, encoding="utf-8")
    knowledge = str(Path(__file__).parents[1] / "fixtures/knowledge/mission-impossible.yaml")
    report = run_cli("--isolated", "--no-cache", "-k", knowledge, str(path), cwd=tmp_path).stdout
    assert report.count("CL101") == 3, report  # the title, the alt text, the title attribute
    run_cli("--isolated", "--no-cache", "-k", knowledge, "--fix", str(path), cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == ATTRS.replace("Tom Cruse", "Tom Cruise")


def test_a_fix_never_writes_markup_or_ends_an_attribute() -> None:
    doc = build_document("a.html", ATTRS)
    i = doc.text.index("Tom Cruse on the set")
    for text in ('"', "<b>", "&"):
        fix = map_fix(doc, Fix("t", (Edit(i, i + 3, text),), Applicability.SAFE))
        assert fix.applicability is Applicability.DISPLAY, text
    fix = map_fix(doc, Fix("t", (Edit(i, i + 3, "Thomas"),), Applicability.SAFE))
    (e,) = fix.edits
    assert ATTRS[e.start : e.end] == "Tom" and ATTRS[e.start - 5 : e.start] == 'alt="'
    whole = map_fix(doc, Fix("t", (Edit.delete(i, i + 20),), Applicability.SAFE))
    assert whole.applicability is Applicability.DISPLAY  # an attribute is never deleted


# ----------------------------------------------------------------- malformed markup
@pytest.mark.parametrize(
    ("src", "applied"),
    [
        # an unclosed <pre> or <script> hid the rest of the page: now it is linted, and
        # the fixes there are suggestions (the parser could not map that region)
        ("<p>Intro of the article.</p><pre>x = 1\n<p>Leave a Reply</p>\n", False),
        ("<p>Intro of the article.</p><script>var a;\n<p>Leave a Reply</p>\n", False),
        # a page without </head>: its body is the page, fixed as usual
        ("<html><head><title>T</title><body><p>Text.</p>\n<p>Leave a Reply</p>\n", True),
        # a stray cell and an unclosed table: linted; a cell never goes alone
        ("<p>Text.</p>\n<td>Leave a Reply</td>\n<table><tr><td>1<td>2\n", False),
    ],
)
def test_malformed_html_is_linted_and_fixed_only_where_mapped(src: str, applied: bool) -> None:
    doc = build_document("m.html", src)
    assert "Leave a Reply" in doc.text
    i = doc.text.index("Leave a Reply")
    fix = map_fix(doc, Fix("t", (Edit.delete(i, i + 14),), Applicability.SAFE))
    assert (fix.applicability is Applicability.SAFE) is applied
    if applied:
        (e,) = fix.edits
        assert src[e.start : e.end] == "<p>Leave a Reply</p>\n"


def test_pipe_table_without_delimiter_row_is_paragraph_text(tmp_path: Path) -> None:
    src = "| Rank | Film |\n| 1 | Barbie |\n\nLeave a Reply\n"
    doc = build_document("m.md", src)
    assert [b.kind for b in doc.structure.blocks] == ["paragraph", "paragraph"]
    _, fixed = fix_file(tmp_path, "m.md", src)
    assert fixed == "| Rank | Film |\n| 1 | Barbie |\n"


def test_a_page_title_repeating_the_headline_is_not_a_repeated_line(tmp_path: Path) -> None:
    src = (
        "<html><head><title>Big news today</title></head><body>\n<h1>Big news today</h1>\n"
        "<p>The article text is here and it is long enough to read as prose.</p>\n"
        "</body></html>\n"
    )
    report, fixed = fix_file(tmp_path, "t.html", src, "--unsafe-fixes")
    assert "CL312" not in report
    assert fixed == src
