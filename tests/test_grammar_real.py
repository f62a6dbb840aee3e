"""The grammar rules against a real LanguageTool, when one is available.

Set ``COPYLINT_LANGUAGETOOL_URL`` to a running server (``http://localhost:8081``)
for the remote tests, or ``LTP_PATH`` to a folder holding an unpacked
LanguageTool release (``LanguageTool-6.x/``) plus Java 17+ on PATH for the
local tests.  Without them these tests are skipped, saying why; the protocol
stand-in tests cover the same paths on every machine.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from copylint.checks.base import DocContext
from copylint.checks.grammar import GrammarCheck
from copylint.document import Document
from copylint.grammar import GrammarSettings, GrammarTimeouts, open_grammar_service
from copylint.knowledge import KnowledgeBase
from copylint.packs import load_packs

from .conftest import ROOT

SPECS = load_packs([ROOT / "rules" / "grammar.yaml"])
URL = os.environ.get("COPYLINT_LANGUAGETOOL_URL", "")
LTP_PATH = os.environ.get("LTP_PATH", "")


def _local_release() -> str:
    if not LTP_PATH:
        return "LTP_PATH is not set"
    if not any(Path(LTP_PATH).glob("LanguageTool-*/languagetool-server.jar")):
        return f"LTP_PATH={LTP_PATH} holds no LanguageTool-*/languagetool-server.jar"
    if shutil.which("java") is None:
        return "no java on PATH"
    return ""


def _findings(settings: GrammarSettings, text: str) -> list[tuple[str, str]]:
    with open_grammar_service(settings) as service:
        assert service is not None
        assert service.failure is None, str(service.failure)
        kb = KnowledgeBase.empty()
        ctx = DocContext(knowledge=kb, mentions=kb.find_mentions(text))
        found = GrammarCheck(SPECS).run(Document.plain(text), ctx)
        return [(f.code, text[f.start : f.end]) for f in found]


TEXT = "😀 It was teh best day. She has a apple and and a pear."


def _assert_realistic(found: list[tuple[str, str]]) -> None:
    assert ("CL502", "teh") in found  # spelling, after an emoji (UTF-16 offsets)
    assert any(code == "CL506" and "and and" in span for code, span in found)
    assert any(span == "a" for code, span in found if code in ("CL501", "CL502"))


@pytest.mark.skipif(not URL, reason="COPYLINT_LANGUAGETOOL_URL is not set (no LanguageTool server)")
def test_remote_languagetool() -> None:
    _assert_realistic(_findings(GrammarSettings(mode="remote", url=URL.rstrip("/") + "/"), TEXT))


@pytest.mark.skipif(bool(_local_release()), reason=_local_release() or "available")
def test_local_languagetool_starts_checks_and_stops() -> None:
    settings = GrammarSettings(mode="local", timeouts=GrammarTimeouts(request=60, start=120))
    started = time.monotonic()
    _assert_realistic(_findings(settings, TEXT))
    assert time.monotonic() - started < 180
