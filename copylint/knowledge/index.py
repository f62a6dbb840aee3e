"""The knowledge index: built once from the model, immutable, fast to query.

Exact names in dicts, titles in a first-word index scanned once per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from types import EllipsisType
from typing import Literal

from ..numberwords import NUMBER_WORDS
from ..prefilter import CapitalisedWords, JointWords
from .model import Entity, Work

# Number words and Roman numerals that titles write either way ("Part One" / "Part 1").
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(NUMBER_WORDS)}
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What may stand between two words of a title: spaces, dashes, colons, commas.
_TITLE_GAP_RE = re.compile(r"[ \t\u00a0]*[-–—:,.]?[ \t\u00a0]*")
MAX_GLUED_TAIL = 4  # "Twois": a title's last word glued to a short lowercase word
#: Documents a base serves before it scans for both prefilters' words at once.
_JOINT_AFTER = 8
#: Other checks' prefilters that may join a base's scan (see shared_starts).
_JOINED_EXTRAS = 4
_CROWDED = 8  # titles sharing a first word beyond which they are indexed by two words
#: A work whose title an article never writes is active when it names this many of its cast.
ACTIVATING_CAST = 3
# The lowercase particles a person's name may have inside it ("Ludwig van Beethoven").
_RUN_PARTICLES = ("van", "von", "de", "da", "di", "del", "der", "le", "la")
# A run of capitalised words that may be a person's full name (for activation by people).
# Performance (issue 19): the first capital is matched before the look-behind (the same
# matches: the look-behind then tests the character before it), so the scan can skip
# to capitals instead of trying the look-behind at every position (twice as fast); a
# word's letters are never given back (possessive: what follows a word is a space).
_PERSON_RUN_RE = re.compile(
    r"[A-Z](?<![\w’'][A-Z])[\w’'.\-]*+(?:[ \u00a0](?:(?:"
    + "|".join(_RUN_PARTICLES)
    + r")[ \u00a0])*[A-Z][\w’'.\-]*+)+"
)


def _spellings(key: str) -> set[str]:
    """Every case-folded word whose :func:`title_key` is ``key``."""
    table = {**_NUMBER_WORDS, **_ROMAN}
    return {key} | {word for word, digits in table.items() if digits == key}


def title_key(word: str) -> str:
    """Normalise one title word for matching: case-folded, numbers as digits."""
    low = word.casefold().replace("’", "'")
    return _NUMBER_WORDS.get(low) or _ROMAN.get(low) or low


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
    #: works not named by title but by three or more of their cast, in full
    by_people: tuple[Work, ...] = ()
    #: the series, seasons, episodes, albums or tracks of the works above
    family: tuple[Work, ...] = ()

    @property
    def works(self) -> tuple[Work, ...]:
        """The works the document is about: declared ones, then mentioned ones in order,
        then those its people name, then their families."""
        titled = (m.work for m in self.titles)
        return tuple(dict.fromkeys((*self.declared, *titled, *self.by_people, *self.family)))


@dataclass(frozen=True)
class _TitleForm:
    keys: tuple[str, ...]
    words: tuple[str, ...]
    text: str
    form: str
    work: Work


#: Where a prefilter's words may start in a text (None: unknowable), or ``...`` when no
#: shared scan knows it (the prefilter is asked itself).
Starts = list[int] | None | EllipsisType


def may_occur(starts: Starts, prefilter: CapitalisedWords | None, text: str) -> bool:
    """Whether ``prefilter``'s words may occur in ``text``, read from ``starts`` (where
    a shared scan found them; None: unknowable), or asked of ``prefilter`` when the
    scan is not shared (``...``); no prefilter rules nothing out."""
    if starts is ...:
        return prefilter is None or prefilter.may_occur(text)
    return starts is None or bool(starts)


@dataclass(slots=True)
class _JointScan:
    """A base's one scan per document for its prefilters' words (see
    :meth:`KnowledgeBase._prefiltered` and :meth:`KnowledgeBase.shared_starts`)."""

    #: documents asked about while the scan is not built
    uses: int = 0
    #: the scan: None while not built, False when there can be none
    joint: JointWords | Literal[False] | None = None
    #: other checks' prefilters that join it
    extras: list[CapitalisedWords] = field(default_factory=list)
    #: the last text scanned and what the scan found in it
    last: tuple[str, list[list[int]] | None] | None = None


@dataclass
class KnowledgeBase:
    """Works and entities from one or more knowledge files, with lookup indexes.

    Immutable once built: the indexes are computed once, in ``__post_init__``,
    and any later attribute assignment raises (a base is shared by every
    document of a run and stored in the compiled cache).
    """

    works: Sequence[Work] = ()
    entities: dict[str, Entity] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    #: True when every person of the base that the document does not name
    #: exactly was admitted as a near miss with strong evidence (a large
    #: index narrowed to one document): its near misses need no more evidence.
    vetted_near_misses: bool = False

    def __post_init__(self) -> None:
        self.works = tuple(self.works)
        self._build_indexes()
        self._sealed = True

    def __setattr__(self, name: str, value: object) -> None:
        if getattr(self, "_sealed", False):
            raise AttributeError(f"a built KnowledgeBase is immutable (cannot set {name!r})")
        super().__setattr__(name, value)

    # ----------------------------------------------------------- construction
    @classmethod
    def empty(cls) -> KnowledgeBase:
        """A base that knows nothing; rules that need knowledge stay quiet."""
        return cls()

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> KnowledgeBase:
        """Load and validate knowledge files; errors name the file and line."""
        from .yamlformat import read_knowledge  # the YAML parser only on a cold start

        names = [str(p) for p in paths]
        works, entities = read_knowledge(names)
        return cls(works=works, entities=entities, sources=tuple(names))

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
        self._cast_works: dict[str, list[int]] = {}
        self._family: dict[str, list[int]] = {}  # title -> works related by part_of
        for i, work in enumerate(self.works):
            for network in work.networks:
                self.known_names[network.casefold()] = network
                words.update(_WORD_RE.findall(network))
            for name in dict.fromkeys(c.name for c in work.credits if c.role == "actor"):
                if len(name.split()) >= 2:
                    self._cast_works.setdefault(name.casefold(), []).append(i)
            if work.part_of:
                self._family.setdefault(work.part_of, []).append(i)
        # The first word of each cast name (for a quick "can a name start here?").
        self._cast_firsts = frozenset(key.split(" ", 1)[0] for key in self._cast_works)
        # A text names one of the cast in full only where it writes such a first word
        # with a capital: every word of a run starts with one, but for the particles,
        # which are written in lower case (then no prefilter).
        cast_prefilter = CapitalisedWords(self._cast_firsts)
        self._cast_prefilter = (
            cast_prefilter
            if cast_prefilter.usable and not self._cast_firsts & set(_RUN_PARTICLES)
            else None
        )
        if self._family:  # a part also leads to its parent
            by_title: dict[str, list[int]] = {}
            for i, work in enumerate(self.works):
                by_title.setdefault(work.title, []).append(i)
            for work in self.works:
                if work.part_of:
                    parents = by_title.get(work.part_of, [])
                    self._family.setdefault(work.title, []).extend(parents)
        index_entities(self.entities.values(), self.known_names, self.misspellings, words)
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
        self._joint = _JointScan()
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
        found = tuple(
            w
            for w in self.works
            if {t.casefold() for t in (w.title, *w.aliases, *w.former_titles)} & wanted
        )
        return found + self.family_of(found)

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
                for t in range(1, MAX_GLUED_TAIL + 1)
                if len(nxt) > t and nxt[-t:].islower()
            )
            for second in seconds:
                picked.extend(self._title_pairs.get((key, second), ()))
        picked.sort(key=lambda rf: rf[0])
        return [f for _, f in picked]

    def find_mentions(self, text: str) -> Mentions:
        """Find every title, alias or former title in ``text``, and the works they activate.

        A work is also activated by people: when ``text`` names
        :data:`ACTIVATING_CAST` of its cast in full but never its title.
        """
        title_starts, cast_starts = self._prefiltered(text)
        titles = self._find_titles(text, title_starts)
        named = {m.work.title for m in titles.titles}
        by_people = tuple(w for w in self._works_by_cast(text, cast_starts) if w.title not in named)
        family = self.family_of((*(m.work for m in titles.titles), *by_people))
        if not by_people and not family:
            return titles
        return Mentions(titles.titles, by_people=by_people, family=family)

    def family_of(self, works: Iterable[Work]) -> tuple[Work, ...]:
        """The parts and parents (seasons, episodes, series, tracks, albums) of ``works``."""
        if not self._family:
            return ()
        seen = {w.title for w in works}
        todo = list(seen)
        out: list[Work] = []
        while todo:
            for i in self._family.get(todo.pop(), ()):
                work = self.works[i]
                if work.title not in seen:
                    seen.add(work.title)
                    todo.append(work.title)
                    out.append(work)
        return tuple(out)

    def _prefiltered(self, text: str) -> tuple[Starts, Starts]:
        """Where the titles' and the cast's first words may start in ``text``, from one
        scan, or ``...`` for a prefilter to ask itself (see :class:`JointWords`).

        Performance (issue 19): the joint pattern is built for a base that has served
        a few documents already (a run's), not for one made for a single document.
        """
        state = self._joint
        joint = state.joint
        if joint is None:
            if state.uses < _JOINT_AFTER:
                state.uses += 1
                return ..., ...
            joint = state.joint = (
                JointWords.of(self._first_words, self._cast_prefilter, *state.extras)
                or JointWords.of(self._first_words, self._cast_prefilter)
                or False
            )
        if joint is False:  # (so whenever a prefilter is missing: JointWords.of gives None)
            return ..., ...
        found = joint.starts(text)
        state.last = (text, found)
        return (None, None) if found is None else (found[0], found[1])

    def shared_starts(self, text: str, prefilter: CapitalisedWords) -> Starts:
        """Where ``prefilter``'s words may start in ``text`` (None: unknowable), from the
        scan :meth:`find_mentions` made of ``text``; ``...`` when there is none to
        share (then ask the prefilter).  Performance (issue 19): another check's
        prefilter asked about here (the names check's) joins the scan of the next
        documents, when its words are letters only (see :class:`JointWords`).
        """
        state = self._joint
        extras = state.extras
        if not any(p is prefilter for p in extras):
            if len(extras) < _JOINED_EXTRAS and all(w.isalpha() for w in prefilter.words):
                extras.append(prefilter)
                state.joint = None  # built again, with it, for the next document
            return ...
        joint, last = state.joint, state.last
        if not joint or last is None or last[0] is not text:
            return ...
        at = joint.part_of(prefilter)
        if at is None:
            return ...
        found = last[1]
        return None if found is None else found[at]

    def _works_by_cast(self, text: str, starts: Starts = ...) -> list[Work]:
        """Works of which ``text`` names at least three cast members in full.

        ``starts``: where the cast prefilter says a first name may start (None:
        unknowable), or ``...`` to ask it here."""
        if not self._cast_works:
            return []
        if not may_occur(starts, self._cast_prefilter, text):
            return []  # no cast member's first word, capitalised (most articles)
        firsts = self._cast_firsts
        named: dict[int, set[str]] = {}
        for m in _PERSON_RUN_RE.finditer(text):
            # casefold() folds character by character, so folding the words one
            # by one gives the same keys as folding them joined.
            words = m.group().casefold().split()
            for size in range(min(len(words), 4), 1, -1):
                for i in range(len(words) - size + 1):
                    if words[i] not in firsts:  # no cast name starts with this word
                        continue
                    key = " ".join(words[i : i + size])
                    for w in self._cast_works.get(key, ()):
                        named.setdefault(w, set()).add(key)
        return [self.works[i] for i, who in sorted(named.items()) if len(who) >= ACTIVATING_CAST]

    def _find_titles(self, text: str, starts: Starts = ...) -> Mentions:
        """Every title, alias or former title in ``text`` (one pass over its words).

        ``starts``: where the prefilter says a title may start (None: unknowable),
        or ``...`` to ask it here."""
        if not self._titles:
            return Mentions()
        if starts is ...:
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
            following = _WORD_RE.finditer(text, p)
            words = [(m.start(), m.end(), m.group()) for m in islice(following, 2)]
            if not self._may_go_on(words):
                continue
            words += [
                (m.start(), m.end(), m.group()) for m in islice(following, self._longest_form - 1)
            ]
            hit = self._mention(text, words, 0)
            if hit is not None:
                yield hit[0]
                resume = words[hit[1] - 1][1]

    def _may_go_on(self, words: Sequence[tuple[int, int, str]]) -> bool:
        """False when no title can start at ``words[0]``, judged by the first two words.

        Performance (issue 19): most possible starts are a common first word ("The")
        that no title goes on from; the second word rules them out before the rest
        of the longest title's words are read.  Only what :func:`_match_form`
        requires of the second word is tested, so True may still find nothing.
        """
        candidates = self._candidates(title_key(words[0][2]), words, 0)
        if not candidates:
            return False
        if len(words) < 2:
            return True
        second = words[1][2]
        key = title_key(second)
        for form in candidates:
            k = len(form.keys)
            if k == 1 or form.keys[1] == key:
                return True
            last = form.words[1]  # a two-word title's last word with a glued tail
            if k == 2 and second[: len(last)].casefold() == last.casefold():
                return True
        return False

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


def index_entities(
    entities: Iterable[Entity],
    known_names: dict[str, str],
    misspellings: dict[str, str],
    words: set[str],
) -> None:
    """Add ``entities``' names, aliases and misspellings to a base's look-up tables
    (what :meth:`KnowledgeBase._build_indexes` does for its entities, after its works)."""
    for ent in entities:
        known_names[ent.name.casefold()] = ent.name
        words.update(_WORD_RE.findall(ent.name))
        for alias in ent.aliases:  # another correct name: known as written
            known_names[alias.casefold()] = alias
            words.update(_WORD_RE.findall(alias))
        for wrong in ent.misspellings:
            misspellings[wrong.casefold()] = ent.name


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
                and 0 < len(tail) <= MAX_GLUED_TAIL
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
