"""Where glue may be: the letter runs, case segments and cheap scans of the joins rules.

Pure text scanning, no lexicon: the patterns that find candidate places
(case transitions, long lowercase or capital runs, punctuation with no
space after it) and the tests that rule a token out as code, an address, a
handle or a domain name.  Judging a candidate is ``joins_split``'s and
``joins``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_LOW = "a-zß-öø-ÿ"
_UP = "A-ZÀ-ÖØ-Þ"
# Latin letters only: other scripts do not mark word boundaries with case or spaces.
_LETTER = "[A-Za-zÀ-ÖØ-öø-ɏ]"
# A Latin letter run (inner apostrophes allowed) not touching letters of other scripts.
_CASE_RUN = re.compile(rf"(?<![^\W\d_]|['’]){_LETTER}+(?:['’]{_LETTER}+)*(?![^\W\d_])")
# A capital after a lowercase letter, or two capitals before a lowercase letter;
# written capital-first, which the regex engine scans several times faster.
# (The reference for ``transitions``, which finds the same places in a text's classes.)
_HAS_TRANSITION = re.compile(rf"[{_UP}](?:(?<=[{_LOW}][{_UP}])|[{_UP}][{_LOW}])")
_IS_LATIN = re.compile(_LETTER).fullmatch
# Cheap scans that find the rare places worth a closer look; the full patterns,
# with their look-behinds, are then matched only there.
# (Possessive quantifiers: the classes are disjoint, so nothing is ever given
# back, and the engine need not remember how; a fifth faster, same matches.)
LOWER_WORD = re.compile(rf"[{_UP}]?+[{_LOW}]{{4,}}+")
# (CAPS_HIT, PUNCT_HIT and NUMERAL_HIT are the references for ``caps_hits``,
# ``punct_hits`` and ``numeral_hits``, which find the same places in a text's classes.)
CAPS_HIT = re.compile(rf"[{_UP}][{_UP}]{{7,}}")
PUNCT_HIT = re.compile(rf"[.!?][{_UP}][{_LOW}]{{2}}")
# A lowercase word (optionally capitalised) long enough to hide two words, not
# part of an address, handle, path or domain name.  A capitalised one may follow
# a lowercase letter ("likeBeijinghave"; after a capital it is part of a
# mixed-case word: "VMware") or a full stop ("000.Russiaand"; "wired.com" is a
# domain); an apostrophe may follow only as a clitic ("crowdthat’s").  A full
# stop may follow when a capitalised word comes next, a lost sentence break
# ("aleader.Welcome"; domains and file names go on in lowercase), and a hyphen
# when one lowercase word ends the compound ("thebug-tracker"; a longer
# hyphen chain is a slug or a class name: "tablet-and-above").
LOWER_RUN = re.compile(
    rf"(?:(?<![\w'’.@#/-])|(?<=[.{_LOW}])(?=[{_UP}]))"
    rf"[{_UP}]?[{_LOW}]{{4,}}"
    rf"(?![{_LOW}\d_@/]|-(?![{_LOW}]{{2,}}+(?![\w-]))|\.(?![{_UP}][{_LOW}])\w"
    rf"|['’](?!(?:s|re|ll|ve|d|m)\b))"
)
# A lowercase word (and a space, maybe an opening quote or "non-") right before a
# form, and a space or light punctuation then a lowercase word right after it.
# A list item inside a sentence counts too: a comma before it or after it, or a
# sentence end after it ("a division of ScanSoft.", "Londonist, PlasticBag and").
PROSE_BEFORE = re.compile(rf"(?:(?<![\w'’])[{_LOW}]+,?|\w,|[{_LOW}][.!?])[ \t]+(?:non-|[\"“‘(])?\Z")
PROSE_AFTER = re.compile(
    rf"(?:['’]?s)?(?:[,;:]?[ \t]+[\"“‘(]?[{_LOW}]|,[ \t]|[.!?][\"”’)]?(?:[ \t]|$))"
)
# An all-capitals word right before a run: the run ends a capitalised heading.
CAPS_WORD_BEFORE = re.compile(rf"(?<![\w'’])[{_UP}]{{2,}}[ \t]+\Z")
# A long run of capitals (not the head of a capitalised word: "NEWSToday").
CAPS_RUN = re.compile(rf"(?<![{_UP}\d_'’.@#/-])[{_UP}]{{8,}}(?![{_LOW}\d_'’@/-]|\.\w)")
# Words of the window around a candidate, split at case changes too ("HomeNews").
WINDOW_WORD = re.compile(rf"[{_UP}]?[{_LOW}]{{4,}}")
# Sentence punctuation directly followed by a capitalised word.
PUNCT_JOIN = re.compile(rf"(?<![\w.])([{_LOW}]{{2,}})([.!?])([{_UP}][{_LOW}]{{2,}})(?![\w.])")
# A numeral with a lowercase word glued to its end, maybe a word glued to its
# front: "Season 3was", "Part 2is", "edition2was" (groups: word, digits, tail).
# Cheap scan for NUMERAL_GLUE: a digit with two lowercase letters after it.
NUMERAL_HIT = re.compile(rf"\d[{_LOW}]{{2}}")
NUMERAL_GLUE = re.compile(rf"(?<![\w.,:/#@-])([{_LOW}]*)(\d+)([{_LOW}]{{2,}})(?![\w'’@/-]|\.\w)")
# A clitic after a word's apostrophe with a lowercase word glued to it:
# "isn’tterrible", "I’mvery", "the city’sconstruction" (groups: clitic, word).
# (Written apostrophe-first: the engine then skips to apostrophes, several times
# faster than testing a look-behind at every position.)
_CLITIC_AFTER = rf"(?<=[{_LOW}{_UP}].)(s|t|m|d|ll|re|ve)([{_LOW}]{{3,}}+)(?![\w'’@/-]|\.\w)"
CLITIC_GLUE = re.compile("['’]" + _CLITIC_AFTER)
# The same, one pattern per apostrophe: a single character first lets the engine skip
# to it (a class of two is tested at every position, ten times slower); see ``clitic_glues``.
_CLITIC_STRAIGHT = re.compile("'" + _CLITIC_AFTER)
_CLITIC_CURLY = re.compile("’" + _CLITIC_AFTER)
# A space and a lowercase word after a glue point's tail: the sentence goes on.
PROSE_NEXT = re.compile(r"[ \t]+[\"“‘(]?[a-zß-öø-ÿ]")
# A space and a lowercase word, a number or a quotation after a word: its sentence goes on.
SENTENCE_NEXT = re.compile(r"[ \t]+[\"“‘(]?[a-z\d]")
# A lowercase word's sentence end right before a letter run, with no space.
GLUED_STOP = re.compile(r"[a-z][.!?]\Z")
# A comma glued to the next word: "thriller,which" (not "1,000", "a,b,c" or "x,y").
COMMA_JOIN = re.compile(r"(?<![\w.,])([a-z]{3,}),([a-z]{2,})(?![\w,])")
# Cheap scan for COMMA_JOIN: a comma between lowercase letters.  Written comma-first
# (the engine then skips to commas) and matched in full only there: the same
# matches, about 25 times faster than trying the full pattern at every position.
COMMA_HIT = re.compile(r",(?<=[a-z]{3},)[a-z]{2}")
# After a place name in capitals, the rest of a news story's dateline: more words in
# capitals, then a colon, a news agency in brackets or a dash ("KARACHI:",
# "NEW DELHI:", "WASHINGTON (AP) —").
DATELINE_NEXT = re.compile(
    r"((?:[ \t]+[A-Z]{2,})*)(?::[ \t]|[ \t]+\([A-Z][A-Za-z]*\)[ \t]+[—–-]|[ \t]+[—–][ \t])"
)
# An acronym with a lowercase word of two letters or more glued on ("TVwith").
ACRONYM_GLUED = re.compile(r"([A-Z]{2,})([a-z]{2,})\Z")
# Tokens that are code, addresses or handles rather than prose.
# (An email address has a dot in its domain: "BusinessWomen@WorkTechnology" is a
# flattened menu item with an "@" in its name, not an address.)
# A ">" alone is a breadcrumb's separator ("WorldNews>Nation"), code only with a
# "<" (a tag) or as an arrow ("a->b").
_CODE_LIKE = re.compile(r"://|^www\.|\w@[\w-]+\.\w|_|[{}<=\\]|->")
# A web address's scheme at the end of a letter run, and an address right after one.
_SCHEME_END = re.compile(r"(?:https?|ftp)\Z", re.I)
_ADDRESS_NEXT = re.compile(r"[:;,.]?(?:https?|ftp)://", re.I)
# A run right after these is a handle or a hashtag ("@someHandle").
HANDLE_MARKS = frozenset("@#")
# A run right before this is a domain name ("NBCNews.com").
DOMAIN_NEXT = re.compile(r"\.(?:com|org|net|io|co|uk|gov|edu|tv|me)\b", re.I)
# A possessive ending: "WorldCom's".
POSSESSIVE = re.compile(r"['’]s$")
# After a one-capital tail, these show an abbreviation or a label: "U.S.", "Q:".
ABBREV_NEXT = re.compile(r"\.[A-Za-z]|:|-[A-Z]")


# Performance (issue 19): the cheap scans look for a few rare shapes in every text (a
# digit and two lowercase letters, eight capitals, a full stop and a capitalised word),
# and a pattern that starts with a character class makes the regex engine test the class
# at every position.  So a text is first translated, in C, into one byte per character
# naming its class, and the shapes are found in those bytes by patterns that start with
# a literal, which the engine skips to as fast as str.find does (five scans of the BBC
# corpus: 170 -> 35 ms).  The classes: "U" a capital and "l" a lowercase letter of
# _UP/_LOW, "d" a decimal digit, "p" a full stop or "!", "q" a "?" or a character that
# Latin-1 cannot encode (so "q" may hide a "?" or a digit of another script: the scans
# look at the text there); anything else a space.
def _class_table() -> bytes:
    table = bytearray(b" " * 256)
    for code in range(256):
        ch = chr(code)
        if re.fullmatch(f"[{_UP}]", ch):
            table[code] = ord("U")
        elif re.fullmatch(f"[{_LOW}]", ch):
            table[code] = ord("l")
        elif ch.isdecimal():  # what ``\d`` matches in a str pattern
            table[code] = ord("d")
        elif ch in ".!":
            table[code] = ord("p")
        elif ch == "?":
            table[code] = ord("q")
    return bytes(table)


_CLASSES = _class_table()
_TRANSITION_AT = re.compile(rb"U(?:(?<=lU)|Ul)")
_CAPS_AT = re.compile(rb"UUUUUUUUU*")
_PUNCT_AT = re.compile(rb"Ull(?<=[pq]Ull)")
_NUMERAL_AT = re.compile(rb"dll")
_MAYBE_NUMERAL_AT = re.compile(rb"qll")


def char_classes(text: str) -> bytes:
    """One class byte per character of ``text`` (see ``_class_table``), index for index."""
    # "replace" writes one "?" per character Latin-1 lacks, so indexes stay aligned.
    return text.encode("latin-1", "replace").translate(_CLASSES)


def transitions(classes: bytes) -> Iterator[tuple[int, int]]:
    """The spans of ``_HAS_TRANSITION``'s matches, found in the text's ``classes``."""
    for m in _TRANSITION_AT.finditer(classes):
        yield m.span()


def caps_hits(classes: bytes) -> Iterator[int]:
    """Where ``CAPS_HIT``'s matches start, found in the text's ``classes``."""
    for m in _CAPS_AT.finditer(classes):
        yield m.start()


def punct_hits(text: str, classes: bytes) -> Iterator[int]:
    """Where ``PUNCT_HIT``'s matches start, found in the text's ``classes``."""
    for m in _PUNCT_AT.finditer(classes):
        at = m.start() - 1  # the mark before the capitalised word
        if classes[at] != 0x71 or text[at] == "?":  # "q": a "?" or an unencodable character
            yield at


def numeral_hits(text: str, classes: bytes) -> list[int]:
    """Where ``NUMERAL_HIT``'s matches start, found in the text's ``classes``."""
    hits = [m.start() for m in _NUMERAL_AT.finditer(classes)]
    # A digit of another script ("٣") is unencodable in Latin-1: a "q".
    other = [m.start() for m in _MAYBE_NUMERAL_AT.finditer(classes) if text[m.start()].isdecimal()]
    return sorted(hits + other) if other else hits


def clitic_glues(text: str) -> list[re.Match[str]]:
    """``CLITIC_GLUE``'s matches in text order (each starts at its only apostrophe)."""
    found = list(_CLITIC_STRAIGHT.finditer(text))
    if "’" in text:
        curly = list(_CLITIC_CURLY.finditer(text))
        if curly:
            found = sorted(found + curly, key=lambda m: m.start()) if found else curly
    return found


