"""A work is active when an article names three of its cast in full, though never its title.

The look-up of cast names first asks a prefilter whether the text writes any
cast member's first word with a capital (issue 19); these tests hold it to the
full scan: it must never drop a work the scan would activate.
"""

from __future__ import annotations

from pathlib import Path

from copylint.knowledge import KnowledgeBase

_KNOWLEDGE = """\
works:
  - title: Night Harbour
    cast:
      - {name: Jane Roe, character: Ada}
      - {name: Tomas Vale, character: Ben}
      - {name: Ines Okafor, character: Cy}
  - title: Low Tide
    cast:
      - {name: de Sousa Lima, character: Dot}
      - {name: da Costa Reis, character: Eve}
      - {name: van Kleef Ode, character: Fay}
"""


def _kb(tmp_path: Path) -> KnowledgeBase:
    path = tmp_path / "k.yaml"
    path.write_text(_KNOWLEDGE, encoding="utf-8")
    return KnowledgeBase.load([path])


def _active(kb: KnowledgeBase, text: str) -> list[str]:
    return [w.title for w in kb.find_mentions(text).works]


def test_three_cast_members_named_in_full_activate_the_work(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    text = "Jane Roe and Tomas Vale joined Ines Okafor on set last week.\n"
    assert _active(kb, text) == ["Night Harbour"]


def test_two_cast_members_or_first_names_alone_do_not(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    assert _active(kb, "Jane Roe and Tomas Vale went home.\n") == []
    assert _active(kb, "Jane, Tomas and Ines went home.\n") == []
    assert _active(kb, "jane roe, tomas vale and ines okafor, in lower case.\n") == []


def test_cast_names_that_start_with_a_lowercase_particle_still_count(tmp_path: Path) -> None:
    """'de Sousa Lima' is written with a lowercase first word inside a run of capitals,
    so no capitalised first word of the cast need appear in the text."""
    kb = _kb(tmp_path)
    text = "Ana de Sousa Lima, Rui da Costa Reis and Piet van Kleef Ode were there.\n"
    assert _active(kb, text) == ["Low Tide"]
