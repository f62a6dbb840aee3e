"""Seasons and episodes named by number: "season two", "the second season of X", "X series 3".

A series' seasons are works of their own (:mod:`copylint.knowledge.model`), but
articles rarely write a season's title: they write "the second season" of a
series they name.  Such a reference becomes a mention of the season, so the
facts rules compare its dates and platforms with the season's, not the
series'.  A reference resolves only when exactly one season (or episode) of
the mentioned works' families has that number; a mention of the series right
beside it ("the second season of X", "X's second season", "X season 2") is
part of the reference, and stops being a mention of the series even when the
knowledge does not know that season (its facts are not the series').
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..knowledge import KnowledgeBase, TitleMention, Work
from ..numberwords import NUMBER_WORDS
from .literals import longest_first

_NUMBERS = {w: i for i, w in enumerate(NUMBER_WORDS) if 1 <= i <= 12}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ]
    )
}
_NUMBER = r"\d{1,2}|" + "|".join(_NUMBERS)
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINALS)


def _value(word: str) -> int | None:
    word = word.casefold()
    if word[:1].isdigit():
        return int(re.match(r"\d+", word).group())  # type: ignore[union-attr]
    return _NUMBERS.get(word) or _ORDINALS.get(word)


class PartReferences:
    """Finds numbered references to parts of the mentioned works."""

    def __init__(self, nouns: Mapping[str, Sequence[str]]) -> None:
        #: noun ("season", "series", "episode") -> the kind of work it names
        self._kind_of = {n.casefold(): kind for kind, ns in nouns.items() for n in ns}
        words = "|".join(re.escape(n) for n in longest_first(self._kind_of))
        self._re = (
            re.compile(
                rf"\b(?:(?:the\s+)?(?P<ord>{_ORDINAL})\s+(?P<noun1>{words})"
                rf"|(?P<noun2>{words})\s+(?P<num>{_NUMBER}))\b",
                re.I,
            )
            if words
            else None
        )

    def find(
        self, text: str, mentions: Sequence[TitleMention], knowledge: KnowledgeBase
    ) -> list[TitleMention]:
        """``mentions`` with part references added and the series mentions they hold removed."""
        if self._re is None or not mentions:
            return list(mentions)
        works = list(dict.fromkeys(m.work for m in mentions))
        family = works + list(knowledge.family_of(works))
        parts: dict[tuple[str, int], list[Work]] = {}
        for work in family:
            if work.number is not None and work.kind:
                parts.setdefault((work.kind, work.number), []).append(work)
        out = list(mentions)
        for m in self._re.finditer(text):
            noun = (m.group("noun1") or m.group("noun2")).casefold()
            number = _value(m.group("ord") or m.group("num"))
            found = parts.get((self._kind_of[noun], number or 0), [])
            start, end = m.start(), m.end()
            if any(x.start < end and start < x.end for x in mentions):
                continue  # inside a title ("… season 2" as a season's own title)
            held = [x for x in out if _beside(text, x, start, end)]
            for x in held:
                out.remove(x)  # "the fourth season of X" is not X: never X's facts
                start, end = min(start, x.start), max(end, x.end)
            if len(found) == 1:
                out.append(TitleMention(start, end, found[0], "part", text[start:end], False))
        return sorted(out, key=lambda x: x.start)


def _beside(text: str, mention: TitleMention, start: int, end: int) -> bool:
    """True when ``mention`` names the work the reference at start..end is a part of."""
    if mention.form == "part":
        return False
    after = text[end : mention.start]
    before = text[mention.end : start]
    return bool(
        re.fullmatch(r"\s+of\s+", after)  # "the second season of X"
        or re.fullmatch(r"(?:['’]s)?\s+(?:the\s+)?", before)  # "X's second season", "X season 2"
    )
