"""Names: people and organisations misspelled against the knowledge base.

Candidates are runs of capitalised words.  A run (or part of it) that is a
listed misspelling is a certain error (CL101).  A two- or three-word run whose
first or last word matches a known person exactly and whose other word is a
near miss is a likely misspelling (CL102).  A capitalised word standing alone
is compared only with the surnames of people in works the document mentions
(CL103), so people outside the knowledge base are not "corrected".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..knowledge import KnowledgeBase, Work
from ..knowledge.index import may_occur
from ..knowledge.model import NAME_PARTICLES as _PARTICLES
from ..packs import RuleSpec
from ..prefilter import CapitalisedWords
from ..textcase import match_case
from .base import Check, DocContext
from .name_context import adds_diacritics, in_english_prose

if TYPE_CHECKING:
    import regex

KNOWN, FULL, SURNAME = "CL101", "CL102", "CL103"

# A word: letters with inner apostrophes or hyphens (O'Neill, Jean-Luc).
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s$")
_MAX_RUN = 5
# Name suffixes: the end of a name, never its surname ("Robert Downey Jr.").
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
# A capitalised word that starts a word (not "Phone" in "iPhone", not "Amour" in
# "l'Amour"), and a run of them joined by single spaces, particles allowed inside.
_CAP_WORD = r"\p{Lu}[^\W\d_]*(?:['’\-][^\W\d_]+)*"


@cache
def _run_re() -> regex.Pattern[str]:
    """The capitalised-run pattern, compiled on first use.

    Performance (issue 7): with a prefilter most documents never need it, nor
    the ``regex`` module (for ``\\p{Lu}``), which takes a while to import.
    """
    import regex

    return regex.compile(
        r"(?<![^\W\d_])(?<![^\W\d_]['’\-])"
        + _CAP_WORD
        + r"(?:[ \u00a0](?:(?:"
        + "|".join(sorted(_PARTICLES))
        + r")[ \u00a0])*"
        + _CAP_WORD
        + rf"){{0,{_MAX_RUN - 1}}}"
    )


@cache
def _ascii_run_re() -> re.Pattern[str]:
    """:func:`_run_re` for ASCII text, where ``\\p{Lu}`` is ``[A-Z]`` and a letter
    ``[A-Za-z]``: the same matches.

    Performance (issue 19): the standard engine skips to the next capital at C
    speed, and the capital is matched before the look-behinds (which then test
    the characters before it) so they are not tried at every position; on the
    ASCII articles of the BBC corpus (71%) 0.12 -> 0.075 s.
    """
    cap_word = r"[A-Z][A-Za-z]*(?:['’\-][A-Za-z]+)*"
    return re.compile(
        r"[A-Z](?<![A-Za-z][A-Z])(?<![A-Za-z]['’\-][A-Z])[A-Za-z]*(?:['’\-][A-Za-z]+)*"
        + r"(?:[ \u00a0](?:(?:"
        + "|".join(sorted(_PARTICLES))
        + r")[ \u00a0])*"
        + cap_word
        + rf"){{0,{_MAX_RUN - 1}}}"
    )


def _capitalised_runs(text: str) -> Iterator[re.Match[str] | regex.Match[str]]:
    """The runs of capitalised words in ``text`` (see :func:`_run_re`)."""
    return (_ascii_run_re() if text.isascii() else _run_re()).finditer(text)


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str


# Spellings that sound alike but that metaphone keys apart ("Quinn"/"Kwinn",
# "Thom"/"Tom", "Chris"/"Kris"): rewritten before the sound is taken.
_SOUND_SPELLINGS = (("qu", "kw"), ("ph", "f"), ("ck", "k"))


def _respell(word: str) -> str:
    """``word`` (case-folded) with spellings of one sound made the same ("Quan" -> "kwan")."""
    for a, b in _SOUND_SPELLINGS:
        word = word.replace(a, b)
    if word.startswith("th") and word[2:3] not in ("r", ""):
        word = "t" + word[2:]  # "Thomas", "Thom": the h is silent
    elif word.startswith("chr"):
        word = "kr" + word[3:]
    return word


@lru_cache(maxsize=65536)
def _sound(word: str) -> str:
    import jellyfish  # on first use: most runs never compare a name (start-up, issue 7)

    return jellyfish.metaphone(_respell(word))


def _inflected(a: str, b: str) -> bool:
    """One word is the other with an inflection: a plural, "American" for "America"."""
    short, long = sorted((a, b), key=len)
    tail = long[len(short) :]
    if not long.startswith(short):
        return False
    if tail in ("'s", "’s", "es") or (tail in ("n", "ns") and short[-1] in "aeiou"):
        return True
    return tail == "s" and not short.endswith("s")  # "Joness" is a slip, not a plural


def _similar(a: str, b: str, *, strict: bool) -> bool:
    """Spelling or sound says ``a`` is a near miss of ``b`` (both single words)."""
    la, lb = a.casefold(), b.casefold()
    if la == lb or min(len(la), len(lb)) < 3 or _inflected(la, lb):
        return False
    if _respell(la) == _respell(lb):  # "Quinn"/"Kwinn": spelt apart, said alike
        return True
    from rapidfuzz import fuzz  # on first use, like jellyfish above

    ratio = fuzz.ratio(la, lb)
    same_sound = _sound(la) == _sound(lb)
    if strict:
        return ratio >= 80 and same_sound
    return ratio >= 85 or (same_sound and ratio >= 55) or (ratio >= 75 and la[0] == lb[0])


def _initial(word: str) -> str:
    """A word's first sound, for lone surnames: a slip rarely changes how a name
    starts ("Venice" is no "Fenice"), except between spellings of one sound
    ("Quan"/"Kwan", "Carla"/"Karla", "Philips"/"Filips")."""
    w = _respell(word.casefold())
    if w[:1] == "c" and w[1:2] not in ("e", "i", "y", "h"):
        return "k"
    return w[:1]


def _bare(word: str) -> str:
    """``word`` without a possessive "'s" (same as ``_POSSESSIVE_RE.sub``, faster)."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _may_occur(kb: KnowledgeBase, prefilter: CapitalisedWords, text: str) -> bool:
    """``prefilter.may_occur(text)``, from the scan the base made for its mentions
    when it shares one (see :meth:`KnowledgeBase.shared_starts`)."""
    return may_occur(kb.shared_starts(text, prefilter), prefilter, text)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:"


