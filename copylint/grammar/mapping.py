"""LanguageTool matches → copylint findings: which CL5xx rule, which fix, which to drop.

Which rule a match belongs to is data in ``rules/grammar.yaml``; each rule's
options may list LanguageTool ``rule-ids``, ``issue-types``, ``categories``
and ``fallback-issue-types``, and one rule is the ``fallback``.  A match goes
to the first rule that claims, in this order: its rule id; its issue type
(for the few types that decide a fix's safety, such as ``whitespace`` and
``duplication``); its category; its issue type among the fallback types;
and finally the fallback rule.  Categories come before most issue types
because LanguageTool files whole categories (commonly confused words,
capitalisation) under the issue type "misspelling" or "typographical".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..formats import PLACEHOLDER
from ..kinds import GrammarOptions
from ..packs import RuleSpec
from ..records import record
from .service import GrammarMatch

#: How many alternatives a finding lists when LanguageTool offers several.
MAX_SUGGESTIONS = 5

# A word for name look-ups: letters with inner apostrophes ("O'Brien").
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)


@record
class Route:
    """What one CL5xx rule claims, read from its pack options."""

    code: str
    fix: Applicability
    suppress_known_names: bool


class Router:
    """Assigns each LanguageTool match to one CL5xx rule (see the module docstring)."""

    def __init__(self, specs: Iterable[RuleSpec]) -> None:
        self._tables: list[dict[str, Route]] = [{}, {}, {}, {}]
        self._fallback: Route | None = None
        for spec in specs:
            opts = spec.options
            assert isinstance(opts, GrammarOptions), "packs validate options by kind"
            route = Route(spec.code, spec.fix, opts.suppress_known_names)
            claims = (opts.rule_ids, opts.issue_types, opts.categories, opts.fallback_issue_types)
            for table, values in zip(self._tables, claims, strict=True):
                for value in values:
                    table.setdefault(value.lower(), route)  # the first rule to claim wins
            if opts.fallback and self._fallback is None:
                self._fallback = route

    def route(self, match: GrammarMatch) -> Route | None:
        """The rule for ``match``, or None when no rule claims it and there is no fallback."""
        ids, issues, categories, fallback_issues = self._tables
        for table, value in (
            (ids, match.rule_id),
            (issues, match.issue_type),
            (categories, match.category),
            (fallback_issues, match.issue_type),
        ):
            route = table.get(value.lower())
            if route is not None:
                return route
        return self._fallback


def known_word_set(name_words: Iterable[str], accept: Iterable[str]) -> frozenset[str]:
    """Case-folded words that LanguageTool's speller must not flag.

    ``name_words`` are single words from the knowledge base; ``accept`` entries
    may be phrases ("Some Name"), so they are split into words too.
    """
    words: set[str] = set()
    for entry in (*name_words, *accept):
        words.update(w.casefold() for w in _WORD_RE.findall(entry))
    return frozenset(words)


def is_known(span_text: str, known: frozenset[str]) -> bool:
    """True when every word of ``span_text`` is known (a possessive ``'s`` is ignored)."""
    words = [_POSSESSIVE_RE.sub("", w).casefold() for w in _WORD_RE.findall(span_text)]
    return bool(words) and all(w in known for w in words)


def to_findings(
    matches: Iterable[GrammarMatch],
    text: str,
    router: Router,
    known: frozenset[str],
    wants: Callable[[str], bool],
) -> Iterator[Finding]:
    """Findings for the matches LanguageTool reported on ``text``."""
    for match in matches:
        route = router.route(match)
        if route is None or not wants(route.code) or match.end <= match.start:
            continue
        matched = text[match.start : match.end]
        if PLACEHOLDER in matched:
            # A code span, URL or image stands there: LanguageTool never saw it, and a
            # fix over it would replace it with the placeholder.
            continue
        if route.suppress_known_names and is_known(matched, known):
            continue
        yield to_finding(match, route, matched)


def to_finding(match: GrammarMatch, route: Route, matched: str) -> Finding:
    """One finding; LanguageTool's rule id goes into the message.

    A single replacement becomes a fix as sure as the rule's pack says (safe for
    whitespace, duplicated words and typography; unsafe for spelling and
    grammar); several replacements are a choice for a human, so the first is
    shown as a suggestion (never applied) and all are listed.
    """
    options = tuple(dict.fromkeys(r for r in match.replacements if r != matched))
    fix: Fix | None = None
    if options:
        first = options[0]
        title = f"Replace with {first!r}" if first else "Delete"
        sure = route.fix if len(options) == 1 else Applicability.DISPLAY
        fix = Fix(title, (Edit(match.start, match.end, first),), sure)
    message = f"{match.message} [{match.rule_id}]" if match.message else f"[{match.rule_id}]"
    return Finding(
        code=route.code,
        start=match.start,
        end=match.end,
        message=message,
        fix=fix,
        suggestions=options[:MAX_SUGGESTIONS] if len(options) > 1 else (),
    )
