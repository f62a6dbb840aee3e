"""Grammar settings: which LanguageTool to use and how to ask it.

Config keys (``copylint.toml`` or ``[tool.copylint]``)::

    grammar = "off" | "local" | "remote"      # default "off"
    languagetool-url = "http://host:8081"     # used by "remote"
    language = "en-US"                        # LanguageTool language and variant

    [grammar-options]                         # [tool.copylint.grammar-options]
    enabled-rules = ["EN_QUOTES"]             # LanguageTool rule ids
    disabled-rules = ["WHITESPACE_RULE"]
    enabled-categories = ["STYLE"]            # LanguageTool category ids
    disabled-categories = ["CASING"]
    picky = false                             # LanguageTool's "picky" level
    timeout = 15                              # seconds per check request
    start-timeout = 60                        # seconds for a local server to start

The config loader hands :meth:`GrammarSettings.from_mapping` the top-level keys
and the ``grammar-options`` table merged into one mapping.
"""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any, Literal, cast

from ..errors import CopylintError, DataFileError, did_you_mean
from ..records import record

Mode = Literal["off", "local", "remote"]
MODES: tuple[Mode, ...] = ("off", "local", "remote")

#: The keys :meth:`GrammarSettings.from_mapping` understands.
KEYS = frozenset(
    {
        "grammar",
        "languagetool-url",
        "language",
        "enabled-rules",
        "disabled-rules",
        "enabled-categories",
        "disabled-categories",
        "picky",
        "timeout",
        "start-timeout",
    }
)

# LanguageTool language codes: "en", "en-US", "de-DE-x-simple-language", "auto".
_LANGUAGE_RE = re.compile(r"^(?:auto|[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$")
# LanguageTool rule and category ids are upper-case with underscores and digits.
_ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@record
class GrammarTimeouts:
    """Time limits in seconds.

    ``connect`` bounds opening a connection (an unroutable host fails in this
    time); ``request`` bounds waiting for one answer; ``start`` bounds a local
    server's start-up, after which its JVM is killed.
    """

    connect: float = 3.0
    request: float = 15.0
    start: float = 60.0


@record
class GrammarSettings:
    """How the grammar rules (CL5xx) reach LanguageTool for one run."""

    mode: Mode = "off"
    url: str | None = None
    language: str = "en-US"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False
    timeouts: GrammarTimeouts = GrammarTimeouts()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source_path: str) -> GrammarSettings:
        """Validate config values; errors are :class:`DataFileError` naming file and key."""

        def fail(key: str, message: str) -> DataFileError:
            return DataFileError(source_path, f"{key!r}: {message}")

        for key in data:
            if key not in KEYS:
                raise fail(key, f"unknown grammar option{did_you_mean(key, KEYS)}")

        def ids(key: str) -> tuple[str, ...]:
            value = data.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(key, "must be a list of LanguageTool ids")
            bad = [v for v in value if not _ID_RE.match(v)]
            if bad:
                raise fail(key, f"{bad[0]!r} is not a LanguageTool id (like WHITESPACE_RULE)")
            return tuple(dict.fromkeys(value))

        def seconds(key: str, default: float) -> float:
            value = data.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise fail(key, "must be a positive number of seconds")
            return float(value)

        picky = data.get("picky", False)
        if not isinstance(picky, bool):
            raise fail("picky", "must be true or false")

        def parsed(key: str, parse: Callable[[object], Any], default: object) -> Any:
            try:
                return parse(data.get(key, default))
            except ValueError as exc:
                raise fail(key, str(exc)) from None

        mode: Mode = parsed("grammar", parse_mode, "off")
        language: str = parsed("language", parse_language, "en-US")
        url: str | None = (
            parsed("languagetool-url", parse_url, None) if "languagetool-url" in data else None
        )
        if mode == "remote" and url is None:
            raise fail("grammar", 'grammar = "remote" needs languagetool-url')
        request = seconds("timeout", GrammarTimeouts.request)
        return cls(
            mode=mode,
            url=url,
            language=language,
            enabled_rules=ids("enabled-rules"),
            disabled_rules=ids("disabled-rules"),
            enabled_categories=ids("enabled-categories"),
            disabled_categories=ids("disabled-categories"),
            picky=picky,
            timeouts=GrammarTimeouts(
                connect=min(GrammarTimeouts.connect, request),
                request=request,
                start=seconds("start-timeout", GrammarTimeouts.start),
            ),
        )

    def override(
        self, *, mode: str | None = None, url: str | None = None, language: str | None = None
    ) -> GrammarSettings:
        """Apply command-line options (``--grammar``, ``--languagetool-url``, ``--language``).

        A URL given without a mode switches an "off" configuration to "remote",
        since asking for a server is asking for grammar.  Errors are
        :class:`CopylintError` naming the option.
        """
        try:
            new_mode = parse_mode(mode) if mode is not None else self.mode
            new_url = parse_url(url) if url is not None else self.url
            new_language = parse_language(language) if language is not None else self.language
        except ValueError as exc:
            raise CopylintError(f"invalid grammar option: {exc}") from None
        if mode is None and url is not None and new_mode == "off":
            new_mode = "remote"
        if new_mode == "remote" and new_url is None:
            raise CopylintError("--grammar remote needs --languagetool-url (or languagetool-url)")
        return dataclasses.replace(self, mode=new_mode, url=new_url, language=new_language)


def parse_mode(value: object) -> Mode:
    """``"off"``, ``"local"`` or ``"remote"``; ``false`` means off."""
    if value is False:
        return "off"
    if not isinstance(value, str) or value.strip().lower() not in MODES:
        raise ValueError(f"grammar must be one of off, local, remote (got {value!r})")
    return cast(Mode, value.strip().lower())


def parse_language(value: object) -> str:
    """A LanguageTool language code such as ``en-US``, ``en-GB``, ``de-DE`` or ``auto``."""
    if not isinstance(value, str) or not _LANGUAGE_RE.match(value.strip()):
        raise ValueError(f"language must be a code like en-US or en-GB (got {value!r})")
    return value.strip()


def parse_url(value: object) -> str:
    """An http(s) base URL, normalised to end in ``/`` without LanguageTool's ``/v2``.

    language-tool-python joins ``v2/`` onto the URL, so ``http://h:8081``,
    ``http://h:8081/`` and ``http://h:8081/v2`` must all become ``http://h:8081/``.
    """
    if not isinstance(value, str):
        raise ValueError(f"languagetool-url must be a string (got {value!r})")
    parts = urllib.parse.urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"languagetool-url must look like http://host:8081 (got {value!r})")
    try:
        parts.port  # noqa: B018 -- raises ValueError for a bad port
    except ValueError:
        raise ValueError(f"languagetool-url has a bad port (got {value!r})") from None
    path = parts.path.rstrip("/")
    path = path.removesuffix("/v2")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))
