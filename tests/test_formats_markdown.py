"""Markdown adapter: what rules see, and that every offset maps back to the source."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from copylint.api import lint_text
from copylint.document import Document
from copylint.formats import PLACEHOLDER, build_document
from copylint.formats.markdown import markdown_document

from .conftest import source_of


def md(source: str) -> Document:
    return build_document("article.md", source)


def check_offset_map(doc: Document) -> None:
    """The invariants every adapter's map must keep (used by the property tests)."""
    text, src = doc.text, doc.source
    if doc.offset_map is None:
        assert text == src
        return
    runs = doc.offset_map.runs
    t = 0
    s_prev = 0
    for run in runs:
        assert run.text_start == t and run.text_len > 0  # runs tile the text view
        assert run.source_start >= s_prev  # and follow the source in order
        t += run.text_len
        s_prev = run.source_start + run.source_len
        piece = text[run.text_start : run.text_start + run.text_len]
        origin = src[run.source_start : run.source_start + run.source_len]
        if run.text_len == run.source_len:
            for a, b in zip(piece, origin, strict=True):
                # character for character; a soft line break may read as a space
                assert a == b or (a.isspace() and b.isspace()), (piece, origin)
        else:
            assert (
                piece in (PLACEHOLDER, "\n", " ", "\t")
                or piece == html.unescape(origin)
                or origin == "\\" + piece
            ), (piece, origin)
    assert t == len(text)
    starts = [doc.to_source(i, i)[0] for i in range(len(text) + 1)]
    assert starts == sorted(starts)  # spans map monotonically
    ends = [doc.offset_map.end(i) for i in range(len(text) + 1)]
    assert ends == sorted(ends)
    for m in re.finditer(r"[^\W_]+", text):
        s, e = doc.to_source(m.start(), m.end())
        # a word's source span starts and ends on the word's own characters,
        # never on markup of a neighbouring element
        assert src[s] == text[m.start()] and src[e - 1] == text[m.end() - 1], (m.group(), src[s:e])


# ----------------------------------------------------------------- front matter
def test_front_matter_is_skipped_and_parsed():
    doc = md("---\ntitle: A film\nworks:\n  - Some Film\n---\n\nThe body text.\n")
    assert doc.metadata["front_matter"] == {"title": "A film", "works": ["Some Film"]}
    assert doc.text.strip() == "The body text."
    s, _ = doc.to_source(0, 3)
    assert doc.position(s) == (7, 1)


def test_front_matter_is_loaded_safely():
    doc = md("---\nx: !!python/object/apply:os.system ['echo hi']\n---\nBody.\n")
    assert doc.metadata["front_matter"] == {}
    assert "front_matter_error" in doc.metadata
    assert doc.text.strip() == "Body."


def test_dashes_later_in_the_file_are_not_front_matter():
    doc = md("Intro.\n\n---\n\nkey: value\n")
    assert "front_matter" not in doc.metadata
    assert "Intro." in doc.text and "key: value" in doc.text


# ----------------------------------------------------------------- code, URLs, links
def test_code_blocks_and_spans_are_not_linted():
    doc = md("Run `teh  command` now.\n\n```\nteh code\n```\n\n    indented teh\n\nEnd.\n")
    assert "teh" not in doc.text
    assert doc.text.split("\n")[0] == f"Run {PLACEHOLDER} now."
    assert source_of(doc, PLACEHOLDER) == "`teh  command`"


def test_link_targets_and_urls_are_not_linted():
    doc = md(
        'See [the *trailer*](https://ex.com/teh_page "Teh title") and <https://ex.com/a>'
        " or https://ex.com/teh_b, then [ref].\n\n[ref]: https://ex.com/teh\n"
    )
    assert "teh" not in doc.text.lower()
    assert doc.text.strip() == f"See the trailer and {PLACEHOLDER} or {PLACEHOLDER}, then ref."
    assert source_of(doc, "trailer") == "trailer"
    assert source_of(doc, PLACEHOLDER, 1) == "https://ex.com/teh_b"


def test_images_become_a_placeholder():
    doc = md("A still ![teh alt](pic.png) here.\n")
    assert doc.text.strip() == f"A still {PLACEHOLDER} here."


# ----------------------------------------------------------------- emphasis and joins
def test_emphasis_markers_do_not_break_a_glued_word():
    doc = md("Stars of *Mission: Impossible*with flair.\n")
    assert "Mission: Impossiblewith flair." in doc.text
    # the glued word maps to its source across the closing marker
    assert source_of(doc, "Impossiblewith") == "Impossible*with"


