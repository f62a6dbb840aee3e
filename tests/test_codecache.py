"""The compiled dataclass-method cache (copylint.codecache): the same code, found again next run."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any, ClassVar

import pytest

from copylint import codecache
from copylint.sealedmarshal import load
from copylint.userkey import _TAG_BYTES, seal

from .conftest import clean_env, lint_with_cache_dir

pytestmark = pytest.mark.skipif(not codecache._supported(), reason="dataclasses not checked")

_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__")


def _define() -> list[type]:
    """Dataclasses of every shape the code base uses, defined afresh."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Span:
        start: int
        end: int = 0
        tags: tuple[str, ...] = ()

    @dataclasses.dataclass
    class Options:
        name: str
        limit: float = 0.5
        words: list[str] = dataclasses.field(default_factory=list)
        seen: int = dataclasses.field(default=0, init=False, repr=False, compare=False)
        kinds: ClassVar[tuple[str, ...]] = ("a",)

        def __post_init__(self) -> None:
            self.seen = len(self.words)

    @dataclasses.dataclass(order=True, kw_only=True)
    class Ranked:
        score: float
        label: str = "x"

    return [Span, Options, Ranked]


def _signature(cls: type) -> list[tuple[Any, ...]]:
    """What the generated methods are: their code, defaults and annotations."""
    out: list[tuple[Any, ...]] = []
    for name in _METHODS:
        method = cls.__dict__.get(name)
        code = getattr(method, "__code__", None)
        if code is None:
            continue
        consts = tuple(c for c in code.co_consts if not isinstance(c, type(code)))
        out.append(
            (
                name,
                code.co_code,
                consts,
                code.co_names,
                code.co_varnames,
                code.co_flags,
                code.co_filename,
                method.__defaults__,
                method.__kwdefaults__,
                {k: str(v) for k, v in method.__annotations__.items()},
            )
        )
    return out


