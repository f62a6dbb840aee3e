"""The residue rules' options, compiled once: phrase alternations, patterns, thresholds.

:class:`ResidueOptions` is built from the rule pack (``rules/residue.yaml``)
and handed to every detector; :class:`PhraseFilter` rules out most lines
before a case-insensitive phrase alternation is tried on them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .residue_lines import LineInfo, PageLines, fold_letters, normalise


def compile_patterns(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def alternation(phrases: Sequence[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace.

    Phrases of one length go in alphabetical order: the same lists give the same
    pattern in every run, so its compiled form is found in the cache
    (:mod:`copylint.recache`).  Their order does not change what matches: two
    phrases of one length that match at one place match the same text.
    """
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@dataclass(frozen=True, slots=True)
class PhraseFilter:
    """A quick test that rules out a case-insensitive phrase alternation on most lines.

    Performance (issue 7): Python's regex engine tries a case-insensitive
    alternation at every position of the text, which costs more than all the
    other residue rules together.  Every match of a phrase contains the phrase's
    runs of ASCII letters, so a text whose folded form (:func:`fold_letters`)
    lacks them cannot match: one test rules out most documents, and in the
    others the regex runs only on the lines that have them.
    """

    #: per phrase, its runs of ASCII letters, lowercased, longest (rarest) first
    runs: tuple[tuple[str, ...], ...]
    #: the distinct first (longest) runs; "" for a phrase without runs
    leads: tuple[str, ...]

    @classmethod
    def of(cls, phrases: Sequence[str]) -> PhraseFilter:
        """The filter for the phrases an :func:`alternation` was built from."""
        runs = tuple(
            tuple(sorted(re.findall("[a-z]+", p.lower()), key=len, reverse=True)) for p in phrases
        )
        # A blank phrase has no runs: it may match anything, as its empty regex
        # does, and so does its lead "" (in every text).
        return cls(runs, tuple(dict.fromkeys(r[0] if r else "" for r in runs)))

    def may_match(self, text: str) -> bool:
        """False when no phrase can match anywhere in ``text``."""
        return self._may_match_folded(fold_letters(text))

    def _may_match_folded(self, folded: str) -> bool:
        """:meth:`may_match` on a text already folded (:func:`fold_letters`)."""
        # Performance (issue 7): most texts lack every phrase's longest run;
        # filter() tests them all in C before any phrase is tested run by run.
        present = set(filter(folded.__contains__, self.leads))
        if not present:
            return False
        # (issue 19) Only the phrases whose longest run is there are read further:
        # a news page holds "content" or "published" often enough.
        return any(
            (not runs or runs[0] in present) and all(run in folded for run in runs[1:])
            for runs in self.runs
        )

    def lines(self, lines: Sequence[LineInfo]) -> set[int]:
        """Indexes of the lines some phrase may match."""
        page = (
            lines.folded()
            if isinstance(lines, PageLines)
            else fold_letters("\n".join([ln.text for ln in lines]))
        )
        if not self._may_match_folded(page):
            return set()
        return {ln.index for ln in lines if self.may_match(ln.text)}


