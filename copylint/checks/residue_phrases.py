"""Residue detectors driven by phrase lists: UI phrases, related links, link lists, toggles.

CL301 (a known UI phrase, whole or glued inside a line), CL302 (a "Related:"
link line or a teaser headline), CL307 (a list header and the headlines under
it) and CL306 (a "Show less" / "… more" toggle label at a line's end).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..messages import quote
from .residue_claims import Claim, headline_like, whole_line
from .residue_lines import LineInfo
from .residue_options import ResidueOptions

#: A lowercase identifier joined by - _ / + (CSS classes, MIME types): never prose.
_MACHINE_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:[-_/+][a-z0-9]+)+")
#: A counter after a button's label: "View comments (14)", "Replies [3]" (the key has
#: lost the closing bracket: it strips decoration).
_COUNTER = re.compile(r"\s*[(\[]\d[\d.,]*k?[)\]]?$")


def _uncounted(key: str) -> str:
    """``key`` without a bracketed counter at its end ("" when there is none).

    :func:`~.residue_lines.normalise` strips a closing bracket, a full stop or a
    comma from a key's end, so a counter ends a key only where it ends in a digit
    or "k": :func:`ui_phrases` asks only then.
    """
    m = _COUNTER.search(key)
    return key[: m.start()] if m and m.start() else ""


#: The characters that separate labels on one line: "Advertisement - scroll to continue".
_SEPARATORS = "-–—|•·"
#: A separator between labels, with white space on both sides.
_LABEL_SEPARATOR = re.compile(rf"\s+[{re.escape(_SEPARATORS)}]\s+")
#: Each separator, and what a key holds where the pattern matches it: a key's
#: only whitespace is single spaces (:func:`~.residue_lines.normalise`).
_SEPARATORS_IN_KEY = tuple((c, f" {c} ") for c in _SEPARATORS)


def _all_ui(key: str, o: ResidueOptions) -> bool:
    """True when ``key`` is two or more UI phrases joined by separators."""
    # Performance (issue 19): splitting every long line with the pattern cost
    # more than the rest of CL301.  The part before the first separator is
    # found without it, and tested first.
    first = _first_part(key)
    if first is None or not _ui_part(first, o):
        return False
    return all(_ui_part(p, o) for p in _LABEL_SEPARATOR.split(key))


def _first_part(key: str) -> str | None:
    """What comes before the first of ``key``'s separators (None: it has none)."""
    cut = -1
    for char, spaced in _SEPARATORS_IN_KEY:
        # (A lone character is the fastest search, and rules most keys out.)
        if char in key:
            at = key.find(spaced)
            if at >= 0 and (cut < 0 or at < cut):
                cut = at
    return key[:cut] if cut >= 0 else None


def _ui_part(part: str, o: ResidueOptions) -> bool:
    """True when ``part`` of a key is a UI phrase of the list or of a pattern."""
    return part in o.ui_phrases or (o.ui_patterns is not None and bool(o.ui_patterns.match(part)))


#: A headline cut off mid-word by a teaser box: "Police chase ends at airp..."
_TRUNCATED = re.compile(r"[^.!?]*\w(?:\.\.\.|…)")


def ui_phrases(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL301: a line that is a known UI phrase, or carries one glued inside it."""
    embedded = o.ui_embedded_filter.lines(lines) if o.ui_embedded else set()
    # Performance (issue 19): a key that does not end in a digit or "k" has no
    # counter (see _uncounted): it uncounts to "", the same answer for every such line.
    blank_listed = "" in o.ui_phrases
    for ln in lines:
        key = ln.key
        if (
            key in o.ui_phrases
            or (o.ui_patterns and o.ui_patterns.match(key))
            or (
                _uncounted(key) in o.ui_phrases
                if key[-1:].isdigit() or key[-1:] == "k"
                else blank_listed
            )
            or _all_ui(key, o)
        ):
            yield whole_line("CL301", ln, f"page furniture: {quote(ln.text)}", safe=True)
            continue
        if len(ln.text) >= 8 and _MACHINE_TOKEN.fullmatch(ln.text):
            # "medium-wide-browser", "image/svg+xml": a CSS class or MIME type
            yield whole_line("CL301", ln, f"markup token left in the copy: {quote(ln.text)}")
            continue
        if o.ui_embedded is None or ln.index not in embedded:
            continue
        m = o.ui_embedded.search(ln.text)
        if not m:
            continue
        rest = (ln.text[: m.start()] + " " + ln.text[m.end() :]).strip()
        rest_words = len(re.findall(r"\w+", rest))
        if rest_words <= 4 and not re.search(r"[.!?]\s", rest):
            yield whole_line("CL301", ln, f"page furniture: “{m.group(0)}”", safe=True)
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
            yield whole_line("CL302", ln, "related-story link left in the copy")
        elif ln.n_words <= 30 and o.teaser_tag_re and o.teaser_tag_re.search(ln.text):
            yield whole_line("CL302", ln, "teaser headline of another story left in the copy")
        elif (
            6 <= ln.n_words <= 20
            # Performance (issue 7): rule out the lines that cannot match before
            # the pattern backtracks through them.
            and ln.text.endswith(("...", "…"))
            and _TRUNCATED.fullmatch(ln.text)
        ):
            # A headline cut off mid-word by a teaser box: "Police chase ends at airp..."
            yield whole_line("CL302", ln, "truncated teaser headline left in the copy")


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
            if headline_like(nxt, 20) or nxt.text.isdigit():
                last = nxt.index
            else:
                break
        yield Claim("CL307", ln.index, last, f"link list {quote(ln.text)} left in the copy")


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
            elif o.expand_after_stop_re:
                # "… the teaser below. Show more": a label after the last sentence
                m = o.expand_after_stop_re.search(ln.text)
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
