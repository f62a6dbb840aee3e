"""Property-based tests of applying fixes (hypothesis).

The central trick: documents made of *distinct* characters (one CJK ideograph
per position) and edits whose text uses a disjoint alphabet.  Every original
character can then be traced in the output, so "text outside the edits is
untouched" is checked independently of how :func:`apply_fixes` splices.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from copylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from copylint.document import Document
from copylint.errors import InputError
from copylint.fixes import applicable, apply_fixes, fix_file, fix_text
from copylint.sources import decode_bytes, read_source

EXAMPLES = 400
BASE = 0x4E00  # CJK ideographs: distinct and never produced by edit texts
INSERT_ALPHABET = "ab \r\n"

# ----------------------------------------------------------------- strategies


def unique_text(n: int) -> str:
    return "".join(chr(BASE + i) for i in range(n))


@st.composite
def doc_and_fixes(draw: st.DrawFn) -> tuple[str, list[Fix]]:
    n = draw(st.integers(0, 30))
    text = unique_text(n)
    fixes = []
    for _ in range(draw(st.integers(0, 8))):
        edits = []
        for _ in range(draw(st.integers(1, 3))):
            # a little past the end, so out-of-range edits are exercised too
            start = draw(st.integers(0, n + 2))
            end = draw(st.integers(start, min(n + 3, start + 6)))
            edits.append(Edit(start, end, draw(st.text(INSERT_ALPHABET, max_size=4))))
        app = draw(st.sampled_from(list(Applicability)))
        fixes.append(Fix("f", tuple(edits), app))
    return text, fixes


def _conflicts(a: Edit, b: Edit) -> bool:
    """Edits of two fixes conflict when they overlap or touch (the documented policy),
    except two deletions, which conflict only when they share a character."""
    if not a.text and not b.text and a.start < a.end and b.start < b.end:
        return bool(set(range(a.start, a.end)) & set(range(b.start, b.end)))
    return bool(set(range(a.start, a.end + 1)) & set(range(b.start, b.end + 1)))


def _self_overlap(a: Edit, b: Edit) -> bool:
    """Edits of one fix clash only when they share a character or an insertion point."""
    chars_a, chars_b = set(range(a.start, a.end)), set(range(b.start, b.end))
    if chars_a and chars_b:
        return bool(chars_a & chars_b)
    if not chars_a and not chars_b:
        return a.start == b.start
    ins, rep = (a, b) if not chars_a else (b, a)
    return rep.start < ins.start < rep.end


def _changes(text: str, e: Edit) -> bool:
    return e.end <= len(text) and text[e.start : e.end] != e.text


# ----------------------------------------------------------------- apply_fixes


@settings(max_examples=EXAMPLES, deadline=None)
@given(doc_and_fixes())
def test_apply_keeps_every_character_outside_the_edits(case: tuple[str, list[Fix]]) -> None:
    text, fixes = case
    res = apply_fixes(text, fixes)
    # every fix is accounted for exactly once
    assert sorted(map(id, res.applied + res.skipped)) == sorted(map(id, fixes))
    live = [[e for e in f.edits if _changes(text, e)] for f in res.applied]
    edits = [e for group in live for e in group]
    # applied fixes never conflict with each other, nor edits within one fix
    for i, group in enumerate(live):
        for j, a in enumerate(group):
            assert not any(_self_overlap(a, b) for b in group[j + 1 :])
            assert not any(_conflicts(a, b) for other in live[i + 1 :] for b in other)
    replaced = {i for e in edits for i in range(e.start, e.end)}
    kept = [c for i, c in enumerate(text) if i not in replaced]
    originals = [c for c in res.text if ord(c) >= BASE]
    # original characters outside the edits survive, in order; those inside are gone
    assert originals == kept
    # and each edit's text lands in its slot: a model that walks the original
    # positions (insertions at j, then a replacement starting at j, then text[j])
    slots: dict[int, list[str]] = {}
    for e in sorted(edits, key=lambda e: e.start < e.end):  # insertions first
        slots.setdefault(e.start, []).append(e.text)
    model = "".join(
        "".join(slots.get(j, [])) + (text[j] if j < len(text) and j not in replaced else "")
        for j in range(len(text) + 1)
    )
    assert res.text == model


@settings(max_examples=EXAMPLES, deadline=None)
@given(doc_and_fixes())
def test_skipped_fixes_conflict_or_change_nothing(case: tuple[str, list[Fix]]) -> None:
    text, fixes = case
    res = apply_fixes(text, fixes)
    taken = [e for f in res.applied for e in f.edits if _changes(text, e)]
    for f in res.skipped:
        live = [e for e in f.edits if _changes(text, e)]
        out_of_range = any(e.end > len(text) for e in f.edits)
        self_conflict = any(_self_overlap(a, b) for i, a in enumerate(live) for b in live[i + 1 :])
        assert (
            out_of_range
            or self_conflict
            or not live
            or any(_conflicts(e, t) for e in live for t in taken)
        ), f


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.lists(st.tuples(st.integers(-2, 50), st.integers(-2, 50), st.text(max_size=3)), max_size=10),
)
def test_apply_never_raises_on_arbitrary_text(text: str, raw: list[tuple[int, int, str]]) -> None:
    fixes = [
        Fix("f", (Edit(min(a, b), max(a, b), t),), Applicability.SAFE)
        for a, b, t in raw
        if min(a, b) >= 0
    ]
    res = apply_fixes(text, fixes)
    assert len(res.applied) + len(res.skipped) == len(fixes)
    if not res.applied:
        assert res.text == text


# ----------------------------------------------------------------- fix_text

Lint = Callable[[str], list[Diagnostic]]


def _diag(
    code: str, start: int, end: int, edits: tuple[Edit, ...], app: Applicability
) -> Diagnostic:
    return Diagnostic(
        "<t>", code, code, Severity.WARNING, "m", start, end, 1, 1, 1, 1, Fix("f", edits, app)
    )


def _rule(code: str, pattern: str, repl: str, app: Applicability) -> Lint:
    rx = re.compile(pattern)
    return lambda text: [
        _diag(code, m.start(), m.end(), (Edit(m.start(), m.end(), m.expand(repl)),), app)
        for m in rx.finditer(text)
    ]


# Small editorial rules of the kinds copylint has: spacing, glued sentences,
# typos, curly quotes (a two-edit fix) and an overlapping-match rule that needs
# several passes.  None of them touches line ends.
RULES: list[Lint] = [
    _rule("T1", "(?<=[^ \r\n]) {2,}(?=[^ \r\n])", " ", Applicability.SAFE),
    _rule("T2", r"(?<=[a-z])\.(?=[A-Z])", ". ", Applicability.SAFE),
    _rule("T3", r"\bteh\b", "the", Applicability.SAFE),
    _rule("T4", "(?=(aa))", "", Applicability.SAFE),  # placeholder, replaced below
    _rule("T5", r"\bvery\b", "", Applicability.DISPLAY),
    _rule("T6", r"\butilise\b", "use", Applicability.UNSAFE),
]


def _aa(text: str) -> list[Diagnostic]:
    # overlapping matches ("aaa" yields two) so fixes collide and need passes
    return [
        _diag("T4", i, i + 2, (Edit(i, i + 2, "a"),), Applicability.SAFE)
        for i in range(len(text) - 1)
        if text[i : i + 2] == "aa"
    ]


def _quotes(text: str) -> list[Diagnostic]:
    out = []
    for m in re.finditer(r'"([^"\r\n]*)"', text):
        edits = (Edit(m.start(), m.start() + 1, "\u201c"), Edit(m.end() - 1, m.end(), "\u201d"))
        out.append(_diag("T7", m.start(), m.end(), edits, Applicability.SAFE))
    return out


RULES[3] = _aa
RULES.append(_quotes)


def lint_all(text: str) -> list[Diagnostic]:
    return sorted((d for r in RULES for d in r(text)), key=lambda d: (d.start, d.end, d.code))


WORDS = st.sampled_from(
    ["teh", "cat", "aaa", "a", "very", "utilise", '"', "end.Next", "  ", " ", "\r\n", "\n", "\r"]
)
docs = st.lists(WORDS, max_size=25).map("".join)


def _pending(text: str, unsafe: bool) -> list[Diagnostic]:
    """Applicable fixes that would still change ``text``."""
    return [
        d
        for d in lint_all(text)
        if applicable(d.fix, unsafe=unsafe)
        and d.fix is not None
        and any(_changes(text, e) for e in d.fix.edits)
    ]


@settings(max_examples=EXAMPLES, deadline=None)
@given(docs, st.booleans())
def test_fix_text_converges_and_is_idempotent(text: str, unsafe: bool) -> None:
    out = fix_text(text, lint_all, unsafe=unsafe)
    assert _pending(out.text, unsafe) == []
    again = fix_text(out.text, lint_all, unsafe=unsafe)
    assert again.text == out.text and again.applied_count == 0
    # line ends are never touched by these rules, so they all survive in order
    assert re.findall(r"\r\n|\r|\n", out.text) == re.findall(r"\r\n|\r|\n", text)
    # remaining diagnostics are those of the final text
    assert [(d.code, d.start) for d in out.remaining] == [
        (d.code, d.start) for d in lint_all(out.text)
    ]


def _lint_through_document(text: str) -> list[Diagnostic]:
    """Lint the LF text view of a CRLF document and map fixes back, as the engine does."""
    doc = Document.plain(text)
    out = []
    for d in lint_all(doc.text):
        s, e = doc.to_source(d.start, d.end)
        assert d.fix is not None
        edits = tuple(Edit(*doc.to_source(x.start, x.end), x.text) for x in d.fix.edits)
        out.append(_diag(d.code, s, e, edits, d.fix.applicability))
    return out


@settings(max_examples=EXAMPLES, deadline=None)
@given(docs)
def test_crlf_document_fixes_like_its_lf_view(text: str) -> None:
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed_source = fix_text(text, _lint_through_document, unsafe=True).text
    fixed_lf = fix_text(lf, lint_all, unsafe=True).text
    assert fixed_source.replace("\r\n", "\n").replace("\r", "\n") == fixed_lf
    assert re.findall(r"\r\n|\r|\n", fixed_source) == re.findall(r"\r\n|\r|\n", text)


# ----------------------------------------------------------------- files, byte-exact

ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs, st.sampled_from(ENCODINGS), st.text(max_size=10))
def test_file_round_trip_byte_exact(
    tmp_path: Path, text: str, enc: tuple[str, bytes], extra: str
) -> None:
    codec, bom = enc
    text = text + extra.replace("\x00", "")  # arbitrary Unicode too (NUL means binary)
    raw = bom + text.encode(codec, "surrogatepass")
    try:
        raw.decode(codec)  # lone surrogates cannot be stored in a valid file
    except UnicodeDecodeError:
        return
    p = tmp_path / "doc.txt"
    p.write_bytes(raw)
    src = read_source(p)
    assert src.text == text and src.bom == bom and src.encode(src.text) == raw
    res = fix_file(p, lint_all, unsafe=False)
    after = p.read_bytes()
    assert after == bom + fix_text(text, lint_all).text.encode(codec)
    assert after.startswith(bom)
    if not res.changed:
        assert after == raw


# ----------------------------------------------------------------- the real rules on real articles

SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "corpus" / "bbc"
BBC_FILES = sorted(BBC.glob("*.txt"))[::5] if BBC.is_dir() else []


def _real_lint() -> Lint:
    from copylint.api import Options, Session, build_document

    session = Session(Options(isolated=True))
    linter = session.linter_for(session.settings_for("article.txt"))
    return lambda text: linter.lint_document(build_document("article.txt", text))


def _damage(text: str, op: str, k: int) -> str:
    """Typical copy damage, at the k-th place it can go: glued sentences, a lower-case
    sentence start, a page-furniture line, a double space, a straight closing quote."""
    if op == "glue":
        spots = [m.start() + 1 for m in re.finditer(r"\. (?=[A-Z])", text)]
        return (
            text if not spots else text[: spots[k % len(spots)]] + text[spots[k % len(spots)] + 1 :]
        )
    if op == "lower":
        spots = [m.end() for m in re.finditer(r"\. (?=[A-Z])", text)]
        if not spots:
            return text
        i = spots[k % len(spots)]
        return text[:i] + text[i].lower() + text[i + 1 :]
    if op == "residue":
        paras = text.split("\n\n")
        paras.insert(1 + k % max(1, len(paras) - 1), "Advertisement")
        return "\n\n".join(paras)
    if op == "double":
        spots = [m.start() for m in re.finditer(" ", text)]
        return (
            text
            if not spots
            else text[: spots[k % len(spots)]] + " " + text[spots[k % len(spots)] :]
        )
    spots = [m.start() for m in re.finditer("\u201d", text)]
    return (
        text
        if not spots
        else text[: spots[k % len(spots)]] + '"' + text[spots[k % len(spots)] + 1 :]
    )


@pytest.mark.skipif(not BBC_FILES, reason=f"{BBC} is absent (no shared data)")
@settings(max_examples=120, deadline=None)
@given(
    st.integers(0, max(0, len(BBC_FILES) - 1)),
    st.lists(
        st.tuples(
            st.sampled_from(["glue", "lower", "residue", "double", "quote"]), st.integers(0, 99)
        ),
        max_size=4,
    ),
    st.booleans(),
)
def test_real_rules_converge_idempotently_on_damaged_articles(
    index: int, damage: list[tuple[str, int]], unsafe: bool
) -> None:
    lint = _real_lint_cached()
    text = BBC_FILES[index].read_text(encoding="utf-8")
    for op, k in damage:
        text = _damage(text, op, k)
    out = fix_text(text, lint, unsafe=unsafe)  # raises FixDidNotConverge if a rule loops
    event(f"fixes applied: {'yes' if out.applied_count else 'none'}")
    again = fix_text(out.text, lint, unsafe=unsafe)
    assert again.text == out.text and again.applied_count == 0
    crlf = fix_text(text.replace("\n", "\r\n"), lint, unsafe=unsafe).text
    assert crlf == out.text.replace("\n", "\r\n")


_LINT_CACHE: list[Lint] = []


def _real_lint_cached() -> Lint:
    # one Linter for all examples: building it loads packs and word lists
    if not _LINT_CACHE:
        _LINT_CACHE.append(_real_lint())
    return _LINT_CACHE[0]


# ----------------------------------------------------------------- decoding never loses bytes


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=64),
        st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]), st.binary()).map(
            b"".join
        ),
    )
)
def test_decoding_is_lossless_or_refused(raw: bytes) -> None:
    """Any bytes either decode to text that encodes back to the very same bytes,
    or are refused with an InputError: never mojibake, never another exception."""
    try:
        text, encoding, bom = decode_bytes(raw, "x.txt")
    except InputError as exc:
        assert "binary" in exc.reason or "not valid" in exc.reason
        return
    assert bom + text.encode(encoding) == raw
