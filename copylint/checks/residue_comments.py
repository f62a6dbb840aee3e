"""CL316: reader-comment threads left in scraped copy.

A comment thread is a *structure*, not a phrase: a header (the commenter's
name and a timestamp, on two lines or on one) followed by the comment, and
that again.  Article pages look alike at a glance (a byline above a dateline,
a related-story card with its date), so a thread is only accepted when

* its headers repeat close together, each followed by a body of its own
  (several header/body repetitions), or
* a header carries a reply cue from the rule pack ("said:", "wrote:",
  "Reply", "Antworten" …), which a byline or a story card never does.

Its last comment ends at the next recognised furniture; when none follows
soon, it is taken as long as the thread's other comments are, never further,
so a thread cannot swallow the article that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .residue_claims import Claim
from .residue_lines import LineInfo, is_prose
from .residue_options import ResidueOptions

#: What makes a date a timestamp: a year, a clock time or an "ago".
_STAMP = re.compile(r"\b(?:1[89]|20)\d\d\b|\d:\d\d|\bago\b", re.IGNORECASE)
#: A word that is a number ("2019", "(12)", "1.728"): archive lists and counters, not names.
_NUMBER_WORD = re.compile(r"(?<![\w.])\(?\d[\d.,:]*\)?(?![\w])")


@dataclass(frozen=True, slots=True)
class _Header:
    """A comment header on lines ``first..last``; ``cue`` when it says "said:", "Reply" …"""

    first: int
    last: int
    cue: bool


def comment_threads(
    lines: Sequence[LineInfo], claimed: dict[int, str], stamp_code: str, o: ResidueOptions
) -> Iterator[Claim]:
    """CL316: the unclaimed lines of each comment thread, in runs.

    ``claimed`` maps the lines other rules recognised to their codes; the
    timestamps among them (``stamp_code``) anchor two-line headers.
    """
    headers = _headers(lines, claimed, stamp_code, o)
    if not headers:
        return  # (most pages: no prose line needs reading)
    # Comments follow the article: a name above a date before the page's first
    # paragraph is the byline.
    first_prose = next(
        (ln.index for ln in lines if is_prose(ln, o.prose_min_words, o.prose_min_function_share)),
        len(lines),
    )
    headers = [h for h in headers if h.first > first_prose]
    for thread in _threads(headers, claimed, o.max_comment_lines):
        if len(thread) < 2 and not thread[0].cue:
            continue  # one name above one date: a byline, a story card
        end = _thread_end(lines, claimed, thread, o.max_comment_lines)
        message = (
            "reader comments left in the copy"
            if len(thread) >= 2 or end > thread[0].last
            else "reader-comment header left in the copy"
        )
        run: list[int] = []
        for i in [*(k for k in range(thread[0].first, end + 1) if k not in claimed), -2]:
            if run and i == run[-1] + 1:
                run.append(i)
                continue
            if run:
                yield Claim("CL316", run[0], run[-1], message)
            run = [i]


def _headers(
    lines: Sequence[LineInfo], claimed: dict[int, str], stamp_code: str, o: ResidueOptions
) -> list[_Header]:
    """Comment headers in document order: a name above a stamp, or both on one line."""
    cue_re = o.reply_cue_re
    out: list[_Header] = []
    for ln in lines:
        i = ln.index
        if i in claimed:
            continue
        above_stamp = i + 1 < len(lines) and claimed.get(i + 1) == stamp_code
        if not above_stamp and ln.n_words > _INLINE_MAX_WORDS:
            # Performance (issue 19): a paragraph (often with "said:") is no
            # header of either form; its cue is not searched for.
            continue
        # Performance: a line's key ends with a cue's last word or it has no cue.
        cue = bool(cue_re and ln.key.endswith(o.reply_cue_ends) and cue_re.search(ln.text))
        if above_stamp and _author_like(ln, o, cue):
            stamp = lines[i + 1]
            stamp_cue = bool(
                cue_re and stamp.key.endswith(o.reply_cue_ends) and cue_re.search(stamp.text)
            )
            out.append(_Header(i, i + 1, cue or stamp_cue))
        elif (
            cue
            or (":" in ln.text and o.reply_cue_colon_re and o.reply_cue_colon_re.search(ln.text))
        ) and _inline_header(ln, o):
            # "Dana K. on May 2, 2020 at 9:12 am said:", "Dana K. says: May 2, 2020 at
            # 9:12 am" (class 7)
            out.append(_Header(i, i, True))
    return out


def _author_like(ln: LineInfo, o: ResidueOptions, cue: bool) -> bool:
    """A commenter's display name: one to four words, no number, no sentence, no byline.

    "Dezember 2010" above "November 2010" is an archive list, "Par Jane Doe"
    above a date a byline; "Jane says:" is a name with its cue.
    """
    text = ln.text
    if cue and o.reply_cue_re is not None:
        text = o.reply_cue_re.sub("", text).strip()
        n_words = len(text.split())
        if not text:
            return False
    else:
        if ln.sentence_end:
            return False
        n_words = ln.n_words
    if not 1 <= n_words <= 4 or not ln.starts_upper or _NUMBER_WORD.search(text):
        return False
    return not (o.byline_re and o.byline_re.match(text))


#: The most words a one-line comment header has ("Dana K. on May 2, 2020 at 9:12 am said:").
_INLINE_MAX_WORDS = 16


def _inline_header(ln: LineInfo, o: ResidueOptions) -> bool:
    """A name, a timestamp and a reply cue on one short line, with little else."""
    if ln.n_words > _INLINE_MAX_WORDS or o.date_re is None or o.reply_cue_re is None:
        return False
    if not ln.starts_upper or not _STAMP.search(ln.text) or not o.date_re.search(ln.text):
        return False
    rest = o.reply_cue_re.sub(" ", o.date_re.sub(" ", ln.text))
    if o.reply_cue_colon_re is not None:
        rest = o.reply_cue_colon_re.sub(" ", rest)
    left = [w for w in re.findall(r"[^\W\d_]+", rest) if w.casefold() not in o.date_filler]
    return 1 <= len(left) <= 4


def _threads(
    headers: list[_Header], claimed: dict[int, str], max_lines: int
) -> Iterator[list[_Header]]:
    """Headers grouped into threads: each within ``max_lines`` of the previous one's
    end, with a comment (a line no rule recognised) between them."""
    thread: list[_Header] = []
    for h in headers:
        if thread:
            prev = thread[-1]
            body = range(prev.last + 1, h.first)
            if len(body) <= max_lines and any(k not in claimed for k in body):
                thread.append(h)
                continue
            yield thread
        thread = [h]
    if thread:
        yield thread


def _thread_end(
    lines: Sequence[LineInfo], claimed: dict[int, str], thread: list[_Header], max_lines: int
) -> int:
    """The last line of a thread.

    Its last comment ends before the next recognised furniture ("Comments are
    closed.", "Add a comment").  Without furniture soon after it, it is as many
    sentences as the thread's longest other comment (none for a lone header).
    """
    last = thread[-1].last
    longest = max(
        (b.first - a.last - 1 for a, b in zip(thread, thread[1:], strict=False)), default=0
    )
    limit = min(len(lines), last + max_lines + 2)
    nxt = next((k for k in range(last + 1, limit) if k in claimed), None)
    if nxt is not None:
        return nxt - 1
    end = last
    while end + 1 < min(len(lines), last + longest + 1) and lines[end + 1].sentence_end:
        end += 1
    return end
