"""Facts: statements about mentioned works that contradict the knowledge base.

Only works the document mentions (by title, alias or former title) are
consulted, so an article about something else is never "corrected" by them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document, TextSpan
from ..knowledge import TitleMention, Work
from ..knowledge.model import PRECISIONS, Release
from ..packs import RuleSpec
from .base import Check, DocContext
from .facts_counts import EPISODES, EpisodeCounts
from .facts_networks import NETWORK, NetworkClaims, NetworkOptions
from .facts_parts import PartReferences
from .facts_subjects import CarriedSubjects
from .literals import longest_first

ACRONYM, TITLE_FORM, SUPERSEDED, RELEASE_DATE, ROLE = "CL401", "CL402", "CL403", "CL404", "CL405"
SUPERSEDED_DATE = "CL406"

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = (
    "|".join(m.capitalize() for m in _MONTHS)
    + "|"
    + "|".join(m[:3].capitalize() + r"\.?" for m in _MONTHS if m != "may")
)
_DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE})\s+(?P<y2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    # a month and a year only: "in May 2022" (a date known to the month)
    rf"|(?P<m3>{_MONTH_RE})\s+(?P<y3>\d{{4}}))\b"
)
# A capitalised phrase that might spell out an acronym: "International Monetary Fund".
_PHRASE_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the|on|in|&)?\s*[A-Z][a-z]+)+\b")
# A person's name: two or three capitalised words.
_NAME = r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2}"


def _parse_date(m: re.Match[str]) -> tuple[dt.date, str] | None:
    """The matched date and how much of it is written: "day" or "month"."""
    try:
        if m.group("iso"):
            return dt.date.fromisoformat(m.group("iso")), "day"
        month = m.group("m1") or m.group("m2") or m.group("m3")
        days = m.group("d1") or m.group("d2")
        year = int(m.group("y1") or m.group("y2") or m.group("y3"))
        key = month.rstrip(".").lower()
        index = next(i for i, name in enumerate(_MONTHS) if name.startswith(key))
        return dt.date(year, index + 1, int(days or 1)), "day" if days else "month"
    except (ValueError, StopIteration):
        return None


def format_like(m: re.Match[str], date: dt.date, precision: str = "day") -> str:
    """Write ``date`` in the style of the matched date text (to the day or the month)."""
    if m.group("iso"):
        return date.isoformat()
    month = _MONTHS[date.month - 1].capitalize()
    written = m.group("m1") or m.group("m2") or m.group("m3")
    if len(written.rstrip(".")) == 3 and month.lower() != "may":
        month = month[:3] + ("." if written.endswith(".") else "")
    if precision == "month" or m.group("m3"):
        return f"{month} {date.year}"
    if m.group("m1"):
        comma = "," if "," in m.group(0) else ""
        return f"{month} {date.day}{comma} {date.year}"
    return f"{date.day} {month} {date.year}"


def _human_date(date: dt.date) -> str:
    return f"{_MONTHS[date.month - 1].capitalize()} {date.day}, {date.year}"


def _event_date(event: Release) -> str:
    """An event's date to its precision: "2023", "July 2023", "July 12, 2023"."""
    if event.precision == "year":
        return str(event.date.year)
    if event.precision == "month":
        return f"{_MONTHS[event.date.month - 1].capitalize()} {event.date.year}"
    return _human_date(event.date)


def _written_like(dm: re.Match[str] | None, precision: str, event: Release) -> str | None:
    """The event's date written as the matched date was, or None when it cannot be.

    A statement is rewritten to its own precision ("2021" to a year, "May 2021"
    to a month); a date written to the day cannot be put right from an event
    known only to the year or the month, since the day is unknown.
    """
    if PRECISIONS.index(event.precision) < PRECISIONS.index(precision):
        return None
    if dm is None or precision == "year":
        return str(event.date.year)
    return format_like(dm, event.date, precision)


def _on_date(event: Release) -> str:
    """ "on July 12, 2023" for a day, "in July 2023" or "in 2023" otherwise."""
    return ("on " if event.precision == "day" else "in ") + _event_date(event)