def _sentence_starts(phrases: Sequence[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per mark of ``.!?``, a pattern for a sentence start where one of ``phrases`` may begin.

    A sentence starts after the mark and white space, at a capital A-Z; only
    the capitals that a phrase's first character matches case-insensitively
    (as the phrase alternation's engine decides) can begin one of the phrases.
    Performance (issue 19): a pattern led by one literal character is searched
    for far faster than one led by a class of three.
    """
    firsts = {p.strip()[0] for p in phrases if p.strip()}
    capitals = "".join(
        c
        for c in string.ascii_uppercase
        if any(re.fullmatch(re.escape(f), c, re.IGNORECASE) for f in firsts)
    )
    if not capitals:
        return ()
    return tuple((mark, re.compile(rf"{re.escape(mark)}\s+[{capitals}]")) for mark in ".!?")


def _label_ends(labels: Sequence[str]) -> tuple[str, ...]:
    """What a line must end with for one of ``labels`` (maybe with a full stop) to end it.

    Performance (issue 7): a search anchored at the line's end still tries
    every position of the line; ``str.endswith`` rules most lines out first.
    """
    # A blank label may leave the alternation empty, which matches anywhere: "" ends every line.
    lasts = {p.split()[-1] if p.strip() else "" for p in labels}
    return tuple(sorted(lasts | {last + "." for last in lasts}))


@dataclass
class ResidueOptions:
    """Phrase lists and thresholds for every residue detector, compiled once."""

    function_words: frozenset[str] = frozenset()
    ui_phrases: frozenset[str] = frozenset()
    ui_embedded: re.Pattern[str] | None = None
    ui_embedded_filter: PhraseFilter = PhraseFilter((), ())
    ui_patterns: re.Pattern[str] | None = None
    related_re: re.Pattern[str] | None = None
    list_headers: frozenset[str] = frozenset()
    list_header_re: re.Pattern[str] | None = None
    caption_re: re.Pattern[str] | None = None
    caption_tail_re: re.Pattern[str] | None = None
    credit_tail_re: re.Pattern[str] | None = None
    teaser_tag_re: re.Pattern[str] | None = None
    credit_re: re.Pattern[str] | None = None
    #: CL303: a credit label leading a long line, the caption it runs into
    caption_credit_re: re.Pattern[str] | None = None
    credit_inline_re: re.Pattern[str] | None = None
    #: CL304: per sentence-ending mark, where a sentence starts after it with a
    #: capital that a credit lead-in can start with (". C"), see inline_credits
    credit_inline_starts: tuple[tuple[str, re.Pattern[str]], ...] = ()
    agency_re: re.Pattern[str] | None = None
    embed_re: re.Pattern[str] | None = None
    embed_filter: PhraseFilter = PhraseFilter((), ())
    collapse_re: re.Pattern[str] | None = None
    expand_re: re.Pattern[str] | None = None
    #: a two-word expand label after a sentence's end: "… this week. Read more"
    expand_after_stop_re: re.Pattern[str] | None = None
    #: line endings without which collapse_re / expand_re cannot match
    collapse_ends: tuple[str, ...] = ()
    expand_ends: tuple[str, ...] = ()
    byline_re: re.Pattern[str] | None = None
    byline_alone_re: re.Pattern[str] | None = None
    date_re: re.Pattern[str] | None = None
    date_filler: frozenset[str] = frozenset()
    social: frozenset[str] = frozenset()
    copyright_re: re.Pattern[str] | None = None
    #: CL311: the wire agencies' names, each mapped to its agency's first name
    wire_agency: Mapping[str, str] = field(default_factory=dict)
    #: a dateline crediting a wire agency: "ST. JOSEPH, Mich. (AP) —"
    wire_dateline_re: re.Pattern[str] | None = None
    #: a notice naming nothing but a wire agency: "© Reuters", "© 2019 Associated Press."
    wire_notice_re: re.Pattern[str] | None = None
    menu_min_run: int = 4
    #: a row of fixtures or results: "Arsenal v Stoke" (CL313's record separators)
    record_row_re: re.Pattern[str] | None = None
    template_min_records: int = 3
    template_max_record_lines: int = 8
    #: a reply cue ending a comment header ("said:", "| Reply"), CL316
    reply_cue_re: re.Pattern[str] | None = None
    #: a reply cue with its colon anywhere in a line ("Jane says: May 2, 2020"), CL316
    reply_cue_colon_re: re.Pattern[str] | None = None
    #: CL304: function words of noun-capitalising languages, case-folded
    noun_capitalising: frozenset[str] = frozenset()
    #: the cues' last words, case-folded: what a line's key ends with when it has a cue
    reply_cue_ends: tuple[str, ...] = ()
    #: lines a comment may take between two comment headers, CL316
    max_comment_lines: int = 12
    caps_min_words: int = 7
    prose_min_words: int = 10
    prose_min_function_share: float = 0.15

    @classmethod
    def build(cls, opts: Mapping[str, Mapping[str, Any]]) -> ResidueOptions:
        """Compile the options of each residue rule (keyed by rule code, missing = off)."""

        def get(code: str, key: str) -> list[str]:
            value = opts.get(code, {}).get(key, [])
            return [str(v) for v in value] if isinstance(value, list) else []

        o = cls()
        o.function_words = frozenset(w.casefold() for w in get("CL314", "function_words"))
        o.ui_phrases = frozenset(normalise(p) for p in get("CL301", "phrases"))
        emb = get("CL301", "embedded")
        o.ui_embedded = re.compile(alternation(emb), re.IGNORECASE) if emb else None
        o.ui_embedded_filter = PhraseFilter.of(emb)
        o.ui_patterns = compile_patterns([rf"^(?:{p})$" for p in get("CL301", "patterns")])
        tags = get("CL302", "tail_tags")
        if tags:
            o.teaser_tag_re = re.compile(rf"\[\s*(?:{alternation(tags)})\s*\]$", re.I)
        leads = get("CL302", "lead_ins")
        if leads:
            o.related_re = re.compile(
                rf"^[\[(]?\s*(?:{alternation(leads)})\s*[:|»›>]\s*\S", re.IGNORECASE
            )
        o.list_headers = frozenset(normalise(p) for p in get("CL307", "headers"))
        o.list_header_re = compile_patterns(
            [rf"^(?:{p})$" for p in get("CL307", "header_patterns")]
        )
        cap = get("CL303", "lead_ins")
        if cap:
            o.caption_re = re.compile(rf"^(?:{alternation(cap)})\b\s*[:\-–—]?\s*\S", re.I)
        # CL303 recognises a caption by the credit at its end with its own lists
        # (credit-agencies, credit-labels), not CL304's: each rule owns its options.
        tail_agencies = get("CL303", "credit_agencies")
        if tail_agencies:
            # A caption ending in a parenthesised credit: "... (AP Photo/Jane Doe)".
            o.caption_tail_re = re.compile(
                rf"\((?:[^()]*(?<![\w-])(?:{alternation(tail_agencies)})(?![\w-])[^()]*"
                rf"|[^()\s/]+(?:/[^()\s/]+)+)\)\s*$"
            )
        tail_labels = get("CL303", "credit_labels")
        if tail_labels:
            # A caption ending in "(Image: GETTY)" or "(Photo by Jane Doe)", or
            # glued to its credit: "… on Monday.Credit...Jane Doe/Agency".
            # (_credit_tail() tests for the ")" or "Credit" this needs first.)
            o.credit_tail_re = re.compile(
                rf"(?i:\((?:{alternation(tail_labels)})\s*[:\-–—]?\s*[^()]{{1,60}}\))\s*$"
                rf"|Credit(?:\.\.\.|…|:)\s*[A-Z][^.]{{0,60}}$"
            )
            o.caption_credit_re = re.compile(
                rf"^(?:{alternation(tail_labels)})(?:\s*[:\-–—]\s*|\s+)\S", re.I
            )
        agencies = get("CL304", "agencies")
        if agencies:
            o.agency_re = re.compile(rf"(?<![\w-])(?:{alternation(agencies)})(?![\w-])")
        credit = get("CL304", "lead_ins")
        if credit:
            o.credit_re = re.compile(rf"^(?:{alternation(credit)})(?:\s*[:\-–—]\s*|\s+)\S", re.I)
            # The same lead-ins opening a sentence inside a line (class 11), matched
            # where a sentence starts.
            o.credit_inline_re = re.compile(
                rf"((?:{alternation(credit)}))(?:\s*[:\-–—]\s*|\s+)(?=[A-Z])",
                re.IGNORECASE,
            )
            o.credit_inline_starts = _sentence_starts(credit)
        embed = get("CL305", "lead_ins")
        if embed:
            o.embed_re = re.compile(rf"(?:{alternation(embed)})\s+", re.IGNORECASE)
            o.embed_filter = PhraseFilter.of(embed)
        collapse, expand = get("CL306", "collapse_words"), get("CL306", "expand_words")
        if collapse:
            # (?<!\S): \S+ starts only at a word's start, else a long word costs O(n²).
            o.collapse_re = re.compile(rf"(?<!\S)(\S+)(\s+(?:{alternation(collapse)})\.?)$")
            o.collapse_ends = _label_ends(collapse)
        if expand:
            o.expand_re = re.compile(rf"\s*(?:…|\.\.\.)\s*(?:{alternation(expand)})\.?$")
            o.expand_ends = _label_ends(expand)
            labels = [w for w in expand if len(w.split()) >= 2]
            if labels:
                o.expand_after_stop_re = re.compile(
                    rf"(?<=[.!?\"”’)])\s+(?:{alternation(labels)})[.…]?$", re.IGNORECASE
                )
        by = get("CL308", "lead_ins")
        if by:
            o.byline_re = re.compile(rf"^(?:{alternation(by)})\s+\S", re.IGNORECASE)
            # "By" on a line of its own, the name on the next (class 8)
            o.byline_alone_re = re.compile(rf"^(?:{alternation(by)})\s*:?$", re.IGNORECASE)
        months = get("CL309", "months")
        if months:
            o.date_re = re.compile(
                "|".join(
                    [
                        rf"(?<!\w)(?:{alternation(months)})\.?(?!\w)",
                        r"\b\d{1,2}:\d{2}(?::\d{2})?",
                        r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}\b",
                        *get("CL309", "patterns"),
                    ]
                ),
                re.IGNORECASE,
            )
        o.date_filler = frozenset(w.casefold() for w in get("CL309", "filler"))
        o.social = frozenset(normalise(p) for p in get("CL310", "networks"))
        cr = get("CL311", "patterns")
        o.copyright_re = compile_patterns([rf"^(?:{p})" for p in cr])
        wire = {
            name.strip().casefold(): group.split("|")[0].strip().casefold()
            for group in get("CL311", "wire_agencies")
            for name in group.split("|")
            if name.strip()
        }
        if wire:
            o.wire_agency = wire
            names = alternation(list(wire))
            # A dateline: a short place (maybe a date) and the agency in brackets at a
            # paragraph's start, then a dash.
            o.wire_dateline_re = re.compile(
                rf"^[^\n()]{{0,60}}\((?P<agency>{names})\)\s*[-–—]", re.IGNORECASE
            )
            o.wire_notice_re = re.compile(
                rf"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{{4}}\s*)?(?:the\s+)?"
                rf"(?P<agency>{names})(?:,?\s+\d{{4}})?\.?(?:\s+all rights reserved\b.*)?$",
                re.IGNORECASE,
            )
        o.noun_capitalising = frozenset(
            w.casefold() for w in get("CL304", "noun_capitalising_words")
        )
        cues = get("CL316", "reply_cues")
        if cues:
            o.reply_cue_re = re.compile(rf"(?<!\w)(?:{alternation(cues)})\s*:?$", re.IGNORECASE)
            o.reply_cue_colon_re = re.compile(
                rf"(?<!\w)(?:{alternation(cues)})\s*:(?!\S)", re.IGNORECASE
            )
            o.reply_cue_ends = tuple(sorted({normalise(c).split()[-1] for c in cues if c.strip()}))
        o.max_comment_lines = int(opts.get("CL316", {}).get("max_comment_lines", 12))
        layout = opts.get("CL314", {})
        o.prose_min_words = int(layout.get("prose_min_words", 10))
        o.prose_min_function_share = float(layout.get("prose_min_function_share", 0.15))
        o.caps_min_words = int(opts.get("CL315", {}).get("min_words", 7))
        o.menu_min_run = int(opts.get("CL313", {}).get("menu_min_run", 4))
        separators = get("CL313", "record_separators")
        if separators:
            # A name of one to four words on each side of one separator, no sentence
            # ("Milton Keynes Dons v Peterborough"); a headline's halves are longer.
            side = r"[\w(][^\s.!?]*(?:\s[^\s.!?]+){0,3}"
            o.record_row_re = re.compile(rf"^{side}\s(?:{alternation(separators)})\s{side}$")
        o.template_min_records = int(opts.get("CL312", {}).get("template_min_records", 3))
        o.template_max_record_lines = int(opts.get("CL312", {}).get("template_max_record_lines", 8))
        return o