class _PeopleIndex:
    """People of a knowledge base by first name and by surname."""

    def __init__(self, kb: KnowledgeBase) -> None:
        names = {c.name for w in kb.works for c in w.credits}
        names |= {e.name for e in kb.entities.values() if e.kind == "person"}
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        self.suffixes = declared_suffixes(kb)
        for name in sorted(names):
            parts = person_parts(name, kb)[0]
            if len(parts) < 2:
                continue
            self.by_first.setdefault(parts[0].casefold(), []).append(parts)
            self.by_last.setdefault(parts[-1].casefold(), []).append(parts)
        # Performance (issue 7): with 100,000 people a common first name has
        # hundreds of namesakes.  Their other name, case-folded, lets rapidfuzz
        # drop the hopeless ones in C before _similar looks at the rest.
        # Words that can start a listed misspelling (case-folded, possessive off).
        self.misspelling_words = {
            _bare(w).casefold() for wrong in kb.misspellings for w in _WORD_RE.findall(wrong)
        }
        self.first_others = {k: [p[-1].casefold() for p in v] for k, v in self.by_first.items()}
        self.last_others = {k: [p[0].casefold() for p in v] for k, v in self.by_last.items()}
        # Performance (issue 7): a run can only matter (see may_matter) if one of
        # its capitalised words is one of these; most documents have none.  A
        # misspelling made of lower-case particles alone could matter without
        # one, so such a base gets no prefilter.
        triggers = self.misspelling_words | self.by_first.keys() | self.by_last.keys()
        # No person and no misspelling: no run can matter unless a work is active.
        self.empty = not triggers
        self.prefilter: CapitalisedWords | None = None
        # A base made for one document (a compiled index's) holds people that
        # document names: the prefilter would let it through, and compiling it
        # for each document cost more than it saved.
        one_document = getattr(kb, "made_for_one_document", False)
        if not one_document and not any(
            set(_WORD_RE.findall(w.casefold())) <= _PARTICLES for w in kb.misspellings
        ):
            self.prefilter = CapitalisedWords(triggers)

    def may_matter(self, words: list[str]) -> bool:
        """False when a run of ``words`` can neither hold a listed misspelling nor be a
        near miss of a known full name (cheap checks, so most runs stop here)."""
        if any(_bare(w).casefold() in self.misspelling_words for w in words):
            return True
        if not 2 <= len(words) <= 3:
            return False
        return words[0].casefold() in self.by_first or _bare(words[-1]).casefold() in self.by_last


