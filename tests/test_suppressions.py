"""Inline suppressions: directive syntax per format, scopes, unknown codes, unused ones."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.formats import build_document
from copylint.suppressions import Suppressions, directive_spans, parse_suppressions

KNOWN = ["CL101", "CL102", "CL201", "CL202", "CL301", "CL302", "CL401"]


def sup(path: str, source: str) -> Suppressions:
    return parse_suppressions(build_document(path, source), KNOWN)


# ----------------------------------------------------------------- block scopes
@pytest.mark.parametrize(
    ("path", "on", "off"),
    [
        ("a.md", "<!-- copylint: disable=CL301 -->", "<!-- copylint: enable=CL301 -->"),
        ("a.html", "<!-- copylint: disable=CL301 -->", "<!-- copylint: enable=CL301 -->"),
        ("a.txt", "[copylint: disable=CL301]", "[copylint: enable=CL301]"),
        ("a.txt", "<!-- copylint: disable=CL301 -->", "<!--copylint:enable=CL301-->"),
    ],
)
def test_disable_enable_region(path: str, on: str, off: str):
    s = sup(path, f"line one\n{on}\nline three\nline four\n{off}\nline six\n")
    assert not s.is_suppressed("CL301", 1)
    assert s.is_suppressed("CL301", 3) and s.is_suppressed("CL301", 4)
    assert not s.is_suppressed("CL302", 3)  # other codes still reported
    assert not s.is_suppressed("CL301", 6)
    assert s.unused() == []


def test_prefixes_all_and_last_matching_directive_wins():
    s = sup(
        "a.txt",
        "[copylint: disable=CL3,CL10]\nx\n[copylint: enable=CL301]\ny\n"
        "[copylint: disable=all]\nz\n[copylint: enable=all]\nw\n",
    )
    assert s.is_suppressed("CL302", 2) and s.is_suppressed("CL301", 2)
    assert s.is_suppressed("CL101", 2) and not s.is_suppressed("CL201", 2)
    assert not s.is_suppressed("CL301", 4) and s.is_suppressed("CL302", 4)
    assert s.is_suppressed("CL401", 6)
    assert not s.is_suppressed("CL302", 8) and not s.is_suppressed("CL401", 8)


def test_disable_without_codes_means_all():
    s = sup("a.md", "<!-- copylint: disable -->\nEverything off.\n")
    assert s.is_suppressed("CL999", 2)


# ----------------------------------------------------------------- line scopes
def test_disable_next_line_skips_blank_lines():
    s = sup("a.md", "<!-- copylint: disable-next-line=CL301,CL2 -->\n\nTarget line.\nAfter.\n")
    assert s.is_suppressed("CL301", 3) and s.is_suppressed("CL202", 3)
    assert not s.is_suppressed("CL101", 3)
    assert not s.is_suppressed("CL301", 4)


def test_trailing_ignore_applies_to_its_own_line():
    src = "Scroll to continue [copylint: ignore=CL301]\nScroll to continue\n"
    doc = build_document("a.txt", src)
    s = parse_suppressions(doc, KNOWN)
    assert s.is_suppressed("CL301", 1) and not s.is_suppressed("CL301", 2)
    # the directive is invisible to rules: a residue rule sees only the copy
    assert doc.text == "Scroll to continue\nScroll to continue\n"


def test_html_ignore_comment_on_the_same_line():
    s = sup("a.html", "<p>Scroll to continue <!-- copylint: ignore=CL301 --></p>\n<p>b</p>\n")
    assert s.is_suppressed("CL301", 1) and not s.is_suppressed("CL301", 2)


# ----------------------------------------------------------------- txt text view
def test_txt_directive_lines_are_hidden_and_offsets_kept():
    src = "First para.\r\n[copylint: disable=CL301]\r\nSecond para.\r\n"
    doc = build_document("a.txt", src)
    assert doc.text == "First para.\nSecond para.\n"
    i = doc.text.index("Second")
    s, e = doc.to_source(i, i + 6)
    assert src[s:e] == "Second" and doc.position(s) == (3, 1)


def test_txt_without_directives_is_the_plain_document():
    doc = build_document("a.txt", "Plain [not a directive] text.\n")
    assert doc.offset_map is None and doc.text == doc.source


def test_misplaced_bracket_directive_is_reported_and_stays_visible():
    src = "Some text [copylint: disable=CL301] more text.\n"
    doc = build_document("a.txt", src)
    assert doc.text == src
    s = parse_suppressions(doc, KNOWN)
    assert not s.is_suppressed("CL301", 1)
    assert [(ln, col) for ln, col, _ in s.malformed] == [(1, 11)]


def test_directive_spans_cover_the_whole_line_or_the_trailing_part():
    text = "a\n[copylint: disable=CL1]\nb [copylint: ignore=CL2]\n"
    spans = directive_spans(text)
    assert [text[s:e] for s, e in spans] == ["[copylint: disable=CL1]\n", " [copylint: ignore=CL2]"]


def test_directives_in_markdown_code_do_nothing():
    s = sup("a.md", "```\n<!-- copylint: disable=CL301 -->\n```\nText.\n")
    assert s.directives == [] and not s.is_suppressed("CL301", 4)


def test_bracket_form_is_plain_text_only():
    s = sup("a.md", "[copylint: disable=CL301]\n\nText.\n")
    assert not s.is_suppressed("CL301", 3)


# ----------------------------------------------------------------- reporting
def test_unknown_codes_and_directives_are_reported_with_positions():
    line2 = "<!-- copylint: disable=CL301, CL999, XX -->"
    s = sup("a.md", f"Intro.\n{line2}\n<!-- copylint: disabel=CL1 -->\n")
    col = line2.index  # columns are 1-based code points
    assert s.unknown_codes == [(2, col("CL999") + 1, "CL999"), (2, col("XX") + 1, "XX")]
    assert len(s.malformed) == 1 and s.malformed[0][:2] == (3, 1)
    assert "disabel" in s.malformed[0][2]


def test_prefixes_that_match_known_codes_are_not_unknown():
    s = sup("a.txt", "[copylint: disable=CL3,cl10,all]\nx\n")
    assert s.unknown_codes == []


def test_unknown_codes_need_a_list_of_known_codes():
    doc = build_document("a.txt", "[copylint: disable=CL999]\nx\n")
    assert parse_suppressions(doc).unknown_codes == []


def test_unused_suppressions_are_listed_on_request():
    s = sup(
        "a.txt",
        "[copylint: disable-next-line=CL101]\nfine line\n"
        "[copylint: disable=CL301,CL302]\nresidue here\n",
    )
    assert s.is_suppressed("CL301", 4)
    assert [(ln, msg) for ln, _, msg in s.unused()] == [
        (1, "unused suppression: disable-next-line=CL101"),
        (3, "unused suppression: disable=CL302"),
    ]


def test_offsets_make_block_directives_work_within_one_line():
    src = "<p>a</p><!-- copylint: disable=CL301 --><p>b</p><!-- copylint: enable=CL301 --><p>c</p>"
    s = sup("a.html", src)
    at = src.index
    assert not s.is_suppressed("CL301", 1, at("<p>a") + 3)
    assert s.is_suppressed("CL301", 1, at("<p>b") + 3)
    assert not s.is_suppressed("CL301", 1, at("<p>c") + 3)
    assert not s.is_suppressed("CL301", 1)  # by line alone, nothing is after the directive


# ----------------------------------------------------------------- txt property
@st.composite
def txt_with_directives(draw: st.DrawFn) -> tuple[str, str]:
    """(source, the text rules should see), built line by line."""
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    src, expected = [], []
    for _ in range(draw(st.integers(1, 8))):
        words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=5)))
        kind = draw(st.sampled_from(["copy", "copy", "block", "ignore", "comment"]))
        if kind == "block":
            src.append(f"[copylint: disable-next-line=CL301]{eol}")
        elif kind == "comment":
            src.append(f"<!-- copylint: enable=all -->{eol}")
        elif kind == "ignore" and words.strip():
            src.append(f"{words}  [copylint: ignore=CL2,CL301]{eol}")
            expected.append(words + "\n")
        else:
            src.append(words + eol)
            expected.append(words + "\n")
    return "".join(src), "".join(expected)


WORDS = ["Scroll", "to", "continue", "[Advertisement]", "a", "copylint", "[x]"]


@settings(max_examples=300, deadline=None)
@given(txt_with_directives())
def test_property_txt_hides_directives_and_maps_every_character(case: tuple[str, str]):
    source, expected = case
    doc = build_document("a.txt", source)
    assert doc.text == expected
    for i, ch in enumerate(doc.text):
        s, e = doc.to_source(i, i + 1)
        assert source[s:e] == ch or (ch == "\n" and source[s:e] in ("\r\n", "\r"))
    starts = [doc.to_source(i, i)[0] for i in range(len(doc.text) + 1)]
    assert starts == sorted(starts)
