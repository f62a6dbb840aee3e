"""The language server, end to end: the real ``copylint lsp`` in a subprocess over stdio.

Each test talks to the server with pygls' own ``LanguageClient``, as an editor
would: initialize, open, change, ask for code actions, apply their edits to
the client's copy of the text, send that change back, and shut down.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs the copylint[lsp] extra")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

from .conftest import MI_KNOWLEDGE, clean_env  # noqa: E402

TIMEOUT = 60.0


class Editor:
    """A minimal editor: its own copy of each document, and the diagnostics it was sent."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.messages: list[str] = []
        self._arrived = asyncio.Condition()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def _diagnostics(params: types.PublishDiagnosticsParams) -> None:
            async with self._arrived:
                self.published.setdefault(params.uri, []).append(params)
                self._arrived.notify_all()

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def _message(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def _register(params: types.RegistrationParams) -> None:
            return None

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """Wait for diagnostics of ``uri`` (for ``version``, if given) and return the latest."""

        def ready() -> bool:
            got = self.published.get(uri)
            return bool(got) and (version is None or got[-1].version == version)

        async with self._arrived:
            await asyncio.wait_for(self._arrived.wait_for(ready), TIMEOUT)
        return self.published[uri][-1].diagnostics

    def open(self, path: Path, language: str = "plaintext") -> str:
        uri = from_fs_path(str(path))
        assert uri is not None
        self.texts[uri] = path.read_text(encoding="utf-8")
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri, language, 1, self.texts[uri])
            )
        )
        return uri

    def change(self, uri: str, edits: list[types.TextEdit]) -> int:
        """Apply edits locally (as an editor applying a WorkspaceEdit) and send them."""
        for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[
            ::-1
        ]:
            self.texts[uri] = _apply(self.texts[uri], edit)
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(self.versions[uri], uri),
                [
                    types.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                    for e in sorted(
                        edits, key=lambda e: (e.range.start.line, e.range.start.character)
                    )[::-1]
                ],
            )
        )
        return self.versions[uri]

    async def actions(
        self, uri: str, rng: types.Range, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        result = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                rng,
                types.CodeActionContext(diagnostics=[], only=only),
            )
        )
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    def apply(self, uri: str, action: types.CodeAction) -> int:
        """Apply a code action's WorkspaceEdit the way an editor does."""
        assert action.edit is not None and action.edit.document_changes
        (change,) = action.edit.document_changes
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.version == self.versions[uri]
        edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
        return self.change(uri, edits)


def _apply(text: str, edit: types.TextEdit, encoding: str = "utf-16") -> str:
    """Apply one edit whose positions are in UTF-16 code units (the client's own logic)."""
    lines = text.splitlines(keepends=True)

    def offset(pos: types.Position) -> int:
        before = sum(len(line) for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return before + i
            units += len(ch.encode("utf-16-le")) // 2
        return before + len(line.rstrip("\r\n"))

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]


def run_session(
    workspace: Path,
    body: Callable[[Editor], Awaitable[Any]],
    encodings: list[str] | None = None,
    options: dict[str, Any] | None = None,
) -> tuple[Any, types.InitializeResult, int | None]:
    """Start ``copylint lsp`` in ``workspace``, run ``body``, shut down; (result, init, rc)."""

    async def main() -> tuple[Any, types.InitializeResult, int | None]:
        client = LanguageClient("copylint-tests", "1")
        editor = Editor(client)
        env = clean_env()
        await client.start_io(sys.executable, "-m", "copylint", "lsp", cwd=str(workspace), env=env)
        capabilities = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=encodings)
            if encodings
            else None,
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=True
                ),
            ),
        )
        root = from_fs_path(str(workspace))
        assert root is not None
        init = await asyncio.wait_for(
            client.initialize_async(
                types.InitializeParams(
                    capabilities=capabilities,
                    workspace_folders=[types.WorkspaceFolder(root, "ws")],
                    initialization_options=options or {"debounce_ms": 0},
                )
            ),
            TIMEOUT,
        )
        client.initialized(types.InitializedParams())
        try:
            result = await body(editor)
        finally:
            await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
            client.exit(None)
            server = client._server
            rc = await asyncio.wait_for(server.wait(), TIMEOUT) if server else None
            await client.stop()
        return result, init, rc

    return asyncio.run(main())