#: Bases with at least this many known names keep their people index compiled.
_CACHED_INDEX_MIN_NAMES = 5000


def _people_index(kb: KnowledgeBase) -> _PeopleIndex:
    """The people index of ``kb``; a large base's comes from the compiled-data cache.

    Performance (issue 7): indexing 100,000 people takes seconds, loading the
    index a tenth of a second.  Small bases index in milliseconds and are not
    worth a cache entry.
    """
    if kb.sources and len(kb.known_names) >= _CACHED_INDEX_MIN_NAMES:
        from ..datacache import load_cached

        code = ("checks/names.py", "knowledge/model.py", "knowledge/index.py", "prefilter.py")
        return load_cached("people-index", kb.sources, lambda: _PeopleIndex(kb), code)
    return _PeopleIndex(kb)


#: A known full name a run may misspell: (its parts, the run's wrong word, the right one).
_Candidate = tuple[tuple[str, ...], str, str]


def _full_name_candidates(
    first: str, last: str, size: int, index: _PeopleIndex
) -> list[_Candidate]:
    """Known names of ``size`` words with one part exact and the other a near miss."""
    candidates: list[_Candidate] = []
    key = first.casefold()
    namesakes = index.by_first.get(key, [])
    for i in _near(last, index.first_others.get(key, []), 55):
        parts = namesakes[i]
        if len(parts) == size and _similar(last, parts[-1], strict=False):
            candidates.append((parts, last, parts[-1]))
    key = last.casefold()
    namesakes = index.by_last.get(key, [])
    for i in _near(first, index.last_others.get(key, []), 80):
        parts = namesakes[i]
        if len(parts) == size and _similar(first, parts[0], strict=True):
            candidates.append((parts, first, parts[0]))
    return candidates


def _near(word: str, others: list[str], cutoff: int) -> list[int]:
    """Indexes of ``others`` whose ratio to ``word`` (case-folded) reaches ``cutoff``, in order.

    Every branch of :func:`_similar` needs ``fuzz.ratio >= 55`` (80 when
    strict), so this only skips candidates that :func:`_similar` would reject.
    """
    if len(others) < 16:
        return list(range(len(others)))
    from rapidfuzz import fuzz, process

    hits = process.extract(
        word.casefold(), others, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    )
    return sorted(i for _, _, i in hits)


