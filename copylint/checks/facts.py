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
from ..packs import RuleSpec
from .base import Check, DocContext

ACRONYM, TITLE_FORM, SUPERSEDED, RELEASE_DATE, ROLE = "CL401", "CL402", "CL403", "CL404", "CL405"

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
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))\b"
)
# A capitalised phrase that might spell out an acronym: "International Monetary Fund".
_PHRASE_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|and|for|the|on|in|&)?\s*[A-Z][a-z]+)+\b")
# A person's name: two or three capitalised words.
_NAME = r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,2}"


def _parse_date(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("iso"):
            return dt.date.fromisoformat(m.group("iso"))
        month = m.group("m1") or m.group("m2")
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y1") or m.group("y2"))
        key = month.rstrip(".").lower()
        index = next(i for i, name in enumerate(_MONTHS) if name.startswith(key))
        return dt.date(year, index + 1, day)
    except (ValueError, StopIteration):
        return None


def format_like(m: re.Match[str], date: dt.date) -> str:
    """Write ``date`` in the style of the matched date text."""
    if m.group("iso"):
        return date.isoformat()
    month = _MONTHS[date.month - 1].capitalize()
    written = m.group("m1") or m.group("m2")
    if len(written.rstrip(".")) == 3 and month.lower() != "may":
        month = month[:3] + ("." if written.endswith(".") else "")
    if m.group("m1"):
        comma = "," if "," in m.group(0) else ""
        return f"{month} {date.day}{comma} {date.year}"
    return f"{date.day} {month} {date.year}"


def _human_date(date: dt.date) -> str:
    return f"{_MONTHS[date.month - 1].capitalize()} {date.day}, {date.year}"


class FactsCheck(Check):
    """Acronym expansions, title forms, superseded titles, release dates and roles."""

    kind = "facts"
    needs_knowledge = True

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        cues = self.option(RELEASE_DATE, "release-cues", []) if RELEASE_DATE in self.specs else []
        self._cue_re = (
            re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.I)
            if cues
            else None
        )
        countries = self.option(RELEASE_DATE, "countries", {}) if RELEASE_DATE in self.specs else {}
        self._countries = [
            (code, re.compile(r"\b" + re.escape(n) + r"\b"))
            for code, names in countries.items()
            for n in names
        ]
        roles = self.option(ROLE, "roles", {}) if ROLE in self.specs else {}
        self._role_words = {w.casefold(): role for role, words in roles.items() for w in words}
        by = self.option(ROLE, "by-phrases", {}) if ROLE in self.specs else {}
        self._by_verbs = {p.split()[0].casefold(): role for role, ps in by.items() for p in ps}

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        mentions = ctx.mentions.titles
        if not mentions:
            return
        works = ctx.mentions.works
        text = doc.text
        for m in mentions:
            if m.form == "former" and ctx.wants(SUPERSEDED):
                yield self._superseded(text, m)
            elif m.variant and ctx.wants(TITLE_FORM):
                finding = self._title_form(text, m)
                if finding:
                    yield finding
        if ctx.wants(ACRONYM):
            yield from self._acronyms(text, works)
        if ctx.wants(RELEASE_DATE) and self._cue_re is not None:
            yield from self._release_dates(doc, mentions)
        if ctx.wants(ROLE):
            yield from self._roles(text, works, ctx)

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
        for para in doc.paragraphs:
            for sentence in doc.sentences(para):
                dates = list(_DATE_RE.finditer(sentence.text))
                if not dates or not self._cue_re.search(sentence.text):
                    continue
                inside = [
                    m
                    for m in mentions
                    if sentence.start <= m.start < sentence.start + len(sentence.text)
                ]
                if not inside:
                    continue
                yield from self._check_dates(sentence, dates, inside)

    def _check_dates(
        self, sentence: TextSpan, dates: list[re.Match[str]], inside: list[TitleMention]
    ) -> Iterator[Finding]:
        country = next((code for code, rx in self._countries if rx.search(sentence.text)), None)
        for dm in dates:
            date = _parse_date(dm)
            if date is None:
                continue
            at = sentence.start + dm.start()
            before = [m for m in inside if m.start < at]
            work = (before[-1] if before else inside[0]).work
            known = dict(work.released)
            if not known:
                continue
            expected = known.get(country) if country else None
            if expected is None:
                if date in known.values():
                    continue
                expected = work.release_date(country)
            if expected is None or expected == date:
                continue
            where = f" ({country})" if country and country in known else ""
            start, end = at, sentence.start + dm.end()
            replacement = format_like(dm, expected)
            yield Finding(
                RELEASE_DATE,
                start,
                end,
                f"{work.title} was released on {_human_date(expected)}{where}, not {dm.group()}",
                Fix(
                    f"Replace with “{replacement}”",
                    (Edit(start, end, replacement),),
                    Applicability.UNSAFE,
                ),
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
                + "|".join(re.escape(w) for w in sorted(role_words, key=len, reverse=True))
                + r")\s+("
                + _NAME
                + r")",
                re.I,
            )
            for m in pattern.finditer(text):
                role = role_words[m.group(1).casefold()]
                yield from self._claim(m.start(2), m.group(2), role, works, credited)
        # "directed by X", "Written and directed by X"
        for m in re.finditer(r"\b((?:\w+\s+and\s+)?\w+)\s+by\s+(" + _NAME + ")", text):
            verbs = re.findall(r"\w+", m.group(1).casefold())
            for verb in verbs:
                if verb in self._by_verbs:
                    yield from self._claim(
                        m.start(2), m.group(2), self._by_verbs[verb], works, credited
                    )
        # "Character (Actor)" and "Actor as Character"
        yield from self._characters(text, works, credited)

    def _claim(
        self, start: int, written: str, role: str, works: Sequence[Work], credited: set[str]
    ) -> Iterator[Finding]:
        name = _longest_known(written, credited)
        if name is None:
            return
        holders = [n for w in works for n in w.with_role(role)]
        if not holders or name in holders:
            return
        work = next(w for w in works if w.with_role(role))
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
        patterns = (
            re.compile(rf"\b(?P<char>{names})\s+\((?P<actor>{_NAME})\)"),
            re.compile(rf"\b(?P<actor>{_NAME})\s+as\s+(?P<char>{names})\b"),
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


def _longest_known(name: str, known: set[str]) -> str | None:
    """The longest prefix of ``name`` (in words) that is a known person."""
    words = name.split()
    for n in range(len(words), 1, -1):
        candidate = " ".join(words[:n])
        if candidate in known:
            return candidate
    return None