def test_closed_emphasis_is_not_a_join():
    doc = md("Stars of *Mission* with flair and **bold** _under_ ~~gone~~.\n")
    assert doc.text.strip() == "Stars of Mission with flair and bold under gone."
    assert source_of(doc, "Mission") == "Mission"
    assert source_of(doc, "bold") == "bold"


def test_intraword_underscores_stay_text():
    doc = md("snake_case_name stays.\n")
    assert doc.text.strip() == "snake_case_name stays."


def test_escapes_and_entities_are_decoded_and_atomic():
    doc = md("Tom &amp; Jerry \\*not emphasis\\* &#8217;ok\n")
    assert doc.text.strip() == "Tom & Jerry *not emphasis* \u2019ok"
    assert source_of(doc, "&") == "&amp;"
    assert source_of(doc, "*") == "\\*"
    assert source_of(doc, "\u2019") == "&#8217;"


# ----------------------------------------------------------------- blocks
def test_blocks_keep_their_own_lines_without_markup():
    doc = md(
        "# A heading #\n\nPara one\nwraps here.\n\n- item one\n- item *two*\n\n"
        "1. first\n\n> quoted line\n> more\n\n| Col a | Col b |\n|---|---|\n| x \\| y | z |\n"
    )
    lines = [ln.text for ln in doc.paragraphs]
    assert lines == [
        "A heading",
        "Para one wraps here.",
        "item one",
        "item two",
        "first",
        "quoted line more",
        "Col a\tCol b",  # a table row is one line, its cells a tab apart
        "x | y\tz",
    ]


def test_soft_break_is_a_space_mapped_to_the_line_end():
    doc = md("Para one\r\nwraps here.\r\n")
    i = doc.text.index(" wraps")
    assert doc.to_source(i, i + 1) == (8, 10)


def test_hard_break_is_a_line_end():
    doc = md("Line one  \nline two\\\nline three\n")
    assert doc.text.strip().split("\n") == ["Line one", "line two", "line three"]


def test_html_blocks_show_visible_text_and_record_comments():
    src = "Intro.\n\n<!-- copylint: disable=CL301 -->\n<div>Raw <b>html</b></div>\n\nEnd.\n"
    doc = md(src)
    assert [p.text for p in doc.paragraphs] == ["Intro.", "Raw html", "End."]
    ((start, end),) = doc.metadata["comments"]
    assert src[start:end] == "<!-- copylint: disable=CL301 -->"


def test_inline_comment_recorded_and_hidden():
    src = "Text <!-- copylint: ignore=CL101 --> more.\n"
    doc = md(src)
    assert doc.text.strip() == "Text  more."
    ((start, end),) = doc.metadata["comments"]
    assert src[start:end] == "<!-- copylint: ignore=CL101 -->"


def test_diagnostic_positions_point_into_the_source():
    src = "---\nk: v\n---\n# Title\n\n> Some *quoted* teh text\n"
    doc = md(src)
    i = doc.text.index("teh")
    s, e = doc.to_source(i, i + 3)
    assert src[s:e] == "teh"
    assert doc.position(s) == (6, 17)


def test_fix_edits_land_on_the_source():
    """Replacing a text-view span through the map edits exactly that source text."""
    src = "Fans of *Mission: Impossible*with Tom.\n"
    doc = md(src)
    i = doc.text.index("with")
    s, e = doc.to_source(i, i)
    fixed = src[:s] + " " + src[e:]
    assert fixed == "Fans of *Mission: Impossible* with Tom.\n"
    assert "Impossible with" in md(fixed).text


def test_unknown_format_and_extension_dispatch():
    from copylint.errors import InputError

    assert build_document("x.markdown", "*a*").text.strip() == "a"
    assert build_document("x.txt", "*a*", fmt="md").text.strip() == "a"
    assert build_document("x.md", "*a*", fmt="txt").text == "*a*"
    with pytest.raises(InputError):
        build_document("x.md", "a", fmt="docx")


# ----------------------------------------------------------------- properties
WORDS = ["alpha", "Beta", "gamma", "Mission:", "Impossible", "with", "x1", "O'Neil", "caf\u00e9"]