class NamesCheck(Check):
    """Misspelt names: known misspellings, fuzzy full names, fuzzy lone surnames."""

    kind = "names"
    needs_knowledge = True

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        self._index_for: tuple[KnowledgeBase, _PeopleIndex] | None = None
        skip: set[str] = set()
        for code in (FULL, SURNAME):
            if code in self.specs:
                for key in ("honorifics", "role-words"):
                    skip.update(w.casefold().rstrip(".") for w in self.option(code, key, []))
        #: words that stand before a name without being part of it ("Mr", "Director")
        self._skip_words = frozenset(skip)
        #: (first, last, words) -> what _full_name_candidates said, for this run's index
        self._candidates: dict[tuple[str, str, int], list[_Candidate]] = {}

    def warm_up(self) -> None:
        # Imported and compiled on first use (start-up, issue 7), which in a run on
        # forked workers is once per worker: some 80 ms of CPU each.
        import jellyfish  # noqa: F401
        from rapidfuzz import fuzz, process  # noqa: F401

        _run_re()

    def _index(self, kb: KnowledgeBase) -> _PeopleIndex:
        # Built once per knowledge base (the engine keeps one base per run).
        # The base itself, not its id: a compiled index gives each document a
        # base of its own, and a freed base's id can be reused by the next one.
        # A document base with the same works and entities as another (the
        # compiled index's articles that name nobody it knows) shares its index.
        same = getattr(kb, "same_people_as", None)
        owner = kb if same is None else same
        if self._index_for is None or self._index_for[0] is not owner:
            self._index_for = (owner, _people_index(kb))
            self._candidates = {}
        return self._index_for[1]

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        kb = ctx.knowledge
        index = self._index(kb)
        text = doc.text
        works = ctx.mentions.works
        surnames = _active_surnames(works, kb) if ctx.wants(SURNAME) else {}
        active = {
            parts: n for w in works for n in w.people() if len(parts := person_parts(n, kb)[0]) >= 2
        }
        if not active and (
            index.empty
            or (index.prefilter is not None and not _may_occur(kb, index.prefilter, text))
        ):
            return
        doc_state = _DocNames(text, active, lambda w: self._leading_noise(text, w, index))
        # One regular-expression scan finds the runs of capitalised words, and
        # the runs that cannot lead to a finding are dropped before any Python
        # work (issue 7: this rule runs on every article of an archive).
        for m in _capitalised_runs(text):
            chunk = m.group()
            if not active:
                if " " not in chunk and "\u00a0" not in chunk:  # one word: "The", "He"
                    if _bare(chunk).casefold() not in index.misspelling_words:
                        continue
                elif not index.may_matter(_WORD_RE.findall(chunk)):
                    continue
            base = m.start()
            run = [
                _Word(base + w.start(), base + w.end(), w.group())
                for w in _WORD_RE.finditer(m.group())
            ]
            for part in _split_possessives(run):
                yield from self._check_run(text, part, kb, index, surnames, ctx, doc_state)

    def _check_run(
        self,
        text: str,
        run: list[_Word],
        kb: KnowledgeBase,
        index: _PeopleIndex,
        surnames: dict[str, str],
        ctx: DocContext,
        doc: _DocNames,
    ) -> Iterator[Finding]:
        if len(run) == 1 and not surnames:
            # Most runs are one capitalised word ("The", "He"); with no work
            # active only a listed misspelling could make it a finding.
            bare = _POSSESSIVE_RE.sub("", run[0].text)
            if bare.casefold() not in kb.misspellings:
                return
        covered: set[int] = set()
        # 1. exact misspellings and exact names, longest first
        for size in range(min(len(run), 4), 0, -1):
            for i in range(len(run) - size + 1):
                if covered & set(range(i, i + size)):
                    continue
                words = run[i : i + size]
                phrase = text[words[0].start : words[-1].end]
                bare = _POSSESSIVE_RE.sub("", phrase)
                canonical = kb.canonical_name(bare)
                if canonical or kb.is_character(bare):
                    covered.update(range(i, i + size))
                    if canonical and ctx.wants(FULL) and bare not in ctx.accept:
                        finding = _case_only(bare, canonical, words[0].start)
                        if finding is not None:
                            yield finding
                    continue
                joined = _hyphen_variant(bare, kb) if size >= 2 else None
                if joined is not None:  # "Dasgupta Lowe" for a known "Dasgupta-Lowe"
                    covered.update(range(i, i + size))
                    if ctx.wants(FULL) and bare not in ctx.accept:
                        start, end = words[0].start, words[0].start + len(bare)
                        yield Finding(
                            FULL,
                            start,
                            end,
                            f"“{bare}” is written “{joined}”",
                            Fix(
                                f"Replace “{bare}” with “{joined}”",
                                (Edit(start, end, joined),),
                                Applicability.SAFE,
                            ),
                        )
                    continue
                right = kb.misspellings.get(bare.casefold())
                if right is not None and ctx.wants(KNOWN) and bare not in ctx.accept:
                    covered.update(range(i, i + size))
                    start, end = words[0].start, words[0].start + len(bare)
                    fixed = match_case(bare, right)
                    yield Finding(
                        KNOWN,
                        start,
                        end,
                        f"“{bare}” is a misspelling of “{right}”",
                        Fix(
                            f"Replace “{bare}” with “{fixed}”",
                            (Edit(start, end, fixed),),
                            Applicability.SAFE,
                        ),
                    )
        rest = [w for i, w in enumerate(run) if i not in covered]
        if len(rest) != len(run):
            return
        # 2. what stands before a name is not part of it: "Mr", "Director", "But"
        words = run
        titled = False
        while (
            len(words) > 1
            and words[0].text.casefold() not in _PARTICLES  # "De la Roche": the surname's
            and self._leading_noise(text, words[0], index)
            and not doc.given_name_before(words[0].text, words[1].text)
        ):
            titled = words[0].text.casefold().rstrip(".") in self._skip_words
            words = words[1:]
        # A title inside a long run ends what stands before the name: "Exhibitor
        # Relations President Paul Dergarabedian", "Sony Pictures Chairman Amy Pascal".
        for j in range(len(words) - 2, 0, -1):
            if words[j].text.casefold().rstrip(".") in self._skip_words:
                words, titled = words[j + 1 :], True
                break
        if len(words) > 2 and words[-1].text.casefold().rstrip(".") in index.suffixes:
            words = words[:-1]  # "Robert Downy Jr.", a declared "Neto"
        # 3. a full name with one or both parts a near miss; lower-case particles
        # inside do not count towards its length ("Jacques de la Roche")
        capitals = sum(1 for w in words if not w.text.islower())
        if 2 <= capitals <= 3 and len(words) <= 5 and ctx.wants(FULL):
            finding = self._full_name(text, words, index, ctx, doc)
            if finding is not None:
                yield finding
                return
        # A particle after a title is the surname's: "Ms de Sousa", "Director van Rooyan";
        # so is "Van Rooyan" at a sentence start, when an active surname has that particle.
        n = 0
        while n < len(words) - 1 and words[n].text.casefold() in _PARTICLES:
            n += 1
        if n and len(words) == n + 1 and surnames:  # "de la Rouche", "Van Rooyan"
            if words[0].text.islower():
                if titled:
                    words = words[n:]
            else:
                own = _with_particle(surnames, [w.text.casefold() for w in words[:n]], kb)
                if own:
                    words, surnames = words[n:], own
        # 4. a lone word that sounds like an active work's surname
        if len(words) == 1 and surnames and ctx.wants(SURNAME):
            finding = self._lone_surname(text, words[0], kb, surnames, ctx, doc)
            if finding is not None:
                yield finding
        # 5. a double surname written alone ("Bonam Carter" for a declared "Bonham Carter")
        elif 2 <= len(words) <= 3 and surnames and ctx.wants(SURNAME):
            finding = _double_surname(text, words, surnames, ctx)
            if finding is not None:
                yield finding

    def _leading_noise(self, text: str, word: _Word, index: _PeopleIndex) -> bool:
        """True when ``word`` begins a run but is not part of the name after it:
        an honorific or role word, or an ordinary word that starts a sentence."""
        key = word.text.casefold().rstrip(".")
        if key in self._skip_words:
            return True
        if key in index.by_first:  # "Will Smith": a known first name stays
            return False
        return _sentence_initial(text, word.start) and _common_word(word.text)

    def _full_name(
        self, text: str, run: list[_Word], index: _PeopleIndex, ctx: DocContext, doc: _DocNames
    ) -> Finding | None:
        last = _POSSESSIVE_RE.sub("", run[-1].text)
        written_words = [w.text for w in run[:-1]] + [last]
        if text[run[0].start : run[-1].end] in ctx.accept:
            return None
        # An active work's people: one or every part may be a near miss.
        near = [name for parts, name in doc.active.items() if _near_name(written_words, parts)]
        if len(near) > 1:
            return None
        found = (
            " ".join(person_parts(near[0], ctx.knowledge)[0])
            if near
            else self._global_candidate(run[0].text, last, len(run), index, text, ctx)
        )
        if found is None:
            return None
        canonical = found
        start = run[0].start
        end = min(run[0].start + len(" ".join(w.text for w in run)), run[-1].start + len(last))
        written = text[start:end]
        if adds_diacritics(written, canonical):
            return None  # the base lost the accents ("Aaron" for "Aarón"), the writer did not
        if not near and ctx.knowledge.vetted_near_misses and not in_english_prose(text, start, end):
            return None  # "not a common word" is read from the English lexicon
        return Finding(
            FULL,
            start,
            end,
            f"“{written}” looks like a misspelling of “{canonical}”",
            Fix(
                f"Replace “{written}” with “{canonical}”",
                (Edit(start, end, canonical),),
                Applicability.UNSAFE,
            ),
        )

    def _global_candidate(
        self, first: str, last: str, size: int, index: _PeopleIndex, text: str, ctx: DocContext
    ) -> str | None:
        """A known person (of any work) the name misspells, with strong evidence only.

        A near miss is no evidence by itself (a real namesake is as likely), so
        the document must also spell the person's name right somewhere (then
        the near miss is an inconsistency), or the base must have vetted its
        near misses already (a large index, :attr:`KnowledgeBase.vetted_near_misses`).
        """
        # Performance (issue 7): names recur from article to article, and with
        # a large base each costs fuzzy comparisons with hundreds of namesakes.
        memo_key = (first, last, size)
        candidates = self._candidates.get(memo_key)
        if candidates is None:
            candidates = _full_name_candidates(first, last, size, index)
            if len(self._candidates) < 100_000:  # bounded: a long run must not grow without limit
                self._candidates[memo_key] = candidates
        if len(candidates) != 1:
            return None
        canonical = " ".join(candidates[0][0])
        if ctx.knowledge.vetted_near_misses:
            return canonical
        written_right = re.search(rf"(?<![\w-]){re.escape(canonical)}(?![\w-])", text)
        return canonical if written_right else None

    def _lone_surname(
        self,
        text: str,
        word: _Word,
        kb: KnowledgeBase,
        surnames: dict[str, str],
        ctx: DocContext,
        doc: _DocNames,
    ) -> Finding | None:
        bare = _POSSESSIVE_RE.sub("", word.text)
        if bare in ctx.accept or len(bare) < 3 or not _NAME_SHAPE.fullmatch(bare):
            return None
        start, end = word.start, word.start + len(bare)
        for surname, person in surnames.items():  # "Mcfadden" for "McFadden"
            if surname.casefold() == bare.casefold() and surname != bare and not bare.isupper():
                return _surname_finding(bare, surname, person, start, end)
        if bare in kb.name_words or _in_title(text, word.start):
            return None
        if _common_word(bare, 4.5):  # "Dead", "Stones": an ordinary word, capitalised
            return None
        matches = [
            s
            for s in surnames
            if " " not in s and _initial(bare) == _initial(s) and _similar(bare, s, strict=False)
        ]
        if len(matches) != 1:
            return None
        if _sentence_initial(text, word.start) and _common_word(bare):
            return None
        right = matches[0]
        if adds_diacritics(bare, right) or not in_english_prose(text, start, end):
            return None  # (an ordinary noun in German, Dutch or Spanish prose)
        person = surnames[right]
        if doc.introduces_other(bare, person_parts(person, kb)[0][0]):
            return None  # the article names its own "Jon Kirkby": a different person
        if not doc.names_in_full(person, kb):
            # Only a resemblance: the article never names the person, so "Kirkby"
            # may be someone else.  Pointed out, never rewritten.
            return Finding(
                SURNAME,
                start,
                end,
                f"“{bare}” looks like a misspelling of “{right}” ({person})",
                suggestions=(f"if {person} is meant, write “{right}”",),
            )
        return _surname_finding(bare, right, person, start, end)