# A house rule with an unsafe fix, so the tests do not depend on how much
# evidence the built-in names rules want before they flag a name.
PACK = """\
pack: lsp-test
description: A house rule for the language server tests.
rules:
  - code: CL990
    name: house-name
    check: phrases
    severity: error
    fix: unsafe
    summary: The house spelling of a name.
    options:
      phrases:
        - {phrase: Tom Cruz, replacement: Tom Cruise}
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "copylint.toml").write_text(
        f'knowledge = ["{MI_KNOWLEDGE.as_posix()}"]\nrule-packs = ["pack.yaml"]\n'
    )
    return tmp_path


ARTICLE = (
    "The cast met Tom Cruz at the premiere.  the film opened on Friday.\n"
    "Scroll to continue with the content\n"
)


def _by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def test_open_change_fix_and_shutdown(workspace: Path) -> None:
    path = workspace / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    async def body(ed: Editor) -> dict[str, Any]:
        uri = ed.open(path)
        first = _by_code(await ed.diagnostics(uri, 1))
        # Typing a new sentence at the start moves every finding one line down.
        version = ed.change(
            uri,
            [
                types.TextEdit(
                    types.Range(types.Position(0, 0), types.Position(0, 0)),
                    "A new first line.\n",
                )
            ],
        )
        moved = _by_code(await ed.diagnostics(uri, version))
        # The safe fix for the lower-case sentence start is the preferred quick fix.
        cl212 = moved["CL212"]
        quick = await ed.actions(uri, cl212.range)
        preferred = [a for a in quick if a.is_preferred]
        version = ed.apply(uri, preferred[0])
        after_fix = _by_code(await ed.diagnostics(uri, version))
        # The unsafe name fix is offered, not preferred; ignore-on-this-line silences it.
        name_actions = await ed.actions(uri, after_fix["CL990"].range)
        ignore = next(a for a in name_actions if "ignore on this line" in a.title)
        version = ed.apply(uri, ignore)
        after_ignore = _by_code(await ed.diagnostics(uri, version))
        # Fix all: the remaining safe fix (the page furniture line) goes.
        fix_all = await ed.actions(
            uri,
            types.Range(types.Position(0, 0), types.Position(0, 0)),
            only=["source.fixAll"],
        )
        version = ed.apply(uri, fix_all[0])
        final = _by_code(await ed.diagnostics(uri, version))
        return {
            "first": first,
            "moved": moved,
            "quick": quick,
            "preferred": preferred,
            "after_fix": after_fix,
            "name_actions": name_actions,
            "after_ignore": after_ignore,
            "fix_all": fix_all,
            "final": final,
            "text": ed.texts[uri],
        }

    got, init, rc = run_session(workspace, body)
    assert init.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert set(got["first"]) == {"CL990", "CL212", "CL301"}
    column = ARTICLE.index("the film")  # ASCII: code points are UTF-16 units
    assert got["first"]["CL212"].range.start == types.Position(0, column)
    assert got["moved"]["CL212"].range.start == types.Position(1, column)
    assert got["moved"]["CL301"].range.start.line == 2
    assert [a.title for a in got["preferred"]] == ["CL212: Capitalise “The”"]
    assert "CL212" not in got["after_fix"] and "CL990" in got["after_fix"]
    unsafe = [a for a in got["name_actions"] if "Tom Cruise" in a.title]
    assert unsafe and not unsafe[0].is_preferred and "(unsafe fix)" in unsafe[0].title
    assert set(got["after_ignore"]) == {"CL301"}
    assert [a.kind for a in got["fix_all"]] == ["source.fixAll.copylint"]
    assert got["final"] == {}
    assert got["text"] == (
        "A new first line.\n"
        "The cast met Tom Cruz at the premiere.  The film opened on Friday. "
        "[copylint: ignore=CL990]\n"
    )
    assert rc == 0


EMOJI = "Café 😀 met Tom Cruz, naïvely.\n"


@pytest.mark.parametrize(
    ("encodings", "negotiated", "start", "end"),
    [
        # "Café 😀 met " is 11 code points, 12 UTF-16 units (the emoji is a pair), 15 bytes
        (None, "utf-16", 12, 20),
        (["utf-8", "utf-16"], "utf-8", 15, 23),
    ],
)
def test_positions_after_emoji_and_accents(
    workspace: Path, encodings: list[str] | None, negotiated: str, start: int, end: int
) -> None:
    path = workspace / "emoji.md"
    path.write_text(EMOJI, encoding="utf-8")

    async def body(ed: Editor) -> list[types.Diagnostic]:
        return await ed.diagnostics(ed.open(path, "markdown"), 1)

    diagnostics, init, _ = run_session(workspace, body, encodings=encodings)
    assert init.capabilities.position_encoding == negotiated
    name = _by_code(diagnostics)["CL990"]
    assert name.range == types.Range(types.Position(0, start), types.Position(0, end))


def test_ignore_in_markdown_and_html_uses_a_comment(workspace: Path) -> None:
    (workspace / "a.md").write_text("# Notes\n\nWe met Tom Cruz there.\n", encoding="utf-8")
    (workspace / "a.html").write_text(
        "<p>We met <b>Tom Cruz</b> there.</p>\n<p>Later.</p>\n", encoding="utf-8"
    )
    # the line ends inside a tag: the comment goes before the finding instead
    (workspace / "b.html").write_text(
        '<p>We met Tom Cruz <a\nhref="/x">there</a>.</p>\n', encoding="utf-8"
    )

    async def body(ed: Editor) -> dict[str, tuple[str, list[types.Diagnostic]]]:
        out = {}
        for name, language in (("a.md", "markdown"), ("a.html", "html"), ("b.html", "html")):
            uri = ed.open(workspace / name, language)
            found = _by_code(await ed.diagnostics(uri, 1))
            actions = await ed.actions(uri, found["CL990"].range)
            ignore = next(a for a in actions if "ignore on this line" in a.title)
            version = ed.apply(uri, ignore)
            out[name] = (ed.texts[uri], await ed.diagnostics(uri, version))
        return out

    got, _, _ = run_session(workspace, body)
    text, remaining = got["a.md"]
    assert text == "# Notes\n\nWe met Tom Cruz there.<!-- copylint: ignore=CL990 -->\n"
    assert list(remaining) == []
    html, remaining = got["b.html"]
    assert html == (
        '<p>We met <!-- copylint: ignore=CL990 -->Tom Cruz <a\nhref="/x">there</a>.</p>\n'
    )
    assert list(remaining) == []
    html, remaining = got["a.html"]
    assert html.startswith("<p>We met <b>Tom Cruz</b> there.</p> <!-- copylint: ignore=CL990 -->\n")
    assert list(remaining) == []


def _codes_before_and_after_a_change(
    root: Path, article: Path, changed: Path, new_text: str
) -> tuple[set[str], set[str]]:
    """The codes on ``article`` when opened, and after ``changed`` gets ``new_text`` and
    the editor reports it as a watched-file change."""

    async def body(ed: Editor) -> tuple[set[str], set[str]]:
        uri = ed.open(article)
        before = {str(d.code) for d in await ed.diagnostics(uri, 1)}
        count = len(ed.published[uri])
        changed.write_text(new_text, encoding="utf-8")
        ed.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(from_fs_path(str(changed)) or "", types.FileChangeType.Changed)]
            )
        )
        async with ed._arrived:
            await asyncio.wait_for(
                ed._arrived.wait_for(lambda: len(ed.published[uri]) > count), TIMEOUT
            )
        return before, {str(d.code) for d in ed.published[uri][-1].diagnostics}

    (before, after), _, _ = run_session(root, body)
    return before, after


def test_config_change_reloads_settings(workspace: Path) -> None:
    path = workspace / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    config = workspace / "copylint.toml"
    before, after = _codes_before_and_after_a_change(
        workspace, path, config, config.read_text() + 'ignore = ["CL212"]\n'
    )
    assert "CL212" in before
    assert after == before - {"CL212"}


def test_accept_file_change_reloads_settings(tmp_path: Path) -> None:
    """An editor adds a brand to the team's accept file: open documents stop flagging it."""
    path = tmp_path / "article.txt"
    path.write_text("The new trailer is streaming on vidFlix from today.\n", encoding="utf-8")
    accept = tmp_path / "words.txt"
    accept.write_text("# team words\n", encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('accept-files = ["words.txt"]\n')
    before, after = _codes_before_and_after_a_change(
        tmp_path, path, accept, "# team words\nvidFlix\n"
    )
    assert "CL201" in before
    assert "CL201" not in after


def test_changes_are_debounced(workspace: Path) -> None:
    path = workspace / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    async def body(ed: Editor) -> list[int | None]:
        uri = ed.open(path)
        await ed.diagnostics(uri, 1)
        version = 1
        for _ in range(5):  # five quick keystrokes, well inside the 300 ms pause
            version = ed.change(
                uri, [types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), "x")]
            )
        await ed.diagnostics(uri, version)
        await asyncio.sleep(0.5)  # nothing more may arrive
        return [p.version for p in ed.published[uri]]

    versions, _, _ = run_session(workspace, body, options={"debounce_ms": 300})
    assert versions == [1, 6]


def test_broken_config_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "copylint.toml").write_text("selekt = [\n", encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    async def body(ed: Editor) -> tuple[list[types.Diagnostic], list[str]]:
        found = await ed.diagnostics(ed.open(path), 1)
        return found, ed.messages

    (found, messages), _, rc = run_session(tmp_path, body)
    assert list(found) == []
    assert any("copylint.toml" in m and "invalid TOML" in m for m in messages)
    assert rc == 0


def test_lsp_command_line_usage() -> None:
    from .conftest import run_cli

    shown = run_cli("lsp", "--help")
    assert shown.returncode == 0 and "language server" in shown.stdout
    bad = run_cli("lsp", "--frobnicate")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "copylint: error: lsp: unexpected argument '--frobnicate' (see --help)"
    ]
