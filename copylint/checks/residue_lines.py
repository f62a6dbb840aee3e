"""Line features for the residue rules: what a scraped line looks like.

Scraped pages put one block of the page on each line, so residue is judged per
line.  This module turns a document's non-blank lines into :class:`LineInfo`
records (word counts, end punctuation, case shape, a normalised key for phrase
lookups) and knows how to build the deletion edit that removes whole lines
without leaving blank-line debris.  It holds no phrase lists: those come from
the rule pack.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..diagnostics import Edit
from ..document import Document, TextSpan

WORD_RE = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# Performance (issue 7): WORD_RE tests each character for a Unicode letter or
# digit, which costs twice what an ASCII table lookup does.  On an ASCII line
# without "_" this pattern finds the same words: there ``\w`` (ASCII) is
# exactly a letter or digit.  Possessive repeats skip backtracking bookkeeping;
# a word never gives characters back, so they change no match.
_ASCII_WORD_RE = re.compile(r"(?a)\w++(?:['.\-]\w++)*+")
# Characters that end a sentence-like block, and the closing quotes and brackets
# that may follow them.
_SENTENCE_ENDS = ".!?…:;。！？、："
_CLOSERS = "\"'”’»)]」』"
_DECOR = " \t\u00a0\u200b\ufeff•·|>›»«‹-–—*:.,;!?()[]{}\"'“”‘’"
#: What a lookup key is stripped of: decoration, but not an apostrophe ("'til").
_KEY_STRIP = _DECOR.replace("'", "")


def normalise(text: str) -> str:
    """A lookup key for phrase lists: case-folded, quotes unified, decoration stripped."""
    if text.isascii() and text.isprintable():
        return printable_ascii_key(text)
    return _general_key(text)


def printable_ascii_key(text: str) -> str:
    """:func:`normalise` of a ``text`` already known to be printable ASCII."""
    if "  " in text:
        return _general_key(text)
    # Performance (issue 7): splitting and joining a long line costs most of
    # its key.  Printable ASCII is already NFKC, has no curly quotes, folds
    # case as lower() does, and has no whitespace but the space: with no
    # two spaces together, only outer spaces are left to go, and the strip
    # takes those.
    return text.lower().strip(_KEY_STRIP)


def _general_key(text: str) -> str:
    """:func:`normalise` of any text: NFKC, quotes unified, case-folded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    # str.split() splits at exactly the characters regex \s matches; it drops the
    # outer whitespace, which the strip below would remove anyway.
    text = " ".join(text.casefold().split())
    return text.strip(_KEY_STRIP)


