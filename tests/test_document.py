"""Documents: line ends, positions, paragraphs, sentences and the offset map."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copylint.document import Document, OffsetMap, Run


def test_plain_lf_document_needs_no_map() -> None:
    doc = Document.plain("a\nb")
    assert doc.offset_map is None and doc.text == doc.source
    assert doc.position(2) == (2, 1)


def test_crlf_and_lone_cr_are_lf_for_rules_and_positions_follow_the_source() -> None:
    source = "ab\r\ncd\re"
    doc = Document.plain(source)
    assert doc.text == "ab\ncd\ne"
    assert doc.to_source(3, 5) == (4, 6)  # "cd"
    assert doc.position(4) == (2, 1) and doc.position(7) == (3, 1)


@given(st.lists(st.sampled_from(["a", "b", " ", "\n", "\r\n", "\r", "é", "😀"]), max_size=60))
def test_crlf_map_is_exact_for_every_character(parts: list[str]) -> None:
    source = "".join(parts)
    doc = Document.plain(source)
    for i, ch in enumerate(doc.text):
        s, e = doc.to_source(i, i + 1)
        if ch == "\n":
            assert source[s:e] in ("\n", "\r\n", "\r")
        else:
            assert source[s:e] == ch


def test_atomic_runs_map_inner_offsets_to_the_nearer_end() -> None:
    # text "a&b" from source "a&amp;b": the "&" is one atomic run of five source characters
    omap = OffsetMap([Run(0, 1, 0, 1), Run(1, 1, 1, 5), Run(2, 1, 6, 1)])
    assert (omap.start(1), omap.end(2)) == (1, 6)
    assert (omap.start(2), omap.end(3)) == (6, 7)


def test_sentences_do_not_split_before_digits() -> None:
    doc = Document.plain("It opens Jul. 14, 2023. Next one. No. 5 wins!")
    (para,) = doc.paragraphs
    assert [s.text for s in doc.sentences(para)] == [
        "It opens Jul. 14, 2023.",
        "Next one.",
        "No. 5 wins!",
    ]


_BLANKS_AND_LETTERS = ["a", " ", "\t", "\n", "\u2028", "\u3000", "\x1c", "é"]


@given(st.lists(st.sampled_from(_BLANKS_AND_LETTERS), max_size=40))
def test_paragraphs_are_the_non_blank_lines(parts: list[str]) -> None:
    """Paragraphs built without the blank lines' spans are the non-blank ``lines``,
    whichever is asked for first (Unicode white space is blank, as ``str.strip`` says)."""
    text = "".join(parts)
    expected = [ln for ln in Document.plain(text).lines if ln.text.strip()]
    assert Document.plain(text).paragraphs == expected
    after_lines = Document.plain(text)
    assert after_lines.lines is not None and after_lines.paragraphs == expected
