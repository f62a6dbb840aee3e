"""Shared test helpers: paths to fixtures and ../shared, and a real CLI runner."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from copylint.document import Document
from copylint.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
MI_KNOWLEDGE = FIXTURES / "knowledge" / "mission-impossible.yaml"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_a02fd4a0a53ef109.txt"
BBC = SHARED / "corpus" / "bbc"


@functools.cache
def load_script(relative: str) -> ModuleType:
    """A script of the repository (``scripts/evaluate.py``, ``bench/gen_knowledge.py``)
    imported as a module, once per test session.

    It is registered in ``sys.modules`` before it runs, because its dataclasses
    look their module up there.
    """
    path = ROOT / relative
    name = f"script_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def copylint_command() -> list[str]:
    """The installed ``copylint`` script, or ``python -m copylint`` beside this interpreter."""
    exe = shutil.which("copylint", path=str(Path(sys.executable).parent)) or shutil.which(
        "copylint"
    )
    return [exe] if exe else [sys.executable, "-m", "copylint"]


def clean_env() -> dict[str, str]:
    """This environment without the user's COPYLINT_ settings, which would change
    what copylint does; the test session's cache directory (see
    ``private_cache_dir``) is kept."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("COPYLINT_") or k == "COPYLINT_CACHE_DIR"
    }


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | bytes | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real command line as a subprocess and capture its output."""
    env = clean_env()
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [*copylint_command(), *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        timeout=timeout,
        env=env,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def lint_with_cache_dir(cache: Path, article: Path) -> subprocess.CompletedProcess[str]:
    """``copylint --isolated --no-cache --format json ARTICLE`` with ``cache`` as its
    private cache directory (the start-up caches' tests)."""
    env = dict(clean_env(), COPYLINT_CACHE_DIR=str(cache))
    return subprocess.run(
        [*copylint_command(), "--no-cache", "--isolated", "--format", "json", str(article)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def knowledge_summary(base: KnowledgeBase) -> tuple[object, ...]:
    """What a document's knowledge base holds, for comparing two ways of making it."""
    return (
        tuple(w.title for w in base.works),
        sorted(base.entities),
        sorted(base.known_names.items()),
        sorted(base.characters),
        sorted(base.name_words),
    )


def source_of(doc: Document, needle: str, nth: int = 0) -> str:
    """The source text behind the ``nth`` occurrence of ``needle`` in a document's text view."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    s, e = doc.to_source(start, start + len(needle))
    return doc.source[s:e]


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled packs, knowledge and lexicon go to a directory of the test session's own.

    The tests write many knowledge files in temporary folders; their compiled
    forms belong with them, not in the user's cache.  The compiled lexicon, the
    one entry that is slow to build, is copied in from the user's cache when
    it is there.
    """
    from copylint import lexicon

    folder = tmp_path_factory.mktemp("copylint-cache")
    data = lexicon._data_file()
    home = lexicon.cache_dir()
    if data is not None and home is not None:
        name = lexicon._cache_key(data)
        with contextlib.suppress(OSError):
            shutil.copyfile(home / name, folder / name)
    saved = os.environ.get("COPYLINT_CACHE_DIR")
    os.environ["COPYLINT_CACHE_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if saved is None:
            os.environ.pop("COPYLINT_CACHE_DIR", None)
        else:
            os.environ["COPYLINT_CACHE_DIR"] = saved


@pytest.fixture
def seed_path() -> Path:
    """The seed article in ../shared (skips when the shared folder is absent)."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (../shared is not beside the checkout)")
    return SEED


@pytest.fixture
def bbc_dir() -> Path:
    """The clean BBC corpus in ../shared (skips when absent)."""
    if not BBC.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC} (../shared is not beside the checkout)")
    return BBC