# Performance (issue 7): not frozen, because a frozen dataclass sets each field
# through object.__setattr__, which doubles the cost of building one per line.
# Treat it as read-only all the same.
@dataclass(slots=True)
class LineInfo:
    """One non-blank line of a document and the features the residue rules use (read-only)."""

    index: int  # position among the document's non-blank lines
    start: int  # text-view offsets of the line's content (no line end)
    end: int
    text: str  # the line's text, stripped
    key: str  # normalise(text)
    # Performance (issue 7): the rules read the next two features of every line
    # several times, so they are stored rather than computed on each read.
    n_words: int  # len(words)
    sentence_end: bool  # ends like a sentence (period, question mark, colon …)
    #: the case-folded function words ("the", "of" …) that function_share counts
    function_words: frozenset[str] = field(repr=False, compare=False)
    #: words_of(text) once listed (None until then: see ``words``)
    listed: tuple[str, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def words(self) -> tuple[str, ...]:
        """The line's words (:func:`words_of`)."""
        # Performance (issue 19): listing a paragraph's words costs more than
        # all the residue rules read of them.  A line is counted (n_words)
        # without listing; only the short lines the rules look into, and lines
        # on pages with furniture, are listed.
        if self.listed is None:
            self.listed = tuple(words_of(self.text))
        return self.listed

    @property
    def function_share(self) -> float:
        """Share of words that are function words ("the", "of" …), in any case."""
        # Performance (issue 7): counted on demand, because only the layout pass
        # (run where other rules found furniture) and a few rare tests read it.
        if not self.n_words:
            return 0.0
        words = self.words  # (a property: listed once, read once)
        # map() keeps the per-word loop in C.
        spellings = _case_spellings(self.function_words)
        if spellings is not None and self.text.isascii():
            hits = sum(map(spellings.__contains__, words))
        else:
            hits = sum(map(self.function_words.__contains__, map(str.casefold, words)))
        return hits / self.n_words

    @property
    def capitalised_share(self) -> float:
        """Share of words that start with a capital letter or a digit."""
        if not self.n_words:
            return 0.0
        return sum(1 for w in self.words if w[0].isupper() or w[0].isdigit()) / self.n_words

    @property
    def starts_upper(self) -> bool:
        """True when the first letter or digit of the line is a capital or a digit."""
        for ch in self.text:
            if ch.isalnum():
                return ch.isupper() or ch.isdigit()
        return False


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


class PageLines(list[LineInfo]):
    """A page's line records, in order, with what detectors read of the whole page made once."""

    __slots__ = ("_folded",)

    def folded(self) -> str:
        """The page's lines joined by line ends, lowercased for phrase filters (``fold_letters``).

        Performance (issue 19): two phrase filters read the whole page; it is
        joined and folded once.  (A list: nobody edits a page's lines.)
        """
        try:
            return self._folded
        except AttributeError:
            self._folded: str = fold_letters("\n".join([ln.text for ln in self]))
            return self._folded


def line_infos(doc: Document, function_words: Collection[str]) -> PageLines:
    """The document's non-blank lines as :class:`LineInfo` records, in order.

    ``function_words`` are case-folded; every line shares one frozen set of them.
    """
    shared_words = frozenset(function_words)
    out = PageLines()
    # Performance (issue 7): the document's non-blank lines, which other checks
    # list too (the list is cached on the document).
    for ln in doc.paragraphs:
        text = ln.text
        stripped = text.strip()
        start = ln.start + len(text) - len(text.lstrip())
        classes = _classes(stripped)
        if classes is not None:
            # Printable ASCII: words counted, not listed; the key without
            # normalise() testing printability again.
            words, n_words = None, _count_words(classes)
            key = printable_ascii_key(stripped)
        else:
            words = tuple(words_of(stripped))
            n_words, key = len(words), normalise(stripped)
        # (issue 19: positional, in the field order, is the cheapest call)
        out.append(
            LineInfo(
                len(out),  # index
                start,
                start + len(stripped),  # end
                stripped,  # text
                key,
                n_words,
                ends_sentence(stripped),  # sentence_end
                shared_words,  # function_words
                words,  # listed
            )
        )
    return out


def _countable(text: str) -> bool:
    """True when ``text`` takes the ASCII path of :func:`words_of` (and can be counted)."""
    return text.isascii() and "_" not in text


#: Each ASCII character's class for counting words: "a" a letter or digit (``\w``
#: without "_"), "j" a joiner (' . -: one word when a letter or digit follows it
#: and one goes before), "x" a control character (not printable), " " anything else.
_WORD_CLASSES = bytes(
    ord(
        "a"
        if chr(i).isascii() and chr(i).isalnum()
        else "j"
        if chr(i) in "'.-"
        else "x"
        if i < 0x20 or i == 0x7F
        else " "
    )
    for i in range(256)
)


def _classes(text: str) -> bytes | None:
    """``text``'s character classes (``_WORD_CLASSES``) when it is printable and countable.

    None for a text :func:`words_of` reads with the general pattern (not ASCII,
    or with "_") and for one with a control character.
    """
    if not _countable(text):
        return None
    classes = text.encode("ascii").translate(_WORD_CLASSES)
    return None if b"x" in classes else classes


def _count_words(classes: bytes) -> int:
    """``len(words_of(text))`` from the classes :func:`_classes` gives ``text``.

    A word of ``_ASCII_WORD_RE`` starts at a letter or digit that begins the
    text, or follows a character of neither class, or follows a joiner that no
    letter or digit goes before (" 'tis", "--x", a "j" that starts the text):
    the scan that finds the words takes every other letter or digit into the
    word before it.  Those starts are counted in the text's classes.
    """
    return (
        classes.count(b" a")
        + classes.count(b" ja")
        + classes.count(b"jja")
        + classes.startswith(b"a")
        + classes.startswith(b"ja")
    )


#: Function words longer than this are not spelt in every case (2**n spellings).
_MAX_SPELT = 10


@functools.lru_cache(maxsize=8)
def _case_spellings(function_words: frozenset[str]) -> frozenset[str] | None:
    """Every upper/lower-case spelling of ASCII ``function_words`` ("of", "Of", "oF", "OF").

    Performance (issue 7): an ASCII word's case-folded form is one of the
    function words exactly when the word is one of their spellings, so ASCII
    lines are counted with no case-folding of each word.  None when a word is
    not ASCII or too long to spell every way: then every word is case-folded.
    """
    # A word that is not case-folded never equals a case-folded one: it counts nothing.
    folded = [w for w in function_words if w == w.casefold()]
    if any(not w.isascii() or len(w) > _MAX_SPELT for w in folded):
        return None
    return frozenset(
        "".join(spelling)
        for w in folded
        for spelling in itertools.product(*({c, c.upper()} for c in w))
    )


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends like a sentence (period, question mark, colon …)."""
    # Performance (issue 7): a regex anchored at the end ("[.!?…][”)]*$")
    # still tries every position of the line; this reads only its end.
    body = text.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _SENTENCE_ENDS


def words_of(text: str) -> list[str]:
    """The words of ``text``: runs of letters and digits, joined by ' ’ . or - ("U.S.", "it's")."""
    if text.isascii() and "_" not in text:
        return _ASCII_WORD_RE.findall(text)
    return WORD_RE.findall(text)


def is_prose(info: LineInfo, min_words: int, min_function_share: float) -> bool:
    """A line that reads like article prose: long, sentence-ended, full of function words."""
    return (
        info.n_words >= min_words
        and info.sentence_end
        and info.function_share >= min_function_share
    )


def _blank_in_source(doc: Document, start: int, end: int) -> bool:
    """True when text-view ``[start, end)`` comes from nothing but whitespace in the source.

    A line end in an HTML or Markdown text view may stand for markup
    (``</p><p>``, ``<br>``); deleting it would delete the markup too.
    """
    if doc.offset_map is None:
        return True
    s, e = doc.to_source(start, end)
    return not doc.source[s:e].strip()


def joinable(doc: Document, lines: Sequence[TextSpan | LineInfo], first: int, last: int) -> bool:
    """True when only whitespace separates lines ``first..last`` in the source."""
    return all(_blank_in_source(doc, lines[k].end, lines[k + 1].start) for k in range(first, last))


def delete_lines_edit(
    doc: Document, lines: Sequence[TextSpan | LineInfo], first: int, last: int
) -> Edit:
    """An edit deleting non-blank lines ``first..last`` (indexes into ``lines``) whole.

    The deletion takes the line end and any blank lines that follow, so the
    paragraph spacing around it stays as it was.  When nothing but blank lines
    follows (the residue ends the file), it starts at the end of the previous
    line instead, so no trailing blank lines are left behind.  Line ends that
    stand for markup in the source are kept: then only the lines' text goes.
    """
    text = doc.text
    start, end = lines[first].start, lines[last].end
    # Back up to the start of the physical line (leading indentation goes too).
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if last + 1 < len(lines):
        nxt = lines[last + 1].start
        while nxt > end and text[nxt - 1] in " \t":
            nxt -= 1
        if _blank_in_source(doc, start, lines[first].start) and _blank_in_source(doc, end, nxt):
            return Edit.delete(start, nxt)
    elif first > 0 and _blank_in_source(doc, lines[first - 1].end, lines[first].start):
        return Edit.delete(lines[first - 1].end, end)
    return Edit.delete(lines[first].start, end)
