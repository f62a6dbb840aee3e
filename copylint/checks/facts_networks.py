"""CL407: a work said to premiere, stream or air on a platform the knowledge does not list.

Read by the facts check.  A claim is "<work> premieres … on <platform>": a
verb cue from the pack, a few words without a clause break, then "on"/"via"
and a platform name.  It is checked only when

- the platform is a *known* network (the pack's list, a network of any work in
  the knowledge, or an organisation in it): an unknown name is no evidence;
- the mentioned work (or "It"/"The series" carrying it from the sentence
  before) is the verb's subject: nothing but lower-case words ("'s second
  season"), a comma-enclosed aside, or part words ("Season 2") stands between
  them, so a sentence about another work is left alone;
- the claim names no region, or the work's home region (where its first
  release event was): "on Sky Atlantic in the UK" about an American show is a
  regional broadcaster, and the networks are where the work first aired;
- the work, or a work of its family (series, seasons, episodes), lists networks
  (for a film, one of them a known platform: a distributor says nothing about
  where a film streams).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..knowledge import KnowledgeBase, TitleMention, Work
from .facts_subjects import CarriedSubjects
from .literals import longest_first

NETWORK = "CL407"

#: Works whose networks are where they are shown (a series' broadcaster); a film's
#: networks count only when one of them is a known platform.
_SHOWN_KINDS = frozenset({"series", "season", "episode"})

# What may stand between a work and its verb: its "'s", then lower-case words and
# digits ("'s second season will"); a second possessive ("'s creator's") is someone else's.
_PLAIN_GAP = re.compile(r"(?:['’]s)?(?:\s+(?:[a-z][\w-]*|\d+))*\s*")
# A comma-enclosed aside right after the title: ", starring Ada Quill,".
# How far after its verb a platform is read, and where the verb's clause ends.
_REACH = 80
_CLAUSE_END = re.compile(r"[.;:!?,\n]|\s(?:and|but|while|whereas)\s")
# A relative clause on the title whose verb is the claim: "X, which streams on …".
_RELATIVE = re.compile(r",\s*(?:which|that)\b")
_RELATIVE_WORD = re.compile(r"\s*(?:which|that|who|whose|where)\b")
# "… and in the US it streams on": the work as "it" right before its verb.
_PRONOUN_BEFORE = re.compile(
    r"[,;]\s+(?:and|but)?\b.*?\bit\s+(?:(?:also|now|still|only|will)\s+)?$"
)
_ASIDE = re.compile(r"\s*(?:,[^,;:.!?()]*,|\([^()]*\)|\s[–—][^–—]*[–—])")


@dataclass(frozen=True)
class NetworkOptions:
    """What the facts check reads from the CL407 rule."""

    verbs: tuple[str, ...]
    platforms: tuple[str, ...]
    companions: Mapping[str, tuple[str, ...]]
    part_words: tuple[str, ...]
    other_work_words: tuple[str, ...]
    #: region code -> the names that mean it in prose (CL404's countries)
    regions: Mapping[str, tuple[str, ...]]
    #: kind -> nouns of a carried subject ("The series premieres …"; CL404's carried-nouns)
    carried_nouns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class NetworkClaims:
    """Finds CL407 findings in one document."""

    def __init__(self, options: NetworkOptions) -> None:
        self._options = options
        verbs = "|".join(re.escape(v).replace("\\ ", r"\s+") for v in longest_first(options.verbs))
        self._verb_re = re.compile(rf"\b(?:{verbs})\b", re.I)
        parts = "|".join(re.escape(p) for p in longest_first(options.part_words))
        self._part_re = re.compile(rf"\b(?i:{parts})\b" if parts else r"(?!)")
        self._regions = [
            (code, re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first(names))) + r")\b"))
            for code, names in options.regions.items()
            if names
        ]
        self._platforms = frozenset(p.casefold() for p in options.platforms)
        self._other_work = frozenset(w.casefold() for w in options.other_work_words)
        # "It premieres on …", "The drama streams on …"; not "The sequel": another work
        self._carried = CarriedSubjects(options.carried_nouns, exclude=options.other_work_words)
        self._companions: dict[str, set[str]] = {}
        for network, others in options.companions.items():
            for other in others:
                self._companions.setdefault(network.casefold(), set()).add(other.casefold())
                self._companions.setdefault(other.casefold(), set()).add(network.casefold())

    def findings(
        self, doc: Document, mentions: Sequence[TitleMention], knowledge: KnowledgeBase
    ) -> Iterator[Finding]:
        """One finding per claim of a known platform the mentioned work is not on."""
        if not self._options.verbs or not any(
            w.networks or any(e.network for e in w.releases)
            for w in _with_family(knowledge, {m.work for m in mentions})
        ):
            return
        known = self._known_platforms(knowledge)
        if not known:
            return
        names = "|".join(re.escape(p) for p in longest_first(known))
        # "on"/"via" and a known platform, later in the verb's clause
        platform_re = re.compile(rf"\b(?:on|via)\s+(?P<platform>{names})(?![\w+])")
        text = doc.text
        for sentence, here, carried in self._carried.sentences(doc, mentions):
            end = sentence.start + len(sentence.text)
            subjects: list[tuple[Work, int]] = [(m.work, m.end) for m in here]
            if carried is not None and here:  # the carried subject ends where its words do
                subjects = [(here[-1].work, sentence.start + carried.end())]
            if not subjects:
                continue
            for verb in self._verb_re.finditer(text, sentence.start, end):
                clause = _CLAUSE_END.search(text, verb.end(), min(end, verb.end() + _REACH))
                stop = clause.start() if clause else min(end, verb.end() + _REACH)
                pm = platform_re.search(text, verb.end(), stop)
                if pm is None:
                    continue  # no platform anyone knows: no evidence either way
                after = _CLAUSE_END.search(text, pm.end(), end)
                # the verb's clause, from the break before it: "and in the US it streams on …"
                starts = [b.end() for b in _CLAUSE_END.finditer(text, sentence.start, verb.start())]
                claim = text[
                    starts[-1] if starts else sentence.start : after.start() if after else end
                ]
                named = {code for code, rx in self._regions if rx.search(claim)}
                subject = self._subject(text, subjects, verb.start(), known)
                if subject is None:
                    continue
                allowed = _allowed_networks(knowledge, subject, named)
                if allowed is None:
                    # "airs on Sky Atlantic in the UK" about an American show, with no
                    # network known there: a region's broadcaster
                    continue
                yield from self._compare(knowledge, subject, pm, known, allowed)

    # ------------------------------------------------------------------ helpers
    def _known_platforms(self, knowledge: KnowledgeBase) -> dict[str, str]:
        """Every platform name the pack or the knowledge knows, as written -> canonical."""
        out: dict[str, str] = {p: p for p in self._options.platforms}
        for work in knowledge.works:
            out.update((n, n) for n in work.networks)
            out.update((e.network, e.network) for e in work.releases if e.network)
        for ent in knowledge.entities.values():
            if ent.kind == "organisation":
                out.update((n, ent.name) for n in (ent.name, *ent.aliases))
        return out

    def _subject(
        self, text: str, subjects: list[tuple[Work, int]], verb: int, known: Mapping[str, str]
    ) -> Work | None:
        """The work the verb at ``verb`` is about, when it is one of ``subjects``."""
        before = [(w, e) for w, e in subjects if e <= verb]
        if not before:
            return None
        work, end = before[-1]
        gap = text[end:verb]
        if _PRONOUN_BEFORE.search(gap) and self._pronoun_is(gap, known):
            return work  # "X is out in May, and in the US it streams on …"
        aside = _ASIDE.match(gap)
        if aside:
            gap = gap[aside.end() :]
            if _RELATIVE_WORD.match(gap):
                return None  # "X, Y starred in Z, which aired on …": the clause is Z's
        elif relative := _RELATIVE.match(gap):
            gap = gap[relative.end() :]  # "X, which streams on …"
        gap = self._part_re.sub("season", gap)  # "Season 2" reads like "season 2"
        if not _PLAIN_GAP.fullmatch(gap):
            return None  # another name, a clause break or someone else's possessive
        if any(w.casefold() in self._other_work for w in re.findall(r"[\w-]+", gap)):
            return None  # "'s spin-off premieres": another work
        return work

    def _pronoun_is(self, gap: str, known: Mapping[str, str]) -> bool:
        """True when the "it" ending ``gap`` (the text from the work to its verb) can
        only be the work: no other work's word and no possessive but a platform's
        ("Meridian's catch-up service") stands between them."""
        words = re.findall(r"[\w-]+", gap)
        if any(w.casefold() in self._other_work for w in words):
            return False
        owners = re.findall(r"((?:[A-Z][\w+]*\s+)*[A-Z][\w+]*)['’]s\b", gap)
        names = {k.casefold() for k in known}
        return all(o.casefold() in names for o in owners)

    def _compare(
        self,
        knowledge: KnowledgeBase,
        work: Work,
        pm: re.Match[str],
        known: dict[str, str],
        networks: list[str],
    ) -> Iterator[Finding]:
        if not networks:
            return
        if work.kind not in _SHOWN_KINDS and not any(
            n.casefold() in self._platforms for n in networks
        ):
            return  # a film's distributor is no platform: it may stream anywhere
        written = pm.group("platform")
        said = known.get(written, written)
        if any(
            self._same(said, n, knowledge) or self._same(written, n, knowledge) for n in networks
        ):
            return
        listed = " / ".join(networks)
        fix = None
        suggestions: tuple[str, ...] = ()
        if len(networks) == 1:
            fix = Fix(
                f"Replace with “{networks[0]}”",
                (Edit(pm.start("platform"), pm.end(), networks[0]),),
                Applicability.UNSAFE,
            )
        else:
            suggestions = (f"the knowledge lists {listed}",)
        yield Finding(
            NETWORK,
            pm.start("platform"),
            pm.end(),
            f"{work.title} is on {listed}, not {written}",
            fix,
            suggestions,
        )

    def _same(self, platform: str, network: str, knowledge: KnowledgeBase) -> bool:
        """True when ``platform`` names ``network``: the same, one inside the other, a companion."""
        a, b = platform.casefold(), network.casefold()
        if a == b or b.startswith(a + " ") or a.startswith(b + " "):
            return True
        if b in self._companions.get(a, ()):
            return True
        ent = _organisation(knowledge, network)
        return ent is not None and a in {n.casefold() for n in ent}


def _organisation(knowledge: KnowledgeBase, name: str) -> tuple[str, ...] | None:
    ent = knowledge.entities.get(name)
    if ent is None or ent.kind != "organisation":
        return None
    return (ent.name, *ent.aliases)


def _home(knowledge: KnowledgeBase, work: Work) -> str | None:
    """The region where the work (or its family) first came out, if the knowledge says;
    a festival premiere abroad is not where a work comes from."""
    events = [
        e
        for w in _with_family(knowledge, {work})
        for e in w.releases
        if not e.superseded and e.region != "worldwide"
    ]
    shown = [e for e in events if e.kind != "premiere"] or events
    return min(shown, key=lambda e: e.date).region if shown else None


def _allowed_networks(knowledge: KnowledgeBase, work: Work, named: set[str]) -> list[str] | None:
    """The networks a claim about ``work`` in the ``named`` regions may name (None: the
    claim is not checked).

    No region named: the work's networks and every event's.  Regions named: the
    networks of those regions' events, and the work's networks when the home region is
    among them; nothing to compare (None) for another region with no event network.
    """
    family = _with_family(knowledge, {work})
    listed = [n for w in family for n in w.networks]
    events = [e for w in family for e in w.releases if e.network and not e.superseded]
    if not named:
        return list(dict.fromkeys([*listed, *(e.network or "" for e in events)]))
    regional = [e.network or "" for e in events if e.region in named]
    home = _home(knowledge, work) in named
    if not regional and not home:
        return None
    return list(dict.fromkeys([*regional, *(listed if home else [])]))


def _with_family(knowledge: KnowledgeBase, works: Iterable[Work]) -> list[Work]:
    works = list(works)
    return works + list(knowledge.family_of(works))
