"""Line-level residue detectors: each looks at the lines of one document and claims some.

A detector is a function ``(lines, opts) -> Iterator[Claim]``.  It knows one
kind of page furniture (a UI phrase, a caption, a byline …) and reads its
phrase lists and patterns from :class:`ResidueOptions`, which the check builds
from the rule pack.  Detectors never build findings or edits; the check does
that once, so every rule deletes lines the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import filterfalse
from typing import Any

from .residue_lines import LineInfo, normalise


@dataclass(frozen=True, slots=True)
class Claim:
    """A detector's verdict: lines ``first..last`` (or a span inside one line) are residue.

    ``start``/``end`` are set when only part of a line is residue; ``safe``
    says whether deleting it is certain enough for ``--fix``.
    """

    code: str
    first: int
    last: int
    message: str
    safe: bool = False
    start: int | None = None
    end: int | None = None
    #: replacement text for a span claim ("" deletes)
    text: str = ""
    #: lines the fix deletes, when wider than the claim (a caption with its credit)
    fix_lines: tuple[int, int] | None = None


def _compile_patterns(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _alternation(phrases: Sequence[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


#: The characters other than A-Z that a case-insensitive regex letter matches
#: (Python's re folds "ı" and "İ" to "i", "ſ" to "s" and the Kelvin sign to "k").
_ODD_LETTERS = (("ı", "i"), ("İ", "i"), ("ſ", "s"), ("\u212a", "k"))


def fold_letters(text: str) -> str:
    """``text`` lowercased so that every case-insensitive match of a-z reads as a-z."""
    if text.isascii():  # (a constant-time test) no odd letter to look for
        return text.lower()
    for odd, plain in _ODD_LETTERS:
        if odd in text:
            text = text.replace(odd, plain)
    return text.lower()


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
        """The filter for the phrases an :func:`_alternation` was built from."""
        runs = tuple(
            tuple(sorted(re.findall("[a-z]+", p.lower()), key=len, reverse=True)) for p in phrases
        )
        # A blank phrase has no runs: it may match anything, as its empty regex
        # does, and so does its lead "" (in every text).
        return cls(runs, tuple(dict.fromkeys(r[0] if r else "" for r in runs)))

    def may_match(self, text: str) -> bool:
        """False when no phrase can match anywhere in ``text``."""
        folded = fold_letters(text)
        # Performance (issue 7): most texts lack every phrase's longest run;
        # map() tests them all in C before any phrase is tested run by run.
        if not any(map(folded.__contains__, self.leads)):
            return False
        return any(all(run in folded for run in runs) for runs in self.runs)

    def lines(self, lines: Sequence[LineInfo]) -> set[int]:
        """Indexes of the lines some phrase may match."""
        if not self.may_match("\n".join([ln.text for ln in lines])):
            return set()
        return {ln.index for ln in lines if self.may_match(ln.text)}


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
    agency_re: re.Pattern[str] | None = None
    embed_re: re.Pattern[str] | None = None
    embed_filter: PhraseFilter = PhraseFilter((), ())
    collapse_re: re.Pattern[str] | None = None
    expand_re: re.Pattern[str] | None = None
    #: line endings without which collapse_re / expand_re cannot match
    collapse_ends: tuple[str, ...] = ()
    expand_ends: tuple[str, ...] = ()
    byline_re: re.Pattern[str] | None = None
    date_re: re.Pattern[str] | None = None
    date_filler: frozenset[str] = frozenset()
    social: frozenset[str] = frozenset()
    copyright_re: re.Pattern[str] | None = None
    menu_min_run: int = 4
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
        o.ui_embedded = re.compile(_alternation(emb), re.IGNORECASE) if emb else None
        o.ui_embedded_filter = PhraseFilter.of(emb)
        o.ui_patterns = _compile_patterns([rf"^(?:{p})$" for p in get("CL301", "patterns")])
        tags = get("CL302", "tail_tags")
        if tags:
            o.teaser_tag_re = re.compile(rf"\[\s*(?:{_alternation(tags)})\s*\]$", re.I)
        leads = get("CL302", "lead_ins")
        if leads:
            o.related_re = re.compile(
                rf"^[\[(]?\s*(?:{_alternation(leads)})\s*[:|»›>]\s*\S", re.IGNORECASE
            )
        o.list_headers = frozenset(normalise(p) for p in get("CL307", "headers"))
        o.list_header_re = _compile_patterns(
            [rf"^(?:{p})$" for p in get("CL307", "header_patterns")]
        )
        cap = get("CL303", "lead_ins")
        if cap:
            o.caption_re = re.compile(rf"^(?:{_alternation(cap)})\b\s*[:\-–—]?\s*\S", re.I)
        agencies = get("CL304", "agencies")
        if agencies:
            o.agency_re = re.compile(rf"(?<![\w-])(?:{_alternation(agencies)})(?![\w-])")
            # A caption ending in a parenthesised credit: "... (AP Photo/Jane Doe)".
            o.caption_tail_re = re.compile(
                rf"\((?:[^()]*(?<![\w-])(?:{_alternation(agencies)})(?![\w-])[^()]*"
                rf"|[^()\s/]+(?:/[^()\s/]+)+)\)\s*$"
            )
        credit = get("CL304", "lead_ins")
        if credit:
            # A caption ending in "(Image: GETTY)" or "(Photo by Jane Doe)", or
            # glued to its credit: "… on Monday.Credit...Jane Doe/Agency".
            # (_credit_tail() tests for the ")" or "Credit" this needs first.)
            o.credit_tail_re = re.compile(
                rf"(?i:\((?:{_alternation(credit)})\s*[:\-–—]?\s*[^()]{{1,60}}\))\s*$"
                rf"|Credit(?:\.\.\.|…|:)\s*[A-Z][^.]{{0,60}}$"
            )
            o.credit_re = re.compile(rf"^(?:{_alternation(credit)})(?:\s*[:\-–—]\s*|\s+)\S", re.I)
        embed = get("CL305", "lead_ins")
        if embed:
            o.embed_re = re.compile(rf"(?:{_alternation(embed)})\s+", re.IGNORECASE)
            o.embed_filter = PhraseFilter.of(embed)
        collapse, expand = get("CL306", "collapse_words"), get("CL306", "expand_words")
        if collapse:
            # (?<!\S): \S+ starts only at a word's start, else a long word costs O(n²).
            o.collapse_re = re.compile(rf"(?<!\S)(\S+)(\s+(?:{_alternation(collapse)})\.?)$")
            o.collapse_ends = _label_ends(collapse)
        if expand:
            o.expand_re = re.compile(rf"\s*(?:…|\.\.\.)\s*(?:{_alternation(expand)})\.?$")
            o.expand_ends = _label_ends(expand)
        by = get("CL308", "lead_ins")
        if by:
            o.byline_re = re.compile(rf"^(?:{_alternation(by)})\s+\S", re.IGNORECASE)
        months = get("CL309", "months")
        if months:
            o.date_re = re.compile(
                "|".join(
                    [
                        rf"(?<!\w)(?:{_alternation(months)})\.?(?!\w)",
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
        o.copyright_re = _compile_patterns([rf"^(?:{p})" for p in cr])
        layout = opts.get("CL314", {})
        o.prose_min_words = int(layout.get("prose_min_words", 10))
        o.prose_min_function_share = float(layout.get("prose_min_function_share", 0.15))
        o.caps_min_words = int(opts.get("CL315", {}).get("min_words", 7))
        o.menu_min_run = int(opts.get("CL313", {}).get("menu_min_run", 4))
        return o


# --------------------------------------------------------------------- helpers
#: A lowercase identifier joined by - _ / + (CSS classes, MIME types): never prose.
_MACHINE_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:[-_/+][a-z0-9]+)+")

#: One or more capitalised words: a name ("Jane Doe", "Getty Images").
_CAP_WORDS = r"[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)*"

# Patterns the detectors use on many lines, compiled once.
#: A headline cut off mid-word by a teaser box: "Police chase ends at airp..."
_TRUNCATED = re.compile(r"[^.!?]*\w(?:\.\.\.|…)")
#: A "Jane Doe/Agency Name" credit.
_SLASHED_CREDIT = re.compile(rf"{_CAP_WORDS}(?:/{_CAP_WORDS})+")
#: Closing punctuation, maybe inside a closing quote.
_CLOSED = re.compile(r"[.!?][\"”’]?$")
#: Two to four capitalised words and a separator: "Jane Doe - Nov 19, 2019".
_NAME_THEN_SEPARATOR = re.compile(r"^[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){1,3}\s*[-–—|,]\s")
#: "@handle" or an author box's "News reporter @handle".
_HANDLES = re.compile(r"(?:[\w’'.\-]+ ){0,4}@\w+(?:\s+@\w+)*")
#: The buttons of a share bar glued together: "FacebookTwitterEmail".
_GLUED_BUTTON = re.compile(r"[A-Z]?[a-z+]+|[A-Z]+(?![a-z])|\d+")
#: What makes a date a timestamp: a year, a clock time or an "ago".
_STAMP = re.compile(r"\b(?:1[89]|20)\d\d\b|\d:\d\d|\bago\b", re.IGNORECASE)
#: A price, a phone number or a "label: value" pair: a fact box, not a menu.
_NOT_MENU_ITEM = re.compile(r"[:@/]|\d[\d,.]*\s*[^\w\s]|[^\w\s]\s*\d|\d{3}")


def _whole(code: str, ln: LineInfo, message: str, safe: bool = False) -> Claim:
    return Claim(code, ln.index, ln.index, message, safe)


def _headline_like(ln: LineInfo, max_words: int = 24) -> bool:
    """A short title-ish line: a link text, headline or teaser (no sentence period)."""
    return 1 <= ln.n_words <= max_words and not ln.text.endswith(".") and ln.starts_upper


# --------------------------------------------------------------------- detectors
def ui_phrases(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL301: a line that is a known UI phrase, or carries one glued inside it."""
    embedded = o.ui_embedded_filter.lines(lines) if o.ui_embedded else set()
    for ln in lines:
        if ln.key in o.ui_phrases or (o.ui_patterns and o.ui_patterns.match(ln.key)):
            yield _whole("CL301", ln, f"page furniture: “{ln.text[:60]}”", safe=True)
            continue
        if len(ln.text) >= 8 and _MACHINE_TOKEN.fullmatch(ln.text):
            # "medium-wide-browser", "image/svg+xml": a CSS class or MIME type
            yield _whole("CL301", ln, f"markup token left in the copy: “{ln.text[:60]}”")
            continue
        if o.ui_embedded is None or ln.index not in embedded:
            continue
        m = o.ui_embedded.search(ln.text)
        if not m:
            continue
        rest = (ln.text[: m.start()] + " " + ln.text[m.end() :]).strip()
        rest_words = len(re.findall(r"\w+", rest))
        if rest_words <= 4 and not re.search(r"[.!?]\s", rest):
            yield _whole("CL301", ln, f"page furniture: “{m.group(0)}”", safe=True)
        else:
            s, e = ln.start + m.start(), ln.start + m.end()
            # Take trailing spaces too, so no double space is left behind.
            while e < ln.end and ln.text[e - ln.start] == " ":
                e += 1
            yield Claim("CL301", ln.index, ln.index, f"page furniture: “{m.group(0)}”", True, s, e)


