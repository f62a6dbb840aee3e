"""The JSON report is laid out exactly as ``json.dumps(..., indent=2)`` would write it."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.api import Options, lint_paths
from copylint.diagnostics import FileResult
from copylint.report.json_report import diagnostic_to_json, indented_json, render_json
from copylint.textsafe import printable

ROOT = Path(__file__).resolve().parent.parent
_TEXT = st.text(st.sampled_from(["a", "é", '"', "\\", "\n", "\x00", "\x1b", "\u2028", "😀", " "]))
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), _TEXT)
_KEYS = st.one_of(_TEXT, st.integers(), st.booleans(), st.none())
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(
            st.one_of(_TEXT, st.integers(), st.booleans(), st.none()), inner, max_size=4
        ),
    ),
    max_leaves=20,
)


@given(_VALUES)
def test_laid_out_like_json_dumps(value: object) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def _as_json_dumps_writes_it(results: list[FileResult]) -> str:
    files = [
        {
            "path": printable(r.path),
            "schema_version": 1,
            "error": None if r.error is None else printable(r.error),
            "fixed": r.fixed,
            "diagnostics": [diagnostic_to_json(d) for d in r.diagnostics],
        }
        for r in results
    ]
    return json.dumps(files, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_TEXT, st.none() | _TEXT, st.integers(0, 3)), max_size=4))
def test_report_of_real_findings_and_odd_files(extra: list[tuple[str, str | None, int]]) -> None:
    """Real findings (the held-out articles, with fixes, suggestions and related places),
    plus files with control characters in their names, errors and fix counts."""
    results = _real_results() + [FileResult(p, error=e, fixed=n) for p, e, n in extra]
    assert render_json(results) == _as_json_dumps_writes_it(results)
    assert render_json([]) == "[]\n"


_REAL: list[FileResult] = []


def _real_results() -> list[FileResult]:
    if not _REAL:
        folder = ROOT / "fixtures" / "heldout"
        for article in sorted(folder.glob("*.txt")):  # each with its own knowledge
            knowledge = (str(folder / f"{article.name.split('-')[0]}.yaml"),)
            options = Options(knowledge=knowledge, isolated=True)
            _REAL.extend(lint_paths([str(article)], options, cache=False, jobs=1))
        assert sum(len(r.diagnostics) for r in _REAL) > 20
    return list(_REAL)