BASIC = ["plain", "em", "strong", "under", "code", "link", "entity", "escape", "strike", "join"]
#: Constructs whose text view differs from a browser's on purpose (URLs and images
#: become placeholders), so they are left out of the rendered-page oracle.
RICH = [*BASIC, "autolink", "image", "url", "html", "nested", "charref"]


@st.composite
def inline_text(draw: st.DrawFn, kinds: list[str]) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(st.sampled_from(WORDS))
        kind = draw(st.sampled_from(kinds))
        piece = {
            "plain": word,
            "em": f"*{word}*",
            "strong": f"**{word}**",
            "under": f"_{word}_",
            "code": f"`{word}`",
            "link": f"[{word}](https://ex.com/{len(parts)})",
            "entity": f"{word}&amp;",
            "escape": f"\\*{word}",
            "strike": f"~~{word}~~",
            "join": f"*{word} {word}*{word}",
            "autolink": f"<https://ex.com/{word}>",
            "image": f"![{word}](p.png)",
            "url": f"https://ex.com/{word}_x",
            "html": f"<b>{word}</b>",
            "nested": f"***{word}*** _*{word}*_",
            "charref": f"&#8217;{word}&copy;",
        }[kind]
        parts.append(piece)
        parts.append(draw(st.sampled_from([" ", " ", "", "\n", "  \n"])))
    return "".join(parts).strip() or "word"


@st.composite
def markdown_source(draw: st.DrawFn, kinds: list[str] = BASIC) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        body = draw(inline_text(kinds))
        kind = draw(
            st.sampled_from(["para", "heading", "list", "quote", "fence", "table", "setext"])
        )
        if kind == "heading":
            body = "## " + body.replace("\n", " ")
        elif kind == "list":
            body = "- " + body.replace("\n", "\n  ")
        elif kind == "quote":
            body = "> " + body.replace("\n", "\n> ")
        elif kind == "setext":
            body = body + "\n---"
        elif kind == "fence":
            body = "```\n" + body + "\n```"
        elif kind == "table":
            cell = body.replace("\n", " ")
            body = f"| {cell} | b |\n|---|---|\n| c | {cell} |"
        blocks.append(body)
    sep = draw(st.sampled_from(["\n\n", "\r\n\r\n"]))
    return sep.join(blocks).replace("\n", sep[:-1]) + sep[:-1]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_source(RICH))
def test_property_offsets_map_back_exactly(source: str):
    doc = markdown_document(source, "p.md")
    check_offset_map(doc)
    assert "warnings" not in doc.metadata  # every block was followed, none fell back


class _VisibleWords(HTMLParser):
    """Independent oracle: the words a browser shows for markdown-it's HTML rendering."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("code", "pre"):
            self.skip += 1
            self.out.append(" ")
        elif tag in ("br", "p", "li", "td", "th", "h2", "blockquote", "tr"):
            self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self.skip -= 1
        elif tag in ("p", "li", "td", "th", "h2", "blockquote", "tr"):
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


@settings(max_examples=60, deadline=None)
@given(markdown_source())
def test_property_text_view_reads_like_the_rendered_page(source: str):
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)
    oracle = _VisibleWords()
    oracle.feed(rendered)
    expected = "".join(oracle.out).split()
    got = markdown_document(source, "p.md").text.replace(PLACEHOLDER, " ").split()
    assert got == expected


# ----------------------------------------------------------------- end to end
def test_seed_article_as_markdown_gets_the_same_findings_as_plain_text():
    """The same copy with front matter and escapes yields the same diagnostics."""
    shared = Path(__file__).resolve().parents[2] / "shared"
    seeds = sorted((shared / "seeds").glob("*.txt")) if shared.is_dir() else []
    if not seeds:
        pytest.skip("shared seed article not available beside the checkout")
    knowledge = [str(p) for p in (Path(__file__).parents[1] / "fixtures/knowledge").glob("*.yaml")]
    plain = seeds[0].read_text(encoding="utf-8")
    paras = [p for p in plain.split("\n") if p.strip()]
    escape = re.compile(r"([\\*_`\[\]<>#])")
    md_src = "---\ntitle: A page\n---\n\n" + "\n\n".join(escape.sub(r"\\\1", p) for p in paras)

    def findings(text: str, path: str) -> Counter:
        diags = lint_text(text, path=path, knowledge=knowledge, ignore=["CL5"])
        return Counter((d.code, re.sub(r"\\(.)", r"\1", text[d.start : d.end])) for d in diags)

    expected = findings(plain, "a.txt")
    assert expected
    assert findings(md_src, "a.md") == expected
