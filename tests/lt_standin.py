"""A protocol stand-in for LanguageTool's HTTP API — not a grammar checker.

It lets the grammar tests run the real language-tool-python client on a
machine without LanguageTool.  It speaks the parts of the v2 API that the
client uses (``GET /v2/languages``, ``GET /v2/healthcheck``, ``POST
/v2/check``) and answers with JSON shaped like LanguageTool 6.x's, with
offsets and lengths in UTF-16 code units as Java counts them.  What it
"detects" is a handful of scripted rules below, named after LanguageTool
rules; their categories and issue types follow LanguageTool's scheme but are
the stand-in's own, not a copy of LanguageTool's data.  It can also misbehave
on purpose (HTTP 500, slow answers, non-JSON) to test failure handling.

It binds 127.0.0.1 on a free port, serves from a daemon thread and stops
itself after ``lifetime`` seconds; sleeps end early when it stops.  Run as a
script (``python lt_standin.py --port N``) it serves until its lifetime ends
or it is terminated; the local-mode tests start it through a fake ``java``.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
BEHAVIOURS = ("ok", "error", "slow", "garbage", "empty")

# Frequent misspellings the stand-in's speller knows, with LanguageTool-style suggestions.
MISSPELLINGS = {"teh": ["the", "ten", "tech"], "recieve": ["receive"], "wierd": ["weird"]}
# Below this wordfreq Zipf frequency a word counts as unknown, as rare names are to a speller.
RARE_ZIPF = 2.3


@dataclass(frozen=True)
class Rule:
    """A scripted rule: a regex whose group 1 (or whole match) is the error span."""

    rule_id: str
    category: tuple[str, str]  # (id, name)
    issue_type: str
    message: str
    pattern: re.Pattern[str]
    replace: Callable[[re.Match[str]], list[str]]
    picky_only: bool = False


def _rules() -> list[Rule]:
    return [
        Rule(
            "WHITESPACE_RULE",
            ("TYPOGRAPHY", "Typography"),
            "whitespace",
            "Possible typo: you repeated a whitespace",
            re.compile(r"(?<=\S)( {2,})(?=\S)"),
            lambda m: [" "],
        ),
        Rule(
            "ENGLISH_WORD_REPEAT_RULE",
            ("MISC", "Miscellaneous"),
            "duplication",
            "Possible typo: you repeated a word",
            re.compile(r"\b((\w+) \2)\b", re.IGNORECASE),
            lambda m: [m.group(2)],
        ),
        Rule(
            "EN_A_VS_AN",
            ("GRAMMAR", "Grammar"),
            "misspelling",
            "Use “an” instead of ‘a’ if the following word starts with a vowel sound.",
            re.compile(r"\b([Aa])(?= [aeiouAEIOU])"),
            lambda m: [m.group(1) + "n"],
        ),
        Rule(
            "COULD_OF",
            ("CONFUSED_WORDS", "Commonly Confused Words"),
            "misspelling",
            "Did you mean “could have”?",
            re.compile(r"\b((?:could|should|would) of)\b"),
            lambda m: [m.group(1).split()[0] + " have"],
        ),
        Rule(
            "UPPERCASE_SENTENCE_START",
            ("CASING", "Capitalization"),
            "typographical",
            "This sentence does not start with an uppercase letter.",
            re.compile(r"(?:^|[.!?]\s+)([a-z]\w*)"),
            lambda m: [m.group(1).capitalize()],
        ),
        Rule(
            "EN_QUOTES",
            ("TYPOGRAPHY", "Typography"),
            "typographical",
            "Use a smart opening quote here.",
            re.compile(r'("[^"\n]*")'),
            lambda m: ["“" + m.group(1)[1:-1] + "”"],
        ),
        Rule(
            "DOUBLE_PUNCTUATION",
            ("PUNCTUATION", "Punctuation"),
            "typographical",
            "Two consecutive commas",
            re.compile(r"(,,)"),
            lambda m: [","],
        ),
        Rule(
            "IN_ORDER_TO",
            ("STYLE", "Style"),
            "style",
            "Consider a shorter alternative to avoid wordiness.",
            re.compile(r"\b(in order to)\b", re.IGNORECASE),
            lambda m: ["to"],
        ),
        Rule(
            "A_WHOLE_LOT",
            ("STYLE", "Style"),
            "style",
            "This phrase is informal.",
            re.compile(r"\b(a whole lot)\b"),
            lambda m: ["much", "a great deal"],
            picky_only=True,
        ),
        Rule(
            "EN_UNPAIRED_BRACKETS",
            ("MISC", "Miscellaneous"),
            "uncategorized",
            "Unpaired symbol: ‘)’ seems to be missing",
            re.compile(r"(\()[^()]*$", re.M),
            lambda m: [],
        ),
    ]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Java's String.length() counts."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Request:
    """One request the stand-in received."""

    method: str
    path: str
    params: dict[str, str]


@dataclass
class StandIn:
    """A LanguageTool HTTP API stand-in; use as a context manager.

    ``behaviour``: "ok"; "error" (``/v2/check`` answers HTTP 500 with a text
    body, as LanguageTool does); "slow" (``/v2/check`` waits ``delay``
    seconds first); "garbage" (HTTP 200 with an HTML page); "empty" (HTTP
    200 with ``{}``).  ``misspellings`` adds words the speller flags.
    """

    behaviour: str = "ok"
    delay: float = 0.0
    lifetime: float = 120.0
    port: int = 0
    misspellings: dict[str, list[str]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.behaviour not in BEHAVIOURS:
            raise ValueError(f"unknown behaviour {self.behaviour!r}")
        self._stopped = threading.Event()
        self._rules = _rules()
        self._spelling = {**MISSPELLINGS, **self.misspellings}
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True

    def start(self) -> StandIn:
        """Serve in the background until :meth:`stop` or the lifetime ends."""
        self._thread.start()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving; waits that are in progress end at once."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._timer.cancel()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def wait(self) -> None:
        """Block until the stand-in stops (its lifetime ends or :meth:`stop` is called)."""
        self._stopped.wait()

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def checks(self) -> list[Request]:
        """The ``/v2/check`` requests received so far."""
        return [r for r in self.requests if r.path.endswith("/check")]

    # -- what LanguageTool would answer --------------------------------------------------

    def check(self, params: dict[str, str]) -> tuple[int, str, str]:
        """(status, content type, body) for a check request."""
        language = params.get("language", "")
        if language not in {lang["longCode"] for lang in LANGUAGES} | {"en", "de", "auto"}:
            return (
                400,
                "text/plain",
                f"Error: '{language}' is not a language code known to LanguageTool.",
            )
        if self.behaviour == "error":
            return 500, "text/plain", "Error: Internal Error: java.lang.OutOfMemoryError (stand-in)"
        if self.behaviour == "slow":
            self._stopped.wait(self.delay)
        if self.behaviour == "garbage":
            return 200, "text/html", "<html><body>Proxy login required</body></html>"
        if self.behaviour == "empty":
            return 200, "application/json", "{}"
        text = params.get("text", "")
        matches = sorted(self._matches(text, params), key=lambda m: (m["offset"], m["length"]))
        body = {
            "software": {
                "name": "LanguageTool",
                "version": "6.6-standin",
                "buildDate": None,
                "apiVersion": 1,
                "premium": False,
                "status": "",
            },
            "warnings": {"incompleteResults": False},
            "language": {
                "name": language,
                "code": language,
                "detectedLanguage": {
                    "name": language,
                    "code": language,
                    "confidence": 0.99,
                    "source": "standin",
                },
            },
            "matches": matches,
            "sentenceRanges": [[0, utf16_len(text)]],
        }
        return 200, "application/json", json.dumps(body)

    def _wanted(
        self, rule_id: str, category: str, picky_only: bool, params: dict[str, str]
    ) -> bool:
        def listed(key: str) -> set[str]:
            return {v for v in params.get(key, "").split(",") if v}

        enabled = listed("enabledRules")
        if params.get("enabledOnly") == "true":
            return rule_id in enabled or category in listed("enabledCategories")
        if rule_id in listed("disabledRules") or category in listed("disabledCategories"):
            return False
        return not picky_only or params.get("level") == "picky" or rule_id in enabled

    def _matches(self, text: str, params: dict[str, str]) -> Iterator[dict[str, Any]]:
        variant = params.get("language", "en-US").replace("-", "_").upper()
        speller = f"MORFOLOGIK_RULE_{variant}"
        for rule in self._rules:
            if self._wanted(rule.rule_id, rule.category[0], rule.picky_only, params):
                for m in rule.pattern.finditer(text):
                    group = 1 if rule.pattern.groups else 0
                    yield self._match(
                        text,
                        m.start(group),
                        m.end(group),
                        rule.rule_id,
                        rule.category,
                        rule.issue_type,
                        rule.message,
                        rule.replace(m),
                    )
        if self._wanted(speller, "TYPOS", False, params):
            for m in re.finditer(r"[^\W\d_]+", text):
                suggestions = self._misspelled(m.group())
                if suggestions is not None:
                    yield self._match(
                        text,
                        m.start(),
                        m.end(),
                        speller,
                        ("TYPOS", "Possible Typo"),
                        "misspelling",
                        "Possible spelling mistake found.",
                        suggestions,
                    )

    def _misspelled(self, word: str) -> list[str] | None:
        if word.lower() in self._spelling:
            return self._spelling[word.lower()]
        if len(word) < 3:
            return None
        from wordfreq import zipf_frequency

        return [] if zipf_frequency(word.lower(), "en") < RARE_ZIPF else None

    @staticmethod
    def _match(
        text: str,
        start: int,
        end: int,
        rule_id: str,
        category: tuple[str, str],
        issue_type: str,
        message: str,
        replacements: list[str],
    ) -> dict[str, Any]:
        """A match in LanguageTool 6.x's JSON shape; offsets in UTF-16 code units."""
        ctx_start, ctx_end = max(0, start - 40), min(len(text), end + 40)
        context = text[ctx_start:ctx_end].replace("\n", " ")
        return {
            "message": message,
            "shortMessage": "",
            "replacements": [{"value": r} for r in replacements],
            "offset": utf16_len(text[:start]),
            "length": utf16_len(text[start:end]),
            "context": {
                "text": context,
                "offset": utf16_len(text[ctx_start:start]),
                "length": utf16_len(text[start:end]),
            },
            "sentence": text.strip(),
            "type": {"typeName": "Other"},
            "rule": {
                "id": rule_id,
                "description": message,
                "issueType": issue_type,
                "category": {"id": category[0], "name": category[1]},
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        }


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # keep test output clean

        def _reply(self, status: int, ctype: str, body: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _route(self, method: str, params: dict[str, str]) -> None:
            path = urllib.parse.urlsplit(self.path).path
            standin.requests.append(Request(method, path, params))
            if path == "/v2/languages":
                self._reply(200, "application/json", json.dumps(LANGUAGES))
            elif path == "/v2/healthcheck":
                self._reply(200, "text/plain", "OK")
            elif path == "/v2/check":
                self._reply(*standin.check(params))
            else:
                self._reply(404, "text/plain", f"Error: unknown path {path}")

        def do_GET(self) -> None:  # noqa: N802
            query = urllib.parse.urlsplit(self.path).query
            self._route("GET", dict(urllib.parse.parse_qsl(query, keep_blank_values=True)))

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            self._route("POST", dict(urllib.parse.parse_qsl(body, keep_blank_values=True)))

    return Handler


def main(argv: list[str] | None = None) -> None:
    """Serve on a given port until the lifetime ends (used through a fake ``java``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--lifetime", type=float, default=60.0)
    parser.add_argument("--behaviour", choices=BEHAVIOURS, default="ok")
    args = parser.parse_args(argv)
    with StandIn(behaviour=args.behaviour, port=args.port, lifetime=args.lifetime) as standin:
        standin.wait()


if __name__ == "__main__":
    main()
