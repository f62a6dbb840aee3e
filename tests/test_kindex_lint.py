"""Linting with a compiled index: the same findings as YAML, YAML on top, evidence at scale."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copylint.api import lint_text
from copylint.config import Settings
from copylint.engine import Linter
from copylint.formats import build_document
from copylint.kindex import base as kbase
from copylint.kindex import index as kindex
from copylint.kindex import scan as kscan
from copylint.kindex.base import IndexedKnowledge
from copylint.kindex.build import Filters, build_index
from copylint.knowledge import KnowledgeBase, load_knowledge

from .conftest import FIXTURES, MI_KNOWLEDGE, SEED, knowledge_summary, load_script, run_cli

IMDB = FIXTURES / "kindex" / "imdb"
ROOT = Path(__file__).resolve().parents[1]


def _key(diagnostics: list) -> list[tuple]:
    return [(d.code, d.start, d.end, d.message, d.fix) for d in diagnostics]


@functools.cache
def _generated_yaml(tmp: str) -> Path:
    """A synthetic base from the bench's generator: realistic names, misspellings, titles."""
    module = load_script("bench/gen_knowledge.py")
    path = Path(tmp) / "generated.yaml"
    path.write_text(module.generate(400, 80, seed=3), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str, KnowledgeBase]:
    tmp = tmp_path_factory.mktemp("kindex")
    generated = _generated_yaml(str(tmp))
    yaml_files = [str(MI_KNOWLEDGE), str(generated)]
    index = tmp / "same.idx"
    build_index(yaml_files, index, Filters(min_credits=0))
    return yaml_files, str(index), KnowledgeBase.load(yaml_files)


def test_seed_article_same_findings_with_index_and_yaml(bases) -> None:
    yaml_files, index, _ = bases
    text = SEED.read_text(encoding="utf-8")
    from_yaml = lint_text(text, path="seed.txt", knowledge=yaml_files)
    from_index = lint_text(text, path="seed.txt", knowledge=[index])
    assert any(d.code.startswith(("CL1", "CL4")) for d in from_yaml)
    assert _key(from_index) == _key(from_yaml)


def _fragments(kb: KnowledgeBase) -> list[str]:
    rng = random.Random(5)
    out: list[str] = []
    for work in list(kb.works)[:40]:
        out += [work.title, work.title.upper(), work.title.lower(), *work.aliases]
        out += [c.name for c in work.credits[:4]]
        out += [c.character for c in work.credits[:3] if c.character]
        out += [str(d.year) for _, d in work.released[:1]]
        out += [f"{d:%d %B %Y}" for _, d in work.released[:1]]
        out += [w for w, _ in work.acronyms]
    for ent in list(kb.entities.values())[:80]:
        out += [ent.name, *ent.misspellings]
        first, _, last = ent.name.rpartition(" ")
        if len(last) > 4:  # a near miss that no list has
            i = rng.randrange(1, len(last) - 1)
            out.append(f"{first} {last[:i]}{last[i + 1 :]}")
            out.append(last[:i] + last[i] + last[i:])
    return out


