"""Rule selectors: unknown codes or names are errors with a hint; names work like codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import run_cli

TEXT = "It ends. the end.\n"  # CL212 (sentence-case)


def _article(tmp_path: Path, config: str | None = None) -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    if config is not None:
        (tmp_path / "copylint.toml").write_text(config, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--select", "CL9999"), r"--select: 'CL9999' matches no rule code or name"),
        (
            ("--select", "residue-ui-phraze"),
            r"--select: 'residue-ui-phraze' matches no rule code or name "
            r"\(did you mean 'residue-ui-phrase'\?\)",
        ),
        (
            ("--ignore", "sentence-cas"),
            r"--ignore: 'sentence-cas' .*did you mean 'sentence-case'",
        ),
        (("--explain", "sentence-cas"), r"unknown rule 'sentence-cas' \(did you mean"),
    ],
)
def test_unknown_selectors_on_the_command_line(tmp_path: Path, args, message) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("--isolated", *args, "a.txt", cwd=_article(tmp_path))
    assert proc.returncode == 2, proc.stderr
    assert re.search(message, proc.stderr), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('ignore = ["CL9999"]\n', r"copylint.toml:1: ignore: 'CL9999' matches no rule"),
        (
            'select = ["CL2"]\n\n[per-file-ignores]\n"*.txt" = ["residue-ui-phraze"]\n',
            r"copylint.toml:4: per-file-ignores: 'residue-ui-phraze' .*'residue-ui-phrase'",
        ),
    ],
)
def test_unknown_selectors_in_config_name_file_and_line(
    tmp_path: Path, config: str, message: str
) -> None:
    proc = run_cli("a.txt", cwd=_article(tmp_path, config))
    assert proc.returncode == 2, proc.stderr
    assert re.search(message, proc.stderr), proc.stderr


def test_rule_names_select_and_ignore_like_codes(tmp_path: Path) -> None:
    root = _article(tmp_path)
    by_code = run_cli("--isolated", "--select", "CL212", "a.txt", cwd=root)
    by_name = run_cli("--isolated", "--select", "sentence-case", "a.txt", cwd=root)
    assert by_code.returncode == by_name.returncode == 1
    assert by_code.stdout == by_name.stdout and "CL212" in by_name.stdout
    ignored = run_cli(
        "--isolated", "--select", "CL2", "--ignore", "sentence-case", "a.txt", cwd=root
    )
    assert ignored.returncode == 0, ignored.stdout
    config = _article(tmp_path / "c", '[per-file-ignores]\n"*.txt" = ["sentence-case"]\n')
    assert "CL212" not in run_cli("--select", "CL2", "a.txt", cwd=config).stdout


def test_a_suppression_may_name_a_rule_and_an_unknown_one_gets_a_hint(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "It ends. the end. [copylint: ignore=sentence-case]\n"
        "It went. the rest. [copylint: ignore=sentence-cas]\n",
        encoding="utf-8",
    )
    proc = run_cli("--isolated", "--select", "CL0,CL212", "a.txt", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert not any(ln.startswith("a.txt:1:") for ln in lines), proc.stdout
    assert any(ln.startswith("a.txt:2:") and "CL212" in ln for ln in lines), proc.stdout
    # (the text report capitalises a message's first letter)
    hint = "uppression names no known rule: 'sentence-cas' (did you mean 'sentence-case'?)"
    assert any("CL002" in ln and hint in ln for ln in lines), proc.stdout