def _same_kind(event_kind: str, stated: str | None) -> bool:
    """True when an event of ``event_kind`` is what a sentence about ``stated`` means.

    A sentence with no kind cue ("released", "opens") means any release but a
    premiere; a premiere, streaming or broadcast cue means that kind only.
    """
    if stated is None:
        return event_kind != "premiere"
    return event_kind == stated


#: Works whose first showing is their release: a series, season or episode that
#: "premieres", "airs" or "streams" on its release date (a film's premiere is another event).
_AIRED_KINDS = frozenset({"series", "season", "episode"})
_AIRED_CUES = frozenset({"premiere", "broadcast", "streaming"})
_SHOWINGS = frozenset({"release", "broadcast", "streaming"})

# A year in brackets right after a title: "Heat (1995)".
_BRACKET_YEAR_RE = re.compile(r"\s*\(((?:18|19|20)\d{2})\)")
# "released in 2022": a cue word, "in", a year.
_YEAR_AFTER_CUE_RE = re.compile(
    r"\b(?P<cue>[A-Za-z]+)\s+in\s+(?:\w+\s+)?(?P<year>(?:18|19|20)\d{2})\b(?![-/]\d)"
)


class FactsCheck(Check):
    """Acronym expansions, title forms, superseded titles, release dates and roles."""

    kind = "facts"
    needs_knowledge = True
    #: CL406 (a moved date) reads CL404's cues, so the check needs every facts spec
    needs_all_specs = True

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        cues = self.option(RELEASE_DATE, "release-cues", []) if RELEASE_DATE in self.specs else []
        kind_cues = self.option(RELEASE_DATE, "kind-cues", {}) if RELEASE_DATE in self.specs else {}
        back = self.option(RELEASE_DATE, "return-cues", []) if RELEASE_DATE in self.specs else []
        # a kind cue ("aired", "streams") or a return ("returns") says the sentence is
        # about a release too
        cues = list(dict.fromkeys([*cues, *(c for cs in kind_cues.values() for c in cs), *back]))
        self._cue_re = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first(cues))) + r")(?!\w)", re.I
            )
            if cues
            else None
        )
        countries = self.option(RELEASE_DATE, "countries", {}) if RELEASE_DATE in self.specs else {}
        self._countries = [
            # not \b: a name may end in a mark ("the U.S.", "on Disney+")
            (code, re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)"))
            for code, names in countries.items()
            for n in names
        ]
        self._kind_cues = [
            (
                kind,
                re.compile(
                    r"(?<!\w)(?:"
                    + "|".join(re.escape(c) for c in longest_first(cues))
                    + r")(?!\w)",
                    re.I,
                ),
            )
            for kind, cues in kind_cues.items()
            if cues
        ]
        self._wants_superseded = SUPERSEDED_DATE in self.specs
        others = (
            self.option(RELEASE_DATE, "other-subjects", []) if RELEASE_DATE in self.specs else []
        )
        # "X's finale aired …", "X's sequel is released …": the date is another thing's
        self._other_of = (
            re.compile(
                r"['’]s?\s+(?:[a-z][\w-]*\s+){0,2}?(?:"
                + "|".join(re.escape(w) for w in longest_first(others))
                + r")\b"
            )
            if others
            else None
        )
        self._return_re = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first(back))) + r")\b", re.I)
            if back
            else None
        )
        nouns = self.option(RELEASE_DATE, "part-nouns", {}) if RELEASE_DATE in self.specs else {}
        self._parts = PartReferences(nouns)
        carried = (
            self.option(RELEASE_DATE, "carried-nouns", {}) if RELEASE_DATE in self.specs else {}
        )
        self._carried = CarriedSubjects(carried)
        explain = self.option(ACRONYM, "explain-cues", []) if ACRONYM in self.specs else []
        after = self.option(ACRONYM, "after-cues", []) if ACRONYM in self.specs else []
        self._explain_cue = "|".join(
            re.escape(c).replace("\\ ", r"\s+") for c in longest_first(explain)
        )
        self._after_cue = "|".join(
            re.escape(c).replace("\\ ", r"\s+") for c in longest_first(after)
        )
        roles = self.option(ROLE, "roles", {}) if ROLE in self.specs else {}
        self._role_words = {w.casefold(): role for role, words in roles.items() for w in words}
        by = self.option(ROLE, "by-phrases", {}) if ROLE in self.specs else {}
        self._by_verbs = {p.split()[0].casefold(): role for role, ps in by.items() for p in ps}
        self._by_needs_by = {
            p.split()[0].casefold(): p.split()[-1].casefold() == "by"
            for ps in by.values()
            for p in ps
        }
        verbs = self.option(ROLE, "verbs", {}) if ROLE in self.specs else {}
        self._who_verbs = {v.casefold(): role for role, vs in verbs.items() for v in vs}
        owned = self.option(ROLE, "possessions", {}) if ROLE in self.specs else {}
        self._possessions = {n.casefold(): role for role, ns in owned.items() for n in ns}
        playing = self.option(ROLE, "playing-verbs", []) if ROLE in self.specs else []
        self._playing = "|".join(
            re.escape(v).replace("\\ ", r"\s+") for v in longest_first(playing)
        )
        parents = self.option(ROLE, "parents", {}) if ROLE in self.specs else {}
        self._role_parents: dict[str, str] = {
            k.casefold(): v.casefold() for k, v in parents.items()
        }
        self._counts = (
            EpisodeCounts(
                self.option(EPISODES, "units"),
                self.option(EPISODES, "subset-words"),
                self.option(EPISODES, "whole-words"),
            )
            if EPISODES in self.specs
            else None
        )
        self._networks = (
            NetworkClaims(
                NetworkOptions(
                    verbs=self.option(NETWORK, "verbs"),
                    platforms=self.option(NETWORK, "platforms"),
                    companions=self.option(NETWORK, "companions"),
                    part_words=self.option(NETWORK, "part-words"),
                    other_work_words=self.option(NETWORK, "other-work-words"),
                    regions=countries,
                    carried_nouns=carried,
                )
            )
            if NETWORK in self.specs
            else None
        )

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        mentions = ctx.mentions.titles
        if not mentions:
            return
        works = ctx.mentions.works
        text = doc.text
        forms: dict[tuple[str, tuple[tuple[str, str], ...]], list[Finding]] = {}
        for m in mentions:
            if m.form == "former" and ctx.wants(SUPERSEDED):
                yield self._superseded(text, m)
            elif m.variant and ctx.wants(TITLE_FORM):
                finding = self._title_form(text, m)
                if finding and finding.fix:
                    changes = tuple((text[e.start : e.end], e.text) for e in finding.fix.edits)
                    forms.setdefault((m.form_text, changes), []).append(finding)
        yield from (_once_per_form(group) for group in forms.values())
        if ctx.wants(ACRONYM):
            yield from self._acronyms(text, works)
        dates_wanted = ctx.wants(RELEASE_DATE) or ctx.wants(SUPERSEDED_DATE)
        parts_wanted = (self._networks is not None and ctx.wants(NETWORK)) or (
            self._counts is not None and ctx.wants(EPISODES)
        )
        # "the second season of X" is a mention of the season, for dates and platforms
        parts = (
            self._parts.find(text, mentions, ctx.knowledge)
            if dates_wanted or parts_wanted
            else mentions
        )
        if dates_wanted and self._cue_re is not None:
            for finding in self._release_dates(doc, parts):
                if ctx.wants(finding.code):
                    yield finding
        if ctx.wants(ROLE):
            yield from self._roles(text, works, ctx)
        if self._counts is not None and ctx.wants(EPISODES):
            for sentence, here in self._sentences_about(doc, parts):
                yield from self._counts.findings(sentence, here, ctx.knowledge)
        if self._networks is not None and ctx.wants(NETWORK):
            yield from self._networks.findings(doc, parts, ctx.knowledge)

    # ---------------------------------------------------------------- titles
    def _superseded(self, text: str, m: TitleMention) -> Finding:
        written = text[m.start : m.end]
        current = m.work.title
        return Finding(
            SUPERSEDED,
            m.start,
            m.end,
            f"“{written}” is a former title; the work is now called “{current}”",
            Fix(
                f"Replace with “{current}”", (Edit(m.start, m.end, current),), Applicability.UNSAFE
            ),
        )

    def _title_form(self, text: str, m: TitleMention) -> Finding | None:
        written = [w for w in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text[m.start : m.end])]
        canonical = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", m.form_text)
        if len(written) != len(canonical):
            return None
        edits = tuple(
            Edit(m.start + w.start(), m.start + w.end(), right)
            for w, right in zip(written, canonical, strict=True)
            if w.group().casefold() != right.casefold()
        )
        if not edits:
            return None
        wrong = ", ".join(f"“{text[e.start : e.end]}”" for e in edits)
        return Finding(
            TITLE_FORM,
            m.start,
            m.end,
            f"title written with {wrong}; the title is “{m.form_text}”",
            Fix(f"Write the title as “{m.form_text}”", edits, Applicability.SAFE),
        )

    # -------------------------------------------------------------- acronyms
    def _acronyms(self, text: str, works: Sequence[Work]) -> Iterator[Finding]:
        expansions: dict[str, tuple[str, Work]] = {}
        for work in works:
            for acronym, expansion in work.acronyms:
                expansions.setdefault(acronym, (expansion, work))
        if not expansions:
            return
        flagged: set[int] = set()
        for finding in self._explained_acronyms(text, expansions):
            flagged.add(finding.start)
            yield finding
        for finding in self._initials(text, expansions):
            if finding.start not in flagged:
                yield finding

    def _explained_acronyms(
        self, text: str, expansions: dict[str, tuple[str, Work]]
    ) -> Iterator[Finding]:
        """ "XYZ, short for …", "XYZ (which stands for …)", "… – XYZ for short"."""
        names = "|".join(re.escape(a) for a in sorted(expansions, key=len, reverse=True))
        if self._explain_cue:
            pattern = re.compile(
                rf"\b(?P<acr>{names})\b\)?,?\s*\(?\s*(?:{self._explain_cue})\s+(?:the\s+)?"
            )
            for m in pattern.finditer(text):
                expansion, work = expansions[m.group("acr")]
                yield from _compare_expansion(text, m.end(), expansion, work, m.group("acr"), 1)
        if self._after_cue:
            pattern = re.compile(
                rf"\s*(?:[-–—,(]\s*)?(?:or\s+)?\b(?P<acr>{names})\s+(?:{self._after_cue})\b"
            )
            for m in pattern.finditer(text):
                expansion, work = expansions[m.group("acr")]
                yield from _compare_expansion(text, m.start(), expansion, work, m.group("acr"), -1)

    def _initials(self, text: str, expansions: dict[str, tuple[str, Work]]) -> Iterator[Finding]:
        """Capitalised phrases whose initials spell a known acronym."""
        for m in _PHRASE_RE.finditer(text):
            phrase = m.group()
            initials = "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", phrase))
            for size in range(len(initials), 1, -1):
                # allow a leading word that is not part of it ("The International …")
                head = len(initials) - size
                acronym = initials[head:]
                if acronym not in expansions:
                    continue
                expansion, work = expansions[acronym]
                words = list(re.finditer(r"[A-Z][a-z]+", phrase))
                start = m.start() + words[head].start()
                written = text[start : m.end()]
                if written.casefold() != expansion.casefold():
                    yield Finding(
                        ACRONYM,
                        start,
                        m.end(),
                        f"in {work.title}, {acronym} stands for “{expansion}”, not “{written}”",
                        Fix(
                            f"Replace with “{expansion}”",
                            (Edit(start, m.end(), expansion),),
                            Applicability.UNSAFE,
                        ),
                    )
                break

    # ------------------------------------------------------------ release dates
    def _release_dates(self, doc: Document, mentions: Sequence[TitleMention]) -> Iterator[Finding]:
        assert self._cue_re is not None
        text = doc.text
        for m in mentions:  # "Heat (1995)": a year in brackets after a title
            ym = _BRACKET_YEAR_RE.match(text, m.end)
            if ym:
                yield from self._check_one(
                    m.work,
                    ym.start(1),
                    ym.end(1),
                    dt.date(int(ym.group(1)), 1, 1),
                    "year",
                    None,
                    None,
                    None,
                )
        for sentence, here in self._sentences_about(doc, mentions):
            if self._cue_re.search(sentence.text):
                yield from self._check_dates(sentence, here)

    def _sentences_about(
        self, doc: Document, mentions: Sequence[TitleMention]
    ) -> Iterator[tuple[TextSpan, list[TitleMention]]]:
        """Each sentence with the mentions it is about: its own, or those a carried
        subject ("It", "The new season") refers to (:mod:`.facts_subjects`)."""
        text = doc.text
        other = self._other_of

        def keep(m: TitleMention) -> bool:  # not "X's finale", "X's sequel"
            return not (other and other.match(text, m.end))

        for sentence, here, _ in self._carried.sentences(doc, mentions, keep):
            if here:
                yield sentence, here

    def _check_dates(self, sentence: TextSpan, inside: list[TitleMention]) -> Iterator[Finding]:
        text = sentence.text
        countries = [
            (m.start(), m.end(), code)
            for code, rx in self._countries
            for m in rx.finditer(sentence.text)
        ]
        kinds = [
            (m.start(), m.end(), k) for k, rx in self._kind_cues for m in rx.finditer(sentence.text)
        ]
        # a network a release event names says that event's kind and region: "arrives on
        # Apple TV+ in May" is the streaming date where Apple TV+ showed it
        for start, end, event in _network_cues(sentence.text, inside):
            kinds.append((start, end, event.kind))
            countries.append((start, end, event.region))
        found: list[tuple[int, int, dt.date, str, re.Match[str] | None]] = []
        for full in _DATE_RE.finditer(sentence.text):
            parsed = _parse_date(full)
            if parsed is not None:
                found.append((full.start(), full.end(), parsed[0], parsed[1], full))
        cue_re = self._cue_re
        for ym in _YEAR_AFTER_CUE_RE.finditer(sentence.text):
            if any(s <= ym.start("year") < e for s, e, *_ in found):
                continue  # the year of a date already read ("in May 2022")
            if cue_re is not None and cue_re.fullmatch(ym.group("cue")):
                year = dt.date(int(ym.group("year")), 1, 1)
                found.append((ym.start("year"), ym.end("year"), year, "year", None))
        spans = [(start, end) for start, end, *_ in found]
        cues = (
            [(m.start(), m.end(), "cue") for m in cue_re.finditer(sentence.text)] if cue_re else []
        )
        returns = self._return_re is not None and self._return_re.search(sentence.text)
        for start, end, date, precision, dm in found:
            if len(found) > 1 and _nearest(cues, spans, (start, end), text) is None:
                continue  # the sentence's release words are about its other dates
            at = sentence.start + start
            before = [m for m in inside if m.start < at]
            work = (before[-1] if before else inside[0]).work
            # a country or kind cue belongs to the date nearest it: "premieres on
            # 16 March, and arrives in the US on April 2" names the US for April 2 only
            country = _nearest(countries, spans, (start, end), text)
            kind = _nearest(kinds, spans, (start, end), text)
            if returns and work.kind not in ("season", "episode"):
                # a series that "returns" comes back with a later season, a film
                # with a re-release: only a season's or episode's return is its premiere
                continue
            yield from self._check_one(
                work, at, sentence.start + end, date, precision, dm, country, kind
            )

    def _check_one(
        self,
        work: Work,
        start: int,
        end: int,
        date: dt.date,
        precision: str,
        dm: re.Match[str] | None,
        country: str | None,
        kind: str | None,
    ) -> Iterator[Finding]:
        """Findings for one date stated as ``work``'s release (of ``kind``, in ``country``).

        A date true of any listed release event is left alone; a date the
        knowledge says was announced and later moved is pointed out (CL406);
        otherwise the date is compared only with events of the same kind and
        region, so a UK date is never "corrected" to the US one.
        """
        events = [e for e in work.releases if e.matches(date, precision)]
        if any(not e.superseded for e in events):
            return
        current = [
            e
            for e in work.releases
            if not e.superseded
            and _same_kind(e.kind, kind)
            and (country is None or e.region in (country, "worldwide"))
        ]
        if not current and work.kind in _AIRED_KINDS and kind in _AIRED_CUES:
            # a season "premieres" on its first showing: a plain release, its first
            # broadcast or its streaming date ("airs" and "streams" likewise)
            current = [
                e
                for e in work.releases
                if not e.superseded
                and e.kind in _SHOWINGS
                and (country is None or e.region in (country, "worldwide"))
            ]
        written = dm.group() if dm is not None else str(date.year)
        if events:  # an announced date, since moved: to the same kind of event, same region
            moved = events[0]
            current = [
                e
                for e in work.releases
                if not e.superseded and (e.region, e.kind) == (moved.region, moved.kind)
            ] or [e for e in work.releases if not e.superseded]
            if self._wants_superseded and current:
                now = min(current, key=lambda e: e.date)
                yield Finding(
                    SUPERSEDED_DATE,
                    start,
                    end,
                    f"{written} was the announced date for {work.title}; "
                    f"it moved to {_event_date(now)}",
                    *_replace(start, end, _written_like(dm, precision, now), now),
                )
            return
        if not current:
            return  # the knowledge says nothing about this kind of release here
        exact = [e for e in current if country is not None and e.region == country]
        expected = min(exact or current, key=lambda e: e.date)
        where = f" ({country})" if exact else ""
        yield Finding(
            RELEASE_DATE,
            start,
            end,
            f"{work.title} was released {_on_date(expected)}{where}, not {written}",
            *_replace(start, end, _written_like(dm, precision, expected), expected),
        )

    # ------------------------------------------------------------------ roles
    def _roles(self, text: str, works: Sequence[Work], ctx: DocContext) -> Iterator[Finding]:
        credited = {c.name for w in works for c in w.credits}
        if not credited:
            return
        # "director X", "stunt coordinator X"
        crew_roles = {c.role for w in works for c in w.credits if c.role not in ("actor",)}
        role_words = dict(self._role_words)
        role_words.update({r.casefold(): r for r in crew_roles})
        if role_words:
            pattern = re.compile(
                r"\b("
                + "|".join(re.escape(w) for w in longest_first(role_words))
                + r")\s+("
                + _NAME
                + r")",
                re.I,
            )
            for m in pattern.finditer(text):
                role = role_words[m.group(1).casefold()]
                yield from self._claim(m.start(2), m.group(2), role, works, credited)
        # "directed by X", "Written and directed by X and Y", "featuring X"
        for m in _CREDIT_PHRASE_RE.finditer(text):
            words = re.findall(r"[\w-]+", m.group(1).casefold())
            has_by = words[-1] == "by"
            roles = [  # "directed" credits only with "by"; "featuring" without it
                self._by_verbs[w]
                for w in words
                if w in self._by_verbs and self._by_needs_by[w] == has_by
            ]
            for role in roles:
                for start, name in _names_in_list(m.start(2), m.group(2)):
                    yield from self._claim(start, name, role, works, credited)
        if role_words:
            # "X as director of", "X served as director", "X, as writer,"
            as_role = re.compile(
                rf"(?P<name>{_NAME}),?\s+(?:(?:served|serves|serving|worked|works|working|"
                rf"was|is)\s+)?as\s+(?:the\s+|its\s+|a\s+|an\s+)?(?P<role>(?i:"
                + "|".join(re.escape(w) for w in longest_first(role_words))
                + r"))\b"
            )
            for m in as_role.finditer(text):
                role = role_words[m.group("role").casefold()]
                yield from self._claim(m.start("name"), m.group("name"), role, works, credited)
        if self._who_verbs:  # "X, who directed …"
            for m in _WHO_RE.finditer(text):
                role = self._who_verbs.get(m.group("verb").casefold())
                if role:
                    yield from self._claim(m.start("name"), m.group("name"), role, works, credited)
        if self._possessions:  # "Roe's score"
            yield from self._possessives(text, works, credited)
        # "Character (Actor)" and "Actor as Character"
        yield from self._characters(text, works, credited)

    def _possessives(
        self, text: str, works: Sequence[Work], credited: set[str]
    ) -> Iterator[Finding]:
        by_surname: dict[str, set[str]] = {}
        for name in credited:
            by_surname.setdefault(name.split()[-1], set()).add(name)
        nouns = "|".join(re.escape(n) for n in longest_first(self._possessions))
        for m in re.finditer(rf"\b(?P<who>[A-Z][\w-]+)['’]s\s+(?P<noun>{nouns})\b", text):
            people = by_surname.get(m.group("who"), set())
            if len(people) == 1:
                (name,) = people
                role = self._possessions[m.group("noun").casefold()]
                start = m.start("who")
                for finding in self._claim(start, name, role, works, credited):
                    yield Finding(
                        finding.code,
                        start,
                        m.end("who"),
                        finding.message,
                        suggestions=finding.suggestions,
                    )

    def _holds(self, work: Work, role: str) -> list[str]:
        """People with ``role`` on ``work``, counting narrower roles (a head writer writes)."""
        out = []
        for c in work.credits:
            r: str | None = c.role
            seen = 0
            while r is not None and seen < 8:
                if r == role:
                    out.append(c.name)
                    break
                r, seen = self._role_parents.get(r), seen + 1
        return out

    def _claim(
        self, start: int, written: str, role: str, works: Sequence[Work], credited: set[str]
    ) -> Iterator[Finding]:
        name = _longest_known(written, credited)
        if name is None:
            return
        holders = [n for w in works for n in self._holds(w, role)]
        if not holders or name in holders:
            return
        start += written.find(name)
        work = next(w for w in works if self._holds(w, role))
        right = ", ".join(dict.fromkeys(holders))
        yield Finding(
            ROLE,
            start,
            start + len(name),
            f"{name} is not credited as {role} of {work.title}; the {role} is {right}",
            suggestions=(f"check the role or the name ({role}: {right})",),
        )

    def _characters(
        self, text: str, works: Sequence[Work], credited: set[str]
    ) -> Iterator[Finding]:
        played: dict[str, set[str]] = {}
        for w in works:
            for c in w.credits:
                if c.character:
                    played.setdefault(c.character, set()).add(c.name)
        if not played:
            return
        names = "|".join(re.escape(c) for c in sorted(played, key=len, reverse=True))
        patterns = [
            re.compile(rf"\b(?P<char>{names})\s+\((?P<actor>{_NAME})\)"),
            re.compile(rf"\b(?P<actor>{_NAME})\s+as\s+(?P<char>{names})\b"),
        ]
        if self._playing:  # "Jane Roe plays X", "Jane Roe stars as X"
            patterns.append(
                re.compile(
                    rf"\b(?P<actor>{_NAME})\s+(?:{self._playing})\s+(?:as\s+)?"
                    rf"(?P<char>{names})\b(?!['’]s)"  # not "plays X's father"
                )
            )
        for pattern in patterns:
            for m in pattern.finditer(text):
                actor = _longest_known(m.group("actor"), credited)
                actors = played[m.group("char")]
                if actor is None or actor in actors:
                    continue
                right = sorted(actors)[0]
                start = m.start("actor") + m.group("actor").find(actor)
                end = start + len(actor)
                yield Finding(
                    ROLE,
                    start,
                    end,
                    f"{m.group('char')} is played by {right}, not {actor}",
                    Fix(
                        f"Replace with “{right}”", (Edit(start, end, right),), Applicability.UNSAFE
                    ),
                )


