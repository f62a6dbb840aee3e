"""Fuzz target bodies: bytes in, invariants checked, nothing else.

Kept free of atheris so the same functions run under the coverage-guided
fuzzer (``fuzz/fuzz_readers.py``, ``fuzz/fuzz_fixer.py``) and can be replayed
from plain Python on a crashing input.  A broken invariant is an
``AssertionError``; any other exception escaping is a crash.  The errors
copylint reports to users by design (:class:`~copylint.errors.InputError` for
undecodable bytes, :class:`~copylint.fixes.FixDidNotConverge` for fixes that
undo each other, exit 3) are expected outcomes, not crashes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from copylint.api import build_document
from copylint.config import Settings
from copylint.diagnostics import Diagnostic
from copylint.document import Document
from copylint.engine import INTERNAL_ERROR, Linter
from copylint.errors import InputError
from copylint.fixes import FixDidNotConverge, applicable, apply_fixes, fix_text
from copylint.knowledge import KnowledgeBase
from copylint.sources import decode_bytes

#: What the first input byte selects (so the fuzzer explores every reader path).
ENCODINGS = (
    None,
    None,
    None,
    "utf-8",
    "utf-8-sig",
    "cp1252",
    "latin-1",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "ascii",
)
FORMATS = ("txt", "md", "html")
KNOWLEDGE = Path(__file__).resolve().parents[1] / "fixtures/knowledge/mission-impossible.yaml"


@functools.cache
def linter() -> Linter:
    """Every built-in rule, with the fixture knowledge file when it is present."""
    kb = KnowledgeBase.load([str(KNOWLEDGE)]) if KNOWLEDGE.is_file() else KnowledgeBase.empty()
    return Linter(Settings(), kb)


def check_document(doc: Document) -> None:
    """The text view and its offset map stay inside the source."""
    n_src, n_txt = len(doc.source), len(doc.text)
    if doc.offset_map is None:
        assert doc.text == doc.source
        return
    pos = src_end = 0
    for run in doc.offset_map.runs:
        assert run.text_start == pos, "offset runs must tile the text view"
        assert run.source_start >= src_end, "offset runs must come in source order"
        assert run.source_start + run.source_len <= n_src
        pos += run.text_len
        src_end = run.source_start + run.source_len
    assert pos == n_txt
    for i in range(0, n_txt + 1, max(1, n_txt // 64)):
        s, e = doc.to_source(i, n_txt)
        assert 0 <= s <= e <= n_src


def check_diagnostics(source: str, diagnostics: list[Diagnostic]) -> None:
    """No rule crashed (CL001); every span and fix edit lies inside the source."""
    n = len(source)
    for d in diagnostics:
        assert d.code != INTERNAL_ERROR, d.message
        assert 0 <= d.start <= d.end <= n, d
        if d.fix is not None:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= n, (d, e)


def read_target(data: bytes) -> None:
    """Bytes -> decode (by the policy, or a forced encoding) -> every format adapter."""
    if not data:
        return
    encoding = ENCODINGS[data[0] % len(ENCODINGS)]
    fmt = FORMATS[(data[0] // len(ENCODINGS)) % len(FORMATS)]
    body = data[1:]
    try:
        text, enc, bom = decode_bytes(body, "fuzz", encoding)
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason, exc.reason  # one clean line
        return
    # Never lost text: what was decoded encodes back to exactly the bytes read.
    assert bom + text.encode(enc) == body, (enc, bom)
    doc = build_document(f"fuzz.{fmt}", text)
    assert doc.source == text
    check_document(doc)


def fix_target(data: bytes) -> None:
    """Text -> lint with every rule -> fix to convergence; fixes stay in bounds."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    unsafe = bool(data[0] & 0x80)
    text = data[1:].decode("utf-8", "replace")
    path = f"fuzz.{fmt}"
    lint_fn = linter().lint_document

    def lint(source: str) -> list[Diagnostic]:
        doc = build_document(path, source)
        diagnostics = lint_fn(doc)
        check_diagnostics(source, diagnostics)
        return diagnostics

    try:
        outcome = fix_text(text, lint, unsafe=unsafe, path=path)
    except FixDidNotConverge as exc:
        assert exc.codes, exc  # reported (exit 3) naming the rules
        return
    left = [d.fix for d in outcome.remaining if d.fix and applicable(d.fix, unsafe=unsafe)]
    assert apply_fixes(outcome.text, left).text == outcome.text, "fixer stopped early"


#: A fixed key and entry key for the cache target: what matters is that any
#: bytes, tagged or not, are decoded to valid diagnostics or refused.
_CACHE_SECRET = bytes(range(32))
_CACHE_KEY = "ab" * 32


def cache_target(data: bytes) -> None:
    """Bytes -> result-cache entry -> diagnostics, or a miss; never an exception.

    The first byte chooses whether the rest is an entry file as found on disk
    (crafted, committed, truncated: it must not verify) or a payload tagged
    with the right key (a corrupt entry of this user's own: it must decode to
    well-formed diagnostics or be a miss).
    """
    from copylint.cache import read_entry, seal_entry

    if not data:
        return
    body = data[1:]
    tagged = bool(data[0] & 1)
    blob = seal_entry(_CACHE_SECRET, _CACHE_KEY, body) if tagged else body
    found = read_entry(_CACHE_SECRET, _CACHE_KEY, "fuzz.txt", blob)
    if found is None:
        return
    assert tagged, "an entry without a valid tag was accepted"
    for d in found:
        assert d.path == "fuzz.txt"
        assert 0 <= d.start <= d.end and 1 <= d.line <= d.end_line, d
        assert d.line < d.end_line or d.column <= d.end_column, d
        for text in (d.code, d.rule, d.message, *d.suggestions):
            assert isinstance(text, str)
        if d.fix is not None:
            assert all(0 <= e.start <= e.end and isinstance(e.text, str) for e in d.fix.edits)


TARGETS = {"readers": read_target, "fixer": fix_target, "cache": cache_target}
