"""Rule packs: validation, and every built-in rule's own examples.

Like proselint's rule examples: each rule declares text it must flag and text
it must leave alone, and this test runs all of them.  Rules that need
knowledge run with the Mission: Impossible fixture knowledge file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.api import lint_text
from copylint.config import Settings
from copylint.engine import load_rule_specs
from copylint.errors import DataFileError
from copylint.packs import builtin_pack_paths, load_packs

from .conftest import FIXTURES, MI_KNOWLEDGE

SPECS = load_rule_specs(Settings())
USER_PACK = FIXTURES / "packs" / "house-style.yaml"
USER_SPECS = load_packs([USER_PACK])


def _codes(text: str, code: str, packs: tuple[Path, ...] = ()) -> list[str]:
    if packs:
        from copylint.document import Document
        from copylint.engine import Linter
        from copylint.knowledge import KnowledgeBase

        settings = Settings(select=(code,), rule_packs=tuple(str(p) for p in packs))
        linter = Linter(settings, KnowledgeBase.load([MI_KNOWLEDGE]))
        return [d.code for d in linter.lint_document(Document.plain(text))]
    return [d.code for d in lint_text(text, knowledge=[MI_KNOWLEDGE], select=[code])]


def _examples(specs, kind):
    for spec in specs:
        for text in spec.examples_flag if kind == "flag" else spec.examples_pass:
            yield pytest.param(spec.code, text, id=f"{spec.code}-{text[:30]}")


def test_every_checked_rule_has_examples_both_ways() -> None:
    for spec in SPECS:
        if spec.check in {"engine", "grammar"}:
            continue
        assert spec.examples_flag, f"{spec.code} has no examples that it flags"
        assert spec.examples_pass, f"{spec.code} has no examples that it leaves alone"
        assert spec.explanation, f"{spec.code} has no explanation"


@pytest.mark.parametrize(
    ("code", "text"), list(_examples([s for s in SPECS if s.check != "grammar"], "flag"))
)
def test_builtin_rule_flags_its_examples(code: str, text: str) -> None:
    assert code in _codes(text, code)


@pytest.mark.parametrize(
    ("code", "text"), list(_examples([s for s in SPECS if s.check != "grammar"], "pass"))
)
def test_builtin_rule_leaves_its_examples_alone(code: str, text: str) -> None:
    assert code not in _codes(text, code)


@pytest.mark.parametrize(("code", "text"), list(_examples(USER_SPECS, "flag")))
def test_user_pack_flags_its_examples(code: str, text: str) -> None:
    assert code in _codes(text, code, (USER_PACK,))


@pytest.mark.parametrize(("code", "text"), list(_examples(USER_SPECS, "pass")))
def test_user_pack_leaves_its_examples_alone(code: str, text: str) -> None:
    assert code not in _codes(text, code, (USER_PACK,))


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [s.code for s in SPECS]
    names = [s.name for s in SPECS]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    for spec in SPECS:
        block = spec.code[2]
        family = {
            "0": ("internal", "pattern", "suppression", "front-matter"),
            "1": ("name",),
            "2": ("joins", "quotes", "sentence"),
            "3": ("residue",),
            "4": ("fact",),
            "5": ("grammar",),
        }[block]
        assert spec.name.startswith(family), f"{spec.code} {spec.name} is outside its block"


def test_builtin_packs_are_found() -> None:
    names = {p.name for p in builtin_pack_paths()}
    assert {"engine.yaml", "names.yaml", "facts.yaml", "typography.yaml"} <= names


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("rules:\n  - code: X1\n    name: a\n    check: phrases\n    summary: s\n", 2, "CL123"),
        (
            "rules:\n  - code: CL901\n    name: Bad_Name\n    check: phrases\n    summary: s\n",
            3,
            "kebab-case",
        ),
        (
            "rules:\n  - code: CL901\n    name: a\n    check: phrases\n    summary: s\n"
            "    severity: fatal\n",
            6,
            "unknown severity",
        ),
        (
            "rules:\n  - code: CL901\n    name: a\n    check: phrases\n    summary: s\n"
            "    colour: red\n",
            6,
            "unknown rule key",
        ),
        ("rules:\n  - code: CL901\n    name: a\n    check: phrases\n", 2, "missing 'summary'"),
        ("rules: {}\n", 1, "must be a list"),
    ],
)
def test_malformed_pack_names_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_packs([path])
    assert err.value.line == line and err.value.path == str(path)
    assert words in str(err.value)


def test_duplicate_code_across_packs_names_both(tmp_path: Path) -> None:
    body = "rules:\n  - code: CL901\n    name: a-b\n    check: phrases\n    summary: s\n"
    path = tmp_path / "dup.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"already declared in .*house-style.yaml"):
        load_packs([USER_PACK, path])
