"""The engine: placing findings, crashing rules, overlaps, per-file ignores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from copylint import checks
from copylint.checks.base import Check, DocContext
from copylint.config import Settings
from copylint.diagnostics import Applicability, Edit, Finding, Fix
from copylint.document import Document
from copylint.engine import Linter, load_rule_specs
from copylint.packs import RuleSpec


class _Crashing(Check):
    kind = "test-crash"

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        raise RuntimeError("boom")


class _Everywhere(Check):
    """Reports the first word, and a grammar finding on the same word and on the second."""

    kind = "test-words"

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        yield Finding(
            "CL990", 0, 3, "first word", Fix("upper", (Edit(0, 3, "ONE"),), Applicability.SAFE)
        )
        yield Finding("CL501", 1, 2, "grammar inside the first word")
        yield Finding("CL501", 4, 7, "grammar on the second word")


@pytest.fixture
def custom_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    module = types.ModuleType("copylint.checks._testkinds")
    module.Crash, module.Words = _Crashing, _Everywhere  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "copylint.checks._testkinds", module)
    monkeypatch.setitem(checks.CHECK_KINDS, "test-crash", "_testkinds:Crash")
    monkeypatch.setitem(checks.CHECK_KINDS, "test-words", "_testkinds:Words")


def _spec(code: str, name: str, kind: str) -> RuleSpec:
    from copylint.diagnostics import Severity

    return RuleSpec(code, name, kind, Severity.WARNING, Applicability.SAFE, "test rule")


def _linter(settings: Settings, *extra: RuleSpec) -> Linter:
    specs = [s for s in load_rule_specs(settings) if s.code.startswith(("CL0", "CL21", "CL5"))]
    return Linter(settings, specs=[*specs, *extra])


def test_crashing_rule_becomes_internal_error_and_others_still_run(custom_kinds: None) -> None:
    linter = _linter(Settings(), _spec("CL991", "test-crash", "test-crash"))
    diags = linter.lint_document(Document.plain("One. the end."))
    codes = [d.code for d in diags]
    assert "CL212" in codes
    internal = [d for d in diags if d.code == "CL001"]
    assert len(internal) == 1
    assert "test-crash" in internal[0].message and "RuntimeError: boom" in internal[0].message


def test_grammar_yields_to_copylint_rules_on_the_same_span(custom_kinds: None) -> None:
    linter = _linter(Settings(select=("CL99", "CL5")), _spec("CL990", "test-words", "test-words"))
    diags = linter.lint_document(Document.plain("one two"))
    assert [(d.code, d.message) for d in diags] == [
        ("CL990", "First word"),
        ("CL501", "Grammar on the second word"),
    ]


def test_crlf_positions_and_fix_edits_are_in_source_offsets() -> None:
    text = "First line.\r\nIt ends. the sequel.\r\n"
    linter = _linter(Settings(select=("CL212",)))
    (diag,) = linter.lint_document(Document.plain(text))
    assert text[diag.start : diag.end] == "the"
    assert (diag.line, diag.column) == (2, 10)
    edit = diag.fix.edits[0]
    assert text[edit.start : edit.end] == "t"


def test_per_file_ignores_match_relative_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        select=("CL212",),
        per_file_ignores=(("archive/*", ("CL2",)),),
        config_path=str(tmp_path / "copylint.toml"),
    )
    linter = _linter(settings)
    text = "It ends. the sequel."
    archived = Document.plain(text, str(tmp_path / "archive" / "old.txt"))
    current = Document.plain(text, str(tmp_path / "new.txt"))
    assert linter.lint_document(archived) == []
    assert [d.code for d in linter.lint_document(current)] == ["CL212"]


def test_unknown_rule_in_config_options_is_an_error() -> None:
    from copylint.errors import CopylintError

    with pytest.raises(CopylintError, match=r"\[rules.CL777\]"):
        load_rule_specs(Settings(rule_options={"CL777": {"x": 1}}, config_path="c.toml"))


def test_rule_severity_override() -> None:
    specs = load_rule_specs(Settings(rule_options={"sentence-case": {"severity": "info"}}))
    assert str(next(s for s in specs if s.code == "CL212").severity) == "info"


def test_inline_suppressions_silence_and_report_unknown_codes() -> None:
    from copylint.api import build_document

    linter = _linter(Settings(select=("CL0", "CL212")))
    text = (
        "It ends. the sequel.\n[copylint: disable-next-line=CL212]\nIt ends. the end.\n"
        "It ends. the fin. [copylint: ignore=CL999]\n"
    )
    diags = linter.lint_document(build_document("a.txt", text))
    assert [(d.code, d.line) for d in diags] == [("CL212", 1), ("CL212", 4), ("CL002", 4)]
    assert "CL999" in diags[2].message


def test_unused_suppressions_only_on_request() -> None:
    from copylint.api import build_document

    text = "<!-- copylint: disable=CL212 -->\n\nAll fine here.\n"
    quiet = _linter(Settings(select=("CL0", "CL212")))
    assert quiet.lint_document(build_document("a.md", text)) == []
    loud = _linter(Settings(select=("CL0", "CL212"), report_unused_suppressions=True))
    assert [d.code for d in loud.lint_document(build_document("a.md", text))] == ["CL003"]


def test_front_matter_declares_the_works_an_article_is_about() -> None:
    from copylint.api import build_document
    from copylint.knowledge import KnowledgeBase

    from .conftest import MI_KNOWLEDGE

    kb = KnowledgeBase.load([MI_KNOWLEDGE])
    linter = Linter(Settings(select=("CL103",)), kb)
    body = "The chase finds Cruz on a train.\n"
    plain = linter.lint_document(build_document("a.md", body))
    declared = linter.lint_document(
        build_document("a.md", "---\nworks: [Dead Reckoning Part One]\n---\n" + body)
    )
    assert plain == []
    assert [d.code for d in declared] == ["CL103"]
