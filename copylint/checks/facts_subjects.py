"""Which mentioned work a sentence is about: its own title, or one carried from before.

"… Part One is out. It is released on July 14, 2023." and "The new season
premieres on …" are about the work named just before.  A carried subject is
"It" or "The (two words)? <noun>" at the sentence start, with a noun from the
pack (``carried-nouns`` of CL404: "season", "drama", "thriller" …); a noun of a
kind ("season") refers to a mention of that kind when the sentence before has one.

Within a paragraph the subject comes from the sentence before.  At a
paragraph's start it comes from the last paragraph that named a work, when that
paragraph named one work only (a series and its seasons count as one), or
from the whole document when it has named one work only: then "The five-part
thriller …" after a sub-heading or a link line can mean nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..document import Document, TextSpan
from ..knowledge import TitleMention
from .literals import longest_first

#: What a kind of "any" in ``carried-nouns`` means: the noun names no kind of work.
ANY_KIND = "any"
#: Kinds whose works are parts of one another: "The series" may carry a season's mention.
_FAMILY = {k: {"series", "season", "episode"} for k in ("series", "season", "episode")} | {
    k: {"album", "track"} for k in ("album", "track")
}


class CarriedSubjects:
    """Reads carried subjects with the pack's nouns."""

    def __init__(self, nouns: Mapping[str, Sequence[str]], exclude: Sequence[str] = ()) -> None:
        skip = {w.casefold() for w in exclude}
        #: noun -> the kind of work it names ("" for any kind)
        self._kind_of = {
            n.casefold(): ("" if kind == ANY_KIND else kind)
            for kind, ns in nouns.items()
            for n in ns
            if n.casefold() not in skip
        }
        words = "|".join(re.escape(n) for n in longest_first(self._kind_of))
        self._re = re.compile(
            r"\s*(?:It|The\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>" + (words or "(?!)") + r"))\b"
        )

    def match(self, sentence: str) -> re.Match[str] | None:
        """The carried subject at the start of ``sentence``, if any."""
        return self._re.match(sentence)

    def referents(self, previous: list[TitleMention], m: re.Match[str]) -> list[TitleMention]:
        """The mentions a carried subject refers to: those of its noun's kind, when any;
        else those of its kind's family ("The show" after a season) or of no known kind;
        none when every mention is of another kind ("The novel" after a film's title)."""
        kind = self._kind_of.get((m.group("noun") or "").casefold(), "")
        if not kind:
            return previous
        same = [x for x in previous if x.work.kind == kind]
        family = _FAMILY.get(kind, {kind})
        return same or [x for x in previous if not x.work.kind or x.work.kind in family]

    def sentences(
        self,
        doc: Document,
        mentions: Sequence[TitleMention],
        keep: Callable[[TitleMention], bool] = lambda m: True,
    ) -> Iterator[tuple[TextSpan, list[TitleMention], re.Match[str] | None]]:
        """Each sentence with the mentions it holds (those ``keep`` accepts), or, when it
        holds none and starts with a carried subject, the mentions that subject refers to
        (with the match of the subject)."""
        seen: list[TitleMention] = []  # every kept mention so far, in document order
        last_para: list[TitleMention] = []  # those of the last paragraph that had any
        for para in doc.paragraphs:
            previous: list[TitleMention] = []
            in_para: list[TitleMention] = []
            for k, sentence in enumerate(doc.sentences(para)):
                text_end = sentence.start + len(sentence.text)
                inside = [m for m in mentions if sentence.start <= m.start < text_end and keep(m)]
                carried = None if inside else self.match(sentence.text)
                if inside:
                    here = inside
                elif carried is not None:
                    before = previous
                    if not before and k == 0:
                        if _one_work(last_para):
                            before = last_para
                        elif _one_work(seen):
                            before = seen[-1:]
                    here = self.referents(before, carried) if before else []
                else:
                    here = []
                previous = inside or previous
                seen.extend(inside)
                in_para.extend(inside)
                yield sentence, here, carried
            if in_para:
                last_para = in_para


def _one_work(mentions: list[TitleMention]) -> bool:
    """True when every mention names one work or its parts (a series and its seasons)."""
    roots = {m.work.part_of or m.work.title for m in mentions}
    return len(roots) == 1  # none named: False
