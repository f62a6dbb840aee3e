"""GrammarCheck and its pack (CL5xx) through the real client and the protocol stand-in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wordfreq import zipf_frequency

from copylint.api import build_document
from copylint.checks.base import DocContext
from copylint.checks.grammar import GrammarCheck
from copylint.config import Settings
from copylint.diagnostics import Applicability, Finding
from copylint.document import Document
from copylint.engine import Linter
from copylint.formats import PLACEHOLDER
from copylint.grammar import GrammarService, GrammarSettings, open_grammar_service
from copylint.grammar.mapping import Router
from copylint.grammar.service import GrammarMatch
from copylint.kinds import GrammarOptions
from copylint.knowledge import KnowledgeBase
from copylint.packs import RuleSpec, load_packs

from .conftest import MI_KNOWLEDGE, ROOT
from .lt_standin import RARE_ZIPF, StandIn

SPECS = load_packs([ROOT / "rules" / "grammar.yaml"])
BY_NAME = {s.name: s.code for s in SPECS}


@pytest.fixture(scope="module")
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


@pytest.fixture
def service(standin: StandIn) -> Iterator[GrammarService]:
    settings = GrammarSettings(mode="remote", url=standin.url + "/")
    with open_grammar_service(settings) as svc:
        assert svc is not None and svc.failure is None
        yield svc


def ctx(
    knowledge: KnowledgeBase | None = None,
    accept: frozenset[str] = frozenset(),
    enabled: frozenset[str] = frozenset(),
) -> DocContext:
    kb = knowledge or KnowledgeBase.empty()
    return DocContext(knowledge=kb, mentions=kb.find_mentions(""), accept=accept, enabled=enabled)


def run(text: str, context: DocContext | None = None) -> list[Finding]:
    return list(GrammarCheck(SPECS).run(Document.plain(text), context or ctx()))


def test_pack_codes_and_names() -> None:
    codes = [s.code for s in SPECS]
    assert codes == [f"CL5{n:02d}" for n in range(1, 11)]
    assert all(s.name.startswith("grammar-") and s.check == "grammar" for s in SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_every_rule_flags_and_passes_its_examples(spec: RuleSpec, service: GrammarService) -> None:
    assert spec.examples_flag and spec.examples_pass
    for text in spec.examples_flag:
        assert spec.code in {f.code for f in run(text)}, text
    for text in spec.examples_pass:
        assert spec.code not in {f.code for f in run(text)}, text


def test_off_means_no_findings_and_no_requests(standin: StandIn) -> None:
    before = len(standin.requests)
    assert run("It was teh the the best.") == []
    assert len(standin.requests) == before


def test_fix_safety_follows_the_issue(service: GrammarService) -> None:
    by_code = {f.code: f for f in run("It was the the best,, and  teh end.")}
    dup, space = by_code[BY_NAME["grammar-duplicate-word"]], by_code[BY_NAME["grammar-whitespace"]]
    assert dup.fix and dup.fix.applicability is Applicability.SAFE
    assert space.fix and space.fix.applicability is Applicability.SAFE
    # Several spelling suggestions: a choice for a human, never applied.
    spelling = by_code[BY_NAME["grammar-spelling"]]
    assert spelling.fix and spelling.fix.applicability is Applicability.DISPLAY
    assert spelling.suggestions == ("the", "ten", "tech")
    # One spelling replacement is still only unsafe.
    (one,) = run("Please recieve it.")
    assert one.fix and one.fix.applicability is Applicability.UNSAFE
    assert one.fix.edits[0].text == "receive"
    punct = by_code[BY_NAME["grammar-punctuation"]]
    assert punct.fix and punct.fix.applicability is Applicability.UNSAFE


def test_message_carries_languagetool_rule_id(service: GrammarService) -> None:
    (finding,) = run("Two  spaces.")
    assert finding.message.endswith("[WHITESPACE_RULE]")


def test_findings_in_code_points_after_and_around_emoji(service: GrammarService) -> None:
    text = '🎉🎉 Fine. 😀 He said "so 😀 so" and the the end.'
    findings = {f.code: f for f in run(text)}
    quote = findings[BY_NAME["grammar-typography"]]
    assert text[quote.start : quote.end] == '"so 😀 so"'
    assert quote.fix and quote.fix.edits[0].text == "“so 😀 so”"
    dup = findings[BY_NAME["grammar-duplicate-word"]]
    assert text[dup.start : dup.end] == "the the"


_PIECES = st.sampled_from(["teh", "word", " ", "😀", "🎉", "𝔸", "é", "\n", '"x 😀 y"'])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join))
def test_spans_land_on_the_flagged_text_whatever_comes_before(
    service: GrammarService, text: str
) -> None:
    text = "Start " + text + " end."
    for f in run(text):
        span = text[f.start : f.end]
        if f.message.endswith("[MORFOLOGIK_RULE_EN_US]"):  # exactly one whole word
            assert span.isalpha()
            assert not text[f.start - 1].isalpha() and not text[f.end].isalpha()
        elif f.message.endswith("[EN_QUOTES]"):
            assert span.startswith('"') and span.endswith('"') and "😀" in span
        elif f.message.endswith("[WHITESPACE_RULE]"):
            assert span.strip() == "" and len(span) >= 2


def test_no_finding_over_a_markdown_code_span_or_url(service: GrammarService) -> None:
    source = 'He said "`x = 1`" twice, see <https://example.org> and teh end.\n'
    doc = build_document("a.md", source)
    assert PLACEHOLDER in doc.text
    findings = list(GrammarCheck(SPECS).run(doc, ctx()))
    assert [doc.text[f.start : f.end] for f in findings] == ["teh"]
    # Through the engine the finding lands on the source text.
    (diag,) = [d for d in Linter(Settings()).lint_document(doc) if d.code.startswith("CL5")]
    assert source[diag.start : diag.end] == "teh"


def test_only_wanted_codes(service: GrammarService) -> None:
    only = frozenset({BY_NAME["grammar-whitespace"]})
    codes = {f.code for f in run("It was teh  best.", ctx(enabled=only))}
    assert codes == only


def test_an_ignored_rule_does_not_pass_its_matches_to_another(service: GrammarService) -> None:
    text = "Two  spaces here."
    both = {d.code for d in Linter(Settings()).lint_document(Document.plain(text))}
    assert "CL505" in both
    ignored = Linter(Settings(ignore=("CL505",))).lint_document(Document.plain(text))
    assert not [d for d in ignored if d.code.startswith("CL5")]


def test_accepted_names_are_not_spelling_errors(service: GrammarService) -> None:
    text = "Zorbulak Fenwright's new film opens Friday."
    spelling = BY_NAME["grammar-spelling"]
    flagged = [text[f.start : f.end] for f in run(text) if f.code == spelling]
    assert flagged == ["Zorbulak", "Fenwright"]
    accepted = ctx(accept=frozenset({"Zorbulak Fenwright"}))
    assert [f for f in run(text, accepted) if f.code == spelling] == []


def test_knowledge_base_names_are_not_spelling_errors(service: GrammarService) -> None:
    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    # The knowledge file's rarest name words: the ones a speller does not know.
    rare = sorted(w for w in kb.name_words if w.isalpha() and zipf_frequency(w, "en") < RARE_ZIPF)
    assert len(rare) >= 3
    text = "We met " + ", ".join(rare) + " today."
    spelling = BY_NAME["grammar-spelling"]
    assert len([f for f in run(text) if f.code == spelling]) == len(rare)
    assert [f for f in run(text, ctx(knowledge=kb)) if f.code == spelling] == []


def test_copylint_own_diagnostic_wins_on_the_same_span(service: GrammarService) -> None:
    data = yaml.safe_load(MI_KNOWLEDGE.read_text(encoding="utf-8"))
    wrong = next(m for p in data["people"] for m in p.get("misspellings", []))
    text = f"The film was directed by {wrong} last year."
    linter = Linter(Settings(), knowledge=KnowledgeBase.load([MI_KNOWLEDGE]))
    diagnostics = linter.lint_document(Document.plain(text))
    start, end = text.index(wrong), text.index(wrong) + len(wrong)
    own = [
        d for d in diagnostics if not d.code.startswith("CL5") and d.start < end and start < d.end
    ]
    assert own, "a names rule should flag the known misspelling"
    assert not [
        d for d in diagnostics if d.code.startswith("CL5") and d.start < end and start < d.end
    ]
    # Without the knowledge base, LanguageTool's speller is what reports it.
    bare = Linter(Settings()).lint_document(Document.plain(text))
    assert any(d.code == BY_NAME["grammar-spelling"] for d in bare)


def test_a_failing_server_costs_one_request_and_yields_nothing() -> None:
    with StandIn(behaviour="error") as server:
        settings = GrammarSettings(mode="remote", url=server.url + "/")
        with open_grammar_service(settings) as svc:
            assert svc is not None
            assert run("It was teh best.") == []
            assert run("Another  file.") == []
            assert svc.failure is not None and svc.failure.fatal
        assert len(server.checks()) == 1


@pytest.mark.parametrize(
    ("category", "issue", "name"),
    [
        ("CONFUSED_WORDS", "misspelling", "grammar-confused-words"),
        ("CASING", "typographical", "grammar-capitalization"),
        ("MISC", "duplication", "grammar-duplicate-word"),
        ("TYPOGRAPHY", "whitespace", "grammar-whitespace"),
        ("TYPOGRAPHY", "typographical", "grammar-typography"),
        ("SOME_NEW_CATEGORY", "grammar", "grammar-error"),
        ("SOME_NEW_CATEGORY", "misspelling", "grammar-spelling"),
        ("REDUNDANCY", "style", "grammar-style"),
        ("SOME_NEW_CATEGORY", "non-conformance", "grammar-other"),
    ],
)
def test_routing(category: str, issue: str, name: str) -> None:
    match = GrammarMatch(0, 1, "ANY_RULE", category, issue, "msg")
    route = Router(SPECS).route(match)
    assert route is not None and route.code == BY_NAME[name]


def test_rule_ids_route_before_anything_else() -> None:
    custom = RuleSpec(
        code="CL599",
        name="grammar-custom",
        check="grammar",
        severity=SPECS[0].severity,
        fix=Applicability.SAFE,
        summary="x",
        options=GrammarOptions(rule_ids=("MY_RULE",)),
    )
    router = Router([*SPECS, custom])
    route = router.route(GrammarMatch(0, 1, "MY_RULE", "TYPOS", "misspelling", "msg"))
    assert route is not None and route.code == "CL599"


def test_importing_the_check_does_not_import_languagetool() -> None:
    code = (
        "import sys, copylint.checks.grammar, copylint.grammar;"
        "print(sorted(m for m in ('language_tool_python', 'requests') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
