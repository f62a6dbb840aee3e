"""The README cannot drift from the tool: its commands, its example output and
its configuration example are run against the real command line."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import MI_KNOWLEDGE, ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
ARTICLE = "Jane Dough directed the film.\n\nThe film opens in cinemas in May.\n\nLeave a Reply\n"
KNOWLEDGE = "people:\n  - name: Jane Doe\n    misspellings: [Jane Dough]\n"


def _section(heading: str) -> str:
    """The README text under ``heading`` up to the next heading of the same or higher level."""
    level = heading.split(" ")[0]
    start = README.index(f"\n{heading}\n")
    rest = README[start + len(heading) + 2 :]
    stop = re.search(rf"^#{{1,{len(level)}}} ", rest, re.M)
    return rest[: stop.start()] if stop else rest


def _fenced(text: str) -> list[tuple[str, str]]:
    """The fenced code blocks of ``text`` in order, as (info string, body)."""
    return [(m[1], m[2]) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.M | re.S)]


def _blocks(text: str, lang: str) -> list[str]:
    return [body for info, body in _fenced(text) if info == lang]


def _use_commands() -> list[list[str]]:
    """The `copylint ...` lines of the README's "Use" block, without their comments."""
    [block, *_] = _blocks(_section("## Use"), "sh")
    commands = []
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            commands.append(line)
    return [shlex.split(c) for c in commands]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The files the README's commands name, with a defect each rule family can see."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "review.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "extra.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "films.yaml").write_text(KNOWLEDGE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("argv", _use_commands(), ids=lambda a: " ".join(a)[:60])
def test_every_command_in_use_runs(argv: list[str], workspace: Path) -> None:
    if "|" in argv:  # `cat article.txt | copylint -`
        cat, rest = argv[: argv.index("|")], argv[argv.index("|") + 1 :]
        assert cat[0] == "cat" and rest[0] == "copylint", argv
        done = run_cli(*rest[1:], cwd=workspace, stdin=(workspace / cat[1]).read_text())
    else:
        assert argv[0] == "copylint", argv
        done = run_cli(*argv[1:], cwd=workspace)
    assert done.returncode in (0, 1), f"{argv}: exit {done.returncode}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    assert done.stdout.strip(), argv


def test_fix_command_does_what_the_readme_says(workspace: Path) -> None:
    done = run_cli("--fix", "article.txt", cwd=workspace)
    assert done.returncode in (0, 1), done.stderr
    fixed = (workspace / "article.txt").read_text(encoding="utf-8")
    assert "Leave a Reply" not in fixed  # safe fix: residue deleted
    assert "The film opens in cinemas in May." in fixed


def test_example_output_is_what_copylint_prints_for_the_seed(
    seed_path: Path, tmp_path: Path
) -> None:
    """Every line of the README's sample report is in the real report on the seed article."""
    use = _section("## Use")
    example = next(body for info, body in _fenced(use) if not info and "CL" in body)
    shutil.copy(seed_path, tmp_path / "article.txt")
    done = run_cli("-k", str(MI_KNOWLEDGE), "article.txt", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    report = done.stdout.splitlines()
    for line in example.splitlines():
        assert line in report, f"README line not in the report: {line!r}"


def test_configuration_example_is_valid(workspace: Path) -> None:
    """The README's example config loads (every key exists, every value has the right type)."""
    [toml] = _blocks(_section("### Configuration"), "toml")
    (workspace / "style").mkdir()
    (workspace / "style" / "words.txt").write_text("# accepted words\nKlementieff\n")
    (workspace / "style" / "house.yaml").write_text("rules: []\n", encoding="utf-8")
    (workspace / "copylint.toml").write_text(toml, encoding="utf-8")
    done = run_cli("article.txt", cwd=workspace)
    assert done.returncode in (0, 1), done.stderr
    assert "Jane Doe" in done.stdout  # the config's knowledge glob was read


def test_readme_names_the_ci_test_command() -> None:
    """.ci/run runs the README's set-up and test commands."""
    setup = _blocks(_section("## Set up and test"), "sh")[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for line in setup.splitlines():
        command = line.split("#", 1)[0].strip()
        if command:
            assert command.split()[-1] in ci, command
