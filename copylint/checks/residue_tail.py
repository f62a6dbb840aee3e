"""Residue after (and before) the article's prose: the site's own voice and trailing lists.

Between the last paragraph of an article and the first furniture another rule
recognises, scraped pages carry text that reads like prose but is the site
talking: a newsletter form ("Sign up for our weekly briefing"), a call to
action, an author bio ("Jane Doe is a senior writer for Acme"), an
about-the-site blurb, a comment form; and lists that are not sentences at
all: other stories' headlines with no header, tag and category lines.

Two signals together make such a line furniture, neither alone:

* **position**: it lies outside the article core (the largest cluster of prose
  lines, :func:`.residue_layout.article_core`), or is one of the core's last
  (first) prose lines and itself a site-voice line: the core is peeled from its
  edges, so a newsletter box just under the last paragraph is not taken for
  the article's end;
* **shape or voice**: the site addressing the reader (second person or "we"
  plus a call-to-action word from the pack: subscribe, newsletter, inbox …),
  a bio sentence (a name, then "is a … writer/editor …"), a tag lead-in, or a
  run of headline-shaped lines.

Inside the article core the same words are the article's own (a story about a
newsletter, a quoted "sign up"): they are never judged there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .residue_claims import Claim
from .residue_layout import article_core
from .residue_lines import LineInfo, words_of
from .residue_options import alternation

#: A name opening a bio: capitalised words, initials and suffixes ("Perry Bacon Jr.").
_NAME = r"(?:[A-Z][\w'’.-]*\.?\s+){0,3}[A-Z][\w'’-]*(?:\s+(?:Jr|Sr|III|II)\.?)?"


@dataclass(frozen=True, slots=True)
class TailOptions:
    """CL317 and CL318 options compiled once (from the rule pack)."""

    address: frozenset[str] = frozenset()
    cue_re: re.Pattern[str] | None = None
    weak_re: re.Pattern[str] | None = None
    #: the first word of every cue, case-folded: a line without one has no cue
    cue_heads: frozenset[str] = frozenset()
    #: the first word of every bio verb, case-folded
    bio_heads: frozenset[str] = frozenset()
    bio_re: re.Pattern[str] | None = None
    tag_re: re.Pattern[str] | None = None
    min_points: int = 2
    min_points_unaddressed: int = 3
    short_words: int = 8
    max_voice_words: int = 80
    tail_share: float = 0.25
    tail_furniture: float = 0.5
    list_min_run: int = 3
    list_min_words: int = 4
    list_max_words: int = 20

    @classmethod
    def build(
        cls,
        notice: dict[str, object] | None,
        trailing: dict[str, object] | None,
    ) -> TailOptions:
        """Compile CL317 (``notice``) and CL318 (``trailing``) options; None = rule off."""

        def words(opts: dict[str, object] | None, key: str) -> list[str]:
            value = (opts or {}).get(key) or []
            return [str(v) for v in value] if isinstance(value, list | tuple) else []

        cues = words(notice, "cues")
        weak = words(notice, "weak_cues")
        roles = words(notice, "bio_roles")
        verbs = words(notice, "bio_verbs")
        tags = words(trailing, "tag_lead_ins")
        bio_re = None
        if roles and verbs:
            # "Perry Bacon Jr. is a senior writer for …", "Evan Halper writes about …"
            # Only the verbs and roles ignore case: the name must be capitalised.
            bio_re = re.compile(
                rf"^({_NAME})\s+(?i:{alternation(verbs)})\s+(?:\S+\s+){{0,5}}?"
                rf"(?i:{alternation(roles)})s?\b"
            )
        return cls(
            address=frozenset(w.casefold() for w in words(notice, "address_words")),
            cue_re=_words_re(cues),
            weak_re=_words_re(weak),
            cue_heads=_heads([*cues, *weak]),
            bio_heads=_heads(verbs),
            bio_re=bio_re,
            # "Tagged:", "Filed under" alone, or "Filed under budget, council" (no sentence)
            tag_re=re.compile(
                rf"^(?:{alternation(tags)})(?:\s*:.*|\s*|\s+.*[^.!?…\s])$", re.IGNORECASE
            )
            if tags
            else None,
            min_points=_int(notice, "min_points", 2),
            min_points_unaddressed=_int(notice, "min_points_unaddressed", 3),
            short_words=_int(notice, "short_words", 8),
            max_voice_words=_int(notice, "max_words", 80),
            tail_share=_num(notice, "tail_share", 0.25),
            tail_furniture=_num(notice, "tail_furniture", 0.5),
            list_min_run=_int(trailing, "min_run", 3),
            list_min_words=_int(trailing, "min_words", 4),
            list_max_words=_int(trailing, "max_words", 20),
        )


def _words_re(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """Any of ``phrases`` as whole words, ignoring case; None for no phrases."""
    if not phrases:
        return None
    return re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", re.IGNORECASE)


def _heads(phrases: Sequence[str]) -> frozenset[str]:
    """The case-folded first word of each phrase."""
    return frozenset(w[0].casefold() for p in phrases if (w := words_of(p)))


def _num(opts: dict[str, object] | None, key: str, default: float) -> float:
    value = (opts or {}).get(key, default)
    return float(value) if isinstance(value, int | float) else default


def _int(opts: dict[str, object] | None, key: str, default: int) -> int:
    value = (opts or {}).get(key, default)
    return value if isinstance(value, int) else default


def site_voice(ln: LineInfo, o: TailOptions) -> str | None:
    """Why ``ln`` is the site talking ("call to action", "author bio"), or None.

    Each distinct cue scores two points, each distinct weak cue one.  A line
    that addresses the reader ("you", "our") or is short needs ``min_points``,
    any other line ``min_points_unaddressed`` ("© … All rights reserved …
    Privacy Policy").
    """
    if not ln.n_words or ln.n_words > o.max_voice_words:
        return None
    # Performance: set lookups rule out most lines before any regex runs.
    folded = set(map(str.casefold, ln.words))
    if o.bio_re is not None and ln.starts_upper and not o.bio_heads.isdisjoint(folded):
        m = o.bio_re.match(ln.text)
        # "She is a writer" is the article's sentence: a bio names its subject.
        if m and m.group(1).split()[0].casefold() not in ln.function_words:
            return "author bio"
    if o.cue_heads.isdisjoint(folded):
        return None
    points = sum(
        weight * len({m.group(0).casefold() for m in rx.finditer(ln.text)})
        for weight, rx in ((2, o.cue_re), (1, o.weak_re))
        if rx is not None
    )
    if points >= o.min_points_unaddressed:
        return "call to action or site notice"
    if points >= o.min_points and (ln.n_words <= o.short_words or not o.address.isdisjoint(folded)):
        return "call to action or site notice"
    return None


#: A sentence ending inside a line ("… today! We hope …"): a headline is one sentence.
_INNER_STOP = re.compile(r"[^\W\d_]{2}[.!?]\s")
#: A line's punctuation, the shape records of one template share ("June 9 – Tampa @ …").
_MARKS = re.compile(r"[^\w\s'’]")


def _headline_shaped(ln: LineInfo, o: TailOptions) -> bool:
    """A title-like line: a few words, opening with a capital letter, one sentence, no period."""
    return (
        o.list_min_words <= ln.n_words <= o.list_max_words
        and ln.text[0].isalpha()
        and ln.text[0].isupper()
        and not ln.text.endswith((".", ",", ";", ":", "!"))
        and "://" not in ln.text
        and not _INNER_STOP.search(ln.text)
    )


def _records(lines: Sequence[LineInfo], run: list[int]) -> bool:
    """True when most lines of ``run`` share a first word, punctuation shape or closing mark.

    Tour dates ("June 9 – Tampa, FL @ …"), fixtures and spec rows follow one
    template: they are a table of the article's.  Other stories' headlines
    each have their own words and marks.
    """
    need = max(2, (len(run) * 3 + 4) // 5)  # three in five
    firsts = Counter(lines[i].words[0].casefold() for i in run)
    shapes = Counter("".join(_MARKS.findall(lines[i].text)) for i in run)
    shapes.pop("", None)
    # "Catherine Tate (The Catherine Tate Show, BBC Two)": a shared closing mark
    ends = Counter(lines[i].text[-1] for i in run if not lines[i].text[-1].isalnum())
    return any(c and c.most_common(1)[0][1] >= need for c in (firsts, shapes, ends))


def after_article(
    lines: Sequence[LineInfo],
    prose: Sequence[bool],
    claimed: set[int],
    o: TailOptions,
    *,
    max_gap: int,
    notice_code: str | None,
    list_code: str | None,
) -> Iterator[Claim]:
    """CL317 (site voice) and CL318 (headline and tag lists) outside the article core.

    Judged only where another rule recognised furniture (``claimed``): clean copy
    ends as its author ended it.
    """
    if not claimed or not lines:
        return
    weak = [i in claimed or (ln.n_words >= 2 and ln.sentence_end) for i, ln in enumerate(lines)]
    core = article_core(prose, weak, [ln.n_words for ln in lines], max_gap)
    if core is None:
        return
    # Performance: only the lines outside the core, and the core's edges while
    # they are site talk, are read for cues.
    voice: dict[int, str | None] = {}

    def why(i: int) -> str | None:
        if i not in voice:
            ln = lines[i]
            voice[i] = None if not notice_code or i in claimed else site_voice(ln, o)
        return voice[i]

    first, last = core
    if notice_code:
        last = _article_end(lines, prose, claimed, core, why, o)
    while last > first and (not prose[last] or why(last)):
        last -= 1
    while first < last and (not prose[first] or why(first)):
        first += 1
    outside = [i for i in [*range(first), *range(last + 1, len(lines))] if why(i)]
    for i in outside:
        yield Claim(str(notice_code), i, i, f"{voice[i]} left in the copy")
    if not list_code:
        return
    taken = claimed | set(outside)
    if o.tag_re is not None:
        for ln in lines[last + 1 :]:
            if ln.index not in taken and ln.n_words <= o.list_max_words and o.tag_re.match(ln.text):
                taken.add(ln.index)
                yield Claim(list_code, ln.index, ln.index, "tag or category line left in the copy")
    yield from _headline_runs(lines, prose, last + 1, taken, o, list_code)
    yield from _label_runs(lines, last + 1, taken, list_code)


def _article_end(
    lines: Sequence[LineInfo],
    prose: Sequence[bool],
    claimed: set[int],
    core: tuple[int, int],
    why: Callable[[int], str | None],
    o: TailOptions,
) -> int:
    """The core's last line, cut before the site's voice that ends the article.

    A comment form or a sign-up box is often followed by prose near enough to
    join the core: an about-the-site blurb, teasers of other stories.  The
    article ends before the first site-voice line after which either less than
    ``tail_share`` of the core's prose words (of lines not in the site's voice)
    remain, or the rest of the core is furniture-dense (at least
    ``tail_furniture`` of its lines recognised: teasers between their labels).
    """
    first, last = core
    words = [lines[i].n_words if prose[i] and not why(i) else 0 for i in range(first, last + 1)]
    total = sum(words)
    # Only other rules' furniture counts: an article about a newsletter has
    # several lines that sound like the site, and they must not cut it.
    furniture = [i in claimed for i in range(first, last + 1)]
    rest_furniture = sum(furniture)
    seen = 0
    for k, n in enumerate(words):
        i = first + k
        rest_furniture -= furniture[k]
        if n == 0 and why(i):
            rest = total - seen
            rest_lines = last - i
            if rest < o.tail_share * total or rest_furniture >= o.tail_furniture * rest_lines:
                return max(first, i - 1)
        seen += n
    return last


def _article_list(
    lines: Sequence[LineInfo], prose: Sequence[bool], run: list[int], taken: set[int]
) -> bool:
    """True when a run of short lines reads as the article's own list.

    An article introduces its list ("… so I'll sum them up:") or goes on after
    it: a list that the article's prose follows within a few lines is inside it
    (the core estimate stopped short).  Other stories' headlines trail the page.
    """
    if _records(lines, run):
        return True
    before = next((k for k in range(run[0] - 1, -1, -1) if k not in taken), None)
    if before is not None and lines[before].text.endswith(":"):
        return True
    after = [k for k in range(run[-1] + 1, min(len(lines), run[-1] + 4)) if k not in taken]
    return any(prose[k] for k in after)


def _headline_runs(
    lines: Sequence[LineInfo],
    prose: Sequence[bool],
    start: int,
    taken: set[int],
    o: TailOptions,
    code: str,
) -> Iterator[Claim]:
    """Runs of ``list_min_run`` or more headline-shaped lines after the article.

    Lines another rule claimed (a date under each headline) neither break nor
    lengthen a run.  A run is reported in blocks of consecutive unclaimed lines.
    """
    run: list[int] = []
    for ln in [*lines[start:], None]:
        if ln is not None and ln.index in taken:
            continue
        if ln is not None and _headline_shaped(ln, o):
            run.append(ln.index)
            continue
        if len(run) >= o.list_min_run and not _article_list(lines, prose, run, taken):
            block = [run[0]]
            for i in [*run[1:], -2]:
                if i == block[-1] + 1:
                    block.append(i)
                    continue
                yield Claim(
                    code,
                    block[0],
                    block[-1],
                    "headlines of other stories left in the copy",
                )
                block = [i]
        run = []


def _label_runs(
    lines: Sequence[LineInfo], start: int, taken: set[int], code: str
) -> Iterator[Claim]:
    """A tag list flattened one label a line: "Laptops," / "Reviews," / "Videos".

    Three or more consecutive lines of one to three words after the article,
    at least two of them ending with a comma (a sentence never breaks that way).
    """
    run: list[int] = []
    for ln in [*lines[start:], None]:
        if ln is not None and ln.index not in taken and 1 <= ln.n_words <= 3:
            run.append(ln.index)
            continue
        if len(run) >= 3 and sum(lines[i].text.endswith(",") for i in run) >= 2:
            yield Claim(code, run[0], run[-1], "tag list left in the copy")
        run = []