# A lone surname's shape: a capital, then lower case with at most one more
# capital inside ("McAllen", "DiMarco", "O'Neill", "Smith-Jones").
_NAME_SHAPE = re.compile(r"[A-Z][a-z]*(?:['’]?[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?[a-z]*")
# Before a word inside a title: a capitalised word and a small word ("Night of the Dead").
_TITLE_BEFORE = re.compile(
    r"[A-Z][\w'’]*\s+(?:of|the|of the|and the|in the|on the|to the|for the)\s+$"
)


def _double_surname(
    text: str, words: list[_Word], surnames: dict[str, str], ctx: DocContext
) -> Finding | None:
    """Words that misspell an active person's declared surname of as many words."""
    last = _POSSESSIVE_RE.sub("", words[-1].text)
    written = [w.text for w in words[:-1]] + [last]
    start, end = words[0].start, words[-1].start + len(last)
    if text[start:end] in ctx.accept:
        return None
    matches = [
        surname
        for surname in surnames
        if _near_name(written, tuple(surname.split()))
        and any(_similar(w, p, strict=False) for w, p in zip(written, surname.split(), strict=True))
    ]
    if len(matches) != 1:
        return None
    return _surname_finding(text[start:end], matches[0], surnames[matches[0]], start, end)


def _hyphen_variant(phrase: str, kb: KnowledgeBase) -> str | None:
    """A known name that ``phrase`` writes with a space for its hyphen ("Dasgupta Lowe"
    for "Dasgupta-Lowe"), else None.

    Not the reverse: a hyphen the knowledge lacks ("Zeta-Jones" against a base that
    lists "Zeta Jones") is more often the base's loss than the copy's error.
    """
    for i, ch in enumerate(phrase):
        if ch == " " and 0 < i < len(phrase) - 1:
            known = kb.canonical_name(phrase[:i] + "-" + phrase[i + 1 :])
            if known is not None:
                return known
    return None


