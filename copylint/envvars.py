"""copylint's environment variables, read and validated in one place.

A value that is not a finite number in range is an error (one line, exit 2),
never silently ignored and never a crash: ``COPYLINT_MAX_FILE_MB=inf`` used to
end a run with exit 3 and ``abc`` was quietly replaced by the default.
"""

from __future__ import annotations

import math
import os

from .errors import CopylintError

#: name -> (what it is, lowest, highest); see sources.py and budget.py.
NUMERIC = {
    "COPYLINT_MAX_FILE_MB": ("a size in MB above 0", 1e-6, 1024.0 * 1024),
    "COPYLINT_FILE_TIMEOUT": ("a number of seconds (0 turns the limit off)", 0.0, 7 * 86400.0),
}


class EnvironmentValueError(CopylintError):
    """An environment variable holds a value copylint cannot use."""


def env_number(name: str, default: float) -> float:
    """The value of the numeric variable ``name``, or ``default`` when unset or blank."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    what, low, high = NUMERIC[name]
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not low <= value <= high:
        raise EnvironmentValueError(
            f"{name}={raw!r} is not {what}, up to {high:,.0f}; unset it or fix it"
        )
    return value


def check_environment() -> None:
    """Raise :class:`EnvironmentValueError` for the first unusable variable."""
    for name in NUMERIC:
        env_number(name, 0.0)
