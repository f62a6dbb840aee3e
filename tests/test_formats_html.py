"""HTML adapter: only visible text, entities decoded, blocks as lines, exact offsets."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.api import lint_text
from copylint.document import Document
from copylint.formats import PLACEHOLDER, build_document
from copylint.formats.html import html_document

from .conftest import source_of


def page(body: str) -> Document:
    return build_document("page.html", body)


def _same(char: str, origin: str) -> bool:
    """A text character and the source it maps to agree (verbatim or as an entity)."""
    return origin == char or html.unescape(origin) == char


def check_offset_map(doc: Document) -> None:
    """Runs tile the text in source order; characters map to themselves; words stay whole."""
    text, src = doc.text, doc.source
    if doc.offset_map is None:  # the builder omits the map when text and source are identical
        assert text == src
        return
    t = s_prev = 0
    flow_end = doc.structure.flow_end if doc.structure is not None else None
    for run in doc.offset_map.runs:
        assert run.text_start == t and run.text_len > 0
        # in source order, up to the detached blocks (page title, alt and title texts)
        assert run.source_start >= s_prev or (flow_end is not None and run.text_start >= flow_end)
        t += run.text_len
        s_prev = run.source_start + run.source_len
        piece = text[run.text_start : run.text_start + run.text_len]
        origin = src[run.source_start : run.source_start + run.source_len]
        if run.text_len == run.source_len:
            for a, b in zip(piece, origin, strict=True):
                assert a == b or (a == " " and b.isspace()), (piece, origin)
        elif piece == " ":
            assert origin.isspace()  # collapsed whitespace
        elif piece == "\n":
            assert origin == "" or re.fullmatch(r"<br\s*/?>", origin, re.I)
        elif piece != PLACEHOLDER:
            assert html.unescape(origin) == piece, (piece, origin)
    assert t == len(text)
    starts = [doc.to_source(i, i)[0] for i in range(len(text) + 1)]
    assert starts == sorted(starts)
    ends = [doc.offset_map.end(i) for i in range(len(text) + 1)]
    assert ends == sorted(ends)
    for m in re.finditer(r"[^\W_]+", text):
        a, b = m.span()
        s, e = doc.to_source(a, b)
        first = doc.to_source(a, a + 1)
        last = doc.to_source(b - 1, b)
        # the word's source span begins and ends with the word's own characters
        assert first[0] == s and last[1] == e
        assert _same(text[a], src[first[0] : first[1]]), (m.group(), src[s:e])
        assert _same(text[b - 1], src[last[0] : last[1]]), (m.group(), src[s:e])


# ----------------------------------------------------------------- visible text only
def test_script_style_head_and_comments_are_not_linted_title_and_attributes_are():
    doc = page(
        "<html><head><title>teh title</title><style>p { color: teh }</style></head>"
        '<body><p title="teh attr" class="teh">Visible <!-- teh comment -->text.</p>'
        "<script>var teh = '<p>teh</p>';</script></body></html>"
    )
    flow_end = doc.structure.flow_end
    assert doc.text[:flow_end].strip() == "Visible text."
    # after the flow, each its own block (issue 12): the page title, then attributes
    assert doc.text[flow_end:].split("\n\n")[1:] == ["teh title", "teh attr"]
    kinds = [b.kind for b in doc.structure.blocks]
    assert kinds == ["paragraph", "title", "link-title"]
    assert source_of(doc, "teh title") == "teh title"
    assert source_of(doc, "teh attr") == "teh attr"


def test_entities_are_decoded_for_rules_and_map_back_atomically():
    doc = page("<p>Tom &amp; Jerry&#8217;s &#x2014; caf&eacute; &lt;b&gt;</p>")
    assert doc.text.strip() == "Tom & Jerry\u2019s \u2014 caf\u00e9 <b>"
    assert source_of(doc, "&") == "&amp;"
    assert source_of(doc, "\u2019") == "&#8217;"
    assert source_of(doc, "caf\u00e9") == "caf&eacute;"


def test_block_elements_become_lines():
    doc = page(
        "<h1>Title</h1><div>One</div><p>Two<br>Three</p><ul><li>Four</li><li>Five</li></ul>"
        "<table><tr><td>Six</td><td>Seven</td></tr></table>"
    )
    assert [p.text for p in doc.paragraphs] == [
        "Title", "One", "Two", "Three", "Four", "Five", "Six\tSeven",
    ]  # fmt: skip


def test_inline_elements_do_not_insert_spaces():
    doc = page("<p>Fans of <i>Mission: <b>Impossible</b></i>with Tom.</p>")
    assert doc.text.strip() == "Fans of Mission: Impossiblewith Tom."
    assert source_of(doc, "Impossiblewith") == "Impossible</b></i>with"


def test_separate_inline_elements_are_not_a_join():
    doc = page("<p>Fans of <i>Mission</i> with <a href='x'>Tom</a>.</p>")
    assert doc.text.strip() == "Fans of Mission with Tom."
    assert source_of(doc, "Mission") == "Mission"


def test_whitespace_collapses_like_a_browser():
    src = "<p>\n   Some\n   wrapped   <em> text </em> here.\n</p>\n\n<p>Next</p>"
    doc = page(src)
    assert doc.text.split("\n")[:2] == ["Some wrapped text here.", "Next"]
    # the space between "Some" and "wrapped" stands for the whole source run
    i = doc.text.index(" wrapped")
    s, e = doc.to_source(i, i + 1)
    assert src[s:e] == "\n   "


def test_inline_code_is_a_placeholder_and_pre_is_hidden():
    doc = page("<p>Run <code>teh cmd</code> now.</p><pre>teh block</pre><p>End.</p>")
    assert doc.text.split("\n")[:2] == [f"Run {PLACEHOLDER} now.", "End."]


def test_positions_point_at_source_line_and_column():
    src = "<html>\n<body>\n  <p>Hello <b>teh</b> world</p>\n</body>\n</html>\n"
    doc = page(src)
    i = doc.text.index("teh")
    s, e = doc.to_source(i, i + 3)
    assert src[s:e] == "teh"
    assert doc.position(s) == (3, 15)


def test_fix_through_the_map_edits_the_source():
    src = "<p>Fans of <i>Impossible</i>with Tom &amp; co.</p>"
    doc = page(src)
    i = doc.text.index("with")
    s, _ = doc.to_source(i, i)
    fixed = src[:s] + " " + src[s:]
    assert "Impossible with" in page(fixed).text


def test_comments_are_recorded_for_suppressions():
    src = "<p>a</p><!-- copylint: disable=CL301 --><p>b</p>"
    doc = page(src)
    ((start, end),) = doc.metadata["comments"]
    assert src[start:end] == "<!-- copylint: disable=CL301 -->"


def test_htm_extension_and_crlf():
    doc = build_document("x.htm", "<p>a\r\nb</p>\r\n<p>c</p>")
    assert doc.format == "html"
    assert doc.text.strip().split("\n") == ["a b", "c"]


# ----------------------------------------------------------------- properties
WORDS = ["alpha", "Beta", "Mission:", "Impossible", "with", "x1", "O'Neil", "caf\u00e9"]
INLINE = ["b", "i", "em", "span", "a", "strong"]
BLOCK = ["p", "div", "h2", "li", "td", "blockquote"]
INLINE_KINDS = ["plain", "tag", "nested", "entity", "charref", "comment", "br", "code"]


@st.composite
def inline_html(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(st.sampled_from(WORDS))
        kind = draw(
            st.sampled_from(
                ["plain", "tag", "nested", "entity", "charref", "comment", "br", "code"]
            )
        )
        tag = draw(st.sampled_from(INLINE))
        piece = {
            "plain": word,
            "tag": f"<{tag}>{word}</{tag}>",
            "nested": f"<{tag}><i>{word}</i>{word}</{tag}>",
            "entity": f"{word}&amp;&nbsp;",
            "charref": f"&#8217;{word}&#x2014;",
            "comment": f"<!-- {word} -->",
            "br": "<br>",
            "code": f"<code>{word}</code>",
        }[kind]
        parts.append(piece)
        parts.append(draw(st.sampled_from([" ", "", "\n  ", "  ", "\t", "\r\n"])))
    return "".join(parts)


@st.composite
def html_source(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from([*BLOCK, "script", "bare"]))
        body = draw(inline_html())
        if kind == "script":
            out.append(f"<script>var x = '<p>{body}</p>';</script>")
        elif kind == "bare":
            out.append(body)
        else:
            out.append(f"<{kind}>{body}</{kind}>")
        out.append(draw(st.sampled_from(["", "\n", "\n\n  "])))
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(html_source())
def test_property_offsets_map_back_exactly(source: str):
    check_offset_map(html_document(source, "p.html"))


class _Words(HTMLParser):
    """Independent oracle: words of the visible text, blocks and br as separators."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "code"):
            self.hidden += 1
            self.out.append(" ")
        elif tag in (*BLOCK, "br"):
            self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "code"):
            self.hidden -= 1
        elif tag in BLOCK:
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(data)