_GLUE = ["", " ", " ", ", ", ". ", " the ", " and ", " stars in ", "\n\n", "'s ", ": "] + [
    " was directed by ",
    " was released on ",
    " (",
    ") ",
    " as ",
    " plays ",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_index_and_yaml_give_identical_findings(bases, data: st.DataObject) -> None:
    yaml_files, index, kb = bases
    pieces = data.draw(
        st.lists(
            st.tuples(st.sampled_from(_fragments(kb)), st.sampled_from(_GLUE)),
            min_size=1,
            max_size=25,
        )
    )
    text = "".join(a + b for a, b in pieces)
    fmt = data.draw(st.sampled_from(["txt", "md"]))
    if fmt == "md" and data.draw(st.booleans()):
        title = data.draw(st.sampled_from([w.title for w in list(kb.works)[:40]]))
        text = f'---\nworks: ["{title}"]\n---\n{text}'
    from_yaml = lint_text(text, path=f"a.{fmt}", knowledge=yaml_files)
    from_index = lint_text(text, path=f"a.{fmt}", knowledge=[index])
    assert _key(from_index) == _key(from_yaml), text


@pytest.mark.parametrize(
    ("large", "forgetful"),
    [(False, False), (False, True), (True, False), (True, True)],
    ids=["small", "small-forgetting", "large", "large-forgetting"],
)
def test_a_run_remembers_without_changing_any_document_s_knowledge(
    bases, monkeypatch: pytest.MonkeyPatch, large: bool, forgetful: bool
) -> None:
    """Each document's knowledge, made by one base over a run of documents (its
    memories of words, runs and look-ups filled by the earlier ones, and forgotten
    when full), is what a fresh base makes for it alone."""
    _, index, kb = bases
    if large:
        monkeypatch.setattr(kbase, "LARGE_WORKS", 0)
    if forgetful:  # every memory full after a few entries, and forgotten
        monkeypatch.setattr(kbase, "_MAX_PARSED", 3)
        monkeypatch.setattr(kscan, "_MAX_REMEMBERED", 3)
        monkeypatch.setattr(kindex, "MEMO_LIMIT", 3)
    rng = random.Random(11)
    fragments = _fragments(kb)
    texts = [
        "".join(rng.choice(fragments) + rng.choice(_GLUE) for _ in range(rng.randrange(3, 30)))
        for _ in range(40)
    ]
    run = load_knowledge([index])
    assert isinstance(run, IndexedKnowledge) and run.large is large
    for n, text in enumerate(texts):
        doc = build_document(f"{n}.txt", text)
        alone = load_knowledge([index])
        assert isinstance(alone, IndexedKnowledge)
        assert knowledge_summary(run.for_document(doc)) == knowledge_summary(
            alone.for_document(doc)
        ), text


def test_local_yaml_corrects_and_adds_to_the_index(tmp_path: Path) -> None:
    index = tmp_path / "films.data"  # detected by content, not by name
    build_index([IMDB], index, Filters())
    local = tmp_path / "local.yaml"
    local.write_text(
        "works:\n"
        "  - title: Night of the Long Rivers\n"
        "    released: {GB: 2018-10-05}\n"
        "    directors: [Anneliese Marchetti]\n"
        "people:\n"
        "  - name: Priya Castellanos\n"
        "    misspellings: [Priya Castellano]\n",
        encoding="utf-8",
    )
    text = (
        "Night of the Long Rivers, released on 12 October 2018 and directed by Anneliese "
        "Marchetti, stars Priya Castellano.\n"
    )
    found = {(d.code, d.message) for d in lint_text(text, knowledge=[str(index), str(local)])}
    codes = {c for c, _ in found}
    assert "CL101" in codes  # the local misspelling of an imported person
    assert "CL404" in codes  # the local release date (IMDb knows only the year)
    only_index = {d.code for d in lint_text(text, knowledge=[str(index)])}
    assert "CL101" not in only_index and "CL404" not in only_index


def test_config_knowledge_accepts_an_index(tmp_path: Path) -> None:
    build_index([IMDB], tmp_path / "films.bin", Filters())
    (tmp_path / "copylint.toml").write_text('knowledge = ["films.bin"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "The Copper Orchard stars Priya Castelanos as DI Ruth Calder.\n", encoding="utf-8"
    )
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "“Priya Castelanos” looks like a misspelling of “Priya Castellanos”" in proc.stdout


def test_a_damaged_index_is_one_clear_error(tmp_path: Path) -> None:
    index = tmp_path / "films.idx"
    build_index([IMDB], index, Filters())
    data = index.read_bytes()
    index.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    (tmp_path / "a.txt").write_text("Priya Castelanos\n", encoding="utf-8")
    proc = run_cli("--isolated", "-k", str(index), "--no-cache", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"copylint: error: {index}") and "Traceback" not in proc.stderr


# ------------------------------------------------------------------ a large base
@pytest.fixture()
def large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> IndexedKnowledge:
    """A small index treated as a huge one (the evidence rules switch on by size)."""
    monkeypatch.setattr(kbase, "LARGE_WORKS", 0)
    src = tmp_path / "films.yaml"
    src.write_text(
        "works:\n"
        "  - title: Heat\n"
        "    released: {US: 1995-12-15}\n"
        "    directors: [Michael Mann]\n"
        "    cast: [{name: Al Pacino, character: Vincent Hanna}]\n"
        "  - title: The Silent Harbour\n"
        "    released: {GB: 2010-03-01}\n"
        "    directors: [Maren Holloway]\n"
        "    cast: [{name: Obadiah Finchley, character: Tam Wren}]\n"
        "  - title: Night Train to Nowhere\n"
        "    cast: [Rosa Hollowy, Lavinia Pemberton, Obadiah Finchley]\n"
        "  - title: Paper Tide\n"
        "    cast: [Obadiah Finchley]\n",
        encoding="utf-8",
    )
    build_index([src], tmp_path / "big.idx", Filters(min_credits=0))
    kb = load_knowledge([tmp_path / "big.idx"])
    assert isinstance(kb, IndexedKnowledge) and kb.large
    return kb


def _active(kb: IndexedKnowledge, text: str, path: str = "a.txt") -> set[str]:
    doc = build_document(path, text)
    narrowed = kb.for_document(doc)
    return {w.title for w in Linter(Settings(), narrowed)._mentions(doc, narrowed).works}


def test_large_base_activates_a_title_only_with_evidence(large: IndexedKnowledge) -> None:
    assert _active(large, "The Miami Heat won again. Heat is rising.") == set()
    assert _active(large, "Heat (1995) is a crime film.") == {"Heat"}
    assert _active(large, "Heat made Michael Mann famous.") == {"Heat"}
    assert _active(large, "We watched “Heat” again.") == {"Heat"}
    assert _active(large, "We watched *Heat* again.", "a.md") == {"Heat"}
    assert _active(large, "We watched <i>Heat</i> again.", "a.html") == {"Heat"}
    assert _active(large, "---\nworks: [Heat]\n---\nIt was hot.\n", "a.md") == {"Heat"}
    assert _active(large, "Critics loved The Silent Harbour last year.") == {"The Silent Harbour"}
    assert _active(large, "She lives on The Silent Harbour Road.") == set()
    assert _active(large, "the silent harbour was calm") == set()


def test_large_base_activates_a_work_by_three_of_its_cast(large: IndexedKnowledge) -> None:
    named = "Rosa Hollowy, Lavinia Pemberton and Obadiah Finchley were there."
    assert "Night Train to Nowhere" in _active(large, named)
    assert "Night Train to Nowhere" not in _active(large, "Rosa Hollowy and Lavinia Pemberton.")
    # The names as written, whatever else stands before them on the line.
    assert "Night Train to Nowhere" in _active(large, f"Guests: Dr Rosa Hollowy, {named[14:]}")


def test_large_base_near_misses_need_strong_evidence(large: IndexedKnowledge) -> None:
    def codes(text: str) -> list[tuple[str, str]]:
        linter = Linter(Settings(), large)
        diags = linter.lint_document(build_document("a.txt", text))
        return [(d.code, d.message) for d in diags if d.code.startswith("CL1")]

    # An unknown word one edit from a known surname, its first name exact: flagged.
    assert codes("Obadiah Finchly spoke.") == [
        ("CL102", "“Obadiah Finchly” looks like a misspelling of “Obadiah Finchley”")
    ]
    # Someone credited once: a real namesake is likelier than a slip.
    assert codes("Lavinia Pembertn spoke.") == []
    # A real word, or a name token someone has, is no evidence of a misspelling.
    assert codes("Michael Man spoke. Al Pacino spoke. Michael Pacino spoke.") == []
    # "Not a common word" is read from the English lexicon: in Spanish prose nearly
    # every word is rare to it, and a real namesake is as likely as a slip.
    spanish = (
        "Según el diario, Obadiah Finchly habló ayer con varios periodistas sobre su película."
    )
    assert codes(spanish) == []
    english = "According to the paper, Obadiah Finchly spoke yesterday with several reporters."
    assert [c for c, _ in codes(english)] == ["CL102"]
    # The same name with accents the base lacks is that name.
    assert codes("Obadíah Finchley spoke.") == []


def test_large_base_lone_surnames_ignore_namesakes_of_inactive_works(
    large: IndexedKnowledge,
) -> None:
    # "Hollowy" is the surname of someone in the base, but not of anyone the
    # article is about: it is still a likely misspelling of the active director.
    linter = Linter(Settings(), large)
    text = "Critics loved The Silent Harbour (2010). Its director Hollowy was there.\n"
    found = [(d.code, d.message) for d in linter.lint_document(build_document("a.txt", text))]
    assert ("CL103", "“Hollowy” looks like a misspelling of “Holloway” (Maren Holloway)") in found
    named = "Critics loved The Silent Harbour (2010). Rosa Hollowy was there; Hollowy smiled.\n"
    found = [d.code for d in linter.lint_document(build_document("a.txt", named))]
    assert "CL103" not in found  # named in full: a person of the article


def test_wikidata_year_and_month_dates_are_stored_and_read_to_their_precision(
    tmp_path: Path,
) -> None:
    # The fixture's series is known to the year (2019), its first season to the month.
    index = tmp_path / "wd.idx"
    build_index([FIXTURES / "kindex" / "wikidata" / "dump.json"], index, Filters())

    def cl404(text: str) -> list[tuple[str, str | None]]:
        diags = lint_text(text, knowledge=[str(index)], select=["CL404"])
        return [(text[d.start : d.end], d.fix.edits[0].text if d.fix else None) for d in diags]

    assert cl404("Saltmarsh was released in 2019.") == []
    assert cl404("Saltmarsh was released on 3 May 2019.") == []  # the day is not known
    assert cl404("Saltmarsh was released in 2018.") == [("2018", "2019")]
    # a day against a year-only event: pointed out, but no day can be written for it
    assert cl404("Saltmarsh was released on 3 May 2018.") == [("3 May 2018", None)]
    assert cl404("Saltmarsh season 1 premiered on 2 March 2019.") == []
    assert cl404("Saltmarsh season 1 premiered in April 2019.") == [("April 2019", "March 2019")]


def test_unnamed_episodes_are_not_activated_by_their_placeholder_titles(tmp_path: Path) -> None:
    index = tmp_path / "imdb.idx"
    build_index([IMDB], index, Filters())
    kb = load_knowledge([index])
    assert isinstance(kb, IndexedKnowledge)
    assert kb.indexes[0].title_prefixes(["episode"]) == {}  # no title starts "Episode"
    assert _active(kb, "Episode #2.1 aired last night.") == set()
    # The series brings its episodes, the unnamed one under the series' title.
    assert "The Copper Orchard: Episode #2.1" in _active(kb, "We watched The Copper Orchard.")


# The capitalised-run regexes of kindex.base ask "not after a letter" after the
# capital (faster); they must find exactly what the plain forms find.
_RUN_TEXT = st.text(alphabet="AaBbÉéOoXx'’-.\u00a0 \n_1vandeS", max_size=60)
_PLAIN_CAP = r"[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*"


@settings(max_examples=300, deadline=None)
@given(text=_RUN_TEXT)
@example(text="1Ab Xx, aOb Xx, é’Ab Oo_Xa Bo")
def test_fast_run_regexes_match_their_plain_forms(text: str) -> None:
    import re

    from copylint.knowledge.index import _PERSON_RUN_RE

    plain_run = re.compile(rf"(?<![^\W\d_]){_PLAIN_CAP}(?:[ \u00a0]{_PLAIN_CAP}){{1,2}}")
    assert kscan._RUN_RE.findall(text) == plain_run.findall(text)
    assert kscan.PERSON_RUN_RE.findall(text) == _PERSON_RUN_RE.findall(text)


# For texts all ASCII (most news copy) the scans use the same patterns spelt in
# ASCII, with possessive quantifiers (faster); on ASCII text they must find exactly
# what their models find, and the possessive title-word pattern what the plain one
# finds on any text.
_ASCII_TEXT = st.lists(
    st.sampled_from(
        ["Ab", "ab", "O'Xa", "x-Ab", "Mc", "D", "U.S.", "3D", "van", "de", "la", "Jo_e", "9"]
        + [" ", " ", "  ", ", ", "-", "'", ".", "\n", "_", "'s", "--", "\t", "\x1f", "''"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.one_of(_ASCII_TEXT, st.sampled_from(["£", "“", "—", "\u2028", "\u0301"])), max_size=4
    ).map("".join),
    other=_RUN_TEXT,
)
@example(text="3D Ab van de O'Xa x-Ab U.S. Ab's", other="é’Ab Oo_Xa Bo")
@example(text="£Ab “Ab De” —Ab\u0301 Xa", other="Ab\u00a0Xa")
@example(text="'Ab' ab''9 O'Xa's' x'\x1f'y ''", other="Ab")
def test_ascii_scans_find_what_their_models_find(text: str, other: str) -> None:
    # (text: ASCII, or with characters outside ASCII that no pattern reads)
    import re

    view = kscan.ascii_view(text)
    assert view is not None and view.isascii() and len(view) == len(text)
    for fast, model in (
        (kscan.ASCII_PERSON_RUN_RE, kscan.PERSON_RUN_RE),
        (kscan._ASCII_NAME_RUN_RE, kscan._NAME_RUN_RE),
        (kscan._ASCII_RUN_RE, kscan._RUN_RE),
        (kscan._ASCII_NAME_WORD_RE, kscan.NAME_WORD_RE),
    ):
        assert fast.findall(view) == model.findall(text), fast.pattern
    assert kscan.ascii_title_words(view) == kscan.TITLE_WORD_RE.findall(text)
    if any(c in other for c in "é’\u00a0"):
        assert kscan.ascii_view(other) is None  # (the models read these characters)
    plain_words = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
    for sample in (text, other):
        assert kscan.TITLE_WORD_RE.findall(sample) == plain_words.findall(sample)


# written_pairs finds the runs of names with one regular expression (and keeps
# each run's pairs across documents); it must give what the chain walk gives.
_PAIR_TEXT = st.lists(
    st.sampled_from(
        ["Ab", "ab", "Ob", "John", "Smith's", "O'Xa", "x-Ab", "van", "de", "la", "Éa", "é"]
        + [" ", " ", "\u00a0", "  ", ", ", "-", "'", "’", "\n", "1", "_"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_PAIR_TEXT)
@example(text="Ab van de la John Smith's x-Ab Ob, O'Xa John")
def test_written_pairs_match_the_chain_walk(text: str) -> None:
    firsts = frozenset({"ab", "john", "o'xa", "ob", "smith"})
    memo: dict[str, frozenset[tuple[str, str]]] = {}
    for wanted in (firsts, None):
        expected = kscan._written_pairs_by_chains(text, wanted)
        assert kscan.written_pairs(text, wanted, memo if wanted else None) == expected
        assert kscan.written_pairs(text, wanted, memo if wanted else None) == expected  # memo


@settings(max_examples=300, deadline=None)
@given(
    run=st.lists(
        st.sampled_from(["Ab", "John", "JOHN", "Smith's", "O'Xa", "U.S.", "Jo2", "Éa", "Tom-Ab"]),
        min_size=2,
        max_size=6,
    ).flatmap(lambda words: st.sampled_from([" ", "\u00a0"]).map(lambda gap: gap.join(words)))
)
@example(run="Ab Smith's JOHN")
def test_cast_names_of_a_run_are_the_windows_starting_at_a_first_name(run: str) -> None:
    # cast_names answers most runs (ASCII letters, no first name) without
    # looking at their windows; it must give what the plain definition gives.
    firsts = frozenset({"john", "o'xa", "tom-ab", "u"})
    parts = run.split()
    expected = {
        " ".join(parts[i : i + size]).casefold()
        for size in range(2, 5)
        for i in range(len(parts) - size + 1)
        if not parts[i].isascii() or kscan._first_name_word(parts[i]) in firsts
    }
    assert set(kscan.cast_names(run, firsts)) == expected
    assert len(kscan.cast_names(run, firsts)) == len(expected)


@settings(max_examples=300, deadline=None)
@given(text=_PAIR_TEXT.map(lambda t: t.replace("John", "Tomorrow Tom")))
@example(text="2Tom and Tom's x-tom tomorrow")
def test_a_text_holding_a_misspelt_first_word_is_never_skipped(text: str) -> None:
    # may_hold only skips work: it must say True whenever a name word of the
    # text (or its bare form), case-folded, is one of the words.
    words = frozenset({"tom", "o'xa", "ab"})
    named = kscan.NAME_WORD_RE.findall(text)
    folded = {n.casefold() for n in named} | {kscan.bare(n).casefold() for n in named}
    if folded & words:
        assert kscan.may_hold(text, words)
    assert not kscan.may_hold("Tomorrow, in custom atoms", frozenset({"tom"}))
    assert kscan.may_hold("Tom's", frozenset({"tom"}))
