"""One LanguageTool connection per run, shared by every file, closed at the end.

The engine opens it around a run::

    with open_grammar_service(settings) as grammar:   # None when grammar is off
        ... lint every file ...                        # GrammarCheck uses current()
    if grammar is not None and grammar.failure:        # report once, after the run
        ...

Starting never raises: a service that cannot start records the cause in
``failure`` and every :meth:`GrammarService.check` raises that same
:class:`GrammarUnavailable` at once, so a dead server costs one timeout, not
one per file.  The first failure during the run is recorded the same way.

Guards against language-tool-python 3.4: the local JVM is ours
(:mod:`.localserver`), the client has copylint's time limits instead of its
300 s, it does not retry a failed request, every exception type it lets
escape is caught and described, and calls are serialised by a lock because
the client (and its ``Match`` class cache) is not thread-safe.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from ..records import record
from .errors import GrammarUnavailable, describe
from .offsets import Utf16Index
from .settings import GrammarSettings

if TYPE_CHECKING:
    from .localserver import LocalServer


@record
class GrammarMatch:
    """One LanguageTool match, with ``start``/``end`` in code points of the checked text."""

    start: int
    end: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()


@functools.cache
def _client_class() -> type[Any]:
    """language-tool-python's client, bounded; built on first use to keep imports lazy."""
    from language_tool_python import LanguageTool

    class BoundedLanguageTool(LanguageTool):
        """The 3.4 client with copylint's (connect, read) timeouts and a single attempt."""

        def __init__(self, *, timeout: tuple[float, float], **kwargs: Any) -> None:
            self._copylint_timeout = timeout
            super().__init__(**kwargs)

        # 3.4 reads self._TIMEOUT (a class constant of 300 s) for every request.
        @property
        def _TIMEOUT(self) -> tuple[float, float]:  # type: ignore[override]  # noqa: N802
            return self._copylint_timeout

        def _query_server(
            self,
            url: str,
            params: Any = None,
            num_tries: int = 2,
            method: Literal["get", "post"] = "get",
        ) -> Any:
            # A second try after a timeout only doubles the wait; a failure is final.
            return super()._query_server(url, params, num_tries=1, method=method)

    return BoundedLanguageTool


class GrammarService:
    """A started (or failed) LanguageTool connection for one run."""

    def __init__(self, settings: GrammarSettings) -> None:
        self.settings = settings
        self.url = settings.url or ""
        #: Why grammar is unavailable, once it is; None while it works.
        self.failure: GrammarUnavailable | None = None
        self._client: Any = None
        self._local: LocalServer | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the local server or connect to the remote one; record any failure."""
        # Imported here: the server code pulls in socket, subprocess and
        # tempfile, which a run with grammar off never needs (start-up, issue 7).
        from .localserver import NO_PROXY, LocalServer, is_loopback

        settings = self.settings
        try:
            if settings.mode == "local":
                self._local = LocalServer.start(settings)
                self.url = self._local.url
            t = settings.timeouts
            client = _client_class()(
                language=settings.language,
                remote_server=self.url,
                timeout=(t.connect, t.request),
                proxies=NO_PROXY if is_loopback(self.url) else None,
            )
            client.picky = settings.picky
            client.enabled_rules = set(settings.enabled_rules)
            client.disabled_rules = set(settings.disabled_rules)
            client.enabled_categories = set(settings.enabled_categories)
            client.disabled_categories = set(settings.disabled_categories)
            self._client = client
        except (Exception, SystemExit) as exc:
            self.failure = self._describe(exc)
            self.close()

    def _describe(self, exc: BaseException) -> GrammarUnavailable:
        return describe(
            exc, url=self.url, mode=self.settings.mode, timeout=self.settings.timeouts.request
        )

    def check(self, text: str) -> list[GrammarMatch]:
        """LanguageTool's matches for ``text``; raises :class:`GrammarUnavailable`."""
        with self._lock:
            if self.failure is not None:
                raise self.failure
            if not text.strip():
                return []
            if self._local is not None and not self._local.alive:
                self.failure = GrammarUnavailable(
                    self._local.exit_cause(), "see docs/grammar.md", mode="local"
                )
                raise self.failure
            try:
                raw = self._client.check(text)
                index = Utf16Index(text)
                return [_convert(m, index) for m in raw]
            except (Exception, SystemExit) as exc:
                self.failure = self._describe(exc)
                raise self.failure from exc

    def close(self) -> None:
        """Close the client and stop a local server; safe to call twice."""
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        local, self._local = self._local, None
        if local is not None:
            local.stop()


def _convert(match: Any, index: Utf16Index) -> GrammarMatch:
    """A language-tool-python 3.4 ``Match`` as a :class:`GrammarMatch` in code points.

    3.4 has already moved ``offset`` from UTF-16 units to code points, but not
    ``error_length``; so the start goes back to UTF-16 and both ends come out
    of the same conversion (an astral character inside the match counts once).
    """
    unit_start = index.to_utf16(int(match.offset))
    start, end = index.span(unit_start, int(match.error_length))
    return GrammarMatch(
        start=start,
        end=end,
        rule_id=str(match.rule_id),
        category=str(match.category),
        issue_type=str(match.rule_issue_type),
        message=str(match.message).strip(),
        replacements=tuple(str(r) for r in match.replacements),
    )


_current: GrammarService | None = None


def current() -> GrammarService | None:
    """The service of the run in progress, or None when grammar is off."""
    return _current


@contextlib.contextmanager
def open_grammar_service(settings: GrammarSettings) -> Iterator[GrammarService | None]:
    """Start (or connect to) LanguageTool once for a run; yields None when mode is "off"."""
    global _current
    if settings.mode == "off":
        yield None
        return
    service = GrammarService(settings)
    service.start()
    previous, _current = _current, service
    try:
        yield service
    finally:
        _current = previous
        service.close()
