"""CL408: a season or series said to have another number of episodes than the knowledge's.

Read by the facts check, on the sentences that are about a mentioned work (its
title, "the second season of X", or "It"/"The season" after one).  A count is
claimed in these forms only: "an eight-part season", "the six-episode run"
(a noun of the whole after it: not "a two-part finale"),
"all eight episodes", "its 10 episodes", "a season of eight episodes".  "The
first three episodes" (a subset word from the pack) is not a count of the
whole.  A season with a count is compared with its own; a series' count is
true when the series or any of its seasons has it (in British English "an
eight-part series" is one season).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import TextSpan
from ..knowledge import KnowledgeBase, TitleMention
from ..numberwords import NUMBER_WORDS
from .literals import longest_first

EPISODES = "CL408"

#: "one" to "twenty": a word's value is its index + 1
_WORDS = NUMBER_WORDS[1:]
_NUMBER = r"\d{1,3}|" + "|".join(sorted(_WORDS, key=len, reverse=True))


def _value(word: str) -> int:
    low = word.casefold()
    return int(low) if low.isdigit() else _WORDS.index(low) + 1


def _written(number: int, like: str) -> str:
    """``number`` written as ``like`` is (a digit, a word, a capitalised word)."""
    if like.isdigit() or number > len(_WORDS):
        return str(number)
    word = _WORDS[number - 1]
    return word.capitalize() if like[:1].isupper() else word


# "an eight-part drama": the indefinite article right before a count.
_ARTICLE_BEFORE = re.compile(r"\b(?P<article>an?)\s+$", re.I)


def _article_for(count: str) -> str:
    """ "a" or "an" as the count is spoken: an eight, an 11, an 18, an 80; a one, a six."""
    low = count.casefold()
    if low.isdigit():
        spoken_vowel = low.startswith("8") or low in ("11", "18")
    else:
        spoken_vowel = low.startswith(("eight", "eleven"))
    return "an" if spoken_vowel else "a"


def _with_article(article: str, like: str) -> str:
    """``article`` in the case of the one it replaces ("A", "an")."""
    return article.capitalize() if like[:1].isupper() else article


class EpisodeCounts:
    """Finds episode counts that contradict the knowledge."""

    def __init__(self, units: Sequence[str], subsets: Sequence[str], wholes: Sequence[str]) -> None:
        unit = "|".join(re.escape(u) for u in longest_first(units))
        subset = "|".join(re.escape(s) for s in longest_first(subsets))
        whole = "|".join(re.escape(w) for w in longest_first(wholes))
        self._re = (
            re.compile(
                # "an eight-part season", "the six-episode crime drama" (not "a two-part finale")
                rf"\b(?P<n1>{_NUMBER})-(?:{unit})\s+(?:[\w-]+\s+)?(?:{whole})\b"
                # "all eight episodes", "its 10 episodes", "of eight episodes"
                rf"|\b(?:all|its|their|of|the)\s+(?P<n2>{_NUMBER})\s+(?:{unit})s?\b",
                re.I,
            )
            if unit and whole
            else None
        )
        self._subset = re.compile(rf"\b(?:{subset})\s*$", re.I) if subset else None

    def findings(
        self, sentence: TextSpan, here: list[TitleMention], knowledge: KnowledgeBase
    ) -> Iterator[Finding]:
        """Counts in ``sentence`` (about the works ``here``) that no listed count matches."""
        if self._re is None:
            return
        for m in self._re.finditer(sentence.text):
            group = "n1" if m.group("n1") else "n2"
            if self._subset and self._subset.search(sentence.text[: m.start(group)]):
                continue  # "the first three episodes": part of the run
            at = sentence.start + m.start(group)
            before = [x for x in here if x.start < at] or here[:1]
            work = before[-1].work
            family = [work, *knowledge.family_of([work])]
            if work.kind == "season" and work.episode_count:
                counts = [work.episode_count]  # a season's own count is the one
            else:  # a series: its total, or any season's ("an eight-part series" in the UK)
                counts = [w.episode_count for w in family if w.episode_count]
            if not counts or _value(m.group(group)) in counts:
                continue
            end = sentence.start + m.end(group)
            written = m.group(group)
            if work.episode_count:
                right = _written(work.episode_count, written)
                edit = Edit(at, end, right)
                article = _ARTICLE_BEFORE.search(sentence.text, 0, m.start(group))
                if article and article.group("article").casefold() != _article_for(right):
                    # "an eight-part" -> "a six-part": the article changes with the count,
                    # so the finding claims it too
                    at = sentence.start + article.start("article")
                    old = article.group("article")
                    between = sentence.text[article.end("article") : m.start(group)]
                    new_article = _with_article(_article_for(right), old)
                    edit = Edit(at, end, new_article + between + right)
                fix: Fix | None = Fix(f"Replace with “{edit.text}”", (edit,), Applicability.UNSAFE)
                suggestions: tuple[str, ...] = ()
                message = f"{work.title} has {work.episode_count} episodes, not {written}"
            else:
                listed = ", ".join(
                    f"{w.title}: {w.episode_count}" for w in family if w.episode_count
                )
                fix, suggestions = None, (f"the knowledge lists {listed}",)
                message = f"no part of {work.title} has {written} episodes ({listed})"
            yield Finding(EPISODES, at, end, message, fix, suggestions)
