"""What the per-document look-ups of an index read from a document's text.

:class:`DocumentScan` tokenises a text once for all of
:meth:`~copylint.kindex.base.IndexedKnowledge.for_document`'s look-ups; the
functions here find, in a text, the words a title may start with, the runs of
capitalised words that may name cast members, and the (first, last) word pairs
of the names it may write.  They read text only: what the words mean is asked
of the index by :mod:`copylint.kindex.base`.
"""

from __future__ import annotations

import re

from ..knowledge import title_key
from ..knowledge.index import MAX_GLUED_TAIL
from ..knowledge.model import NAME_PARTICLES as _PARTICLES
from .wordlists import Words

#: Memories of runs (kept across documents) are cleared past this many entries.
_MAX_REMEMBERED = 50_000
#: Sets of words whose patterns :func:`may_hold` keeps.
_MAX_PATTERN_SETS = 64

#: Performance (issue 16): possessive quantifiers (nothing follows a word that
#: could make giving letters back match: the same matches, 16% faster) and, for
#: texts all ASCII (most news copy), the same classes spelt in ASCII (twice as fast;
#: on ASCII text ``[^\W_]`` is ``[A-Za-z0-9]`` and no ’ occurs).  Each ``_ASCII_``
#: pattern gives its model's matches on ASCII text (tests/test_kindex_lint.py).
TITLE_WORD_RE = re.compile(r"[^\W_]++(?:['’][^\W_]++)*+")
#: A name's words as copylint.checks.names reads them (the builder's and ``knowledge
#: find``'s too).
NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_ASCII_NAME_WORD_RE = re.compile(r"[A-Za-z]++(?:['\-][A-Za-z]++)*+")
_CASE_SPLIT_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\W\d_]+")
#: The runs of capitalised words that may name cast members: the same matches as
#: ``knowledge.index._PERSON_RUN_RE`` (activation by cast), with "not after a word
#: character" asked after the capital, which lets the regex engine skip to capitals.
PERSON_RUN_RE = re.compile(
    r"[A-Z](?<![\w’'].)[\w’'.\-]*(?:[ \u00a0](?:(?:van|von|de|da|di|del|der|le|la)[ \u00a0])*"
    r"[A-Z][\w’'.\-]*)+"
)
#: :data:`PERSON_RUN_RE` for ASCII text (see :data:`TITLE_WORD_RE`).
ASCII_PERSON_RUN_RE = re.compile(
    r"[A-Z](?<![\w'].)[\w'.\-]*+(?:[ ](?:(?:van|von|de|da|di|del|der|le|la)[ ])*"
    r"[A-Z][\w'.\-]*+)+",
    re.ASCII,
)


class DocumentScan:
    """One document's text, tokenised once for all of its look-ups.

    Performance (issue 16): the per-document look-ups (title starts, known
    words, misspelt people, ...) each scanned the whole text for the same
    words; each scan is now made at most once, when first asked for.
    """

    __slots__ = ("text", "ascii", "_title_words", "_title_word_set", "_name_words")

    def __init__(self, text: str) -> None:
        self.text = text
        #: the text for the ``_ASCII_`` patterns, or None (see :func:`ascii_view`)
        self.ascii = ascii_view(text)
        self._title_words: list[str] | None = None
        self._title_word_set: set[str] | None = None
        self._name_words: set[str] | None = None

    @property
    def title_words(self) -> list[str]:
        """The words of the text as titles are split into words, in order."""
        if self._title_words is None:
            view = self.ascii
            if view is not None:
                self._title_words = ascii_title_words(view)
            else:
                self._title_words = TITLE_WORD_RE.findall(self.text)
        return self._title_words

    @property
    def title_word_set(self) -> set[str]:
        """The distinct :attr:`title_words` (never changed by a caller)."""
        if self._title_word_set is None:
            self._title_word_set = set(self.title_words)
        return self._title_word_set

    @property
    def name_words(self) -> set[str]:
        """The distinct words of the text as names are split into words."""
        if self._name_words is None:
            view = self.ascii  # (0.05 ms a news article against 0.12)
            if view is not None:
                self._name_words = set(_ASCII_NAME_WORD_RE.findall(view))
            else:
                self._name_words = set(NAME_WORD_RE.findall(self.text))
        return self._name_words


#: Every ASCII character but a letter, a digit or "'" to a space.
_TITLE_WORD_SPACES = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and chr(c) != "'"}
)
#: An apostrophe that joins no two words (not between a letter or digit and another).
_LONE_APOSTROPHE_RE = re.compile(r"'(?:(?<![A-Za-z0-9]')|(?![A-Za-z0-9]))")