def _split_possessives(run: list[_Word]) -> list[list[_Word]]:
    """A run cut after each possessive: "Amazon's Robin Terrell" is two names."""
    parts: list[list[_Word]] = [[]]
    for word in run:
        parts[-1].append(word)
        if word.text.endswith(("'s", "’s")) and word is not run[-1]:
            parts.append([])
    return parts


def _in_title(text: str, start: int) -> bool:
    """True when the word at ``start`` follows "<Capitalised> of the" (a title's words)."""
    return bool(_TITLE_BEFORE.search(text[max(0, start - 40) : start]))


def _surname_finding(bare: str, right: str, person: str, start: int, end: int) -> Finding:
    return Finding(
        SURNAME,
        start,
        end,
        f"“{bare}” looks like a misspelling of “{right}” ({person})",
        Fix(f"Replace “{bare}” with “{right}”", (Edit(start, end, right),), Applicability.UNSAFE),
    )


def _case_only(written: str, canonical: str, start: int) -> Finding | None:
    """A known name written with other capitals inside it ("Degeneres" for "DeGeneres")."""
    if written == canonical or written.casefold() != canonical.casefold():
        return None
    for w, c in zip(written.split(), canonical.split(), strict=False):
        if w != c and (w.isupper() or w[:1] != c[:1]):
            return None  # SHOUTED, or a capital only at the start: style, not spelling
    end = start + len(written)
    return Finding(
        FULL,
        start,
        end,
        f"“{written}” is written “{canonical}”",
        Fix(
            f"Replace “{written}” with “{canonical}”",
            (Edit(start, end, canonical),),
            Applicability.SAFE,
        ),
    )


