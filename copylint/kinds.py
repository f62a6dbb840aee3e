"""What each check kind accepts and emits: its codes and its typed rule options.

A rule pack's rule names a *check kind* (``check:``); this module is the
contract between the two.  For every kind it declares

* the codes the kind can emit (a pack rule with any other code would never
  report anything, so loading it is an error), or that the kind is *open* and
  serves any code (``phrases``, ``grammar``: their behaviour is all data);
* for each code, a frozen dataclass of the rule's options with their defaults.
  Thresholds have their default here and only here; word and phrase lists are
  data and live in the packs (their default here is empty).

Options are validated at load, for packs and for ``[rules.X]`` config tables
alike: one key style (kebab-case, as in the config file), an unknown key or a
wrong type is an error naming the file and line, with a "did you mean".

The module is light on purpose (dataclasses only): loading packs must not
import the check kinds, which would import LanguageTool, the lexicon and
rapidfuzz before the first file is read.  Every run defines all the options
classes, so they are :func:`~copylint.records.record` classes (frozen
dataclasses with shared methods): declare new ones with ``@record``, not
``@dataclass``, which costs about 0.8 ms a class at start-up.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from .errors import did_you_mean
from .records import record

#: A word list: a YAML list of strings, or one space-separated string (YAML
#: reads a bare ``no`` or ``on`` in a list as a boolean; a string is safe).
Words = typing.NewType("Words", tuple[str, ...])


class OptionError(ValueError):
    """An option value or key that a rule's options class does not accept.

    ``key`` is the offending key as written (for the caller to find its line).
    """

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@record
class RuleOptions:
    """Options of a rule with none.  Subclasses add fields with their defaults.

    Field ``snake_case`` names are written ``kebab-case`` in packs and config.
    """

    def as_dict(self) -> dict[str, Any]:
        """Field name -> value, for code that reads options by name."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def option_key(name: str) -> str:
    """The pack and config spelling of a field name."""
    return name.replace("_", "-")


_FIELDS: dict[type, dict[str, tuple[str, Any]]] = {}


def _fields(cls: type[RuleOptions]) -> dict[str, tuple[str, Any]]:
    """kebab-case key -> (field name, type) of an options class."""
    known = _FIELDS.get(cls)
    if known is None:
        hints = typing.get_type_hints(cls)
        known = {option_key(f.name): (f.name, hints[f.name]) for f in dataclasses.fields(cls)}
        _FIELDS[cls] = known
    return known


