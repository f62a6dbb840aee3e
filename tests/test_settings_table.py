"""The one table of settings drives both the config loader and the click options."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from copylint.cli import cli
from copylint.config import Settings, load_config
from copylint.errors import DataFileError
from copylint.settings_table import SETTINGS

from .conftest import run_cli

SAMPLES = {
    "codes": '["CL2"]',
    "strings": '["x"]',
    "paths": '["k.yaml"]',
    "bool": "true",
    "severity": '"info"',
    "choice": '"off"',
    "str": '"en-GB"',
    "table": "{}",
}


def test_every_setting_names_a_settings_field() -> None:
    fields = {f.name for f in dataclasses.fields(Settings)}
    for setting in SETTINGS:
        assert setting.field in fields, setting.key


def test_every_flag_in_the_table_is_a_cli_option_and_back() -> None:
    params = {p.name: p for p in cli.params}
    for setting in SETTINGS:
        if setting.flags:
            param = params[setting.param_name]
            assert set(setting.flags) <= set(param.opts) | set(param.secondary_opts)
            assert param.help == setting.help


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.key)
def test_every_config_key_in_the_table_is_accepted(tmp_path: Path, setting) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "k.yaml").write_text("", encoding="utf-8")
    config = tmp_path / "copylint.toml"
    config.write_text(f"{setting.key} = {SAMPLES[setting.kind]}\n", encoding="utf-8")
    load_config(config)


def test_a_wrong_type_for_a_flag_setting_is_refused_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / "copylint.toml"
    config.write_text('select = ["CL2"]\nreport-unused-suppressions = "yes"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"copylint.toml:2: 'report-unused-suppressions'"):
        load_config(config)


def test_an_unknown_key_gets_the_closest_table_key(tmp_path: Path) -> None:
    (tmp_path / "copylint.toml").write_text("report-unused-supressions = true\n", "utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "copylint.toml:1: unknown key 'report-unused-supressions'" in proc.stderr
    assert "did you mean 'report-unused-suppressions'" in proc.stderr
