"""The names check's two capitalised-run patterns agree on ASCII text (issue 19).

On ASCII text the check scans with the standard library's engine
(``_ascii_run_re``) instead of the ``regex`` module's ``\\p{Lu}`` pattern
(``_run_re``); both must find exactly the same runs.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.checks.names import _ascii_run_re, _capitalised_runs, _run_re

_PIECES = ["A", "b", "Van", "van", "de", "la", " ", "  ", "'", "-", ".", "X", "y", "1", "_"]
_PIECES += ["O'", "Jean-Luc ", "McDonald", "iPhone", "d'Arcy", "\n", ",", "Mr ", "ABC", "Jr."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_ascii_pattern_finds_the_same_runs(pieces: list[str]) -> None:
    text = "".join(pieces)
    unicode_runs = [(m.start(), m.group()) for m in _run_re().finditer(text)]
    assert [(m.start(), m.group()) for m in _ascii_run_re().finditer(text)] == unicode_runs


def test_prose_with_names_particles_and_possessives() -> None:
    text = (
        "Ms de Sousa met Jean-Luc Picard's crew and O'Neill, then Ludwig van Beethoven.\n"
        "SHOUTING HEADLINE Here, iPhone users and l'Amour fans; 3D Films and X-Men."
    )
    runs = [(m.start(), m.group()) for m in _run_re().finditer(text)]
    assert runs  # the text has runs: the comparison below is not of two empty lists
    assert [(m.start(), m.group()) for m in _capitalised_runs(text)] == runs


def test_non_ascii_text_uses_the_unicode_pattern() -> None:
    text = "Élodie Dupré and Åsa Öberg met Zoë."
    found = [m.group() for m in _capitalised_runs(text)]
    assert found == [m.group() for m in _run_re().finditer(text)]
    assert "Élodie Dupré" in found
