"""Errors that the command line turns into one clear line and exit code 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(key: str, allowed: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest allowed key, or "" when none is close."""
    hint = difflib.get_close_matches(key, sorted(allowed), n=1)
    return f" (did you mean {hint[0]!r}?)" if hint else ""


class CopylintError(Exception):
    """Base class for user-facing errors (bad config, knowledge, packs, input)."""


class DataFileError(CopylintError):
    """A config, knowledge or rule-pack file is malformed.

    The message names the file and, where known, the line.
    """

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class InputError(CopylintError):
    """A file to lint cannot be read or decoded."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}")
