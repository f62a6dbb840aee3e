"""Knowledge from index files (plus local YAML), loaded per document.

:class:`IndexedKnowledge` is what ``--knowledge`` gives when some of the files
are indexes.  It never loads an index whole: for each document,
:meth:`IndexedKnowledge.for_document` looks up the titles, names and words
the document contains and returns a small :class:`DocumentKnowledge`, an
ordinary :class:`KnowledgeBase` that the checks use as they use a YAML base.

Local YAML corrects or adds to the imported base: its works replace index
works of the same title, its entities' misspellings add to the index's.

Two regimes, chosen by the size of the indexes (:data:`LARGE_WORKS`,
:data:`LARGE_PEOPLE`):

- a *small* base answers exactly as the same knowledge loaded from YAML
  (every person sharing a first or last name with a capitalised word of the
  document is loaded, so near misses are judged against the same people);
- a *large* base needs evidence: a mention activates its work only as
  :mod:`.activation` says, and a full name is compared with people of
  inactive works only when one of its words is a single edit from a known
  name token and is itself neither a known name token nor a common word, and
  the person is credited on several works (:data:`NEAR_MISS_MIN_CREDITS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress, filterfalse

from ..document import Document
from ..errors import DataFileError
from ..knowledge import Entity, KnowledgeBase, Mentions, Work, title_key
from ..knowledge.index import ACTIVATING_CAST, MAX_GLUED_TAIL, index_entities
from .activation import has_evidence
from .convert import DamagedRecord, load_entity, load_work
from .index import KnowledgeIndex, PersonRow
from .scan import (
    ASCII_PERSON_RUN_RE,
    PERSON_RUN_RE,
    TITLE_WORD_RE,
    DocumentScan,
    bare,
    cast_names,
    folded_forms,
    may_hold,
    name_run_ends,
    title_starts,
    written_pairs,
)
from .wordlists import Words

#: Bases with more works or people than this need evidence (see the module doc).
LARGE_WORKS = 20_000
LARGE_PEOPLE = 100_000
#: In a large base, a full name one edit from someone the article is not about
#: counts as a misspelling only of a person credited on this many works: a
#: real namesake of an obscure person is likelier than a slip (BBC corpus with
#: 1M generated people: 10 false alarms in 2,095 articles without this, all of
#: people with one or two credits).
NEAR_MISS_MIN_CREDITS = 3
#: At most this many works of a family (a soap's thousands of episodes) are loaded.
_MAX_FAMILY = 2000
#: Bases of works (indexed once) kept per run, by the works they hold.
_MAX_CORES = 64
#: Works and people parsed from an index, kept per run (then forgotten).
_MAX_PARSED = 50_000


@dataclass(eq=False)
class DocumentKnowledge(KnowledgeBase):
    """A base for one document: its works and people, plus names known elsewhere."""

    extra_names: dict[str, str] = field(default_factory=dict)  # case-folded -> as written
    extra_characters: frozenset[str] = frozenset()
    words: frozenset[str] | None = None  # every known word the document may use
    #: a base with the same works and entities (so the same people), shared by
    #: the documents that add no people of their own; else this base itself
    same_people_as: KnowledgeBase | None = None
    #: (a text, its mentions) when they are known already (see find_mentions)
    found_mentions: tuple[str, Mentions] | None = None

    def _build_indexes(self) -> None:
        super()._build_indexes()
        for folded, name in self.extra_names.items():
            self.known_names.setdefault(folded, name)
        self.characters.update(self.extra_characters)
        if self.words is not None:
            self.name_words = (
                self.words if self.name_words <= self.words else (self.name_words | self.words)
            )

    @property
    def made_for_one_document(self) -> bool:
        """True when this base's people were chosen for one document (none shares them)."""
        return self.same_people_as is None

    def find_mentions(self, text: str) -> Mentions:
        """As :meth:`KnowledgeBase.find_mentions`; for the document this base was made
        for, the mentions found while making it (the same works give the same answer)."""
        found = self.found_mentions
        if found is not None and found[0] is text:
            return found[1]
        return super().find_mentions(text)

    @classmethod
    def over(
        cls,
        core: KnowledgeBase,
        entities: dict[str, Entity] | None,
        *,
        extra_names: dict[str, str],
        extra_characters: frozenset[str],
        words: frozenset[str],
        vetted_near_misses: bool,
        found_mentions: tuple[str, Mentions] | None = None,
    ) -> DocumentKnowledge:
        """The base the constructor would build from ``core``'s works and ``entities``
        (``core``'s own when None; a ``core`` given entities must have none), plus the
        extras, without indexing the works again.

        Performance (issue 16): the works of a document base are mostly the
        local YAML's, the same for every article of a run; indexing them (and
        compiling their title prefilter) per article cost more than the
        article's look-ups in the index.
        """
        state = dict(core.__dict__)
        known, wrong, name_words = core.known_names, core.misspellings, core.name_words
        if entities is not None:
            known, wrong, more = dict(known), dict(wrong), set(name_words)
            index_entities(entities.values(), known, wrong, more)
            name_words = frozenset(more)
        if extra_names:
            known = dict(known) if known is core.known_names else known
            for folded, name in extra_names.items():
                known.setdefault(folded, name)
        characters = core.characters | extra_characters if extra_characters else core.characters
        if words is not None:
            name_words = words if name_words <= words else (name_words | words)
        state.update(
            entities=core.entities if entities is None else entities,
            sources=(),
            vetted_near_misses=vetted_near_misses,
            known_names=known,
            misspellings=wrong,
            characters=characters,
            name_words=name_words,
            extra_names=extra_names,
            extra_characters=extra_characters,
            words=words,
            same_people_as=core if entities is None else None,
            found_mentions=found_mentions,
        )
        base = object.__new__(cls)
        base.__dict__.update(state)
        return base