def related_links(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL302: a "Related: …" / "Read more: …" link line."""
    if o.related_re is None:
        return
    for ln in lines:
        if ln.n_words <= 30 and o.related_re.match(ln.text):
            yield _whole("CL302", ln, "related-story link left in the copy")
        elif ln.n_words <= 30 and o.teaser_tag_re and o.teaser_tag_re.search(ln.text):
            yield _whole("CL302", ln, "teaser headline of another story left in the copy")
        elif (
            6 <= ln.n_words <= 20
            # Performance (issue 7): rule out the lines that cannot match before
            # the pattern backtracks through them.
            and ln.text.endswith(("...", "…"))
            and _TRUNCATED.fullmatch(ln.text)
        ):
            # A headline cut off mid-word by a teaser box: "Police chase ends at airp..."
            yield _whole("CL302", ln, "truncated teaser headline left in the copy")


def link_lists(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL307: a "Related stories" / "Most popular" header and the headlines listed under it."""
    max_items = 12
    for ln in lines:
        if ln.key not in o.list_headers and not (
            o.list_header_re and ln.n_words <= 6 and o.list_header_re.match(ln.key)
        ):
            continue
        last = ln.index
        for nxt in lines[ln.index + 1 : ln.index + 1 + max_items]:
            if _headline_like(nxt, 20) or nxt.text.isdigit():
                last = nxt.index
            else:
                break
        yield Claim("CL307", ln.index, last, f"link list “{ln.text}” left in the copy")


def credits_and_captions(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL303 captions and CL304 photo credits, which usually come as a pair."""
    credit_idx: set[int] = set()
    caption_idx: set[int] = set()
    for ln in lines:
        if o.caption_re and ln.n_words <= 60 and o.caption_re.match(ln.text):
            caption_idx.add(ln.index)
        elif _is_credit(ln, o):
            credit_idx.add(ln.index)
        elif ln.n_words <= 60 and (
            (o.caption_tail_re and o.caption_tail_re.search(ln.text))
            or _credit_tail(ln, o)
            # "© Jane Doe Protesters gather outside …": a credit that runs into its caption
            or (o.credit_re and o.credit_re.match(ln.text) and ln.n_words > 12)
        ):
            caption_idx.add(ln.index)
    # A short proper-name line between a caption-like line and the prose that
    # follows is the picture's credit ("Paramount Pictures" under the caption).
    for ln in lines:
        i = ln.index
        if i in credit_idx or i in caption_idx or i == 0:
            continue
        prev = lines[i - 1]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            _name_like(ln)
            and _caption_like(prev)
            and prev.index not in credit_idx
            and (nxt is None or (nxt.n_words >= 10 and nxt.sentence_end))
        ):
            credit_idx.add(i)
            caption_idx.add(prev.index)
    # The line above a credit is its caption, unless the credit heads a caption
    # of its own below it ("Image copyright X" / "Image caption …") or the line
    # above reads as a paragraph.
    for i in sorted(credit_idx):
        if i == 0 or i - 1 in credit_idx or i + 1 in caption_idx:
            continue
        above = lines[i - 1]
        if above.n_words > 45 or above.text[0] in "([":
            continue
        if o.related_re and o.related_re.match(above.text):
            continue
        # Under a finished sentence only a "Name/Agency" credit makes it a caption:
        # a labelled credit ("Photo: …") may belong to a picture without one, and
        # a bare agency name is the article's sign-off.
        slashed = "/" in lines[i].text and not (o.credit_re and o.credit_re.match(lines[i].text))
        if above.sentence_end and (above.n_words > 25 or not slashed):
            continue
        caption_idx.add(above.index)
    # A caption and the credit under it go together: each one's fix deletes both,
    # so fixing one does not leave the other undetectable.
    pairs = {i: (i, i + 1) for i in caption_idx if i + 1 in credit_idx}
    pairs.update({i: (i - 1, i) for i in credit_idx if i - 1 in caption_idx})
    for i in sorted(caption_idx - credit_idx):
        yield Claim("CL303", i, i, "photo caption left in the copy", fix_lines=pairs.get(i))
    for i in sorted(credit_idx):
        yield Claim(
            "CL304",
            i,
            i,
            f"photo credit left in the copy: “{lines[i].text[:40]}”",
            fix_lines=pairs.get(i),
        )


def _credit_tail(ln: LineInfo, o: ResidueOptions) -> bool:
    """A caption ending in its credit: "… (Image: GETTY)", "… Monday.Credit...Jane Doe"."""
    # Performance (issue 7): the unanchored search costs more than the other
    # caption tests together; a (stripped) line it can match ends with ")" or
    # holds "Credit".
    if o.credit_tail_re is None or not (ln.text.endswith(")") or "Credit" in ln.text):
        return False
    return bool(o.credit_tail_re.search(ln.text))


def _is_credit(ln: LineInfo, o: ResidueOptions) -> bool:
    """A picture credit on its own line: labelled, naming an agency, or "Name/Agency"."""
    if ln.n_words > 12 or (o.copyright_re and o.copyright_re.match(ln.text)):
        return False
    if o.credit_re and o.credit_re.match(ln.text):
        return True
    if ln.n_words <= 8 and not ln.sentence_end and o.agency_re and o.agency_re.search(ln.text):
        return ln.capitalised_share >= 0.6
    # "Jane Doe/Agency Name" style credits
    return bool(ln.n_words <= 8 and _SLASHED_CREDIT.fullmatch(ln.text))


def _name_like(ln: LineInfo) -> bool:
    """1-5 capitalised words, not all in capitals: an organisation or person name."""
    if not 1 <= ln.n_words <= 5 or ln.sentence_end or "_" in ln.text or not ln.text[0].isalpha():
        return False
    small = {"of", "and", "the", "via", "for", "de", "van", "von", "&"}
    return (
        ln.words[0][0].isupper()
        and all(w[0].isupper() or w.casefold() in small for w in ln.words)
        and any(ch.islower() for ch in ln.text)
    )


def _caption_like(ln: LineInfo) -> bool:
    """A descriptive line with no closing punctuation, as picture captions are written."""
    return (
        8 <= ln.n_words <= 45
        and ln.text[0] not in "\"“‘'«„"
        and not ln.sentence_end
        and ln.starts_upper
        and ln.function_share >= 0.1
        and not _CLOSED.search(ln.text)
    )


def embed_credits(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL305: "Released with permission from X" left by an embedded video player."""
    if o.embed_re is None:
        return
    candidates = o.embed_filter.lines(lines)
    for ln in lines:
        if ln.index not in candidates:
            continue
        for m in o.embed_re.finditer(ln.text):
            name = re.match(
                r"(?:[A-Z][\w&'’.\-]*?(?=[A-Z][a-z])|[A-Z][\w&'’.\-]*)"
                r"(?:\s+(?:[A-Z][\w&'’.\-]*?(?=[A-Z][a-z])|[A-Z][\w&'’.\-]*))*",
                ln.text[m.end() :],
            )
            end = m.end() + (name.end() if name else 0)
            s = m.start()
            if end < len(ln.text) and ln.text[end] == ".":
                end += 1
            if end >= len(ln.text):
                # At the line's end: take the space before it instead of leaving it dangling.
                while s > 0 and ln.text[s - 1] == " ":
                    s -= 1
            elif ln.text[end] == " ":
                while end < len(ln.text) and ln.text[end] == " ":
                    end += 1
            if s == 0 and end >= len(ln.text):
                yield _whole("CL305", ln, "embedded-video credit left in the copy", safe=True)
            else:
                yield Claim(
                    "CL305",
                    ln.index,
                    ln.index,
                    "embedded-video credit left in the copy",
                    True,
                    ln.start + s,
                    ln.start + end,
                )


def toggle_stubs(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL306: the label of a collapsed "Show less"/"more" toggle left at a line's end."""
    for ln in lines:
        if ln.n_words < 6:
            continue
        span = m = None
        if o.collapse_re and ln.text.endswith(o.collapse_ends):
            m = o.collapse_re.search(ln.text)
        # After a number, a capitalised word or a closing mark, "less" cannot be the
        # sentence's own word ("... Part 1 less.", "... in 2019. less").
        if m and _stub_after(m.group(1), ln.text[: m.start(1)]):
            span = m.span(2)
        elif o.expand_re and ln.text.endswith(o.expand_ends):
            m = o.expand_re.search(ln.text)
            if m:
                span = m.span()
        if span:
            stub = ln.text[span[0] : span[1]]
            before = ln.text[: span[0]].rstrip()
            # "… Part 1 less." keeps its full stop: the label goes, the period stays.
            keep = "." if stub.endswith(".") and before and before[-1].isalnum() else ""
            yield Claim(
                "CL306",
                ln.index,
                ln.index,
                "toggle label left at the end of the line",
                False,
                ln.start + span[0],
                ln.start + span[1],
                keep,
            )


def _stub_after(prev: str, before: str) -> bool:
    """True when a trailing "less" after the word ``prev`` cannot be the sentence's own.

    After a closing mark, a capitalised word or a numbered title ("Part 1"),
    it is a toggle's label; after "$60" or "ten" it is English ("$60 less").
    """
    if prev[-1] in '.!?”"’)' or prev[0].isupper():
        return True
    words = before.split()
    return prev.isdigit() and bool(words) and words[-1][0].isupper()


def bylines(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL308: a byline ("By Jane Doe", "Jane Doe - Nov 19, 2019")."""
    for ln in lines:
        if ln.n_words > 16 or (ln.text.endswith(".") and not ln.text.endswith((".m.", ".M."))):
            continue
        if o.byline_re and o.byline_re.match(ln.text):
            rest = ln.words[1:]
            named = sum(1 for w in rest if w[0].isupper() or w[0].isdigit())
            if rest and named >= max(1, len(rest) // 2):
                yield _whole("CL308", ln, "byline left in the copy")
                continue
        if o.date_re and _NAME_THEN_SEPARATOR.match(ln.text):
            if o.date_re.search(ln.text):
                yield _whole("CL308", ln, "byline left in the copy")
        elif _HANDLES.fullmatch(ln.text):
            # "@handle" or an author box's "News reporter @handle"
            yield _whole("CL308", ln, "social-media handle left in the copy")


def timestamps(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL309: a line that is only a date, time or "updated" stamp."""
    if o.date_re is None:
        return
    for ln in lines:
        # Performance (issue 7): the stamp is rarer and cheaper to look for than
        # a date, so it is looked for first.
        if ln.n_words > 16 or not _STAMP.search(ln.text) or not o.date_re.search(ln.text):
            continue
        rest = o.date_re.sub(" ", ln.text)
        left = [w for w in re.findall(r"[^\W\d_]+", rest) if w.casefold() not in o.date_filler]
        # A stamp has a year, a clock time or an "ago"; weekday ranges are opening hours.
        if len(left) <= 1 and not ln.text.endswith("."):
            yield _whole("CL309", ln, f"timestamp left in the copy: “{ln.text[:40]}”")
        elif (
            not ln.sentence_end
            and ln.function_share < 0.2
            and re.search(r"[|/•·]|\bby\b|\bupdated\b", rest, re.IGNORECASE)
        ):
            # A dateline: a stamp with a byline, source or section after a separator
            # ("Last Updated : Nov 20, 2019 01:41 PM IST | Source: Example.com").
            yield _whole("CL309", ln, f"dateline left in the copy: “{ln.text[:40]}”")


def share_bars(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL310: a line made of social-network names (a share or follow bar)."""
    if not o.social:
        return
    for ln in lines:
        if not ln.words or ln.n_words > 16:
            continue
        key = ln.key
        if key in o.social:
            yield _whole("CL310", ln, f"share button “{ln.text}” left in the copy", safe=True)
            continue
        # "FacebookTwitterEmail": a bar whose buttons were glued together
        words = [p.casefold() for w in ln.words for p in _GLUED_BUTTON.findall(w) or [w]]
        hits = sum(1 for w in words if w in o.social)
        if hits >= 2 and hits >= len(words) - 3:
            yield _whole("CL310", ln, "share bar left in the copy", safe=True)


def copyright_lines(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL311: a copyright or rights notice line."""
    if o.copyright_re is None:
        return
    for ln in lines:
        if ln.n_words <= 20 and o.copyright_re.match(ln.text):
            yield _whole("CL311", ln, "copyright notice left in the copy")


def repeated_lines(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL312: a short line that occurs more than once: page furniture repeats, prose does not.

    Lines are compared case-insensitively but with their punctuation, so a
    repeated phrase that ends differently ("Here's the thing:" / "…") is not a
    repeat.  Duplicated sentences and bracketed source tags are left alone.
    """

    def key(ln: LineInfo) -> str:
        return " ".join(ln.text.casefold().split())

    def eligible(ln: LineInfo) -> bool:
        return (
            1 <= ln.n_words <= 15
            and ln.text[0].isalpha()
            and not ln.text.endswith(":")
            and not (ln.n_words >= 5 and ln.text.endswith((".", "!", "?")))
        )

    # Performance (issue 7): each eligible line's key is made once, in line order.
    keys = {ln.index: key(ln) for ln in lines if eligible(ln)}
    counts = Counter(keys.values())
    for i, k in keys.items():
        if counts[k] >= 2:
            yield _whole("CL312", lines[i], f"line repeated {counts[k]} times in the page")


def caps_teasers(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL315: a long line in capitals: a teaser for another story or a call to action.

    Subheadings in capitals are short ("THE VERDICT") or questions; seven or
    more shouted words that are not a question are a link.
    """
    for ln in lines:
        if ln.n_words < o.caps_min_words:
            continue  # too few words, let alone words that are not numbers
        # Numbers have no case: counting capitals over all the words counts the
        # same; prose, with hardly any, is ruled out before its words are listed.
        shouted = sum(map(str.isupper, ln.words))
        if shouted < 0.8 * o.caps_min_words:
            continue
        letters = list(filterfalse(str.isdigit, ln.words))
        if (
            len(letters) >= o.caps_min_words
            and shouted >= 0.8 * len(letters)
            and not ln.text.rstrip("\"'”’").endswith("?")
        ):
            yield _whole("CL315", ln, "teaser or call to action in capitals left in the copy")


def nav_menus(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL313: a run of very short lines: a navigation menu or tag list.

    Menu items are words: a line with a price, a phone number or a "label:
    value" pair belongs to a fact box or a table, which is copy.
    """
    run: list[LineInfo] = []
    min_run = o.menu_min_run
    for ln in [*lines, None]:
        if (
            ln is not None
            and 1 <= ln.n_words <= 3
            and not ln.sentence_end
            and not _NOT_MENU_ITEM.search(ln.text)
        ):
            run.append(ln)
            continue
        if len(run) >= min_run:
            yield Claim("CL313", run[0].index, run[-1].index, "navigation menu left in the copy")
        run = []