def _near_name(written: list[str], parts: tuple[str, ...]) -> bool:
    """Every part of ``written`` is ``parts``' word or a near miss of it, and one is a miss."""
    if len(written) != len(parts):
        return False
    exact = [w.casefold() == p.casefold() for w, p in zip(written, parts, strict=True)]
    if all(exact):
        return False
    for w, p, same in zip(written, parts, exact, strict=True):
        if same or _similar(w, p, strict=False):
            continue
        # The rest of the name is exact: a given-name variant ("Kate"/"Cate")
        # is close enough at three letters in four.
        if (
            exact.count(False) == 1
            and min(len(w), len(p)) >= 3
            and not _inflected(w.casefold(), p.casefold())
            and _ratio(w, p) >= 75
        ):
            continue
        return False
    return True


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a.casefold(), b.casefold()))


class _DocNames:
    """What a document says about people: the active people, and the full names it writes."""

    def __init__(
        self,
        text: str,
        active: dict[tuple[str, ...], str],
        noise: Callable[[_Word], bool],
    ) -> None:
        self.text = text
        self.active = active
        self._noise = noise  # True for a word before a name that is not part of it
        self._introduced: dict[str, set[str]] | None = None

    def names_in_full(self, person: str, kb: KnowledgeBase) -> bool:
        """True when the document writes ``person``'s full name (or an alias) somewhere."""
        ent = kb.entities.get(person)
        forms = {person, " ".join(person_parts(person, kb)[0])}
        if ent is not None:
            forms.update(a for a in ent.aliases if len(a.split()) >= 2)
        return any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", self.text) for f in forms)

    def given_name_before(self, word: str, surname: str) -> bool:
        """True when ``word`` may be an active person's first name, misspelt, before their
        exact ``surname`` ("Katharine Bellweather" at a sentence start is no ordinary word)."""
        key = _bare(surname).casefold()
        return any(
            parts[-1].casefold() == key
            and word.casefold() != parts[0].casefold()
            and (_similar(word, parts[0], strict=False) or _ratio(word, parts[0]) >= 75)
            for parts in self.active
        )

    def introduces_other(self, surname: str, first: str) -> bool:
        """True when the document writes ``surname`` after a first name unlike ``first``."""
        if self._introduced is None:
            self._introduced = {}
            for m in _capitalised_runs(self.text):
                words = [
                    _Word(m.start() + w.start(), m.start() + w.end(), w.group())
                    for w in _WORD_RE.finditer(m.group())
                ]
                while len(words) > 1 and (self._noise(words[0]) or words[0].text.islower()):
                    words = words[1:]  # "Mr", "Director", and "de" in "Ms de Sousa"
                if 2 <= len(words) <= 3:
                    key = _bare(words[-1].text).casefold()
                    self._introduced.setdefault(key, set()).add(words[0].text)
        firsts = self._introduced.get(surname.casefold(), set())
        return any(
            f.casefold() != first.casefold()
            and f.casefold() not in _PARTICLES  # "Van Rooyan": a particle, no first name
            and not _similar(f, first, strict=False)
            for f in firsts
        )