def ascii_title_words(view: str) -> list[str]:
    """``TITLE_WORD_RE.findall(view)`` for an ASCII ``view``, in order.

    A title word is letters and digits, an apostrophe joining two of them
    inside it; so every other character, and every apostrophe that joins
    nothing, separates words.  Performance (issue 16): a C translation to
    spaces and ``str.split`` take half the regular expression's time on news
    articles (0.024 against 0.050 ms).
    """
    spaced = view.translate(_TITLE_WORD_SPACES)
    if "'" in spaced:
        spaced = _LONE_APOSTROPHE_RE.sub(" ", spaced)
    return spaced.split()


#: What the scans' patterns read outside ASCII: word characters, ’ and the no-break space.
_READ_OUTSIDE_ASCII = re.compile(r"[\w’\u00a0]")


def ascii_view(text: str) -> str | None:
    """``text`` itself when it is all ASCII; with "?" for each character outside ASCII
    when none of them is one the scans' patterns read (news copy's "£", curly double
    quotes and dashes); else None.

    Each ``_ASCII_`` pattern finds in this view what its model finds in ``text``:
    the characters replaced are, like "?", in no class of either pattern and so in
    no match, and every other character is unchanged (tests/test_kindex_lint.py).
    """
    if text.isascii():
        return text
    if any(_READ_OUTSIDE_ASCII.match(c) for c in set(_NON_ASCII_RE.findall(text))):
        return None
    return text.encode("ascii", "replace").decode("ascii")


def cast_names(run: str, name_firsts: Words | None) -> tuple[str, ...]:
    """The names of two to four words (case-folded) that a run of capitalised words
    may write, each starting with a stored first name when ``name_firsts`` is known."""
    if (
        name_firsts is not None
        and run.isascii()
        and run.replace(" ", "").isalpha()
        and name_firsts.isdisjoint(run.lower().split())
    ):
        return ()  # (most runs: words of ASCII letters, none a first name)
    parts = run.split()
    # A cast member's name starts with a stored first name (asked of ASCII
    # words only, whose case folding cannot change how they split).
    may_start = [
        name_firsts is None or not p.isascii() or _first_name_word(p) in name_firsts for p in parts
    ]
    names: dict[str, None] = {}
    for size in range(min(len(parts), 4), 1, -1):
        for i in range(len(parts) - size + 1):
            if may_start[i]:
                names[" ".join(parts[i : i + size]).casefold()] = None
    return tuple(names)


def title_starts(
    word: str, firsts: Words | None, spellings: Words | None
) -> tuple[str | None, ...]:
    """For a word of a document: (its title key if a title may start with it, else
    None), then the keys of its heads glued to a short lower-case word that titles
    start with; () when there are none."""
    initial = word[0]
    if not (initial.isupper() or initial.isdigit()):
        return ()
    key = title_key(word)
    found: list[str | None] = [key if firsts is None or key in firsts else None]
    if initial.isupper():
        for t in range(1, MAX_GLUED_TAIL + 1):
            if len(word) > t and word[-t:].islower():
                head = word[:-t]
                if spellings is None or head.casefold().replace("’", "'") in spellings:
                    found.append(title_key(head))
    return tuple(found) if found[0] is not None or len(found) > 1 else ()


#: Up to this many words, whether a text holds one is asked of its case-folded whole.
_FEW_WORDS = 64


def may_hold(text: str, folded: Words) -> bool:
    """False when no word of ``text``, case-folded, is one of ``folded``.

    Case folding goes character by character and keeps letters letters, so a
    word of the text (letters between non-letters) folded is one of ``folded``
    standing between non-letters in the folded text.  (Performance, issue 16:
    a plain substring test let "tom" through in "tomorrow" and "custom", and
    one news article in six paid for a name scan and a query.)
    """
    if not folded:
        return False
    if len(folded) > _FEW_WORDS:
        return True
    low = text.casefold()
    if not any(word in low for word in folded):
        return False  # (most texts: a substring test is ten times faster)
    patterns = _WHOLE_WORDS.get(folded)
    if patterns is None:
        if len(_WHOLE_WORDS) >= _MAX_PATTERN_SETS:
            _WHOLE_WORDS.clear()
        # One pattern per word, starting with the word itself (then "not after a
        # letter"): the regex engine skips to the word's literal text, where an
        # alternation behind a look-behind is tried at every character (13 times
        # slower on news articles holding "tom" in "tomorrow").
        patterns = _WHOLE_WORDS[folded] = tuple(
            (w, re.compile(rf"{re.escape(w)}(?<![^\W\d_]{re.escape(w)})(?![^\W\d_])"))
            for w in sorted(folded)
        )
    return any(word in low and pattern.search(low) is not None for word, pattern in patterns)


