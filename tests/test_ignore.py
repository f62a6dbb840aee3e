"""Ignore files (.gitignore, .copylintignore) in directory walks, and walk errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copylint.api import iter_files
from copylint.errors import InputError


def _tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def _walk(root: Path, *paths: str) -> list[str]:
    out = []
    for item in iter_files([str(root / p) if p != "." else str(root) for p in paths or (".",)]):
        assert not isinstance(item, InputError), item
        out.append(Path(item).relative_to(root).as_posix())
    return out


def test_git_rules_negation_directories_and_anchors(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "*.md\n!keep.md\ndrafts/\n/only-top.txt\n",
            "a.md": "x",
            "keep.md": "x",
            "drafts/d.txt": "x",
            "only-top.txt": "x",
            "sub/only-top.txt": "x",
            "sub/b.md": "x",
            "sub/keep.md": "x",
            "c.txt": "x",
        },
    )
    assert _walk(tmp_path) == ["c.txt", "keep.md", "sub/keep.md", "sub/only-top.txt"]


def test_a_deeper_ignore_file_overrides_a_shallower_one(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "*.txt\n",
            "a.txt": "x",
            "sub/.copylintignore": "!*.txt\nsecret.txt\n",
            "sub/b.txt": "x",
            "sub/secret.txt": "x",
        },
    )
    assert _walk(tmp_path) == ["sub/b.txt"]


def test_invalid_patterns_and_undecodable_files_are_skipped_not_fatal(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "!\n[z-a]\ntrailing\\\n*.md\n",
            "a.md": "x",
            "b.txt": "x",
            "sub/.gitignore": b"\xff\xfe*.txt\n",
            "sub/c.txt": "x",
        },
    )
    assert _walk(tmp_path) == ["b.txt", "sub/c.txt"]


def test_files_named_explicitly_are_linted_even_if_ignored(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "*.md\n", "a.md": "x"})
    assert _walk(tmp_path, "a.md") == ["a.md"]


def test_ignore_files_above_the_walked_directory_are_not_read(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "*.txt\n", "content/a.txt": "x"})
    items = list(iter_files([str(tmp_path / "content")]))
    assert [Path(str(i)).name for i in items] == ["a.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any directory")
def test_an_unreadable_directory_is_reported(tmp_path: Path) -> None:
    _tree(tmp_path, {"ok.txt": "x", "locked/a.txt": "x"})
    (tmp_path / "locked").chmod(0)
    try:
        items = list(iter_files([str(tmp_path)]))
    finally:
        (tmp_path / "locked").chmod(0o755)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "cannot read directory" in errors[0].reason


def test_a_fifo_on_a_walk_is_reported_not_opened(tmp_path: Path) -> None:
    _tree(tmp_path, {"ok.txt": "x"})
    os.mkfifo(tmp_path / "pipe.md")
    items = list(iter_files([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [Path(e.path).name for e in errors] == ["pipe.md"]
    assert "not a regular file" in errors[0].reason
    assert [Path(i).name for i in items if isinstance(i, str)] == ["ok.txt"]


def test_named_paths_files_directories_links_and_missing(tmp_path: Path) -> None:
    """A named file, a named directory (walked), a named dangling link (passed on:
    reading it says why) and a missing name (an error), each as it was named."""
    _tree(tmp_path, {"a.txt": "x", "dir/b.txt": "x"})
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    named = [str(tmp_path / n) for n in ("a.txt", "dir", "gone.txt", "missing.txt", "a.txt")]
    items = list(iter_files(named))
    assert items[:3] == [str(tmp_path / "a.txt"), str(tmp_path / "dir" / "b.txt"), named[2]]
    assert isinstance(items[3], InputError) and items[3].reason == "no such file or directory"
    assert len(items) == 4  # a file named twice is linted once
