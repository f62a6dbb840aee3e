"""Why LanguageTool is unavailable, said once, in one line, with a remedy.

language-tool-python 3.4 raises its own ``LanguageToolError`` family but also
lets ``requests`` exceptions, ``ModuleNotFoundError`` (no Java),
``SystemError`` (old Java), ``SystemExit`` (unparsable ``java -version``),
``TimeoutError``, ``KeyError`` and ``ValueError`` escape.  :func:`describe`
turns any of them into a :class:`GrammarUnavailable` naming the cause.
"""

from __future__ import annotations

from ..errors import CopylintError

#: How to get a Java that LanguageTool 6 can run on.
INSTALL_JAVA = (
    "install Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless), "
    'or use grammar = "remote" with languagetool-url, or --grammar off'
)
_START_SERVER = (
    "start LanguageTool there (java -cp languagetool-server.jar "
    "org.languagetool.server.HTTPServer --port 8081) or correct languagetool-url"
)
_SKIP = "; --grammar off skips grammar"


class GrammarUnavailable(CopylintError):
    """LanguageTool could not be started, reached or understood.

    ``fatal`` is the policy for the exit code: in ``remote`` mode the user
    pointed copylint at a server they run, so its absence is an error (exit
    2 after the other rules' results are reported); in ``local`` mode it
    depends on the machine (Java, a download) and is a warning, so a hook on
    a machine without Java does not block work.
    """

    def __init__(self, cause: str, remedy: str, *, mode: str) -> None:
        self.cause = cause
        self.remedy = remedy
        self.mode = mode
        super().__init__(f"grammar checks (CL5xx) skipped: {cause}; to fix: {remedy}")

    @property
    def fatal(self) -> bool:
        """True when the run's exit code should report a tool error."""
        return self.mode == "remote"


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in out:
        out.append(cur)
        cur = cur.__cause__ or cur.__context__
    return out


def _first_line(text: str, limit: int = 160) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe(exc: BaseException, *, url: str, mode: str, timeout: float) -> GrammarUnavailable:
    """Classify an exception raised while talking to LanguageTool at ``url``."""
    import requests  # a dependency of language-tool-python; only loaded when grammar is on

    chain = _chain(exc)

    def unavailable(cause: str, fix: str) -> GrammarUnavailable:
        return GrammarUnavailable(cause, fix + _SKIP, mode=mode)

    for err in chain:
        if isinstance(err, GrammarUnavailable):
            return err
        if isinstance(err, requests.exceptions.ConnectTimeout):
            return unavailable(
                f"cannot connect to LanguageTool at {url} (no answer)", _START_SERVER
            )
        if isinstance(err, requests.exceptions.Timeout | TimeoutError):
            return unavailable(
                f"LanguageTool at {url} did not answer within {timeout:g} s",
                "check the server's load, or raise grammar-options timeout",
            )
        if isinstance(err, requests.exceptions.ConnectionError):
            return unavailable(f"cannot connect to LanguageTool at {url}", _START_SERVER)
        if isinstance(err, ModuleNotFoundError | SystemError) and "java" in str(err).lower():
            return GrammarUnavailable(_first_line(str(err)), INSTALL_JAVA, mode=mode)
    name = type(exc).__name__
    if name == "RateLimitError":
        return unavailable(f"LanguageTool at {url} refused the request (rate limit)", "retry later")
    if name == "LanguageToolError":
        # 3.4 raises it with the body of any non-JSON answer: an HTTP 500 page, a proxy page.
        return unavailable(
            f"LanguageTool at {url} failed: {_first_line(str(exc))}",
            "check the server's log and that languagetool-url is the server's base URL",
        )
    if isinstance(exc, ValueError) and "unsupported language" in str(exc):
        return GrammarUnavailable(
            f"LanguageTool at {url} does not support this language ({_first_line(str(exc))})",
            "set language to a code the server lists at /v2/languages, such as en-US or en-GB",
            mode=mode,
        )
    if isinstance(exc, KeyError | TypeError | ValueError | AttributeError):
        return unavailable(
            f"unexpected answer from {url} ({name}: {_first_line(str(exc))})",
            "point languagetool-url at a LanguageTool server's base URL (without /v2)",
        )
    return unavailable(
        f"LanguageTool failed at {url}: {name}: {_first_line(str(exc))}",
        "see docs/grammar.md",
    )