@dataclass(eq=False)
class IndexedKnowledge(KnowledgeBase):
    """Index files queried per document, with local YAML works and entities on top."""

    indexes: tuple[KnowledgeIndex, ...] = ()
    #: True for a base big enough to need evidence (see the module doc)
    large: bool = field(default=False, init=False)
    _all_words: frozenset[str] | None = field(default=None, init=False, repr=False)
    #: per run: bases of works by the works' keys (see DocumentKnowledge.over)
    _cores: dict[tuple[object, ...], KnowledgeBase] = field(
        default_factory=dict, init=False, repr=False
    )
    _parsed_works: dict[tuple[int, int], Work] = field(default_factory=dict, init=False, repr=False)
    _parsed_people: dict[PersonRow, Entity] = field(default_factory=dict, init=False, repr=False)
    _local_titles: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    #: per run: what each (first, last) of a name may misspell, by index
    _near_pairs: dict[int, dict[tuple[str, str], tuple[tuple[str, str], ...]]] = field(
        default_factory=dict, init=False, repr=False
    )
    #: per run: the title words of the documents so far (each is looked at once, when
    #: new, by every index's title starts and by the known words)
    _seen_words: set[str] = field(default_factory=set, init=False, repr=False)
    #: per run: the words standing for known words, and these known words
    _known_words: tuple[set[str], dict[str, tuple[str, ...]]] = field(
        default_factory=lambda: (set(), {}), init=False, repr=False
    )
    _title_keys: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    #: per index: the words a title may start with, those with heads glued to a
    #: short word and the title-start keys of these heads (see title_starts)
    _title_starts: dict[int, tuple[set[str], set[str], dict[str, tuple[str, ...]]]] = field(
        default_factory=dict, init=False, repr=False
    )
    #: per run, by word: the title keys of its heads without a short lower-case tail
    _glued_keys: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False)
    _cast_names: dict[int, dict[str, tuple[str, ...]]] = field(
        default_factory=dict, init=False, repr=False
    )
    #: per run, by run of two or three capitalised words: its (first, last) name words
    _run_ends: dict[str, tuple[str, str]] = field(default_factory=dict, init=False, repr=False)
    #: per run, by the id of an index's name firsts: the pairs of each run of names
    _run_pairs: dict[int, dict[str, frozenset[tuple[str, str]]]] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        works = sum(ix.work_count for ix in self.indexes)
        people = sum(ix.people_count for ix in self.indexes)
        self.large = works > LARGE_WORKS or people > LARGE_PEOPLE
        self._local_titles = frozenset(_fold(t) for w in self.works for t in (w.title, *w.aliases))
        super().__post_init__()

    @classmethod
    def open(cls, index_paths: Sequence[str], yaml_base: KnowledgeBase) -> IndexedKnowledge:
        """The indexes at ``index_paths`` with ``yaml_base`` on top."""
        return cls(
            works=yaml_base.works,
            entities=dict(yaml_base.entities),
            sources=(*yaml_base.sources, *index_paths),
            indexes=tuple(KnowledgeIndex(p) for p in index_paths),
        )

    def __bool__(self) -> bool:
        return True

    # -------------------------------------------------------------- per document
    def for_document(self, doc: Document) -> KnowledgeBase:
        """The knowledge that can matter to ``doc``, as a small base."""
        text = doc.text
        scan = DocumentScan(text)
        new_words = self._new_words(scan)
        declared = _declared(doc)
        local_titles = self._local_titles
        loaded: dict[tuple[int, int], Work] = {}  # (index, id) -> work
        years: dict[tuple[int, int], int] = {}
        for n, ix in enumerate(self.indexes):
            candidates = self._candidate_works(ix, scan, new_words, declared)
            if self.large:
                years.update(((n, w), y) for w, y in ix.years(candidates).items())
            for wid, work in zip(candidates, self._works(n, ix, candidates), strict=True):
                if _fold(work.title) not in local_titles:  # local YAML corrects the index
                    loaded[n, wid] = work
        keys = {id(w): k for k, w in loaded.items()}
        probe = self._core(loaded)
        mentions = probe.find_mentions(text)
        active: dict[tuple[int, int], Work] = {}
        for mention in mentions.titles:
            key = keys.get(id(mention.work))
            if key is None or key in active:
                continue
            if not self.large or has_evidence(doc, mention, years.get(key)):
                active[key] = mention.work
        for work in (*mentions.by_people, *probe.works_named(declared)):
            key = keys.get(id(work))
            if key is not None:
                active[key] = work
        for key, work in self._index_family(active, local_titles).items():
            active.setdefault(key, work)
        # The works the probe had, in its order: the document base finds the same mentions.
        same = list(active) == list(loaded)
        return self._document_base(scan, new_words, active, (text, mentions) if same else None)

    def _new_words(self, scan: DocumentScan) -> set[str]:
        """The document's title words not in an earlier document of the run (the
        per-run memories of title starts and known words are about them)."""
        seen = self._seen_words
        if len(seen) >= _MAX_PARSED:  # (forgotten together with what was made of them)
            seen.clear()
            self._title_starts.clear()
            for memory in self._known_words:
                memory.clear()
        new = scan.title_word_set - seen  # words recur across articles
        seen |= new
        return new

    def _core(self, works: dict[tuple[int, int], Work]) -> KnowledgeBase:
        """A base of the local works then ``works`` (no entities), built once per run."""
        key = tuple(works)
        core = self._cores.get(key)
        # The same works as objects too: the caller tells its works by identity, and
        # works parsed again once the parsed ones were forgotten are other objects.
        if core is None or any(
            a is not b for a, b in zip(core.works[len(self.works) :], works.values(), strict=True)
        ):
            if len(self._cores) >= _MAX_CORES:
                self._cores.pop(next(iter(self._cores)))
            core = self._cores[key] = KnowledgeBase(works=[*self.works, *works.values()])
        return core

    def _with_local_entities(self, core: KnowledgeBase) -> KnowledgeBase:
        """``core`` with the local entities too, built once per run."""
        key = ("entities", id(core))
        full = self._cores.get(key)
        if full is None or full.works is not core.works:
            if len(self._cores) >= _MAX_CORES:
                self._cores.pop(next(iter(self._cores)))
            full = DocumentKnowledge.over(
                core,
                dict(self.entities),
                extra_names={},
                extra_characters=frozenset(),
                words=None,  # type: ignore[arg-type]
                vetted_near_misses=False,
            )
            self._cores[key] = full
        return full

    def _works(self, n: int, ix: KnowledgeIndex, ids: list[int]) -> list[Work]:
        """The works of index ``n`` with these ids (in order), parsed once per run."""
        parsed = self._parsed_works
        todo = sorted({i for i in ids if (n, i) not in parsed})
        if todo:
            if len(parsed) + len(todo) > _MAX_PARSED:
                parsed.clear()  # (then every work asked for is parsed again)
                todo = sorted(set(ids))
            try:
                for wid, data in zip(todo, ix.works(todo), strict=True):
                    parsed[n, wid] = load_work(data)
            except DamagedRecord as exc:  # (an untrusted file: say which)
                raise DataFileError(ix.path, f"damaged index: {exc}") from None
        return [parsed[n, i] for i in ids]

    def _entity(self, row: PersonRow) -> Entity:
        """A stored person, parsed once per run."""
        parsed = self._parsed_people
        entity = parsed.get(row)
        if entity is None:
            if len(parsed) >= _MAX_PARSED:
                parsed.clear()
            entity = parsed[row] = load_entity(row)
        return entity

    def _candidate_works(
        self, ix: KnowledgeIndex, scan: DocumentScan, new_words: set[str], declared: list[str]
    ) -> list[int]:
        """The ids, in order, of works whose title may start at a capitalised word of
        the text, that ``declared`` names, or that have three cast members named in it
        (``new_words``: the text's words not met before in the run)."""
        text = scan.text
        words = scan.title_words
        # Per run, by word: its title key, and the title-start keys it gives where
        # it may be a title's first word (itself, or its head glued to a short
        # lower-case word: "Twois").  Words recur from article to article.
        keys, glued_keys = self._title_keys, self._glued_keys
        live_set, glued_words, glued_of = self._title_starts.setdefault(id(ix), (set(), set(), {}))
        if len(keys) >= _MAX_PARSED:
            keys.clear()
        if len(glued_keys) >= _MAX_PARSED:
            glued_keys.clear()

        def key(i: int) -> str:
            word = words[i]
            found = keys.get(word)
            if found is None:
                found = keys[word] = title_key(word)
            return found

        firsts = ix.first_keys()  # None for an index without the list: ask SQLite
        spellings = ix.first_spellings()  # the words whose title key is a first key
        wordset = scan.title_word_set
        # Set operations (in C) over the document's words; Python only for new words.
        for word in new_words:
            initial = word[0]
            if not (initial.isupper() or initial.isdigit()):
                continue  # (most words: title_starts would give (), without a call)
            found = title_starts(word, firsts, spellings)
            if found:
                if found[0] is not None:
                    live_set.add(word)
                heads = tuple(k for k in found[1:] if k is not None)
                if heads:
                    glued_words.add(word)
                    glued_of[word] = heads
        live_words = wordset & live_set
        glued_starts = [k for w in wordset & glued_words for k in glued_of[w]]
        # The positions of live words, picked in C (a document has hundreds of words).
        at = compress(range(len(words)), map(live_words.__contains__, words))
        for word in live_words.difference(keys):
            keys[word] = title_key(word)
        live = {i: keys[words[i]] for i in at}
        extra = [" ".join(title_key(t) for t in TITLE_WORD_RE.findall(d)) for d in declared]
        ids: set[int] = set()
        step, frontier, queries = 0, dict(live), [*live.values(), *extra, *glued_starts]
        while queries:
            glued: list[str] = []
            for i, prefix in frontier.items() if step else ():
                word = words[i + step]
                tails = glued_keys.get(word)
                if tails is None:
                    tails = glued_keys[word] = tuple(
                        title_key(word[:-t])
                        for t in range(1, MAX_GLUED_TAIL + 1)
                        if len(word) > t and word[-t:].islower()
                    )
                if tails:
                    head = prefix[: len(prefix) - len(key(i + step))]
                    glued += [head + tail for tail in tails]
            # (each key once: a document's "The" starts a dozen walks)
            hits = ix.title_prefixes(list(dict.fromkeys([*queries, *glued])))
            ids.update(int(x) for works in hits.values() if works for x in works.split(","))
            step += 1
            frontier = {
                i: f"{p} {key(i + step)}"
                for i, p in frontier.items()
                if p in hits and i + step < len(words)
            }
            queries = list(frontier.values())
        named: set[str] = set()
        name_firsts = ix.name_firsts()
        # Per run, by run of capitalised words: the cast names it may write (runs
        # such as "Prime Minister" or a name in the news recur from article to article).
        names_of_run = self._cast_names.setdefault(id(ix), {})
        if len(names_of_run) >= _MAX_PARSED:
            names_of_run.clear()
        view = scan.ascii
        if view is not None:
            runs = set(ASCII_PERSON_RUN_RE.findall(view))
        else:
            runs = set(PERSON_RUN_RE.findall(text))
        for run in runs.difference(names_of_run):
            names_of_run[run] = cast_names(run, name_firsts)
        named.update(*map(names_of_run.__getitem__, runs))
        if len(named) >= ACTIVATING_CAST:  # fewer cannot activate a work
            counts = ix.cast_works(sorted(named))
            ids.update(w for w, c in counts.items() if c >= ACTIVATING_CAST)
        return sorted(ids)

    def _index_family(
        self, active: dict[tuple[int, int], Work], local_titles: frozenset[str]
    ) -> dict[tuple[int, int], Work]:
        """The parts and parents of the active works (seasons, episodes, series)."""
        out: dict[tuple[int, int], Work] = {}
        if not active:
            return out
        titles = {w.title for w in active.values()} | {w.title for w in self.works}
        todo = set(titles) | {w.part_of for w in active.values() if w.part_of}
        todo |= {w.part_of for w in self.works if w.part_of}
        for n, ix in enumerate(self.indexes):
            seen, queue = set(), set(todo)
            while queue and len(out) < _MAX_FAMILY:
                seen |= queue
                found = ix.family(sorted(queue))
                fresh = [
                    (wid, title)
                    for wid, title in found
                    if (n, wid) not in active and (n, wid) not in out
                ]
                queue = set()
                fresh_ids = [wid for wid, _ in fresh]
                for wid, work in zip(fresh_ids, self._works(n, ix, fresh_ids), strict=True):
                    if _fold(work.title) in local_titles:
                        continue
                    out[n, wid] = work
                    queue.add(work.title)
                    if work.part_of:
                        queue.add(work.part_of)
                queue -= seen
        return out

    def _document_base(
        self,
        scan: DocumentScan,
        new_words: set[str],
        works: dict[tuple[int, int], Work],
        found_mentions: tuple[str, Mentions] | None = None,
    ) -> DocumentKnowledge:
        """The base the checks see: local YAML, the active works, the people that may matter.

        The same base as ``DocumentKnowledge(works=[*local, *works], entities=...)``,
        built over a base of the works kept for the run (see DocumentKnowledge.over).
        """
        text = scan.text
        pairs: dict[Words | None, list[tuple[str, str]]] = {}
        organisations: dict[str, str] = {}
        characters: set[str] = set()
        rows: list[PersonRow] = []
        for ix in self.indexes:
            firsts = ix.misspelling_firsts()
            if firsts is None or may_hold(text, firsts):
                distinct = scan.name_words
                folded = {n.casefold() for n in distinct} | {bare(n).casefold() for n in distinct}
                rows += ix.misspelt_people(sorted(folded))
            firsts = ix.name_firsts()
            if firsts not in pairs:  # (first, last) of every name the text may write
                memo = self._run_pairs.setdefault(id(firsts), {})
                pairs[firsts] = written_pairs(scan.ascii or text, firsts, memo)
            named, chars, orgs = ix.named(pairs[firsts], people=self.large)
            if self.large:
                rows += named
                rows += self._near_misses(ix, scan.ascii or text)
            else:
                capitals = sorted({bare(n).casefold() for n in scan.name_words if n[:1].isupper()})
                rows += ix.people_sharing(capitals, capitals, both=False)
            characters.update(chars)
            for org in orgs:
                organisations.setdefault(org.casefold(), org)
        core = self._core(works)
        entities: dict[str, Entity] | None = None
        if rows:
            entities = dict(self.entities)
            for row in rows:
                _merge(entities, self._entity(row))
        else:
            core = self._with_local_entities(core)
        return DocumentKnowledge.over(
            core,
            entities,
            extra_names=organisations,
            extra_characters=frozenset(characters),
            words=self._words_for(scan, new_words),
            vetted_near_misses=self.large,
            found_mentions=found_mentions,
        )

    def _near_misses(self, ix: KnowledgeIndex, text: str) -> list[PersonRow]:
        """People a two- or three-word name in ``text`` may misspell, with strong evidence."""
        from ..lexicon import Lexicon

        runs = name_run_ends(text, self._run_ends)
        if not runs:
            return []
        # What each (first, last) may misspell depends on the index alone: a
        # run's answer is kept for the rest of the run (names recur).
        memo = self._near_pairs.setdefault(id(ix), {})
        todo = sorted(runs.difference(memo))
        if todo:
            if len(memo) + len(todo) > _MAX_PARSED:
                memo.clear()  # (then every run of the text is judged again)
                todo = sorted(runs)
            # A side may be a slip only if it is a rare word of four letters or more:
            # asked first (no query), so only such runs' words are looked up.
            zipf = Lexicon.default().zipf
            rare = {w for run in todo for w in run if len(w) >= 4 and zipf(w) < 3.0}
            asked = [run for run in todo if run[0] in rare or run[1] in rare]
            known = ix.known_tokens(sorted({t for run in asked for t in run})) if asked else set()
            for first, last in todo:
                found: list[tuple[str, str]] = []
                for wrong, right_side in ((last, first), (first, last)):
                    if wrong not in rare or wrong in known or right_side not in known:
                        continue
                    found.extend(
                        (first, near) if wrong == last else (near, last)
                        for near in ix.near_tokens(wrong, 1)
                    )
                memo[first, last] = tuple(found)
        pairs = [pair for run in runs for pair in memo[run]]
        return ix.people_pairs(pairs, NEAR_MISS_MIN_CREDITS) if pairs else []

    def _words_for(self, scan: DocumentScan, new_words: set[str]) -> frozenset[str]:
        """The known words of names and titles the document may contain (``new_words``:
        its words not met before in the run)."""
        if not self.large:
            if self._all_words is None:
                words: set[str] = set()
                for ix in self.indexes:
                    words |= ix.vocabulary()
                object.__setattr__(self, "_all_words", frozenset(words))
            return self._all_words or frozenset()
        # Per run, by word as written: the known words it may stand for (only the
        # words that stand for some are kept; set operations, in C, over the rest).
        spelled_words, known = self._known_words
        if new_words:
            # (a word in lower case has no forms: skipped in C, without a call)
            forms = {word: folded_forms(word) for word in filterfalse(str.islower, new_words)}
            wanted = sorted({f for folded in forms.values() for f in folded})
            by_form: dict[str, set[str]] = {}
            for ix in self.indexes:
                # Not the name words of people (or characters) the document neither
                # names nor concerns: in a base of a million people nearly every
                # surname is someone's, and "Roh" must stay a possible misspelling of
                # the active work's "Roe" (the people it loaded bring their own words).
                for form, spelled in ix.known_words(wanted).items():
                    by_form.setdefault(form, set()).update(spelled)
            if by_form:  # (most new words stand for no known word)
                for word, folded in forms.items():
                    found = {w for f in folded if f in by_form for w in by_form[f]}
                    if found:
                        spelled_words.add(word)
                        known[word] = tuple(found)
        words = scan.title_word_set
        return frozenset().union(*map(known.__getitem__, words & spelled_words))


def _fold(title: str) -> str:
    return " ".join(title.split()).casefold()


def _declared(doc: Document) -> list[str]:
    front = doc.metadata.get("front_matter")
    declared = front.get("works") if isinstance(front, dict) else None
    if isinstance(declared, str):
        declared = [declared]
    return [str(w) for w in declared] if isinstance(declared, list) else []


def _merge(entities: dict[str, Entity], ent: Entity) -> None:
    """Add ``ent``; a local entity of the same name keeps its say and gains the other's names."""
    known = entities.get(ent.name)
    entities[ent.name] = known.merged(ent) if known is not None else ent
