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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..fixes import match_case
from ..knowledge import KnowledgeBase, Work
from ..packs import RuleSpec
from ..prefilter import CapitalisedWords
from .base import Check, DocContext

if TYPE_CHECKING:
    import regex

KNOWN, FULL, SURNAME = "CL101", "CL102", "CL103"

# A word: letters with inner apostrophes or hyphens (O'Neill, Jean-Luc).
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s$")
# Lower-case particles that belong inside a name (Ludwig van Beethoven).
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "al",
    ]
)
_MAX_RUN = 5
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


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str


@lru_cache(maxsize=65536)
def _sound(word: str) -> str:
    import jellyfish  # on first use: most runs never compare a name (start-up, issue 7)

    return jellyfish.metaphone(word)


def _similar(a: str, b: str, *, strict: bool) -> bool:
    """Spelling or sound says ``a`` is a near miss of ``b`` (both single words)."""
    la, lb = a.casefold(), b.casefold()
    if la == lb or min(len(la), len(lb)) < 3:
        return False
    from rapidfuzz import fuzz  # on first use, like jellyfish above

    ratio = fuzz.ratio(la, lb)
    same_sound = _sound(la) == _sound(lb)
    if strict:
        return ratio >= 80 and same_sound
    return ratio >= 85 or (same_sound and ratio >= 55) or (ratio >= 75 and la[0] == lb[0])


def _bare(word: str) -> str:
    """``word`` without a possessive "'s" (same as ``_POSSESSIVE_RE.sub``, faster)."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


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
        for name in sorted(names):
            parts = tuple(_WORD_RE.findall(name))
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
        self.prefilter: CapitalisedWords | None = None
        if not any(set(_WORD_RE.findall(w.casefold())) <= _PARTICLES for w in kb.misspellings):
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
        #: (first, last, words) -> what _full_name_candidates said, for this run's index
        self._candidates: dict[tuple[str, str, int], list[_Candidate]] = {}

    def _index(self, kb: KnowledgeBase) -> _PeopleIndex:
        # Built once per knowledge base (the engine keeps one base per run).
        # The base itself, not its id: a compiled index gives each document a
        # base of its own, and a freed base's id can be reused by the next one.
        if self._index_for is None or self._index_for[0] is not kb:
            self._index_for = (kb, _people_index(kb))
            self._candidates = {}
        return self._index_for[1]

    def run(self, doc: Document, ctx: DocContext) -> Iterator[Finding]:
        kb = ctx.knowledge
        index = self._index(kb)
        text = doc.text
        surnames = _active_surnames(ctx.mentions.works) if ctx.wants(SURNAME) else {}
        if not surnames and index.prefilter is not None and not index.prefilter.may_occur(text):
            return
        # One regular-expression scan finds the runs of capitalised words, and
        # the runs that cannot lead to a finding are dropped before any Python
        # work (issue 7: this rule runs on every article of an archive).
        for m in _run_re().finditer(text):
            chunk = m.group()
            if not surnames:
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
            yield from self._check_run(text, run, kb, index, surnames, ctx)

    def _check_run(
        self,
        text: str,
        run: list[_Word],
        kb: KnowledgeBase,
        index: _PeopleIndex,
        surnames: dict[str, str],
        ctx: DocContext,
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
                if kb.canonical_name(bare) or kb.is_character(bare):
                    covered.update(range(i, i + size))
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
        # 2. a full name with one part exact and the other a near miss
        if 2 <= len(run) <= 3 and ctx.wants(FULL):
            finding = self._full_name(text, run, index, ctx)
            if finding is not None:
                yield finding
                return
        # 3. a lone word that sounds like an active work's surname
        if len(run) == 1 and surnames and ctx.wants(SURNAME):
            finding = self._lone_surname(text, run[0], kb, surnames, ctx)
            if finding is not None:
                yield finding

    def _full_name(
        self, text: str, run: list[_Word], index: _PeopleIndex, ctx: DocContext
    ) -> Finding | None:
        first, last = run[0].text, _POSSESSIVE_RE.sub("", run[-1].text)
        # Performance (issue 7): names recur from article to article, and with
        # a large base each costs fuzzy comparisons with hundreds of namesakes.
        memo_key = (first, last, len(run))
        candidates = self._candidates.get(memo_key)
        if candidates is None:
            candidates = _full_name_candidates(first, last, len(run), index)
            if len(self._candidates) < 100_000:  # bounded: a long run must not grow without limit
                self._candidates[memo_key] = candidates
        if len(candidates) != 1 or text[run[0].start : run[-1].end] in ctx.accept:
            return None
        parts, wrong, right = candidates[0]
        canonical = " ".join(parts)
        start, end = run[0].start, run[0].start + len(" ".join(w.text for w in run))
        end = min(end, run[-1].start + len(last))
        written = text[start:end]
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

    def _lone_surname(
        self, text: str, word: _Word, kb: KnowledgeBase, surnames: dict[str, str], ctx: DocContext
    ) -> Finding | None:
        bare = _POSSESSIVE_RE.sub("", word.text)
        if bare in kb.name_words or bare in ctx.accept or len(bare) < 3 or not bare[1:].islower():
            return None
        matches = [s for s in surnames if _similar(bare, s, strict=False)]
        if len(matches) != 1:
            return None
        if _sentence_initial(text, word.start) and _common_word(bare):
            return None
        right = matches[0]
        start, end = word.start, word.start + len(bare)
        return Finding(
            SURNAME,
            start,
            end,
            f"“{bare}” looks like a misspelling of “{right}” ({surnames[right]})",
            Fix(
                f"Replace “{bare}” with “{right}”", (Edit(start, end, right),), Applicability.UNSAFE
            ),
        )


def _active_surnames(works: Iterable[Work]) -> dict[str, str]:
    """Surname -> full name for everyone credited on the given works."""
    out: dict[str, str] = {}
    for work in works:
        for name in work.people():
            parts = _WORD_RE.findall(name)
            if len(parts) >= 2:
                out.setdefault(parts[-1], name)
    return out


def _common_word(word: str) -> bool:
    """A frequent English word (so a capital at a sentence start says nothing)."""
    from ..lexicon import Lexicon

    return Lexicon.default().zipf(word.casefold()) >= 3.0
