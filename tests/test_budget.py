"""The per-file time budget: stops runaway work with a one-line InputError."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from copylint.budget import budget_for, time_budget
from copylint.errors import InputError


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_work_over_budget_becomes_an_input_error_for_that_file() -> None:
    started = time.monotonic()
    expected = r"^slow\.html: linting took longer than 0 s"
    with pytest.raises(InputError, match=expected), time_budget("slow.html", 0.2):
        _spin(5)
    assert time.monotonic() - started < 2


def test_an_exception_handler_for_exception_cannot_swallow_the_stop() -> None:
    """The engine turns a crashing rule into CL001 with ``except Exception``."""
    with pytest.raises(InputError), time_budget("a.txt", 0.2):
        for _ in range(50):
            try:
                _spin(0.1)
            except Exception:  # noqa: BLE001, SIM105 - what the engine does around each check
                continue


def test_nested_limits_each_report_their_own_expiry() -> None:
    """An inner limit that expires is the inner file's error, caught by no outer
    limit; an outer limit still fires after inner ones that were set and cleared."""
    with (
        time_budget("outer.txt", 5),
        pytest.raises(InputError, match=r"^inner\.txt"),
        time_budget("inner.txt", 0.2),
    ):
        _spin(5)
    with pytest.raises(InputError, match=r"^outer\.txt"), time_budget("outer.txt", 0.4):
        with time_budget("inner.txt", 0.2):
            pass
        with time_budget("inner.txt", 5):
            _spin(5)


def test_work_within_budget_is_untouched_and_the_alarm_is_disarmed() -> None:
    with time_budget("a.txt", 5):
        _spin(0.05)
    assert (
        signal.getitimer(signal.ITIMER_REAL)[0] == 0 or signal.getitimer(signal.ITIMER_REAL)[0] > 5
    )  # only an outer (pytest-timeout) alarm may remain


def test_an_outer_alarm_is_rearmed_afterwards() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    old = signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with time_budget("a.txt", 10):
            _spin(0.05)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 25 < left < 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, *old)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


def test_outside_the_main_thread_it_does_nothing() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with time_budget("a.txt", 0.05):
                _spin(0.2)
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert errors == []


def test_budget_grows_with_size_and_can_be_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPYLINT_FILE_TIMEOUT", raising=False)
    assert budget_for(10_000_000) > budget_for(1_000) > 0
    monkeypatch.setenv("COPYLINT_FILE_TIMEOUT", "0")
    assert budget_for(1_000) == 0
    with time_budget("a.txt", budget_for(1_000)):
        _spin(0.01)