@pytest.fixture
def cached_dataclasses(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """dataclasses compiling through the cache, which starts empty."""
    monkeypatch.setattr(codecache, "_codes", {})
    monkeypatch.setattr(codecache, "_stored", {})
    monkeypatch.setattr(dataclasses, "exec", codecache.cached_exec, raising=False)
    yield codecache._codes


def test_the_cached_code_is_the_code_exec_compiles(
    cached_dataclasses: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # This module reads `from __future__ import annotations`, as copylint's do:
    # the generated methods must not inherit it (their annotations stay types).
    first = [_signature(c) for c in _define()]
    assert len(cached_dataclasses) >= 12  # compiled anew and kept
    kept = dict(cached_dataclasses)
    again = [_signature(c) for c in _define()]  # now every text is found in the cache
    assert cached_dataclasses == kept
    # As a later run finds them: marshalled in the file, nothing compiled.
    monkeypatch.setattr(codecache, "_stored", {s: marshal.dumps(c) for s, c in kept.items()})
    cached_dataclasses.clear()
    monkeypatch.setattr(codecache, "_compile", _no_compiling)
    from_file = [_signature(c) for c in _define()]
    monkeypatch.delattr(dataclasses, "exec")
    plain = [_signature(c) for c in _define()]
    assert first == plain
    assert again == plain
    assert from_file == plain


def _no_compiling(source: str) -> CodeType:
    raise AssertionError(f"compiled a text the cache holds: {source[:60]!r}")


def test_the_file_keeps_what_this_run_used_and_drops_the_least_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = b"k" * 32
    path = tmp_path / codecache._file_name()
    blob = marshal.dumps(compile("pass", "<string>", "exec"))
    stale = {f"# old text {n}": blob for n in range(codecache._MAX_ENTRIES)}
    used = {"# used text": blob}
    monkeypatch.setattr(codecache, "_stored", {**stale, **used})
    monkeypatch.setattr(codecache, "_codes", {})
    codecache.cached_exec("# used text", {})
    codecache._save(str(path), key)
    assert not path.exists()  # nothing new: the file is not rewritten
    codecache.cached_exec("# new text", {})
    codecache._save(str(path), key)
    saved = [source for source, _ in load(str(path), key)]
    assert len(saved) == codecache._MAX_ENTRIES
    assert saved[-2:] == ["# used text", "# new text"]  # this run's, most recent last
    assert saved[0] == "# old text 2"  # the two oldest unused went


def test_classes_made_through_the_cache_behave_the_same(cached_dataclasses: dict[str, Any]) -> None:
    for _ in range(2):  # compiled, then from the cache
        span_cls, options_cls, ranked_cls = _define()
        span = span_cls(3, 5)
        assert repr(span) == "_define.<locals>.Span(start=3, end=5, tags=())"
        assert span == span_cls(3, 5) and hash(span) == hash(span_cls(3, 5))
        with pytest.raises(dataclasses.FrozenInstanceError):
            span.start = 4  # type: ignore[misc]
        options = options_cls("n", words=["a", "b"])
        assert options.seen == 2 and options.words == ["a", "b"]
        assert options_cls("n").words is not options_cls("n").words
        assert ranked_cls(score=1.0) < ranked_cls(score=2.0)
        with pytest.raises(TypeError):
            ranked_cls(1.0)  # type: ignore[misc]
    assert cached_dataclasses


def _code_file(cache: Path) -> Path:
    (saved,) = cache.glob("dataclass-code-*.marshal")
    return saved


@pytest.fixture
def first_run(tmp_path: Path) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """(cache directory, article, the first run's result): a run that filled the cache."""
    cache = tmp_path / "cache"
    article = tmp_path / "a.txt"
    article.write_text("Advertisement\n\nThe council met on Monday. Photo: Jane Doe/AP\n")
    return cache, article, lint_with_cache_dir(cache, article)


def test_a_second_run_reuses_the_code_and_writes_nothing_new(
    first_run: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    cache, article, first = first_run
    saved = _code_file(cache)
    stamp = saved.stat().st_mtime_ns
    second = lint_with_cache_dir(cache, article)
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    assert '"CL301"' in first.stdout
    assert saved.stat().st_mtime_ns == stamp  # every text was found: nothing to add
    # A fresh process that warms the cache compiles none of the command line's methods.
    probe = (
        "from copylint import codecache; codecache.warm(); "
        "import copylint.api, copylint.engine, copylint.checks.residue, copylint.checks.joins; "
        "print(len(codecache._codes), sum(s in codecache._stored for s in codecache._codes))"
    )
    env = dict(clean_env(), COPYLINT_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    used, found = map(int, out.stdout.split())
    assert used > 50 and found == used


def _planted(marker: Path) -> CodeType:
    """Code that would leave ``marker`` behind if it ever ran."""
    return compile(f"open({str(marker)!r}, 'w').close()", "<string>", "exec")


def test_code_from_a_file_this_user_did_not_write_never_runs(
    first_run: tuple[Path, Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    cache, article, first = first_run
    saved = _code_file(cache)
    entries = marshal.loads(saved.read_bytes()[_TAG_BYTES:])
    marker = tmp_path / "ran"
    # Every known text now maps to code that would leave a marker, sealed under
    # another key (a file copied from elsewhere), then with a broken tag.
    poisoned = marshal.dumps([(source, marshal.dumps(_planted(marker))) for source, _ in entries])
    saved.write_bytes(seal(b"k" * 32, saved.name.encode(), poisoned))
    assert lint_with_cache_dir(cache, article).stdout == first.stdout
    assert not marker.exists()
    saved.write_bytes(b"\0" * _TAG_BYTES + poisoned)
    assert lint_with_cache_dir(cache, article).stdout == first.stdout
    assert not marker.exists()
    saved.write_bytes(b"not marshal data at all")
    assert lint_with_cache_dir(cache, article).stdout == first.stdout


def test_warm_leaves_an_exec_someone_else_installed_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def other(*args: Any) -> None:
        exec(*args)

    monkeypatch.setattr(dataclasses, "exec", other, raising=False)
    codecache.warm.__wrapped__()  # (warm itself runs once per process)
    assert dataclasses.exec is other  # type: ignore[attr-defined]


def test_files_of_other_python_versions_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    old = [cache / f"dataclass-code-1-cpython-3{n}-old.marshal" for n in range(4)]
    for age, path in enumerate(old):
        path.write_bytes(b"stale")
        os.utime(path, ns=(10**9 * (age + 1), 10**9 * (age + 1)))
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday.\n")
    assert lint_with_cache_dir(cache, article).returncode == 0
    kept = sorted(p.name for p in cache.glob("dataclass-code-*.marshal"))
    assert kept == sorted([codecache._file_name(), old[3].name, old[2].name])