def _network_cues(text: str, inside: list[TitleMention]) -> Iterator[tuple[int, int, Release]]:
    """Where ``text`` names the network of a release event of a work in ``inside``."""
    seen: set[str] = set()
    for m in inside:
        for event in m.work.releases:
            if event.network and not event.superseded and event.network not in seen:
                seen.add(event.network)
                rx = r"(?<!\w)(?:on|via)\s+" + re.escape(event.network) + r"(?!\w)"
                for hit in re.finditer(rx, text):
                    yield hit.start(), hit.end(), event


#: Between a cue and a date: a clause break ("… 20 February and arrives … on 13 March").
_CLAUSE_BREAK = re.compile(r"[,;]|\s(?:and|but|while|whereas)\s")


def _nearest(
    cues: list[tuple[int, int, str]],
    dates: list[tuple[int, int]],
    date: tuple[int, int],
    text: str = "",
) -> str | None:
    """The cue nearest ``date`` among those no other date of ``dates`` is nearer to; a cue
    is farther from a date across a clause break (in ``text``) than any within its clause."""

    def gap(cue: tuple[int, int, str], span: tuple[int, int]) -> int:
        near = max(span[0] - cue[1], cue[0] - span[1], 0)
        lo, hi = min(cue[1], span[1]), max(cue[0], span[0])
        if text and lo < hi and _CLAUSE_BREAK.search(text, lo, hi):
            near += len(text)
        return near

    mine = [c for c in cues if min(dates, key=lambda d: gap(c, d)) == date]
    return min(mine, key=lambda c: gap(c, date))[2] if mine else None


