"""The generic phrases check kind: user packs, replacements, whole lines, time limits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from copylint.config import Settings
from copylint.document import Document
from copylint.engine import Linter
from copylint.errors import DataFileError

from .conftest import FIXTURES

USER_PACK = FIXTURES / "packs" / "house-style.yaml"


def lint(text: str, *packs: Path, select: str = "CL9") -> list:
    settings = Settings(select=(select, "CL0"), rule_packs=tuple(str(p) for p in packs))
    return Linter(settings).lint_document(Document.plain(text))


def apply(text: str, diags: list) -> str:
    edits = sorted((e for d in diags if d.fix for e in d.fix.edits), key=lambda e: -e.start)
    for e in edits:
        text = text[: e.start] + e.text + text[e.end :]
    return text


def test_house_style_replacements_keep_case_and_groups() -> None:
    text = "We utilise co-operation. In order to win, Utilise it."
    assert apply(text, lint(text, USER_PACK)) == "We use cooperation. To win, Use it."


def test_whole_line_phrase_deletes_the_line_and_its_line_end() -> None:
    text = "First.\nArticle continues below\nLast.\n"
    diags = lint(text, USER_PACK)
    assert [d.code for d in diags] == ["CL902"]
    assert apply(text, diags) == "First.\nLast.\n"


def write_pack(tmp_path: Path, pattern: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(
        "rules:\n  - code: CL950\n    name: slow-rule\n    check: phrases\n    summary: s\n"
        f"    options:\n      phrases:\n        - {{pattern: '{pattern}'}}\n",
        encoding="utf-8",
    )
    return path


def test_invalid_regular_expression_names_pack_and_rule(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "(unclosed")
    with pytest.raises(DataFileError) as err:
        lint("text", pack)
    assert err.value.path == str(pack) and err.value.line == 2
    assert "CL950" in str(err.value) and "invalid regular expression" in str(err.value)


def test_catastrophic_pattern_is_stopped_and_reported(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "(a|aa)+c")  # exponential backtracking on a run of a's
    started = time.monotonic()
    diags = lint("a" * 60, pack, select="CL950")
    assert time.monotonic() - started < 10
    assert [d.code for d in diags] == ["CL004"]
    assert "CL950" in diags[0].message
