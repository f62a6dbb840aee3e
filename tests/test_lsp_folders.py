"""The language server's settings per workspace folder: discovery, exclude, reload triggers."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the copylint[lsp] extra")

from copylint.lsp.folders import Folders  # noqa: E402

from .conftest import MI_KNOWLEDGE  # noqa: E402

TEXT = "It rained.  the film opened.\n"


def test_closest_config_and_exclude_apply_to_buffers(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "drafts").mkdir(parents=True)
    (site / "copylint.toml").write_text(
        f'exclude = ["drafts/*"]\nknowledge = ["{MI_KNOWLEDGE.as_posix()}"]\n'
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "copylint.toml").write_text('ignore = ["CL212"]\n')
    folders = Folders([str(site), str(tmp_path / "other")])
    assert [d.code for d in folders.lint(str(site / "a.txt"), TEXT, "txt")] == ["CL212"]
    assert folders.lint(str(site / "drafts" / "a.txt"), TEXT, "txt") == []
    assert folders.lint(str(tmp_path / "other" / "a.txt"), TEXT, "txt") == []
    # the files the settings came from, and any config file, trigger a reload
    assert folders.affected_by(str(site / "copylint.toml"))
    assert folders.affected_by(str(MI_KNOWLEDGE))
    assert folders.affected_by(str(tmp_path / "new" / "pyproject.toml"))
    assert not folders.affected_by(str(site / "a.txt"))
    generation = folders.generation
    folders.reload()
    assert folders.generation == generation + 1
    assert not folders.affected_by(str(MI_KNOWLEDGE))  # forgotten until used again


def test_nested_workspace_folders_pick_the_most_specific(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    folders = Folders([str(tmp_path), str(inner)])
    assert folders.folder_of(str(inner / "a.md")) == str(inner)
    assert folders.folder_of(str(tmp_path / "a.md")) == str(tmp_path)
    assert folders.folder_of("/elsewhere/a.md") == ""
    assert folders.folder_of(str(tmp_path) + "-sibling/a.md") == ""
    folders.remove(str(inner))
    assert folders.folder_of(str(inner / "a.md")) == str(tmp_path)
