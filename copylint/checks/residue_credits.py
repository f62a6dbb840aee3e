"""Residue detectors for what surrounds pictures and embeds: captions, credits, notices.

CL303 (a photo caption), CL304 (a photo credit), CL305 (an embedded video's
"Released with permission from …") and CL311 (a copyright notice).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..messages import quote
from .residue_claims import Claim, whole_line
from .residue_lines import LineInfo, is_prose
from .residue_options import ResidueOptions
from .residue_records import closes_a_list

#: One or more capitalised words: a name ("Jane Doe", "Getty Images").
_CAP_WORDS = r"[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)*"
#: A "Jane Doe/Agency Name" credit.
_SLASHED_CREDIT = re.compile(rf"{_CAP_WORDS}(?:/{_CAP_WORDS})+")
#: Closing punctuation, maybe inside a closing quote.
_CLOSED = re.compile(r"[.!?][\"”’]?$")


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
            or (o.caption_credit_re and o.caption_credit_re.match(ln.text) and ln.n_words > 12)
        ):
            caption_idx.add(ln.index)
    # A short proper-name line between a caption-like line and the prose that
    # follows is the picture's credit ("Paramount Pictures" under the caption),
    # except in a language that capitalises its nouns, where it is as likely a
    # subheading under a heading ("Aktuelle Situation").
    capitalised_nouns: bool | None = None
    for ln in lines:
        i = ln.index
        if i in credit_idx or i in caption_idx or i == 0:
            continue
        prev = lines[i - 1]
        if (
            _name_like(ln)
            and _caption_like(prev)
            and prev.index not in credit_idx
            and not closes_a_list(lines, prev.index)
            and _prose_or_end_after(lines, i, o)
        ):
            if capitalised_nouns is None:
                capitalised_nouns = _capitalises_nouns(lines, o.noun_capitalising)
            if capitalised_nouns:
                break
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
        if i == len(lines) - 1 and i >= 2 and _paragraphs(lines, i - 2, i, o):
            continue  # the credit ends the text under its paragraphs: their picture is gone
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
            f"photo credit left in the copy: {quote(lines[i].text)}",
            fix_lines=pairs.get(i),
        )


def _prose_or_end_after(lines: Sequence[LineInfo], i: int, o: ResidueOptions) -> bool:
    """True when prose, or the end of the page, follows line ``i``.

    Known page furniture in between is passed over: a picture block is often
    followed by an ad slot's label ("Story continues below advertisement")
    before the story goes on.
    """
    for nxt in lines[i + 1 :]:
        if nxt.key in o.ui_phrases or (o.ui_patterns and o.ui_patterns.match(nxt.key)):
            continue
        return nxt.n_words >= 10 and nxt.sentence_end
    return True


#: Share of a page's words that are function words of a noun-capitalising language
#: from which the page is taken to be in that language (German prose: about 0.2).
_NOUN_CAPITALISING_SHARE = 0.05


def _capitalises_nouns(lines: Sequence[LineInfo], words: frozenset[str]) -> bool:
    """True when the page is written in a language that capitalises its nouns."""
    if not words:
        return False
    total = hits = 0
    for ln in lines:
        total += ln.n_words
        hits += sum(1 for w in ln.words if w.casefold() in words)
    return total > 0 and hits >= _NOUN_CAPITALISING_SHARE * total


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


#: A credited name: capitalised words, the last one stopping where a capitalised
#: word is glued on ("Acme PicturesThe teaser" -> "Acme Pictures").
_CREDITED_NAME = re.compile(
    r"(?:[A-Z][\w&'’.\-]*?(?=[A-Z][a-z])|[A-Z][\w&'’.\-]*)"
    r"(?:\s+(?:[A-Z][\w&'’.\-]*?(?=[A-Z][a-z])|[A-Z][\w&'’.\-]*))*"
)


def inline_credits(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL304: a picture credit run into the prose: "… here. Courtesy of Acme PicturesThe …".

    The credit opens a sentence with a capitalised lead-in and its name is
    glued to the next sentence (or ends the line): the glue shows where a
    caption block was flattened into the text.  "courtesy of the museum"
    inside a sentence is prose.
    """
    if o.credit_inline_re is None:
        return
    # Performance: the case-insensitive alternation is tried only where a
    # sentence starts inside the line with a capital a lead-in can start with
    # (issue 19: one search per mark the line has, each led by the mark).
    for ln in lines:
        if ln.n_words < 6:
            continue
        for capital in sentence_capitals(ln.text, o):
            m = o.credit_inline_re.match(ln.text, capital)
            if m is None:
                continue
            if not ln.text[m.start(1)].isupper():
                continue
            name = _CREDITED_NAME.match(ln.text, m.end())
            if name is None:
                continue
            end = name.end()
            glued = end < len(ln.text) and ln.text[end].isupper()
            if not glued and end < len(ln.text):
                continue
            yield Claim(
                "CL304",
                ln.index,
                ln.index,
                f"photo credit run into the copy: “{ln.text[m.start(1) : end][:40]}”",
                False,
                ln.start + m.start(1),
                ln.start + end,
            )


