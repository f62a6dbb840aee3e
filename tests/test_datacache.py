"""The compiled-data cache: packs and knowledge load from it while their files are unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from copylint import engine
from copylint.config import Settings
from copylint.datacache import load_cached, slot_file
from copylint.engine import load_rule_specs

from .conftest import MI_KNOWLEDGE

PACK = """\
pack: house
description: House words.
rules:
  - code: CL981
    name: house-utilise
    check: phrases
    severity: warning
    fix: safe
    summary: Prefer "use".
    options: {phrases: [{phrase: utilise, replacement: use}]}
    examples: {flag: ["We utilise it."], pass: ["We use it."]}
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(folder))
    return folder


def test_second_load_of_the_packs_parses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_rule_specs(Settings())

    def no_parse(_paths: object) -> object:
        raise AssertionError("the packs were parsed again")

    monkeypatch.setattr(engine, "load_packs", no_parse)
    again = load_rule_specs(Settings())
    assert [(s.code, s.options, s.line) for s in again] == [
        (s.code, s.options, s.line) for s in first
    ]
    # Line numbers survive the round trip: errors found later still name the line.
    residue = next(s for s in again if s.code == "CL301")
    assert residue.line > 1 and residue.pack.endswith("residue.yaml")
    assert residue.options.phrases  # typed options, validated when the pack was parsed


def test_an_edited_user_pack_is_parsed_again(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    settings = Settings(rule_packs=(str(pack),))
    assert "CL981" in {s.code for s in load_rule_specs(settings)}
    pack.write_text(PACK.replace("CL981", "CL982"), encoding="utf-8")
    codes = {s.code for s in load_rule_specs(settings)}
    assert "CL982" in codes and "CL981" not in codes


def test_errors_are_raised_every_time_and_never_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [unclosed\n", encoding="utf-8")
    calls = []

    def build() -> None:
        calls.append(1)
        raise ValueError("broken")

    for _ in range(2):
        with pytest.raises(ValueError):
            load_cached("test", [bad], build, ())
    assert len(calls) == 2 and not slot_file("test", [bad]).exists()


def test_a_corrupt_slot_is_rebuilt(tmp_path: Path) -> None:
    data = tmp_path / "data.txt"
    data.write_text("x", encoding="utf-8")
    assert load_cached("test", [data], lambda: {"built": 1}, ()) == {"built": 1}
    slot = slot_file("test", [data])
    slot.write_bytes(slot.read_bytes()[:-5])  # truncated pickle, valid stamp
    assert load_cached("test", [data], lambda: {"built": 2}, ()) == {"built": 2}
    assert load_cached("test", [data], lambda: {"built": 3}, ()) == {"built": 2}


def test_a_warm_start_imports_no_yaml_parser(cache_dir: Path, tmp_path: Path) -> None:
    """The second run of the real command never imports PyYAML (start-up, issue 7)."""
    article = tmp_path / "a.txt"
    article.write_text("Tom Cruise stars in the film, which opened on Friday.\n", "utf-8")
    probe = (
        "import sys\n"
        "from copylint.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('yaml', 'rapidfuzz', 'language_tool_python', 'socket')"
        " if m in sys.modules)\n"
        "print('imported:', ','.join(heavy))\n"
    )
    env = {**os.environ, "COPYLINT_CACHE_DIR": str(cache_dir)}
    args = [sys.executable, "-c", probe, "--no-cache", "-k", str(MI_KNOWLEDGE), str(article)]
    cold = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    warm = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert "imported: yaml" in cold.stdout  # the first run parses the YAML files
    assert warm.stdout.strip().endswith("imported:"), warm.stdout + warm.stderr


def test_a_change_to_the_shaping_code_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copylint import datacache

    package = tmp_path / "package"
    package.mkdir()
    module = package / "shape.py"
    module.write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(datacache, "_PACKAGE_DIR", package)
    data = tmp_path / "data.txt"
    data.write_text("x", encoding="utf-8")
    assert load_cached("test", [data], lambda: "first", ["shape.py"]) == "first"
    assert load_cached("test", [data], lambda: "second", ["shape.py"]) == "first"
    module.write_text("VERSION = 22\n", encoding="utf-8")
    assert load_cached("test", [data], lambda: "third", ["shape.py"]) == "third"


def test_old_slots_of_a_kind_are_pruned(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copylint import datacache

    monkeypatch.setattr(datacache, "MAX_SLOTS_PER_KIND", 3)
    other = cache_dir / "lexicon-en-large.marshal"  # another kind of entry: left alone
    cache_dir.mkdir(parents=True)
    other.write_bytes(b"x")
    slots = []
    for i in range(5):
        data = tmp_path / f"data{i}.txt"
        data.write_text(str(i), encoding="utf-8")
        assert load_cached("test", [data], lambda i=i: i, ()) == i
        slot = slot_file("test", [data])
        os.utime(slot, ns=(i * 10**9, i * 10**9))  # written in this order
        slots.append(slot)
    assert [s.exists() for s in slots] == [False, False, True, True, True]
    assert other.exists()