@settings(max_examples=200, deadline=None)
@given(html_source())
def test_property_text_view_has_the_visible_words(source: str):
    oracle = _Words()
    oracle.feed(source)
    oracle.close()
    # split on HTML whitespace only: &nbsp; is part of a word for a browser too
    expected = re.split(r"[ \t\n\r\f]+", "".join(oracle.out).strip())
    got = re.split(r"[ \t\n\r\f]+", html_document(source).text.replace(PLACEHOLDER, " ").strip())
    assert [w for w in got if w] == [w for w in expected if w]


# ----------------------------------------------------------------- end to end
def test_seed_article_as_html_gets_the_same_findings_as_plain_text():
    """The same copy, marked up, yields the same diagnostics on the same source text."""
    shared = Path(__file__).resolve().parents[2] / "shared"
    seeds = sorted((shared / "seeds").glob("*.txt")) if shared.is_dir() else []
    if not seeds:
        pytest.skip("shared seed article not available beside the checkout")
    knowledge = [str(p) for p in (Path(__file__).parents[1] / "fixtures/knowledge").glob("*.yaml")]
    plain = seeds[0].read_text(encoding="utf-8")
    paras = [p for p in plain.split("\n") if p.strip()]
    page_src = (
        "<!DOCTYPE html>\n<html><head><title>Page</title><script>var x = 1;</script></head>\n"
        "<body><nav><!-- site menu --></nav>\n"
        + "\n".join(
            "<p>" + html.escape(p, quote=False).replace("\u2019", "&#8217;") + "</p>" for p in paras
        )
        + "\n</body></html>\n"
    )

    def findings(text: str, path: str, decode) -> Counter:
        diags = lint_text(text, path=path, knowledge=knowledge, ignore=["CL5"])
        return Counter((d.code, decode(text[d.start : d.end])) for d in diags)

    expected = findings(plain, "a.txt", str)
    assert expected  # the seed article has problems to find
    assert findings(page_src, "a.html", html.unescape) == expected