def option_keys(cls: type[RuleOptions]) -> tuple[str, ...]:
    """The keys an options class accepts, in kebab-case."""
    return tuple(_fields(cls))


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _string_list(key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        bad = (
            next((v for v in value if not isinstance(v, str)), None)
            if isinstance(value, list | tuple)
            else value
        )
        raise OptionError(
            key,
            f"option {key!r} must be a list of strings, not {_kind_of(value)}"
            + (f" (item {bad!r}: quote it)" if isinstance(value, list | tuple) else ""),
        )
    return tuple(value)


def _convert(key: str, hint: Any, value: object) -> object:
    """``value`` as the type ``hint``, or an OptionError saying what was expected."""
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise OptionError(key, f"option {key!r} must be true or false, not {_kind_of(value)}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise OptionError(key, f"option {key!r} must be a whole number, not {_kind_of(value)}")
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise OptionError(key, f"option {key!r} must be a number, not {_kind_of(value)}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise OptionError(key, f"option {key!r} must be a string, not {_kind_of(value)}")
    if hint is Words:
        if isinstance(value, str):
            return tuple(value.split())
        return _string_list(key, value)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and args == (str, ...):
        return (value,) if isinstance(value, str) else _string_list(key, value)
    if origin is tuple:  # tuple[Any, ...]: items checked by the check kind
        if isinstance(value, list | tuple):
            return tuple(value)
        raise OptionError(key, f"option {key!r} must be a list, not {_kind_of(value)}")
    if origin is Mapping:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise OptionError(key, f"option {key!r} must be a table, not {_kind_of(value)}")
        return {k: _convert(f"{key}.{k}", args[1], v) for k, v in value.items()}
    raise TypeError(f"unsupported option type {hint!r} for {key!r}")  # a bug in this module


def build_options(
    cls: type[RuleOptions], raw: Mapping[str, object], base: RuleOptions | None = None
) -> RuleOptions:
    """Validate ``raw`` (kebab-case keys) into ``cls``, on top of ``base`` or the defaults.

    Raises :class:`OptionError` naming the first bad key.
    """
    fields = _fields(cls)
    values: dict[str, object] = {}
    for key, value in raw.items():
        entry = fields.get(key)
        if entry is None:
            hint = did_you_mean(key, fields) or did_you_mean(option_key(key), fields)
            accepted = ", ".join(fields) if fields else "none"
            raise OptionError(
                key,
                f"unknown option {key!r}{hint}" + ("" if hint else f" (accepted: {accepted})"),
            )
        name, type_hint = entry
        values[name] = _convert(key, type_hint, value)
    start = base if base is not None else cls()
    return dataclasses.replace(start, **values) if values else start


# ------------------------------------------------------------ list order
#: Field metadata key of a list option whose order matters (see :func:`ordered`).
_ORDERED = "copylint.ordered"


def ordered(why: str) -> Any:
    """Declare a list option whose order matters, saying why; its default is empty.

    Every other list option is a *set*: the check kind reads it into a set, or
    compiles it into an alternation longest entry first (so no entry can hide a
    longer one behind it), and the same entries in any order give the same
    findings.  Set-like lists are kept sorted in the built-in packs
    (tests/test_rule_hygiene.py); ordered ones keep their order, which the
    hygiene tests check for entries that an earlier one shadows.
    """
    return field(default=(), metadata={_ORDERED: why})


def list_order(cls: type[RuleOptions], name: str) -> str | None:
    """Why the list option ``name`` (a field name) of ``cls`` is ordered; None for a set."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            why = f.metadata.get(_ORDERED)
            return str(why) if why is not None else None
    raise KeyError(f"{cls.__name__} has no option {name!r}")


#: Field metadata key of a list option matched case-sensitively (see :func:`case_sensitive`).
_CASE_SENSITIVE = "copylint.case_sensitive"


def case_sensitive() -> Any:
    """Declare a word-list option its check matches as written; its default is empty.

    Every other list is matched ignoring case, so two entries that differ only
    in case are duplicates there (tests/test_rule_hygiene.py), not here.
    """
    return field(default=(), metadata={_CASE_SENSITIVE: True})


def list_case_sensitive(cls: type[RuleOptions], name: str) -> bool:
    """True when the list option ``name`` (a field name) of ``cls`` is matched as written."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            return bool(f.metadata.get(_CASE_SENSITIVE, False))
    raise KeyError(f"{cls.__name__} has no option {name!r}")


#: Why a list of regular expressions is ordered: :func:`ordered`'s reason for them.
PATTERNS_IN_ORDER = (
    "regular expressions joined into one alternation in list order: where two match "
    "at one place the first wins, and patterns are grouped by meaning, not sortable text"
)


# ----------------------------------------------------------------- options
@record
class PhraseOptions(RuleOptions):
    """A ``phrases`` rule: a list of phrases or pattern entries (see docs/rules.md)."""

    #: strings, or tables with ``phrase``/``pattern``, ``replacement``, ``message``
    phrases: tuple[Any, ...] = ()
    case_sensitive: bool = False
    whole_line: bool = False


@record
class GrammarOptions(RuleOptions):
    """A ``grammar`` rule: which LanguageTool matches it claims (first claim wins)."""

    rule_ids: tuple[str, ...] = ()
    issue_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    fallback_issue_types: tuple[str, ...] = ()
    #: drop spelling matches on names the knowledge base knows
    suppress_known_names: bool = False
    #: claim every match no rule claims
    fallback: bool = False


@record
class CaseJoinOptions(RuleOptions):
    """CL201: mixed-case glue points ("filmStars", "BerlinThe")."""

    #: minimum Zipf frequency for a mixed-case form (lowercased) to count as one word
    brand_min_zipf: float = 1.0
    #: ... unless every part is at least this common: then it needs common_pair_min_zipf,
    #: as the lexicon holds junk like "blackwhite"
    common_pair_min_zipf: float = 1.6
    common_part_zipf: float = 4.0
    #: a one- or two-letter lowercase head (iPhone, eBay) is a brand form unless it
    #: is a word this common ("meHi", "byBATS")
    head_word_min_zipf: float = 3.5
    #: a sentence opener after the glue point ("AcmeplexThis") needs a more common
    #: whole form to count as one word: the lexicon lists junk like "sothe"
    starter_brand_min_zipf: float = 2.5
    #: minimum Zipf frequency of both halves for a space insertion to be safe
    safe_min_zipf: float = 3.5
    #: a weak candidate is reported only with at least min_support other glue
    #: points within support_window characters, as in a flattened menu
    support_window: int = 150
    min_support: int = 1
    #: a run with this many glue points supports itself ("JanuaryDecemberNovember…")
    run_support: int = 3
    #: a form found this often between lowercase words is a name in use
    prose_repeats: int = 3
    name_prefixes: Words = Words(())
    known_forms: Words = Words(())
    sentence_starters: Words = Words(())
    #: function words that, glued capitalised to a common word with lowercase
    #: prose after them, show a lost space with no other evidence ("FridayWith a")
    function_tails: Words = Words(())
    #: words after a name that make it a company's ("PayPerAction LLC", "AcmeSoft Ltd"):
    #: a capitalised compound before one is a name, not a glue point (matched as written)
    company_designators: Words = case_sensitive()


@record
class GluedPunctuationOptions(RuleOptions):
    """CL203: sentence punctuation with no space after it ("end.Next", "thriller,which")."""

    #: words that, glued after a comma, show a lost space ("thriller,which")
    comma_tails: Words = Words(())


@record
class GluedOptions(RuleOptions):
    """CL202: lowercase words run together ("filmopened")."""

    #: minimum Zipf frequency of each part of a split
    part_min_zipf: float = 3.0
    #: minimum Zipf frequency of each part when neither is a function word
    pair_min_zipf: float = 3.5
    #: minimum length of each part of a split into three or more words
    min_part_len: int = 4
    #: the language gate: at most max_unknown_share of the longer words within
    #: context_window characters may be unknown to the English lexicon
    context_window: int = 200
    max_unknown_share: float = 0.25
    #: ... where a word less common than this counts as unknown
    known_word_zipf: float = 1.5
    #: minimum length of a word read as "a" glued to a word ("apublic")
    article_join_min_len: int = 5
    #: minimum length of the head of an unknown capitalised word ("Twois": "Two")
    capital_head_min_len: int = 3
    #: minimum length of each of two glued content words ("ups|ample" is not a split)
    content_part_min_len: int = 4
    #: a function word glued to the front of a word ("thefilm") makes a sure split
    #: (a safe fix) only from this many letters: "weblogger" is not "we blogger"
    certain_head_min_len: int = 3
    capital_tails: Words = Words(())
    function_words: Words = Words(())
    compound_heads: Words = Words(())
    #: function words that end many names ("Southan", "Turnour"): not split off a
    #: capitalised word on the strength of its single use in the text alone
    name_endings: Words = Words(())
    #: words that, glued to the end of a numeral, show a lost space ("Season 3was")
    numeral_tails: Words = Words(())
    #: verbs of a comment header ("jane88 says: May 2, 2020"): glued to the commenter's
    #: name before a colon and a date, they show a lost space ("jane88says:")
    reply_verbs: Words = Words(())
    #: what ends a clock time ("10:12 am"): a word glued to it lost its space
    #: ("10:12 amsaid:", "01:19 AMUS Senate")
    clock_marks: Words = Words(())


@record
class QuotesOptions(RuleOptions):
    """CL210: unbalanced quotation marks."""

    #: verbs of an attribution after a quote ("…go,” he said): where a quotation ends
    attribution_verbs: Words = Words(())


@record
class SentenceCaseOptions(RuleOptions):
    """CL212: a sentence that starts in lowercase."""

    abbreviations: tuple[str, ...] = ()
    continuations: tuple[str, ...] = ()
    #: a word this short after a quantity is a unit ("1 tsp.", "4 oz."), not a sentence end
    unit_max_len: int = 4
    #: ... and, from four letters, rarer than this Zipf frequency ("Tbsp" 3.1, not "sets" 4.7)
    unit_word_zipf: float = 3.5
    #: a line with this many lower-case sentence starts is written so on purpose
    style_min_starts: int = 3
    #: a quoted word rarer than this Zipf frequency, written in lower case where the text
    #: elsewhere capitalises it ("tbwa" / "TBWA"), marks a quotation kept in lower case
    lowered_name_zipf: float = 3.0


@record
class TitlePronounOptions(RuleOptions):
    """CL220: a title run into the next sentence's pronoun."""

    pronouns: tuple[str, ...] = ()


@record
class AcronymOptions(RuleOptions):
    """CL401: acronyms spelled out as something else."""

    #: phrases between an acronym and its explanation ("short for", "which stands for")
    explain_cues: tuple[str, ...] = ()
    #: phrases after an explanation and its acronym ("for short")
    after_cues: tuple[str, ...] = ()


@record
class NameOptions(RuleOptions):
    """CL102, CL103: fuzzy names."""

    #: words before a name that are not part of it ("Mr", "Dame")
    honorifics: tuple[str, ...] = ()
    #: role words written capitalised before a name ("Director", "Star")
    role_words: tuple[str, ...] = ()


@record
class ReleaseDateOptions(RuleOptions):
    """CL404: release dates that contradict the knowledge base."""

    release_cues: tuple[str, ...] = ()
    #: country code -> the names that mean it in prose
    countries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: release kind (premiere, streaming, broadcast) -> the words that say it
    kind_cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: kind of part (season, episode) -> the nouns that name one by number ("series 2")
    part_nouns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: words saying a series comes back ("returns"): its dates are a later season's
    return_cues: tuple[str, ...] = ()
    #: nouns after a title's possessive that make the subject another thing ("X's finale")
    other_subjects: tuple[str, ...] = ()
    #: kind of work (or "any") -> nouns of a carried subject ("The new season", "The drama")
    carried_nouns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@record
class PlatformOptions(RuleOptions):
    """CL407: a work said to premiere, stream or air on a platform it is not on."""

    #: verbs that say where a work is shown ("premieres", "streams", "airs")
    verbs: tuple[str, ...] = ()
    #: networks and platforms known to exist, besides the knowledge's own
    platforms: tuple[str, ...] = ()
    #: network -> platforms that also carry its works (a channel's own streaming service)
    companions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: capitalised words that name a part of the work ("Season 2", "Series Three")
    part_words: tuple[str, ...] = ()
    #: words between a work and the verb that make the subject another work ("spin-off")
    other_work_words: tuple[str, ...] = ()


@record
class EpisodeCountOptions(RuleOptions):
    """CL408: a season or series said to have another number of episodes."""

    #: nouns a count is made of ("episode", "part")
    units: tuple[str, ...] = ()
    #: words before a number that make it part of the run ("the first three episodes")
    subset_words: tuple[str, ...] = ()
    #: nouns after "eight-part" that name the whole ("season", "drama"; not "finale")
    whole_words: tuple[str, ...] = ()


@record
class RoleOptions(RuleOptions):
    """CL405: credits in a role the person does not have."""

    #: role -> the words that name it ("director", "filmmaker")
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: role -> phrases that credit it ("directed by", "featuring"), before a list of names
    by_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: role -> verbs that credit it after "who" ("Jane Roe, who directed")
    verbs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: role -> nouns a person's possessive credits ("Roe's score": composer)
    possessions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: role -> the role it is a kind of ("head writer" -> "writer")
    parents: Mapping[str, str] = field(default_factory=dict)
    #: verbs between an actor and a character ("Jane Roe plays X", "stars as X")
    playing_verbs: tuple[str, ...] = ()


@record
class UiPhraseOptions(RuleOptions):
    """CL301: interface phrases (whole lines, embedded phrases, line patterns)."""

    phrases: tuple[str, ...] = ()
    embedded: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ordered(PATTERNS_IN_ORDER)


@record
class RelatedLinkOptions(RuleOptions):
    """CL302: "Read more: …" teasers."""

    lead_ins: tuple[str, ...] = ()
    tail_tags: tuple[str, ...] = ()


@record
class LeadInOptions(RuleOptions):
    """A residue rule recognised by the words a line starts with (CL305, CL308)."""

    lead_ins: tuple[str, ...] = ()


@record
class CaptionOptions(RuleOptions):
    """CL303: photo captions, by their lead-in or by a picture credit at their end."""

    lead_ins: tuple[str, ...] = ()
    #: labels of a parenthesised credit that ends a caption ("… (Photo: Jane Doe)"),
    #: or that runs into the caption it leads ("© Jane Doe Protesters gather …")
    credit_labels: tuple[str, ...] = ()
    #: picture agencies whose credit in parentheses ends a caption ("… (AP Photo/Jane Doe)")
    credit_agencies: tuple[str, ...] = ()


@record
class CreditOptions(RuleOptions):
    """CL304: photo and agency credits."""

    lead_ins: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    #: function words of languages that capitalise every noun (German): on a page
    #: rich in them a capitalised line under a caption-like line is a subheading,
    #: not a credit ("Aktuelle Situation")
    noun_capitalising_words: tuple[str, ...] = ()


@record
class ToggleOptions(RuleOptions):
    """CL306: "Read more" / "Show less" toggles."""

    collapse_words: tuple[str, ...] = ()
    expand_words: tuple[str, ...] = ()


@record
class LinkListOptions(RuleOptions):
    """CL307: a list of links under a header ("More from …")."""

    headers: tuple[str, ...] = ()
    header_patterns: tuple[str, ...] = ordered(PATTERNS_IN_ORDER)


@record
class TimestampOptions(RuleOptions):
    """CL309: dateline and timestamp lines."""

    months: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ordered(PATTERNS_IN_ORDER)
    filler: tuple[str, ...] = ()


@record
class ShareBarOptions(RuleOptions):
    """CL310: share bars (runs of social network names)."""

    networks: tuple[str, ...] = ()


@record
class PatternOptions(RuleOptions):
    """A residue rule recognised by line patterns (CL311)."""

    patterns: tuple[str, ...] = ordered(PATTERNS_IN_ORDER)


@record
class CopyrightOptions(PatternOptions):
    """CL311: copyright and rights notices."""

    #: news agencies, each as its names joined by "|" ("AP|Associated Press"): the
    #: notice of an agency the article's dateline credits ("LONDON (Reuters) -") is
    #: the syndication notice its copy carries, part of the article
    wire_agencies: tuple[str, ...] = ()


@record
class RepeatedLineOptions(RuleOptions):
    """CL312: short lines repeated in the page."""

    #: a block of repeated lines recurring this often, each time followed by a line
    #: of its own, labels the records of a template (content): "Breakfast" / "Lunch"
    template_min_records: int = 3
    #: ... whose copies follow each other within this many lines (records are
    #: adjacent; a menu's copies have the article between them)
    template_max_record_lines: int = 8


@record
class CommentThreadOptions(RuleOptions):
    """CL316: reader-comment threads."""

    #: words that end a comment header and no byline: "said:", "| Reply", "Antworten"
    reply_cues: tuple[str, ...] = ()
    #: lines a comment may take between two headers of one thread
    max_comment_lines: int = 12


@record
class NavMenuOptions(RuleOptions):
    """CL313: runs of very short lines."""

    #: consecutive one-to-three-word lines that make a menu
    menu_min_run: int = 5
    #: a line of two names around one of these ("Arsenal v Stoke") is a row of a
    #: fixture or results list; four or more near each other are a table, no menu
    record_separators: tuple[str, ...] = ()


@record
class OutsideArticleOptions(RuleOptions):
    """CL314: short lines before or after the article's prose."""

    #: non-prose lines a region may hold between two recognised lines
    max_gap: int = 4
    #: lines longer than this are never furniture
    max_words: int = 20
    #: after the first furniture that follows the article, a sentence of at most
    #: this many words is furniture too (a licence line, "Give us feedback.")
    max_sentence_words: int = 12
    #: a prose line has at least this many words ...
    prose_min_words: int = 10
    #: ... and at least this share of function words
    prose_min_function_share: float = 0.15
    function_words: tuple[str, ...] = ()


@record
class CapsTeaserOptions(RuleOptions):
    """CL315: long all-capitals teaser lines."""

    #: minimum words of an all-capitals line
    min_words: int = 7


@record
class SiteNoticeOptions(RuleOptions):
    """CL317: the site talking to the reader outside the article (sign-up forms, bios)."""

    #: words that address the reader or speak for the site ("you", "our")
    address_words: tuple[str, ...] = ()
    #: call-to-action and site-notice words and phrases ("newsletter", "sign up"): 2 points
    cues: tuple[str, ...] = ()
    #: words that are site talk only next to others ("email", "advertising"): 1 point
    weak_cues: tuple[str, ...] = ()
    #: points a line needs when it addresses the reader or is short ...
    min_points: int = 2
    #: ... and in any other line
    min_points_unaddressed: int = 3
    #: a line of at most this many words needs no address
    short_words: int = 8
    #: a bio names its subject, then one of these verbs ("is", "writes") ...
    bio_verbs: tuple[str, ...] = ()
    #: ... and one of these roles ("writer", "editor")
    bio_roles: tuple[str, ...] = ()
    #: lines longer than this are never judged
    max_words: int = 80
    #: the article ends before a site-voice line inside the prose after which
    #: less than this share of the prose remains (a comment form, then a blurb)
    tail_share: float = 0.25
    #: ... or after which this share of the prose's lines are furniture (teasers)
    tail_furniture: float = 0.5


@record
class TrailingListOptions(RuleOptions):
    """CL318: headline lists and tag lines after the article."""

    #: a line starting with one of these ("Filed under", "Tagged:") lists tags
    tag_lead_ins: tuple[str, ...] = ()
    #: consecutive headline-shaped lines that make a list
    min_run: int = 3
    #: a headline has at least this many words ...
    min_words: int = 4
    #: ... and at most this many
    max_words: int = 20


@record
class TrailingProseOptions(RuleOptions):
    """CL319: prose after the furniture that closes the article (blurbs, bios, teasers)."""

    #: rules whose lines close an article (share bars, related links, footers) ...
    closing_rules: tuple[str, ...] = ()
    #: ... and how many of their lines a run of non-prose lines needs to close it
    min_closing_lines: int = 6
    #: the prose after the closing run is residue when it is less than this
    #: share of the article core's prose words
    tail_share: float = 0.33
    #: a smaller closing run (a related link and its headline) ...
    few_closing_lines: int = 2
    #: ... closes the article when the prose after it is less than this share
    few_lines_share: float = 0.1


# ------------------------------------------------------------------- kinds
@record
class KindContract:
    """What one check kind emits and which options each of its rules takes.

    ``codes`` maps each code the kind can emit to its rules' options class;
    an *open* kind (``open_options`` set) serves any code, with those options.
    """

    kind: str
    codes: Mapping[str, type[RuleOptions]] = field(default_factory=dict)
    open_options: type[RuleOptions] | None = None

    def options_for(self, code: str) -> type[RuleOptions] | None:
        """The options class of ``code`` in this kind, or None if the kind cannot emit it."""
        cls = self.codes.get(code)
        if cls is None and self.open_options is not None and code not in ENGINE_CODES:
            return self.open_options
        return cls


#: Codes the engine reports itself (crashes, suppressions, timeouts, front matter).
ENGINE_CODES: frozenset[str] = frozenset({"CL001", "CL002", "CL003", "CL004", "CL005"})

_R = RuleOptions
KINDS: dict[str, KindContract] = {
    k.kind: k
    for k in (
        KindContract("engine", dict.fromkeys(sorted(ENGINE_CODES), _R)),
        KindContract("names", {"CL101": _R, "CL102": NameOptions, "CL103": NameOptions}),
        KindContract(
            "glued-words",
            {
                "CL201": CaseJoinOptions,
                "CL202": GluedOptions,
                "CL203": GluedPunctuationOptions,
            },
        ),
        KindContract("quotes", {"CL210": QuotesOptions, "CL211": _R}),
        KindContract("sentence-case", {"CL212": SentenceCaseOptions}),
        KindContract("title-joins", {"CL220": TitlePronounOptions}),
        KindContract(
            "residue",
            {
                "CL301": UiPhraseOptions,
                "CL302": RelatedLinkOptions,
                "CL303": CaptionOptions,
                "CL304": CreditOptions,
                "CL305": LeadInOptions,
                "CL306": ToggleOptions,
                "CL307": LinkListOptions,
                "CL308": LeadInOptions,
                "CL309": TimestampOptions,
                "CL310": ShareBarOptions,
                "CL311": CopyrightOptions,
                "CL312": RepeatedLineOptions,
                "CL313": NavMenuOptions,
                "CL314": OutsideArticleOptions,
                "CL315": CapsTeaserOptions,
                "CL316": CommentThreadOptions,
                "CL317": SiteNoticeOptions,
                "CL318": TrailingListOptions,
                "CL319": TrailingProseOptions,
            },
        ),
        KindContract(
            "facts",
            {
                "CL401": AcronymOptions,
                "CL402": _R,
                "CL403": _R,
                "CL404": ReleaseDateOptions,
                "CL405": RoleOptions,
                "CL406": _R,
                "CL407": PlatformOptions,
                "CL408": EpisodeCountOptions,
            },
        ),
        KindContract("phrases", open_options=PhraseOptions),
        KindContract("grammar", open_options=GrammarOptions),
    )
}


def contract(kind: str) -> KindContract | None:
    """The contract of a check kind, or None for an unknown kind."""
    return KINDS.get(kind)


def declared_codes() -> frozenset[str]:
    """Every code a closed kind declares (open kinds take any other code)."""
    return frozenset(code for k in KINDS.values() for code in k.codes)