@dataclass(frozen=True, slots=True)
class Seg:
    """One case segment of a letter run: ``text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def caps(self) -> bool:
        """All capitals ("NEWS", "X")."""
        return self.text.isupper()

    @property
    def lower_head(self) -> bool:
        """Starts with a lowercase letter ("iPhone"'s "i")."""
        return self.text[:1].islower()


def case_segments(word: str, offset: int = 0) -> list[Seg]:
    """Split a letter run at case transitions: "TicketsThis" -> Tickets, This.

    A capital run followed by a capitalised word splits before the run's last
    capital ("NEWSToday" -> NEWS, Today), as camel-case splitters do; a run
    followed by a lone lowercase letter at its end does not ("CDs", "BMG's").
    """
    segs: list[Seg] = []
    start = 0
    for i in range(1, len(word)):
        prev, cur = word[i - 1], word[i]
        if prev.islower() and cur.isupper():
            split = True
        elif prev.isupper() and cur.isupper():
            # "NEWSToday", "SMSByMegan": a capital, then a lowercase letter, then
            # a second lowercase letter or the next capital
            tail = word[i + 1 : i + 3]
            split = (
                len(tail) == 2
                and tail[0].isalpha()
                and tail[0].islower()
                and (tail[1].islower() or tail[1].isupper())
            )
        else:
            split = False
        if split:
            segs.append(Seg(offset + start, offset + i, word[start:i]))
            start = i
    segs.append(Seg(offset + start, offset + len(word), word[start:]))
    return segs


def runs_with_transitions(text: str, classes: bytes | None = None) -> Iterator[re.Match[str]]:
    """Latin letter runs (see ``_CASE_RUN``) that hold a case transition.

    ``classes`` is ``char_classes(text)``, when the caller has it already.
    """
    last_end = -1
    for hit_start, hit_end in transitions(char_classes(text) if classes is None else classes):
        if hit_start < last_end:
            continue
        start = hit_start
        while start > 0:
            ch = text[start - 1]
            if _IS_LATIN(ch) or (ch in "'’" and start > 1 and _IS_LATIN(text[start - 2])):
                start -= 1
            else:
                break
        m = _CASE_RUN.match(text, start)
        if m is None or m.end() <= hit_start:
            last_end = hit_end
            continue
        last_end = m.end()
        yield m


def exact_runs(text: str, word: str) -> Iterator[re.Match[str]]:
    """The ``LOWER_RUN`` matches that are exactly ``word``, in text order."""
    at = text.find(word)
    while at >= 0:
        m = LOWER_RUN.match(text, at)  # its look-behinds see the text before ``at``
        if m is not None and m.end() == at + len(word):
            yield m
        at = text.find(word, at + 1)


def code_like(text: str, start: int, end: int) -> bool:
    """True when the whitespace-delimited token around [start, end) is code, URL or email."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    n = len(text)
    while right < n and not text[right].isspace():
        right += 1
    if _CODE_LIKE.search(text[left:right]):
        # A word glued to the front of a web address ("MenuSectionshttps://…",
        # "PodcastListen:http://…"): only what comes before the address counts.
        cut = -1
        if text.startswith("://", end):
            scheme = _SCHEME_END.search(text, start, end)
            cut = scheme.start() if scheme else -1
        elif _ADDRESS_NEXT.match(text, end):
            cut = end
        return cut <= start or bool(_CODE_LIKE.search(text[left:cut]))
    # A template placeholder: "{* backButton *}", "{{ userName }}".
    return "{" in text[max(0, left - 4) : left] and "}" in text[right : right + 4]