def _replace(
    start: int, end: int, replacement: str | None, event: Release
) -> tuple[Fix | None, tuple[str, ...]]:
    """An unsafe fix writing ``replacement``; only a suggestion when none can be written."""
    if replacement is None:
        known = {"year": "the year", "month": "the month"}.get(event.precision, "the day")
        return None, (f"the knowledge gives only {known}: {_event_date(event)}",)
    return Fix(
        f"Replace with “{replacement}”",
        (Edit(start, end, replacement),),
        Applicability.UNSAFE,
    ), ()


def _compare_expansion(
    text: str, at: int, expansion: str, work: Work, acronym: str, direction: int
) -> Iterator[Finding]:
    """An explanation of ``acronym`` written after (``direction`` 1) or before (-1) ``at``.

    The explanation is taken as the same number of words as the knowledge's
    expansion; it is flagged when those words differ from it.
    """
    size = len(expansion.split())
    if direction > 0:
        words = list(re.finditer(r"[\w'’&-]+", text[at : at + 200]))[:size]
        if len(words) < size:
            return
        start, end = at + words[0].start(), at + words[-1].end()
    else:
        words = list(re.finditer(r"[\w'’&-]+", text[max(0, at - 200) : at]))[-size:]
        if len(words) < size:
            return
        base = max(0, at - 200)
        start, end = base + words[0].start(), base + words[-1].end()
    written = text[start:end]
    if " ".join(written.split()).casefold() == expansion.casefold():
        return
    if not any(w.group()[:1].isalpha() for w in words):
        return
    yield Finding(
        ACRONYM,
        start,
        end,
        f"in {work.title}, {acronym} stands for “{expansion}”, not “{written}”",
        Fix(f"Replace with “{expansion}”", (Edit(start, end, expansion),), Applicability.UNSAFE),
    )


