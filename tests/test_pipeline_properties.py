"""Property-based tests of the whole pipeline (hypothesis): adapters, every rule, fixes.

Arbitrary text goes through every format adapter and every built-in rule, with
and without the fixture knowledge file.  Whatever the text, the pipeline must:

* never raise, and never report CL001 (the engine turns a crashing rule into
  CL001, so a CL001 here is a crash that the engine merely caught);
* keep every offset inside the document: the adapter's offset map, each
  diagnostic's span, its line and column, and every fix edit;
* keep every fix inside its diagnostic's line range (a fix never edits a
  line its diagnostic does not point at), and give text that the fixer can
  splice, re-lint and converge on.

The text strategy mixes the vocabulary the rules care about (the rule packs'
own flag/pass examples and the knowledge file's titles and names, read from
the YAML at run time) with hostile characters: NUL and other controls, lone
CR, CRLF, right-to-left marks, combining accents, emoji with joiners, markup.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.api import build_document
from copylint.config import Settings
from copylint.diagnostics import Diagnostic, Fix
from copylint.document import Document
from copylint.engine import INTERNAL_ERROR, Linter
from copylint.fixes import FixDidNotConverge, applicable, apply_fixes, fix_text
from copylint.knowledge import KnowledgeBase
from copylint.packs import builtin_pack_paths, load_packs

from .conftest import MI_KNOWLEDGE

#: Examples per test; raise it for a release check (e.g. COPYLINT_PROPERTY_EXAMPLES=5000).
EXAMPLES = int(os.environ.get("COPYLINT_PROPERTY_EXAMPLES", "300"))
FORMATS = ("txt", "md", "html")
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --------------------------------------------------------------------- setup


@functools.cache
def _linter(with_knowledge: bool) -> Linter:
    """Every built-in rule (grammar is off by default: no LanguageTool here)."""
    if with_knowledge:
        return Linter(Settings(), KnowledgeBase.load([str(MI_KNOWLEDGE)]))
    return Linter(Settings(), KnowledgeBase.empty())


@functools.cache
def _vocabulary() -> tuple[str, ...]:
    """Phrases the rules react to: pack examples plus knowledge titles and names."""
    words: set[str] = set()
    for spec in load_packs(builtin_pack_paths()):
        words.update(spec.examples_flag)
        words.update(spec.examples_pass)
    kb = KnowledgeBase.load([str(MI_KNOWLEDGE)])
    for work in kb.works:
        words.add(work.title)
        words.update(work.people())
    return tuple(sorted(w for w in words if w))


HOSTILE = (
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u200f",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "e\u0301",
    "\u0301\u0301",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1ec\U0001f1e7",
    "\ufffd",
    "\ufffc",
    "ß",
    "İ",
    "ﬁ",
    "\u0130stanbul",
)
MARKUP = (
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<b>",
    "</b>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#8217;",
    "&#x0;",
    "&bogus;",
    "&",
    "<",
    ">",
    "<![CDATA[",
    "<?xml?>",
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "```",
    "`",
    "~~~",
    "---\n",
    "[",
    "](",
    ")",
    "![",
    "**",
    "_",
    "<!-- copylint: disable -->",
    "<!-- copylint: disable=CL301 -->",
    "copylint: disable-next-line",
    "http://example.com/a_b",
    "|",
    "\\",
)
PUNCT = (
    " ",
    " ",
    " ",
    ".",
    ". ",
    ",",
    ":",
    ";",
    "!",
    "?",
    "…",
    "'",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "–",
    "—",
    "-",
    "(",
    ")",
    "2023",
    "1",
    "Part",
    "Two",
    "is",
    "the",
)


def _pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_vocabulary()),
        st.sampled_from(HOSTILE),
        st.sampled_from(MARKUP),
        st.sampled_from(PUNCT),
        st.text(max_size=6),  # any code points (hypothesis leaves out lone surrogates)
    )


texts = st.lists(_pieces(), max_size=60).map("".join)


# --------------------------------------------------------------------- checks


def _check_document(doc: Document) -> None:
    """The adapter's text view and offset map stay inside the source."""
    n_src, n_txt = len(doc.source), len(doc.text)
    if doc.offset_map is None:
        assert doc.text == doc.source
        return
    pos = 0
    src_end = 0
    flow_end = doc.structure.flow_end if doc.structure is not None else None
    for run in doc.offset_map.runs:
        assert run.text_start == pos, "runs must tile the text view"
        detached = flow_end is not None and run.text_start >= flow_end  # title, alt texts
        assert run.source_start >= src_end or detached, "runs must come in source order"
        assert run.source_start + run.source_len <= n_src
        pos += run.text_len
        src_end = run.source_start + run.source_len
    assert pos == n_txt
    for i in range(n_txt + 1):
        s, e = doc.to_source(i, i)
        assert 0 <= s <= e <= n_src
        s, e = doc.to_source(i, n_txt)
        assert 0 <= s <= e <= n_src


