"""The compiled-knowledge cache, and title lookup in a base with crowded first words."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.knowledge import KnowledgeBase, cache_file, load_knowledge

KNOWLEDGE = """\
works:
  - title: "The Glass Harbour"
    aliases: ["Glass Harbour"]
    released: {GB: 2021-03-04}
    cast:
      - {name: Marta Lindqvist, character: Ines Varga}
people:
  - {name: Marta Lindqvist, misspellings: [Marta Lindquist]}
"""
TEXT = "Marta Lindquist returns in The Glass Harbour, which opened in March."


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A knowledge file, with the cache under tmp_path."""
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "k.yaml"
    path.write_text(KNOWLEDGE, encoding="utf-8")
    return path


def summary(kb: KnowledgeBase) -> tuple[object, ...]:
    mentions = kb.find_mentions(TEXT)
    return (
        kb.works,
        kb.entities,
        kb.known_names,
        kb.misspellings,
        kb.name_words,
        [(m.start, m.end, m.work.title, m.form) for m in mentions.titles],
    )


def test_second_load_comes_from_the_cache(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_knowledge([cached])
    assert cache_file([cached]).is_file()

    def no_yaml(*_args: object) -> KnowledgeBase:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(KnowledgeBase, "load", no_yaml)
    again = load_knowledge([cached])
    assert summary(again) == summary(fresh)
    assert again.find_mentions(TEXT).titles


def test_changed_file_is_parsed_again_into_the_same_slot(cached: Path) -> None:
    load_knowledge([cached])
    slot = cache_file([cached])
    cached.write_text(KNOWLEDGE.replace("Lindquist", "Lindkvist"), encoding="utf-8")
    kb = load_knowledge([cached])
    assert "marta lindkvist" in kb.misspellings and "marta lindquist" not in kb.misspellings
    # One slot per set of files: editing a file does not litter the cache.
    assert cache_file([cached]) == slot
    assert [p.name for p in slot.parent.glob("knowledge-*")] == [slot.name]


def test_corrupt_cache_file_is_rebuilt(cached: Path) -> None:
    load_knowledge([cached])
    target = cache_file([cached])
    target.write_bytes(b"not a pickle")
    kb = load_knowledge([cached])
    assert kb.canonical_name("marta lindqvist") == "Marta Lindqvist"
    assert target.read_bytes() != b"not a pickle"


def test_unwritable_cache_dir_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(blocker / "cache"))
    path = tmp_path / "k.yaml"
    path.write_text(KNOWLEDGE, encoding="utf-8")
    assert load_knowledge([path]).canonical_name("marta lindqvist") == "Marta Lindqvist"


def test_errors_still_name_the_file(cached: Path) -> None:
    from copylint.errors import DataFileError

    cached.write_text("works:\n  - title: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="k.yaml"):
        load_knowledge([cached])


def test_titles_sharing_a_crowded_first_word(tmp_path: Path) -> None:
    """Dozens of titles start with "The": each is still found, longest first, glued or not."""
    nouns = [
        "Harbour",
        "River",
        "Orchard",
        "Signal",
        "Lantern",
        "Compass",
        "Tide",
        "Archive",
        "Bridge",
        "Storm",
        "Echo",
        "Season",
        "Frontier",
        "Citadel",
        "Forest",
        "Desert",
    ]
    lines = ["works:"]
    for noun in nouns:
        lines += [f'  - title: "The {noun}"', f'  - title: "The {noun} Two"']
    lines += ['  - title: "The"']  # a one-word title with the crowded first word
    path = tmp_path / "k.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])

    def found(text: str) -> list[str]:
        return [text[m.start : m.end] for m in kb.find_mentions(text).titles]

    assert found("We saw The Storm Two and The Orchard.") == ["The Storm Two", "The Orchard"]
    assert found("The Compass 2 opened.") == ["The Compass 2"]  # a number written as a digit
    assert found("Then The Echo Twois out.") == ["The Echo Two"]  # glued lowercase tail
    assert found("The Tidesis late.")[0] == "The Tide"
    assert found("The Meadow is new.") == ["The"]