#: The patterns of each set of words asked by may_hold (a few per run).
_WHOLE_WORDS: dict[Words, tuple[tuple[str, re.Pattern[str]], ...]] = {}


def _first_name_word(word: str) -> str:
    """The first name word of ``word``, case-folded ("" for none)."""
    if word.isascii() and word.isalpha():
        return word.lower()  # the whole word (most words: no regular expression)
    found = NAME_WORD_RE.search(word)
    return found.group().casefold() if found else ""


def folded_forms(word: str) -> tuple[str, ...]:
    """The case-folded forms under which ``word`` may be a known word of a name or
    title: itself, and the parts of a word in mixed case ("McKinsey", "iPhone")."""
    if word.islower() or word.isdigit():
        # A name written in lower case is no name to protect; a common
        # word is known anyway.  Skipping them halves the look-up.
        return ()
    if word[1:].islower():
        return (word.casefold(),)  # the common case: nothing to split
    folded = {word.casefold()}
    parts = _CASE_SPLIT_RE.findall(word)
    if len(parts) > 1:
        for i in range(len(parts)):
            for j in range(i + 1, min(len(parts), i + 4) + 1):
                folded.add("".join(parts[i:j]).casefold())
    return tuple(folded)


def bare(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


_MAX_NAME_WORDS = 5


#: Name words joined by single spaces: a name's words are never further apart.
#: (One space or no-break space, whitespace to ``str.split``, which thus splits a
#: chain, or a run of capitalised words, into its words.)
_CHAIN_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:[ \u00a0][^\W\d_]+(?:['’\-][^\W\d_]+)*)*")


def _add_pairs_at(run: list[str], firsts: Words | None, pairs: set[tuple[str, str]]) -> None:
    """Add the pairs whose last word is ``run``'s last (a capitalised word)."""
    word = run[-1]
    last = word.casefold()
    lasts = {last, bare(word).casefold()}
    for i in range(max(0, len(run) - _MAX_NAME_WORDS), len(run)):
        if run[i][0].isupper():
            first = run[i].casefold()
            if i == len(run) - 1:
                pairs.update((x, x) for x in lasts)
            if firsts is None or first in firsts:
                pairs.update((first, x) for x in lasts)


_LETTER = r"[^\W\d_]"
_WORD_REST = rf"{_LETTER}*(?:['’\-]{_LETTER}+)*"
#: The runs the chain scan of :func:`_written_pairs_by_chains` walks, found directly:
#: capitalised words (ASCII capital; the start of a word of ``_CHAIN_RE``, hence the
#: two look-behinds, asked after the capital so the engine skips to capitals) joined
#: by one space or no-break space, lower-case particles allowed between them.
_NAME_RUN_RE = re.compile(
    rf"[A-Z](?<!{_LETTER}.)(?<!{_LETTER}['’\-].){_WORD_REST}"
    rf"(?:[ \u00a0](?:(?:{'|'.join(sorted(_PARTICLES))})[ \u00a0])*[A-Z]{_WORD_REST})*"
)
_ASCII_WORD_REST = r"[A-Za-z]*+(?:['\-][A-Za-z]++)*+"
#: :data:`_NAME_RUN_RE` for ASCII text (see :data:`TITLE_WORD_RE`).
_ASCII_NAME_RUN_RE = re.compile(
    rf"[A-Z](?<![A-Za-z].)(?<![A-Za-z]['\-].){_ASCII_WORD_REST}"
    rf"(?:[ ](?:(?:{'|'.join(sorted(_PARTICLES))})[ ])*[A-Z]{_ASCII_WORD_REST})*"
)
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def written_pairs(
    text: str,
    firsts: Words | None = None,
    memo: dict[str, frozenset[tuple[str, str]]] | None = None,
) -> list[tuple[str, str]]:
    """(first, last) case-folded words of every run of up to five capitalised words
    (lower-case particles allowed inside) that ``text`` writes: the names it may contain;
    only those whose first word is in ``firsts`` when given.  ``memo`` keeps each run's
    pairs (for this ``firsts``) across documents.

    Performance (issue 16): the runs are found by one regular expression and
    their pairs kept per run ("Tony Blair" recurs), instead of walking every
    chain of words in Python.  A text with a capital outside ASCII takes the
    chain walk (the expression knows ASCII capitals only).
    """
    if not text.isascii() and any(c.isupper() for c in set(_NON_ASCII_RE.findall(text))):
        return _written_pairs_by_chains(text, firsts)
    memo = {} if memo is None else memo
    if len(memo) >= _MAX_REMEMBERED:
        memo.clear()
    runs = set((_ASCII_NAME_RUN_RE if text.isascii() else _NAME_RUN_RE).findall(text))
    # Set operations (in C) over the runs; Python only for runs new to the run.
    for run in runs.difference(memo):
        memo[run] = _pairs_of_run(run, firsts)
    return sorted(frozenset().union(*map(memo.__getitem__, runs)))


_NO_PAIRS: frozenset[tuple[str, str]] = frozenset()


def _pairs_of_run(run: str, firsts: Words | None) -> frozenset[tuple[str, str]]:
    """:func:`_run_pairs` of a run as written.

    Performance (issue 16): most runs ("The", "Prime Minister") hold no word of
    ``firsts``, so they make no pair; that is asked of the whole run in C.
    (Case folding maps no character to or from white space, so the folded
    run splits into the folded words; without "'s" no word is possessive.)
    """
    if (
        firsts is not None
        and "'s" not in run
        and "’s" not in run
        and firsts.isdisjoint(run.casefold().split())
    ):
        return _NO_PAIRS
    return _run_pairs(run.split(), firsts)


def _run_pairs(words: list[str], firsts: Words | None) -> frozenset[tuple[str, str]]:
    """The pairs :func:`_add_pairs_at` gives at each capitalised word of a run's
    ``words``, only those starting with a word of ``firsts`` when given.

    Performance (issue 16): a kept pair starts with a capitalised word of the
    run in ``firsts`` or is (x, x) for x in ``firsts``, so the words are folded
    once and only the starts in ``firsts`` are paired (most runs have none).
    """
    folded = [w.casefold() for w in words]
    capitals = [n for n, w in enumerate(words) if w[0].isupper()]
    starts = [n for n in capitals if firsts is None or folded[n] in firsts]
    made: set[tuple[str, str]] = set()
    for n in capitals:
        word = words[n]
        lasts = {folded[n], bare(word).casefold()} if word.endswith(("'s", "’s")) else {folded[n]}
        made.update((x, x) for x in lasts if firsts is None or x in firsts)
        for i in starts:
            if n - _MAX_NAME_WORDS < i <= n:
                made.update((folded[i], x) for x in lasts)
    return frozenset(made)


def _written_pairs_by_chains(text: str, firsts: Words | None = None) -> list[tuple[str, str]]:
    """:func:`written_pairs` by scanning every chain of words (the reference form,
    used for texts with capitals outside ASCII)."""
    pairs: set[tuple[str, str]] = set()
    for chain in _CHAIN_RE.findall(text):
        if chain.islower():
            continue  # no capital, no name
        if firsts is not None:
            # Every pair kept starts with a word of the chain (possessive off) in
            # ``firsts``; case folding keeps the words apart, so a chain without
            # one gives nothing (four chains in five of a news article).
            low = chain.casefold()
            if "'s" not in low and "’s" not in low and firsts.isdisjoint(low.split()):
                continue
        run: list[str] = []  # the current run's words, particles included
        for n, word in enumerate(chain.split()):
            capital = word[0].isupper()
            if not n or not (capital or word in _PARTICLES):
                run = []
            if capital or run:
                run.append(word)
            if capital:
                _add_pairs_at(run, firsts, pairs)
    if firsts is not None:
        return sorted(p for p in pairs if p[0] in firsts)
    return sorted(pairs)


_CAP = r"[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*"
#: Performance: "not after a letter" is asked after the capital ("(?<![^\W\d_].)"),
#: not before it, so the regex engine skips to capitals instead of trying the
#: look-behind at every character (half the time; the same matches).
_RUN_RE = re.compile(rf"[A-Z](?<![^\W\d_].){_CAP[5:]}(?:[ \u00a0]{_CAP}){{1,2}}")
#: :data:`_RUN_RE` for ASCII text (see :data:`TITLE_WORD_RE`).
_ASCII_RUN_RE = re.compile(
    rf"[A-Z](?<![A-Za-z].){_ASCII_WORD_REST}(?:[ ][A-Z]{_ASCII_WORD_REST}){{1,2}}"
)


def name_run_ends(
    text: str, memo: dict[str, tuple[str, str]] | None = None
) -> set[tuple[str, str]]:
    """(first, last) words (case-folded, possessive off) of each run of two or three
    capitalised words; ``memo`` keeps each run's ends across documents."""
    memo = {} if memo is None else memo
    if len(memo) >= _MAX_REMEMBERED:
        memo.clear()
    runs = set((_ASCII_RUN_RE if text.isascii() else _RUN_RE).findall(text))
    # A match's words are the name words of its text (one per capitalised word).
    for run in runs.difference(memo):
        parts = run.split()
        memo[run] = (bare(parts[0]).casefold(), bare(parts[-1]).casefold())
    return set(map(memo.__getitem__, runs))