def _once_per_form(group: list[Finding]) -> Finding:
    """One finding for every place a title is written in the same wrong form.

    The first place is the finding's span, the others its related places; the
    fix edits every place, so ``--fix`` still puts each one right.
    """
    first = group[0]
    if len(group) == 1 or first.fix is None:
        return first
    edits = tuple(e for f in group if f.fix for e in f.fix.edits)
    return Finding(
        first.code,
        first.start,
        first.end,
        f"{first.message} ({len(group)} places)",
        Fix(first.fix.title, edits, first.fix.applicability),
        first.suggestions,
        tuple((f.start, f.end) for f in group[1:]),
    )


def _longest_known(name: str, known: set[str]) -> str | None:
    """The longest run of words of ``name`` that is a known person (a prefix first)."""
    words = name.split()
    for n in range(len(words), 1, -1):
        for i in range(len(words) - n + 1):
            candidate = " ".join(words[i : i + n])
            if candidate in known:
                return candidate
    return None


def _names_in_list(start: int, written: str) -> Iterator[tuple[int, str]]:
    """Each name of "Jane Roe, John Doe and Ann Poe" with its offset (``start`` is the list's)."""
    for m in re.finditer(_NAME, written):
        yield start + m.start(), m.group()


# A list of names: "Jane Roe", "Jane Roe and John Doe", "A B, C D and E F".
_NAME_LIST = rf"{_NAME}(?:(?:,\s*|\s+and\s+|,\s+and\s+|\s+&\s+){_NAME})*"
# "directed by <names>", "Written and directed by <names>", "featuring <names>".
_CREDIT_PHRASE_RE = re.compile(rf"\b((?:[\w-]+\s+and\s+)?[\w-]+(?:\s+by)?)\s+({_NAME_LIST})")
# "Jane Roe, who directed …"
_WHO_RE = re.compile(rf"(?P<name>{_NAME}),\s+who\s+(?:also\s+|has\s+)?(?P<verb>[\w-]+)")
