"""The knowledge base: works, people and organisations that editors keep in YAML.

A knowledge file lists works (canonical title, aliases, former titles, release
dates by country, studio, directors, writers, cast with characters, crew with
roles, acronyms with their in-universe expansions) and people or organisations
(canonical name, known misspellings).  Loading validates every field and
reports errors with the file and line.  Indexes are built once per process:
exact names in dicts, titles in a first-word index scanned once per document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from .errors import DataFileError, did_you_mean
from .prefilter import CapitalisedWords
from .yamlsource import LineDict, LineList, load_yaml_file

# Number words and Roman numerals that titles write either way ("Part One" / "Part 1").
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What may stand between two words of a title: spaces, dashes, colons, commas.
_TITLE_GAP_RE = re.compile(r"[ \t\u00a0]*[-–—:,.]?[ \t\u00a0]*")
_COUNTRY_RE = re.compile(r"^(?:[A-Z]{2}|worldwide)$")
_MAX_GLUED_TAIL = 4  # "Twois": a title's last word glued to a short lowercase word
_CROWDED = 8  # titles sharing a first word beyond which they are indexed by two words


def _spellings(key: str) -> set[str]:
    """Every case-folded word whose :func:`title_key` is ``key``."""
    table = {**_NUMBER_WORDS, **_ROMAN}
    return {key} | {word for word, digits in table.items() if digits == key}


def title_key(word: str) -> str:
    """Normalise one title word for matching: case-folded, numbers as digits."""
    low = word.casefold().replace("’", "'")
    return _NUMBER_WORDS.get(low) or _ROMAN.get(low) or low


class Credit(NamedTuple):
    """A person's part in a work: ``role`` is "actor", "director", "writer" or a crew role.

    A named tuple, not a dataclass (like :class:`Entity`): a large base has
    hundreds of thousands, and tuples load from the compiled cache about twice
    as fast (issue 7).
    """

    name: str
    role: str
    character: str | None = None


@dataclass(frozen=True)
class Work:
    """A film, series, book … with its credits and facts."""

    title: str
    aliases: tuple[str, ...] = ()
    former_titles: tuple[str, ...] = ()
    released: tuple[tuple[str, dt.date], ...] = ()
    studio: str | None = None
    credits: tuple[Credit, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()
    source: str = ""

    def people(self) -> list[str]:
        """Everyone credited on the work, in file order, without repeats."""
        return list(dict.fromkeys(c.name for c in self.credits))

    def roles_of(self, name: str) -> set[str]:
        """The roles ``name`` has on this work."""
        return {c.role for c in self.credits if c.name == name}

    def with_role(self, role: str) -> list[str]:
        """People with ``role`` on this work."""
        return [c.name for c in self.credits if c.role == role]

    def release_date(self, country: str | None = None) -> dt.date | None:
        """The release date in ``country``, else the earliest known one."""
        dates = dict(self.released)
        if country and country in dates:
            return dates[country]
        return min(dates.values()) if dates else None


class Entity(NamedTuple):
    """A person or organisation with its canonical name and known misspellings."""

    name: str
    kind: str  # "person" | "organisation"
    misspellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class TitleMention:
    """A work's title found in a document (text-view offsets).

    ``form`` is "title", "alias" or "former"; ``variant`` is True when the
    words differ from that form as written (e.g. "Part 1" for "Part One").
    """

    start: int
    end: int
    work: Work
    form: str
    form_text: str
    variant: bool


@dataclass(frozen=True)
class Mentions:
    """Titles found in a document and the works they activate."""

    titles: tuple[TitleMention, ...] = ()
    #: works named by the document's metadata (e.g. Markdown front matter)
    declared: tuple[Work, ...] = ()

    @property
    def works(self) -> tuple[Work, ...]:
        """The works the document is about: declared ones, then mentioned ones in order."""
        return tuple(dict.fromkeys((*self.declared, *(m.work for m in self.titles))))


@dataclass(frozen=True)
class _TitleForm:
    keys: tuple[str, ...]
    words: tuple[str, ...]
    text: str
    form: str
    work: Work


@dataclass
class KnowledgeBase:
    """Works and entities from one or more knowledge files, with lookup indexes."""

    works: list[Work] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._build_indexes()

    # ----------------------------------------------------------- construction
    @classmethod
    def empty(cls) -> KnowledgeBase:
        """A base that knows nothing; rules that need knowledge stay quiet."""
        return cls()

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> KnowledgeBase:
        """Load and validate knowledge files; errors name the file and line."""
        works: list[Work] = []
        entities: dict[str, Entity] = {}
        sources = []
        for p in paths:
            sources.append(str(p))
            data = load_yaml_file(p)
            file_works, file_entities = _parse_file(data, str(p))
            works.extend(file_works)
            for ent in file_entities:
                if ent.name in entities:
                    prev = entities[ent.name]
                    ent = Entity(
                        ent.name,
                        ent.kind,
                        tuple(dict.fromkeys(prev.misspellings + ent.misspellings)),
                    )
                entities[ent.name] = ent
        return cls(works=works, entities=entities, sources=tuple(sources))

    def _build_indexes(self) -> None:
        self._titles: dict[str, list[_TitleForm]] = {}
        self.known_names: dict[str, str] = {}  # casefolded full name -> canonical
        self.misspellings: dict[str, str] = {}  # casefolded misspelling -> canonical
        self.characters: set[str] = set()
        words: set[str] = set()
        for work in self.works:
            forms = [(work.title, "title")] + [(a, "alias") for a in work.aliases]
            forms += [(f, "former") for f in work.former_titles]
            for text, form in forms:
                tokens = tuple(m.group() for m in _WORD_RE.finditer(text))
                if not tokens:
                    continue
                keys = tuple(title_key(t) for t in tokens)
                entry = _TitleForm(keys, tokens, text, form, work)
                self._titles.setdefault(keys[0], []).append(entry)
                words.update(tokens)
            for credit in work.credits:
                self.known_names[credit.name.casefold()] = credit.name
                words.update(_WORD_RE.findall(credit.name))
                if credit.character:
                    self.characters.add(credit.character.casefold())
                    words.update(_WORD_RE.findall(credit.character))
            if work.studio:
                self.known_names[work.studio.casefold()] = work.studio
                words.update(_WORD_RE.findall(work.studio))
            for acronym, expansion in work.acronyms:
                words.add(acronym)
                words.update(_WORD_RE.findall(expansion))
        for ent in self.entities.values():
            self.known_names[ent.name.casefold()] = ent.name
            words.update(_WORD_RE.findall(ent.name))
            for wrong in ent.misspellings:
                self.misspellings[wrong.casefold()] = ent.name
        for entries in self._titles.values():  # longest first, so the longest title wins
            entries.sort(key=lambda f: -len(f.keys))
        self._longest_form = max(
            (len(f.keys) for fs in self._titles.values() for f in fs), default=0
        )
        # Performance (issue 7, bench): with thousands of titles starting "The",
        # trying each at every "The" dominated the run.  Crowded first keys are
        # also indexed by their second key; see _candidates.
        self._title_pairs: dict[tuple[str, str], list[tuple[int, _TitleForm]]] = {}
        self._title_singles: dict[str, list[tuple[int, _TitleForm]]] = {}
        for first, entries in self._titles.items():
            if len(entries) <= _CROWDED:
                continue
            for rank, f in enumerate(entries):
                if len(f.keys) == 1:
                    self._title_singles.setdefault(first, []).append((rank, f))
                else:
                    self._title_pairs.setdefault((first, f.keys[1]), []).append((rank, f))
        # Performance (issue 7): most documents mention none of a base's titles.
        # Every way of writing a title's first word (case-folded; a number also
        # as a word or Roman numeral) is kept, and find_mentions looks for titles
        # only where one of them occurs, capitalised (none: no scan at all).
        first_words = CapitalisedWords(w for key in self._titles for w in _spellings(key))
        self._first_words = first_words if first_words.usable else None
        self.name_words: frozenset[str] = frozenset(words)

    # ----------------------------------------------------------------- lookup
    def __bool__(self) -> bool:
        return bool(self.works or self.entities)

    def canonical_name(self, name: str) -> str | None:
        """The canonical spelling if ``name`` is a known name (any case), else None."""
        return self.known_names.get(name.casefold())

    def is_character(self, name: str) -> bool:
        """True when ``name`` is a character of some work."""
        return name.casefold() in self.characters

    def works_named(self, names: Iterable[str]) -> tuple[Work, ...]:
        """Works whose title, alias or former title is one of ``names`` (any case)."""
        wanted = {" ".join(n.split()).casefold() for n in names}
        return tuple(
            w
            for w in self.works
            if {t.casefold() for t in (w.title, *w.aliases, *w.former_titles)} & wanted
        )

    def _candidates(
        self, key: str, words: Sequence[tuple[int, int, str]], i: int
    ) -> list[_TitleForm] | None:
        """The forms that could start at word ``i`` (whose key is ``key``), longest first.

        Same forms in the same order as ``self._titles[key]``, less those whose
        second word cannot match word ``i + 1`` (as written, or with a glued
        lowercase tail of up to four letters, which ``_match_form`` allows).
        """
        forms = self._titles.get(key)
        if forms is None or len(forms) <= _CROWDED:
            return forms
        picked = list(self._title_singles.get(key, ()))
        if i + 1 < len(words):
            nxt = words[i + 1][2]
            seconds = {title_key(nxt)}
            seconds.update(
                title_key(nxt[:-t])
                for t in range(1, _MAX_GLUED_TAIL + 1)
                if len(nxt) > t and nxt[-t:].islower()
            )
            for second in seconds:
                picked.extend(self._title_pairs.get((key, second), ()))
        picked.sort(key=lambda rf: rf[0])
        return [f for _, f in picked]

    def find_mentions(self, text: str) -> Mentions:
        """Find every title, alias or former title in ``text`` (one pass over its words)."""
        if not self._titles:
            return Mentions()
        starts = self._first_words.starts(text) if self._first_words is not None else None
        if starts is not None:
            return Mentions(tuple(self._mentions_at(text, starts)))
        # The word-by-word scan: for a base with too many first words for a
        # prefilter, or a text whose case folding it cannot follow.
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
        found: list[TitleMention] = []
        i = 0
        while i < len(words):
            word = words[i][2]
            # Titles start with a capital or a digit: test that before any lookup.
            initial = word[0].isupper() or word[0].isdigit()
            hit = self._mention(text, words, i) if initial else None
            if hit is None:
                i += 1
                continue
            found.append(hit[0])
            i += hit[1]
        return Mentions(tuple(found))

    def _mentions_at(self, text: str, starts: Sequence[int]) -> Iterator[TitleMention]:
        """The mentions that start at some of ``starts`` (the prefilter's word starts).

        Performance (issue 7): the same as the word-by-word scan, as no mention
        starts elsewhere, but the work is per possible start, not per word.
        """
        resume = 0  # the end of the last title found
        for p in starts:
            if p < resume or not _starts_word(text, p):
                continue
            following = islice(_WORD_RE.finditer(text, p), self._longest_form + 1)
            words = [(m.start(), m.end(), m.group()) for m in following]
            hit = self._mention(text, words, 0)
            if hit is not None:
                yield hit[0]
                resume = words[hit[1] - 1][1]

    def _mention(
        self, text: str, words: Sequence[tuple[int, int, str]], i: int
    ) -> tuple[TitleMention, int] | None:
        """The mention starting at word ``i`` and how many words it uses, if there is one."""
        start, _, word = words[i]
        candidates = self._candidates(title_key(word), words, i)
        for form in candidates or ():
            match = _match_form(text, words, i, form)
            if match:
                end, used, variant = match
                return TitleMention(start, end, form.work, form.form, form.text, variant), used
        return None


def _starts_word(text: str, at: int) -> bool:
    """True when a word of ``_WORD_RE`` starts at ``at`` (not inside one: "2Mission", "o'Neill")."""
    if at == 0:
        return True
    before = text[at - 1]
    if before.isalnum():
        return False
    return not (before in "'’" and at >= 2 and text[at - 2].isalnum())


def _match_form(
    text: str, words: Sequence[tuple[int, int, str]], i: int, form: _TitleForm
) -> tuple[int, int, bool] | None:
    """Match ``form`` at word ``i``; returns (end offset, words used, variant) or None."""
    k = len(form.keys)
    if i + k > len(words):
        return None
    variant = False
    end = words[i][1]
    for j in range(k):
        ws, we, word = words[i + j]
        if j:
            gap = text[end:ws]
            if not _TITLE_GAP_RE.fullmatch(gap):
                return None
        key = title_key(word)
        if key != form.keys[j]:
            # The title's last word glued to a short lowercase word ("Twois"):
            # still the title; the glued-words rule reports the join itself.
            last = form.words[j]
            tail = word[len(last) :]
            if not (
                j == k - 1
                and word[: len(last)].casefold() == last.casefold()
                and 0 < len(tail) <= _MAX_GLUED_TAIL
                and tail.islower()
            ):
                return None
            we = ws + len(last)
        elif word.casefold() != form.words[j].casefold():
            variant = True
        end = we
    if end < len(text) and (text[end].isalnum() and not text[end].islower()):
        return None
    return end, k, variant


# --------------------------------------------------------------------- parsing
_WORK_KEYS = {
    "title",
    "aliases",
    "former_titles",
    "released",
    "studio",
    "directors",
    "writers",
    "cast",
    "crew",
    "acronyms",
}
_TOP_KEYS = {"works", "people", "organisations", "organizations"}
_ENTITY_KEYS = {"name", "misspellings"}


def _unknown_key(obj: LineDict, allowed: set[str], path: str, what: str) -> None:
    for key in obj:
        if key not in allowed:
            tip = did_you_mean(key, allowed)
            raise DataFileError(path, f"unknown key {key!r} in {what}{tip}", obj.line_of(key))


def _string(value: Any, path: str, line: int, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, f"{what} must be a non-empty string", line)
    return " ".join(value.split())


def _strings(obj: LineDict, key: str, path: str, what: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise DataFileError(path, f"{what} {key!r} must be a list of strings", obj.line_of(key))
    lines = value.item_lines if isinstance(value, LineList) else [obj.line_of(key)] * len(value)
    return tuple(
        _string(v, path, ln, f"each of {key!r}") for v, ln in zip(value, lines, strict=True)
    )


def _parse_date(value: Any, path: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, f"invalid date {value!r} (expected YYYY-MM-DD)", line) from None


def _parse_work(obj: Any, path: str, line: int) -> Work:
    if not isinstance(obj, LineDict):
        raise DataFileError(path, "each work must be a mapping with a 'title'", line)
    _unknown_key(obj, _WORK_KEYS, path, "a work")
    if "title" not in obj:
        raise DataFileError(path, "a work needs a 'title'", obj.line)
    title = _string(obj["title"], path, obj.line_of("title"), "'title'")
    released_raw = obj.get("released", {})
    if isinstance(released_raw, str):
        released_raw = {"worldwide": released_raw}
    if not isinstance(released_raw, dict):
        raise DataFileError(
            path, "'released' must map country codes to dates", obj.line_of("released")
        )
    released = []
    for country, value in released_raw.items():
        ln = released_raw.line_of(country) if isinstance(released_raw, LineDict) else obj.line
        if not _COUNTRY_RE.match(str(country)):
            raise DataFileError(
                path,
                f"release country {country!r} must be a two-letter code "
                "like US or GB, or 'worldwide'",
                ln,
            )
        released.append((str(country), _parse_date(value, path, ln)))
    credits: list[Credit] = []
    for role, key in (("director", "directors"), ("writer", "writers")):
        credits += [Credit(n, role) for n in _strings(obj, key, path, "a work's")]
    for key in ("cast", "crew"):
        if key not in obj:
            continue
        items = obj[key]
        if not isinstance(items, LineList):
            raise DataFileError(path, f"{key!r} must be a list", obj.line_of(key))
        for item, ln in zip(items, items.item_lines, strict=True):
            if isinstance(item, str):
                item = LineDict(name=item)
                item.line, item.key_lines = ln, {}
            if not isinstance(item, LineDict):
                raise DataFileError(path, f"each {key} entry must be a name or a mapping", ln)
            allowed = {"name", "character"} if key == "cast" else {"name", "role"}
            _unknown_key(item, allowed, path, f"a {key} entry")
            name = _string(item.get("name"), path, item.line_of("name"), f"a {key} entry's 'name'")
            if key == "cast":
                character = item.get("character")
                if character is not None:
                    character = _string(character, path, item.line_of("character"), "'character'")
                credits.append(Credit(name, "actor", character))
            else:
                role = _string(item.get("role"), path, item.line_of("role"), "a crew 'role'")
                credits.append(Credit(name, role.casefold()))
    acronyms_raw = obj.get("acronyms", {})
    if not isinstance(acronyms_raw, dict):
        raise DataFileError(
            path, "'acronyms' must map acronyms to expansions", obj.line_of("acronyms")
        )
    acronyms = []
    for acronym, expansion in acronyms_raw.items():
        ln = acronyms_raw.line_of(acronym) if isinstance(acronyms_raw, LineDict) else obj.line
        if not re.fullmatch(r"[A-Z][A-Z0-9&]{1,9}", str(acronym)):
            raise DataFileError(path, f"acronym {acronym!r} must be 2-10 capital letters", ln)
        acronyms.append((str(acronym), _string(expansion, path, ln, "an acronym's expansion")))
    studio = obj.get("studio")
    if studio is not None:
        studio = _string(studio, path, obj.line_of("studio"), "'studio'")
    return Work(
        title=title,
        aliases=_strings(obj, "aliases", path, "a work's"),
        former_titles=_strings(obj, "former_titles", path, "a work's"),
        released=tuple(released),
        studio=studio,
        credits=tuple(credits),
        acronyms=tuple(acronyms),
        source=f"{path}:{obj.line}",
    )


def _parse_entities(items: Any, kind: str, path: str, line: int) -> list[Entity]:
    if not isinstance(items, LineList):
        raise DataFileError(path, f"'{kind}s' must be a list", line)
    out = []
    for item, ln in zip(items, items.item_lines, strict=True):
        if isinstance(item, str):
            out.append(Entity(_string(item, path, ln, "a name"), kind))
            continue
        if not isinstance(item, LineDict):
            raise DataFileError(path, "each entry must be a name or a mapping with 'name'", ln)
        _unknown_key(item, _ENTITY_KEYS, path, f"a {kind}")
        name = _string(item.get("name"), path, item.line_of("name"), "'name'")
        wrong = _strings(item, "misspellings", path, f"a {kind}'s")
        for w in wrong:
            if w.casefold() == name.casefold():
                raise DataFileError(
                    path,
                    f"{w!r} is listed as a misspelling of itself",
                    item.line_of("misspellings"),
                )
        out.append(Entity(name, kind, wrong))
    return out


def _parse_file(data: Any, path: str) -> tuple[list[Work], list[Entity]]:
    if data is None:
        return [], []
    if not isinstance(data, LineDict):
        raise DataFileError(
            path, "a knowledge file must be a mapping with 'works', 'people' or 'organisations'", 1
        )
    _unknown_key(data, _TOP_KEYS, path, "the knowledge file")
    works_raw = data.get("works")
    if works_raw is None:
        works_raw = LineList()
        works_raw.item_lines = []
    if not isinstance(works_raw, LineList):
        raise DataFileError(path, "'works' must be a list", data.line_of("works"))
    works = [
        _parse_work(w, path, ln) for w, ln in zip(works_raw, works_raw.item_lines, strict=True)
    ]
    entities = []
    if "people" in data:
        entities += _parse_entities(data["people"], "person", path, data.line_of("people"))
    for key in ("organisations", "organizations"):
        if key in data:
            entities += _parse_entities(data[key], "organisation", path, data.line_of(key))
    return works, entities
