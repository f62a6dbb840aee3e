"""GrammarSettings: config validation and command-line overrides."""

from __future__ import annotations

import pytest

from copylint.errors import CopylintError, DataFileError
from copylint.grammar import GrammarSettings
from copylint.grammar.settings import KEYS, parse_url


def test_defaults_are_off_and_en_us() -> None:
    s = GrammarSettings.from_mapping({}, "copylint.toml")
    assert (s.mode, s.url, s.language, s.picky) == ("off", None, "en-US", False)
    assert s == GrammarSettings()


def test_full_mapping() -> None:
    s = GrammarSettings.from_mapping(
        {
            "grammar": "remote",
            "languagetool-url": "http://lt.example:8081",
            "language": "en-GB",
            "enabled-rules": ["EN_QUOTES"],
            "disabled-rules": ["WHITESPACE_RULE", "WHITESPACE_RULE"],
            "enabled-categories": "STYLE",
            "disabled-categories": ["CASING"],
            "picky": True,
            "timeout": 4,
            "start-timeout": 90,
        },
        "copylint.toml",
    )
    assert s.mode == "remote"
    assert s.url == "http://lt.example:8081/"
    assert s.language == "en-GB"
    assert s.enabled_rules == ("EN_QUOTES",)
    assert s.disabled_rules == ("WHITESPACE_RULE",)
    assert s.enabled_categories == ("STYLE",)
    assert s.disabled_categories == ("CASING",)
    assert s.picky is True
    assert (s.timeouts.connect, s.timeouts.request, s.timeouts.start) == (3.0, 4.0, 90.0)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"grammar": "on"}, "grammar"),
        ({"grammar": "remote"}, "grammar"),  # no URL
        ({"languagetool-url": "ftp://host"}, "languagetool-url"),
        ({"languagetool-url": "http://host:notaport"}, "languagetool-url"),
        ({"language": "English"}, "language"),
        ({"disabled-rules": ["not an id"]}, "disabled-rules"),
        ({"enabled-categories": [1]}, "enabled-categories"),
        ({"picky": "yes"}, "picky"),
        ({"timeout": 0}, "timeout"),
        ({"start-timeout": True}, "start-timeout"),
        ({"timout": 3}, "timout"),
    ],
)
def test_bad_values_name_file_and_key(data: dict[str, object], key: str) -> None:
    with pytest.raises(DataFileError) as info:
        GrammarSettings.from_mapping(data, "/proj/copylint.toml")
    assert info.value.path == "/proj/copylint.toml"
    assert repr(key) in str(info.value)


def test_unknown_key_suggests_the_right_one() -> None:
    with pytest.raises(DataFileError, match="did you mean 'timeout'"):
        GrammarSettings.from_mapping({"timout": 3}, "copylint.toml")
    assert "timeout" in KEYS


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("http://h:8081", "http://h:8081/"),
        ("http://h:8081/", "http://h:8081/"),
        ("http://h:8081/v2", "http://h:8081/"),
        ("http://h:8081/v2/", "http://h:8081/"),
        ("https://h/lt", "https://h/lt/"),
    ],
)
def test_urls_are_normalised_for_the_client(raw: str, normal: str) -> None:
    assert parse_url(raw) == normal


def test_cli_overrides() -> None:
    base = GrammarSettings()
    assert base.override(mode="local").mode == "local"
    remote = base.override(url="http://127.0.0.1:8081")
    assert (remote.mode, remote.url) == ("remote", "http://127.0.0.1:8081/")
    assert base.override(language="de-DE").language == "de-DE"
    assert base.override(mode="off", url="http://h:1").mode == "off"
    with pytest.raises(CopylintError, match="needs --languagetool-url"):
        base.override(mode="remote")
    with pytest.raises(CopylintError, match="grammar must be one of"):
        base.override(mode="sometimes")