def _check_diagnostics(doc: Document, diagnostics: list[Diagnostic]) -> None:
    n = len(doc.source)
    carriers: dict[Fix, list[Diagnostic]] = {}
    for d in diagnostics:
        assert d.code != INTERNAL_ERROR, d.message
        assert 0 <= d.start <= d.end <= n, d
        assert (d.line, d.column) == doc.position(d.start), d
        assert (d.end_line, d.end_column) == doc.position(d.end), d
        for r in d.related:  # the other places of a finding reported once (CL402)
            assert 0 <= r.start <= r.end <= n, d
            assert (r.line, r.column) == doc.position(r.start), d
        if d.fix is not None:
            carriers.setdefault(d.fix, []).append(d)
    hidden = _hidden(doc) if carriers else set()
    for fix, ds in carriers.items():
        # A fix stays inside the spans of the diagnostics that carry it (a
        # caption and its credit may share one "delete the lines" fix), their
        # related places included (one finding per form, fixed everywhere): the
        # only characters it may change outside them are blanks, line ends and
        # markup the rules never saw (a list marker on a deleted line).
        spans = [(d.start, d.end) for d in ds] + [(r.start, r.end) for d in ds for r in d.related]
        covered = {i for s, t in spans for i in range(s, t)} | hidden
        for e in fix.edits:
            assert 0 <= e.start <= e.end <= n, (ds, e)
            # touches or overlaps one of the spans
            assert any(s <= e.end and e.start <= t for s, t in spans), (ds, e)
            outside = [
                i for i in range(e.start, e.end) if i not in covered and not doc.source[i].isspace()
            ]
            assert not outside, (ds, e, doc.source[outside[0]])


def _hidden(doc: Document) -> set[int]:
    """Source offsets no text-view character comes from (markup, skipped code)."""
    if doc.offset_map is None:
        return set()
    seen: set[int] = set()
    for run in doc.offset_map.runs:
        seen.update(range(run.source_start, run.source_start + run.source_len))
    return set(range(len(doc.source))) - seen


def _lint(text: str, fmt: str, with_knowledge: bool) -> tuple[Document, list[Diagnostic]]:
    doc = build_document(f"input.{fmt}", text)
    _check_document(doc)
    diagnostics = _linter(with_knowledge).lint_document(doc)
    _check_diagnostics(doc, diagnostics)
    return doc, diagnostics


# --------------------------------------------------------------------- tests


@pytest.mark.parametrize("fmt", FORMATS)
@PROFILE
@given(text=texts)
def test_every_adapter_keeps_offsets_inside(fmt: str, text: str) -> None:
    _check_document(build_document(f"input.{fmt}", text))


@pytest.mark.parametrize("with_knowledge", [False, True], ids=["plain", "knowledge"])
@pytest.mark.parametrize("fmt", FORMATS)
@PROFILE
@given(text=texts)
def test_every_rule_on_arbitrary_text(fmt: str, with_knowledge: bool, text: str) -> None:
    _lint(text, fmt, with_knowledge)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(PROFILE, max_examples=60)
@given(text=texts, unsafe=st.booleans())
def test_fixing_arbitrary_text_stays_in_bounds(fmt: str, text: str, unsafe: bool) -> None:
    path = f"input.{fmt}"
    linter = _linter(True)

    def lint(source: str) -> list[Diagnostic]:
        doc = build_document(path, source)
        diagnostics = linter.lint_document(doc)
        _check_diagnostics(doc, diagnostics)
        return diagnostics

    # One pass by hand: the splice never raises and only changes what was asked.
    fixes = [d.fix for d in lint(text) if d.fix is not None]
    applied = apply_fixes(text, fixes)
    if not applied.applied:
        assert applied.text == text
    try:
        outcome = fix_text(text, lint, unsafe=unsafe, path=path)
    except FixDidNotConverge as exc:
        # A documented, reported outcome (exit 3, nothing written), not a crash;
        # but it names the rules, so a person can act on it.
        assert exc.codes, exc
        return
    # The fixer stops only when no applicable fix changes the text any more.
    left = [d.fix for d in outcome.remaining if d.fix and applicable(d.fix, unsafe=unsafe)]
    assert apply_fixes(outcome.text, left).text == outcome.text


@pytest.mark.parametrize("fmt", FORMATS)
@settings(PROFILE, max_examples=8)
@given(body=st.text(min_size=1, max_size=12), repeat=st.integers(100, 800))
def test_long_repetitive_inputs_stay_fast(fmt: str, body: str, repeat: int) -> None:
    """Repetition is where quadratic regexes and parsers show; the pytest timeout bounds it."""
    _lint(body * repeat, fmt, with_knowledge=True)


def test_vocabulary_comes_from_the_data_files() -> None:
    """The strategy really mixes in rule-pack examples and knowledge names."""
    vocab = _vocabulary()
    assert len(vocab) > 50
    kb = KnowledgeBase.load([str(MI_KNOWLEDGE)])
    assert kb.works[0].title in vocab
    assert Path(MI_KNOWLEDGE).is_file()


@pytest.mark.parametrize("text", ["\ufffd\x00", "a\x00\ufffd\x00 b", "# \x00\ufffd\n"])
def test_markdown_nul_next_to_a_replacement_character(text: str) -> None:
    """Regression: markdown-it shows NUL as U+FFFD, so two content characters aligned
    to one source offset and even the plain-text fallback raised ValueError."""
    _lint(text, "md", with_knowledge=False)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_fix_never_reaches_into_a_silenced_diagnostic(fmt: str) -> None:
    """Regression: a caption's "delete the lines" fix, shared with its credit, still
    deleted the credit line after a directive had silenced the credit's finding."""
    caption = "The crew film a chase through the old town in the new sequel"
    credit = "Some Studio Pictures"
    text = f"Intro.<!-- copylint: disable -->{caption}\n\n{credit}\n"
    _, diagnostics = _lint(text, fmt, with_knowledge=False)
    start = text.index(credit)
    for d in diagnostics:
        for e in d.fix.edits if d.fix else ():
            assert e.end <= start, (d, e)
