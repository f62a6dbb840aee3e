"""The grammar service through the real language-tool-python client.

Every test talks HTTP to the protocol stand-in in ``lt_standin.py`` (or to
nothing at all), started on loopback by the test.  Failure modes are timed:
LanguageTool being unavailable must cost seconds, once per run.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from copylint.grammar import (
    GrammarSettings,
    GrammarTimeouts,
    GrammarUnavailable,
    current,
    open_grammar_service,
)

from .lt_standin import StandIn


def remote(url: str, **kw: object) -> GrammarSettings:
    return GrammarSettings(mode="remote", url=url + "/", **kw)  # type: ignore[arg-type]


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_off_yields_no_service() -> None:
    with open_grammar_service(GrammarSettings()) as service:
        assert service is None
        assert current() is None


def test_one_client_for_many_texts(standin: StandIn) -> None:
    with open_grammar_service(remote(standin.url)) as service:
        assert service is not None and service.failure is None
        assert current() is service
        for _ in range(5):
            service.check("It was teh best.")
    assert current() is None
    paths = [r.path for r in standin.requests]
    assert paths == ["/v2/languages"] + ["/v2/check"] * 5


def test_matches_in_code_points_with_astral_characters(standin: StandIn) -> None:
    # Emoji before the matches shift UTF-16 offsets; an emoji inside a match stretches it.
    text = '😀 A 🎉🎉 test: "a 😀 b" and teh  end.'
    with open_grammar_service(remote(standin.url)) as service:
        assert service is not None
        matches = {m.rule_id: m for m in service.check(text)}
    assert text[matches["EN_QUOTES"].start : matches["EN_QUOTES"].end] == '"a 😀 b"'
    spelling = matches["MORFOLOGIK_RULE_EN_US"]
    assert text[spelling.start : spelling.end] == "teh"
    assert spelling.replacements == ("the", "ten", "tech")
    assert (spelling.category, spelling.issue_type) == ("TYPOS", "misspelling")
    space = matches["WHITESPACE_RULE"]
    assert text[space.start : space.end] == "  "


def test_settings_reach_the_server(standin: StandIn) -> None:
    settings = remote(
        standin.url,
        language="en-GB",
        picky=True,
        enabled_rules=("EN_QUOTES",),
        disabled_rules=("WHITESPACE_RULE",),
        enabled_categories=("STYLE",),
        disabled_categories=("CASING",),
    )
    with open_grammar_service(settings) as service:
        assert service is not None
        ids = {m.rule_id for m in service.check("we  have a whole lot of teh things.")}
    params = standin.checks()[0].params
    assert params["language"] == "en-GB"
    assert params["level"] == "picky"
    assert params["enabledRules"] == "EN_QUOTES"
    assert params["disabledRules"] == "WHITESPACE_RULE"
    assert params["enabledCategories"] == "STYLE"
    assert params["disabledCategories"] == "CASING"
    assert "A_WHOLE_LOT" in ids  # picky-only
    assert "MORFOLOGIK_RULE_EN_GB" in ids
    assert not ids & {"WHITESPACE_RULE", "UPPERCASE_SENTENCE_START"}


def test_blank_text_is_not_sent(standin: StandIn) -> None:
    with open_grammar_service(remote(standin.url)) as service:
        assert service is not None
        assert service.check("  \n") == []
    assert standin.checks() == []


# -- failure modes ------------------------------------------------------------------------


def timed_failure(settings: GrammarSettings, text: str = "Some text.") -> tuple[str, float]:
    """Open the service and check once; returns the failure message and seconds spent."""
    started = time.monotonic()
    with open_grammar_service(settings) as service:
        assert service is not None
        with pytest.raises(GrammarUnavailable) as info:
            service.check(text)
        assert service.failure is info.value
        # Later files fail at once, without another request.
        again = time.monotonic()
        with pytest.raises(GrammarUnavailable):
            service.check(text)
        assert time.monotonic() - again < 0.05
    return str(info.value), time.monotonic() - started


def test_unreachable_url_fails_fast_and_names_the_url() -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    message, seconds = timed_failure(remote(url))
    assert seconds < 3
    assert f"cannot connect to LanguageTool at {url}/" in message
    assert "languagetool-url" in message  # the remedy
    assert "\n" not in message


def test_unroutable_host_is_bounded_by_the_connect_timeout() -> None:
    settings = remote("http://192.0.2.1:8081", timeouts=GrammarTimeouts(connect=1, request=1))
    message, seconds = timed_failure(settings)
    assert seconds < 4
    assert "192.0.2.1" in message


def test_server_error_500() -> None:
    with StandIn(behaviour="error") as server:
        message, seconds = timed_failure(remote(server.url))
        assert len(server.checks()) == 1  # no retry
    assert seconds < 3
    assert "failed: Error: Internal Error" in message and "OutOfMemoryError" in message


def test_slow_server_times_out_once() -> None:
    with StandIn(behaviour="slow", delay=30) as server:
        settings = remote(server.url, timeouts=GrammarTimeouts(connect=1, request=1))
        message, seconds = timed_failure(settings)
        assert len(server.checks()) == 1  # language-tool-python's retry is switched off
    assert seconds < 4
    assert "did not answer within 1 s" in message
    assert "timeout" in message


@pytest.mark.parametrize("behaviour", ["garbage", "empty"])
def test_not_a_languagetool_answer(behaviour: str) -> None:
    with StandIn(behaviour=behaviour) as server:
        message, seconds = timed_failure(remote(server.url))
    assert seconds < 3
    assert server.url in message


def test_unsupported_language_is_reported_at_start(standin: StandIn) -> None:
    with open_grammar_service(remote(standin.url, language="xx-YY")) as service:
        assert service is not None
        assert service.failure is not None
        assert "does not support this language" in str(service.failure)
        assert "en-GB" in service.failure.remedy
    assert standin.checks() == []


def test_failure_policy_per_mode() -> None:
    assert GrammarUnavailable("x", "y", mode="remote").fatal
    assert not GrammarUnavailable("x", "y", mode="local").fatal


def test_loopback_server_is_never_reached_through_a_proxy(
    standin: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{closed_port()}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with open_grammar_service(remote(standin.url)) as service:
        assert service is not None and service.failure is None, service and service.failure
        assert service.check("It was teh best.")
