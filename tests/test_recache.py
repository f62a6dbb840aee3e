"""The compiled-pattern cache (copylint.recache): same patterns, found again next run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from copylint import recache
from copylint.api import lint_text

from .conftest import MI_KNOWLEDGE, clean_env, lint_with_cache_dir

pytestmark = pytest.mark.skipif(not recache._supported(), reason="re internals not checked")


def test_every_pattern_a_lint_compiles_is_rebuilt_equal_from_its_program() -> None:
    text = "Photo: Jane Doe/Getty Images\n\nThe film opens on 3 May 2024. Read more\n"
    lint_text(text, knowledge=[str(MI_KNOWLEDGE)])
    cached = [(k, p) for k, p in list(re._cache.items()) if isinstance(k[1], str | bytes)]  # type: ignore[attr-defined]
    assert len(cached) > 50  # the modules' and the packs' patterns
    for (_, pattern, flags), compiled in cached:
        rebuilt = recache.rebuild(pattern, recache.program(pattern, flags))
        # Pattern equality compares the pattern, the flags and the matcher's program.
        assert rebuilt == compiled, pattern
        assert (rebuilt.groups, rebuilt.groupindex) == (compiled.groups, compiled.groupindex)


def test_a_second_run_reads_the_patterns_and_writes_nothing_new(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    article = tmp_path / "a.txt"
    article.write_text("Advertisement\n\nThe council met on Monday. Photo: Jane Doe/AP\n")
    first = lint_with_cache_dir(cache, article)
    (saved,) = cache.glob("regex-*.marshal")
    stamp = saved.stat().st_mtime_ns
    second = lint_with_cache_dir(cache, article)
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    assert '"CL301"' in first.stdout
    # The packs build the same pattern text in every run (alternations in a
    # fixed order), so nothing is compiled anew and the file is not rewritten.
    assert saved.stat().st_mtime_ns == stamp


def test_a_tampered_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    article = tmp_path / "a.txt"
    article.write_text("Advertisement\n\nThe council met on Monday.\n")
    first = lint_with_cache_dir(cache, article)
    (saved,) = cache.glob("regex-*.marshal")
    data = bytearray(saved.read_bytes())
    data[-1] ^= 0xFF  # the tag no longer verifies
    saved.write_bytes(bytes(data))
    assert lint_with_cache_dir(cache, article).stdout == first.stdout
    saved.write_bytes(b"not marshal data at all")
    assert lint_with_cache_dir(cache, article).stdout == first.stdout
    os.chmod(saved, 0o666)  # others could have written it: not read
    assert lint_with_cache_dir(cache, article).stdout == first.stdout


def test_warm_fills_re_cache_in_a_fresh_process(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday.\n")
    lint_with_cache_dir(cache, article)
    code = (
        "import re; from copylint import recache; recache.warm(); "
        "print(sum(isinstance(k[1], str) for k in re._cache))"
    )
    env = dict(clean_env(), COPYLINT_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert int(out.stdout) > 50
