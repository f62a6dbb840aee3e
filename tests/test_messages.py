"""House style of messages: a capital first letter, quotations shortened at word boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copylint.api import lint_text
from copylint.diagnostics import Diagnostic, Severity
from copylint.messages import capitalised, quote, shorten


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("page furniture: “x”", "Page furniture: “x”"),
        ("“Cruz” looks like a misspelling", "“Cruz” looks like a misspelling"),
        ("iPhone", "IPhone"),
        ("", ""),
        ("Already", "Already"),
    ],
)
def test_capitalised(message: str, expected: str) -> None:
    assert capitalised(message) == expected


def test_every_diagnostic_message_and_suggestion_starts_with_a_capital() -> None:
    d = Diagnostic(
        "a.txt",
        "CL210",
        "x",
        Severity.WARNING,
        "quotation open",
        0,
        1,
        1,
        1,
        1,
        2,
        suggestions=("close it",),
    )
    assert d.message == "Quotation open" and d.suggestions == ("Close it",)


def test_messages_of_real_rules_start_with_a_capital() -> None:
    text = "Jane said. the end.\n\nLeave a Reply\n\nShe said ‘hello and left.\n"
    found = lint_text(text)
    assert {d.code for d in found} >= {"CL212", "CL301", "CL210"}
    for d in found:
        assert not d.message[:1].islower(), d.message
        for s in d.suggestions:
            assert not s[:1].islower(), s


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis() -> None:
    text = "Sign up for our weekly briefing and get the top stories in your inbox every Friday"
    short = shorten(text, 40)
    assert short == "Sign up for our weekly briefing and…"
    assert quote(text, 40) == f"“{short}”"


def test_shorten_keeps_short_text_and_flattens_white_space() -> None:
    assert shorten("Leave a\n  Reply") == "Leave a Reply"


@given(st.text(alphabet=st.sampled_from("ab cd\u00e9 "), max_size=200), st.integers(10, 80))
def test_shorten_never_exceeds_its_limit_nor_cuts_a_word_it_could_keep(
    text: str, limit: int
) -> None:
    short = shorten(text, limit)
    assert len(short) <= limit
    flat = " ".join(text.split())
    if short.endswith("…"):
        kept = short[:-1]
        assert flat.startswith(kept)
        nxt = flat[len(kept) : len(kept) + 1]
        # cut at a boundary, unless the boundary was too far back to be useful
        assert nxt in (" ", "") or kept.rfind(" ") < limit // 2 or " " not in kept
    else:
        assert short == flat