def name_parts(name: str, suffix: str | None = None) -> tuple[str, ...]:
    """The words of a person's name without a trailing suffix ("Jr.", "III", or the
    knowledge's own ``suffix:`` for this person, "Neto", "Filho")."""
    parts = tuple(_WORD_RE.findall(name))
    if suffix:
        tail = tuple(w.casefold() for w in _WORD_RE.findall(suffix))
        if (
            tail
            and len(parts) > len(tail) + 1
            and tuple(p.casefold() for p in parts[-len(tail) :]) == tail
        ):
            parts = parts[: -len(tail)]
    while len(parts) > 2 and parts[-1].casefold().rstrip(".") in _SUFFIXES:
        parts = parts[:-1]
    return parts


def person_parts(name: str, kb: KnowledgeBase) -> tuple[tuple[str, ...], str]:
    """A person's name words (suffix off) and the surname a lone mention uses.

    The surname is the last word unless the knowledge declares ``surname:``
    ("Bonham Carter"); leading lower-case particles are dropped from it ("van
    Hollis" is written "Hollis" at a sentence's capitalised run).
    """
    ent = kb.entities.get(name)
    parts = name_parts(name, ent.suffix if ent is not None else None)
    if ent is not None and ent.surname:
        words = _WORD_RE.findall(ent.surname)
        while len(words) > 1 and words[0] in _PARTICLES:
            words = words[1:]
        if words:
            return parts, " ".join(words)
    return parts, parts[-1] if parts else ""


def _with_particle(
    surnames: dict[str, str], particles: list[str], kb: KnowledgeBase
) -> dict[str, str]:
    """The active ``surnames`` whose person writes ``particles`` before them ("van Rooyen",
    "de la Roche")."""
    out = {}
    for surname, person in surnames.items():
        words = [w.casefold() for w in person_parts(person, kb)[0]]
        # not a given name ("Van Morison"): the particles stand right before the surname
        at = len(words) - len(surname.split()) - len(particles)
        if at >= 1 and words[at : at + len(particles)] == particles:
            out[surname] = person
    return out


def _active_surnames(works: Iterable[Work], kb: KnowledgeBase) -> dict[str, str]:
    """Surname -> full name for everyone credited on the given works."""
    out: dict[str, str] = {}
    for work in works:
        for name in work.people():
            parts, surname = person_parts(name, kb)
            if len(parts) >= 2:
                out.setdefault(surname, name)
    return out


def declared_suffixes(kb: KnowledgeBase) -> frozenset[str]:
    """The last words of the knowledge's ``suffix:`` values, case-folded, dot off."""
    out = set(_SUFFIXES)
    for ent in kb.entities.values():
        if ent.suffix:
            words = _WORD_RE.findall(ent.suffix)
            if words:
                out.add(words[-1].casefold().rstrip("."))
    return frozenset(out)


def _common_word(word: str, zipf: float = 3.0) -> bool:
    """A frequent English word (so a capital at a sentence start says nothing)."""
    from ..lexicon import Lexicon

    return Lexicon.default().zipf(word.casefold()) >= zipf
