"""Rule scopes (issue 12): a rule reads only the block kinds it declares, as in Vale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

PACK = """\
pack: scoped
rules:
  - code: CL901
    name: house-utilise
    check: phrases
    severity: warning
    fix: safe
    summary: Say use.
    scope: {scope}
    options:
      phrases:
        - {{phrase: utilise, replacement: use}}
"""
DOC = """\
# We utilise headings

We utilise paragraphs.

| Column | Note |
|---|---|
| a | utilise cells |

- we utilise lists
"""


def lint(tmp_path: Path, scope: str, *args: str) -> tuple[int, list[int], str]:
    (tmp_path / "house.yaml").write_text(PACK.format(scope=scope), encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('rule-packs = ["house.yaml"]\nselect = ["CL9"]\n')
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    proc = run_cli("--no-cache", "--format", "json", *args, "doc.md", cwd=tmp_path)
    if proc.returncode == 2:
        return 2, [], proc.stderr
    data = json.loads(proc.stdout)
    lines = sorted(d["line"] for f in data for d in f["diagnostics"])
    return proc.returncode, lines, proc.stderr


@pytest.mark.parametrize(
    ("scope", "lines"),
    [
        ("[text]", [1, 3, 7, 9]),
        ("[paragraph, heading]", [1, 3]),
        ("[table-cell]", [7]),
        ("[table]", [7]),
        ("[list]", [9]),
    ],
)
def test_scope_selects_block_kinds(tmp_path: Path, scope: str, lines: list[int]) -> None:
    _, got, err = lint(tmp_path, scope)
    assert got == lines, err


def test_unknown_scope_is_a_pack_error_naming_the_line(tmp_path: Path) -> None:
    code, _, err = lint(tmp_path, "[paragraf]")
    assert code == 2
    assert "house.yaml" in err and ":9" in err and "paragraf" in err
    assert "Traceback" not in err


def test_plain_text_is_all_paragraph(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(PACK.format(scope="[table-cell]"), encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('rule-packs = ["house.yaml"]\nselect = ["CL9"]\n')
    (tmp_path / "doc.txt").write_text("We utilise text.\n", encoding="utf-8")
    assert "CL901" not in run_cli("--no-cache", "doc.txt", cwd=tmp_path).stdout
    (tmp_path / "house.yaml").write_text(PACK.format(scope="[paragraph]"), encoding="utf-8")
    assert "CL901" in run_cli("--no-cache", "doc.txt", cwd=tmp_path).stdout


def test_built_in_residue_scope_is_shown_by_explain(tmp_path: Path) -> None:
    out = run_cli("--explain", "CL301", cwd=tmp_path).stdout
    assert "Scope:" in out and "table-cell" in out and "alt" not in out.split("Scope:")[1][:80]