def sentence_capitals(text: str, o: ResidueOptions) -> list[int]:
    """Where a sentence starts inside ``text`` with a capital a credit lead-in can start with."""
    found: list[int] = []
    marks = 0
    for mark, starts in o.credit_inline_starts:
        if mark in text:  # (most lines hold only ".")
            found += [start.end() - 1 for start in starts.finditer(text)]
            marks += 1
    if marks > 1:
        found.sort()
    return found


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
                yield whole_line("CL305", ln, "embedded-video credit left in the copy", safe=True)
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


def copyright_lines(lines: Sequence[LineInfo], o: ResidueOptions) -> Iterator[Claim]:
    """CL311: a copyright or rights notice line."""
    if o.copyright_re is None:
        return
    for ln in lines:
        if ln.n_words <= 20 and o.copyright_re.match(ln.text):
            yield whole_line("CL311", ln, "copyright notice left in the copy")


def wire_notices(lines: Sequence[LineInfo], o: ResidueOptions) -> set[int]:
    """Lines that are the notice of the wire agency the article's dateline credits.

    Agency copy carries its agency's notice ("WASHINGTON (Reuters) - …" ends with
    "© Reuters", "ST. JOSEPH, Mich. (AP) — …" with "© 2019 Associated Press. All
    Rights Reserved."): the publisher keeps it with the article, unlike the site's
    own footer notice, which names the site.  The notice closes the article: a
    paragraph of it comes above with nothing but sentences and separators between
    (AP's "___" / "… contributed to this report." / "Follow … on Twitter at …"); on the
    agency's own site the same notice ends the page's footer, after its menus' labels.
    """
    if o.wire_notice_re is None or o.wire_dateline_re is None:
        return set()
    notices: dict[int, str] = {}
    for ln in lines:
        m = o.wire_notice_re.match(ln.text) if ln.n_words <= 40 else None
        if m and _closes_article(lines, ln.index, o):
            notices[ln.index] = o.wire_agency.get(m.group("agency").casefold(), "")
    if not notices:
        return set()
    credited = set()
    for ln in lines:
        m = o.wire_dateline_re.match(ln.text)
        if m:
            credited.add(o.wire_agency.get(m.group("agency").casefold(), ""))
    return {i for i, agency in notices.items() if agency in credited}


#: Lines looked back from a notice for the article's last paragraph.
_NOTICE_LOOKBACK = 6
#: A line with letters and fewer words than this between that paragraph and the
#: notice is a label ("Privacy Policy"): furniture, so the notice is the page's.
_LABEL_MAX_WORDS = 4


def _closes_article(lines: Sequence[LineInfo], i: int, o: ResidueOptions) -> bool:
    """True when a prose paragraph comes shortly before line ``i`` with no label between."""
    for j in range(i - 1, max(-1, i - 1 - _NOTICE_LOOKBACK), -1):
        ln = lines[j]
        if is_prose(ln, o.prose_min_words, o.prose_min_function_share):
            return True
        if ln.n_words <= _LABEL_MAX_WORDS and any(c.isalpha() for c in ln.text):
            return False
    return False


def _paragraphs(lines: Sequence[LineInfo], first: int, end: int, o: ResidueOptions) -> bool:
    """True when every line in ``[first, end)`` reads as article prose."""
    return all(
        is_prose(lines[j], o.prose_min_words, o.prose_min_function_share) for j in range(first, end)
    )
