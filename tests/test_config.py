"""Configuration discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.api import Options, Session
from copylint.config import find_config, load_config
from copylint.diagnostics import Severity
from copylint.errors import DataFileError


def test_closest_config_wins(tmp_path: Path) -> None:
    (tmp_path / "copylint.toml").write_text('select = ["CL2"]\n')
    sub = tmp_path / "desk" / "drafts"
    sub.mkdir(parents=True)
    (tmp_path / "desk" / "pyproject.toml").write_text('[tool.copylint]\nignore = ["CL212"]\n')
    assert find_config(sub) == tmp_path / "desk" / "pyproject.toml"
    assert find_config(tmp_path) == tmp_path / "copylint.toml"
    session = Session()
    assert session.settings_for(str(sub / "a.txt")).ignore == ("CL212",)
    assert session.settings_for(str(tmp_path / "b.txt")).select == ("CL2",)


def test_files_of_one_directory_share_settings_but_symlinks_follow_their_target(
    tmp_path: Path,
) -> None:
    desk, wire = tmp_path / "desk", tmp_path / "wire"
    for folder, select in ((desk, "CL2"), (wire, "CL3")):
        folder.mkdir()
        (folder / "copylint.toml").write_text(f'select = ["{select}"]\n')
        (folder / "a.txt").write_text("text\n")
        (folder / "b.txt").write_text("text\n")
    (desk / "from-wire.txt").symlink_to(wire / "a.txt")
    session = Session()
    assert session.settings_for(str(desk / "a.txt")).select == ("CL2",)
    assert session.settings_for(str(desk / "b.txt")).select == ("CL2",)
    assert session.settings_for(str(desk / "from-wire.txt")).select == ("CL3",)
    assert session.settings_for(str(wire / "b.txt")).select == ("CL3",)
    # The same file by another spelling of its directory.
    assert session.settings_for(str(wire / ".." / "desk" / "b.txt")).select == ("CL2",)


def test_a_relative_path_follows_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder, select in (("desk", "CL2"), ("wire", "CL3")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "copylint.toml").write_text(f'select = ["{select}"]\n')
        (tmp_path / folder / "a.txt").write_text("text\n")
    session = Session()
    monkeypatch.chdir(tmp_path / "desk")
    assert session.settings_for("a.txt").select == ("CL2",)
    monkeypatch.chdir(tmp_path / "wire")
    assert session.settings_for("a.txt").select == ("CL3",)


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_keys_and_relative_paths(tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    kb.mkdir()
    (kb / "a.yaml").write_text("works: []\n")
    (kb / "b.yaml").write_text("works: []\n")
    (tmp_path / "words.txt").write_text("# house words\nKlementieff\nDeVito\n")
    cfg = tmp_path / "copylint.toml"
    cfg.write_text(
        'knowledge = ["knowledge/*.yaml"]\nfail-on = "error"\naccept = ["Whigham"]\n'
        'accept-files = ["words.txt"]\nexclude = ["drafts/*"]\n'
        '[per-file-ignores]\n"archive/*.txt" = ["CL3"]\n[rules.CL212]\nseverity = "info"\n'
    )
    settings = load_config(cfg)
    assert settings.knowledge == (str(kb / "a.yaml"), str(kb / "b.yaml"))
    assert settings.fail_on is Severity.ERROR
    assert settings.accept == ("Whigham", "Klementieff", "DeVito")
    assert settings.per_file_ignores == (("archive/*.txt", ("CL3",)),)
    assert settings.rule_options == {"CL212": {"severity": "info"}}


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('selct = ["CL1"]\n', 1, "did you mean 'select'"),
        ('\nfail-on = "fatal"\n', 2, "unknown severity"),
        ('select = "CL1"\nignore = [1, 2]\n', 2, "must be a list of strings"),
        ('knowledge = ["nothing/*.yaml"]\n', 1, "no file matches"),
        ("select = [\n", 1, "invalid TOML"),
    ],
)
def test_config_errors_name_file_key_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    cfg = tmp_path / "copylint.toml"
    cfg.write_text(body)
    with pytest.raises(DataFileError) as err:
        load_config(cfg)
    assert err.value.path == str(cfg)
    assert err.value.line == line
    assert words in str(err.value)


def test_isolated_ignores_config_and_config_option_overrides(tmp_path: Path) -> None:
    (tmp_path / "copylint.toml").write_text('select = ["CL2"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["CL3"]\n')
    target = str(tmp_path / "a.txt")
    assert Session(Options(isolated=True)).settings_for(target).select == ()
    assert Session(Options(config=str(other))).settings_for(target).select == ("CL3",)
    assert Session(Options(select=("CL1",))).settings_for(target).select == ("CL1",)
