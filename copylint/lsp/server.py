"""The copylint language server (pygls): diagnostics as you type, fixes as code actions.

Run it with ``copylint lsp`` (standard input and output).  Documents with the
extensions ``.txt``, ``.md`` and ``.html`` (or the language ids ``plaintext``,
``markdown`` and ``html``) are linted when opened, and again after each change
once typing pauses (the debounce delay: 150 ms, or ``initializationOptions``
``{"debounce_ms": N}``).  Settings, rules and knowledge come from the same
config files the command line reads, per workspace folder; see
:mod:`copylint.lsp.folders` and docs/editors.md.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES
from ..diagnostics import Diagnostic, Edit, Severity
from ..errors import CopylintError
from ..formats import FORMATS
from .actions import (
    FIX_ALL_KIND,
    QUICKFIX,
    Action,
    document_format,
    fix_actions,
    fix_all_edit,
    ignore_action,
)
from .folders import Folders
from .positions import LineIndex

log = logging.getLogger(__name__)

#: default pause after the last keystroke before a changed document is linted
DEBOUNCE_SECONDS = 0.15
#: language ids linted when the file name has no known extension
_LANGUAGES = {"plaintext": "txt", "text": "txt", "markdown": "md", "html": "html"}
_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
#: files whose change reloads settings: configs and the data they name
# Accept files are plain text: "*.txt" is watched too (a change to a file that no
# config names is ignored by Folders.affected_by).
_WATCHED = [f"**/{name}" for name in CONFIG_NAMES] + ["**/*.{yaml,yml,json,txt}"]


@dataclass
class Linted:
    """The last lint of one open document: the text it saw and what it found."""

    version: int | None
    text: str
    fmt: str
    diagnostics: list[Diagnostic]


class CopylintServer(LanguageServer):
    """pygls server holding the workspace folders and the latest lint of each document."""

    def __init__(self) -> None:
        super().__init__("copylint", __version__)
        self.folders = Folders()
        self.debounce = DEBOUNCE_SECONDS
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self._warned: set[str] = set()

    # ---------------------------------------------------------------- helpers
    @property
    def encoding(self) -> str:
        """The negotiated position encoding (``utf-16`` unless agreed otherwise)."""
        negotiated = self.workspace.position_encoding or "utf-16"
        return str(getattr(negotiated, "value", negotiated))

    def path_of(self, uri: str) -> str:
        """The file-system path of a document (an ``untitled:`` one: in the working dir)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return path or os.path.join(os.getcwd(), os.path.basename(uri) or "untitled")

    def format_of(self, uri: str) -> str | None:
        """``txt``/``md``/``html`` for documents copylint lints, else None."""
        doc = self.workspace.get_text_document(uri)
        path = self.path_of(uri)
        if path.lower().endswith(_EXTENSIONS):
            return document_format(path)
        language = (doc.language_id or "").lower()
        return FORMATS.get(_LANGUAGES.get(language, ""), None)

    def lint_now(self, uri: str) -> Linted | None:
        """Lint the document as it is now, remember and publish the result."""
        self.pending.pop(uri, None)
        fmt = self.format_of(uri)
        if fmt is None:
            return None
        doc = self.workspace.get_text_document(uri)
        text = doc.source
        path = self.path_of(uri)
        try:
            found = self.folders.lint(path, text, fmt)
        except CopylintError as exc:  # a broken config or knowledge file: say it once
            self._warn(str(exc))
            found = []
        linted = Linted(doc.version, text, fmt, found)
        self.linted[uri] = linted
        index = LineIndex(text, self.encoding)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=doc.version,
                diagnostics=[to_lsp(d, index) for d in found],
            )
        )
        return linted

    def current(self, uri: str) -> Linted | None:
        """The lint of the document's current text (linting again if it changed)."""
        linted = self.linted.get(uri)
        doc = self.workspace.get_text_document(uri)
        if linted is not None and linted.text == doc.source:
            return linted
        return self.lint_now(uri)

    def schedule(self, uri: str) -> None:
        """Lint ``uri`` once typing pauses for the debounce delay."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.lint_now, uri)

    def reload(self) -> None:
        """Read configs, rules and knowledge again and re-lint every open document."""
        self.folders.reload()
        self._warned.clear()
        for uri in list(self.linted):
            self.lint_now(uri)

    def _warn(self, message: str) -> None:
        if message in self._warned:
            return
        self._warned.add(message)
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"copylint: {message}")
        )


def to_lsp(d: Diagnostic, index: LineIndex) -> types.Diagnostic:
    """A copylint diagnostic as an LSP diagnostic, positions in the client's encoding."""
    message = d.message
    if d.suggestions:
        message += "\nsuggestion: " + "; ".join(d.suggestions)
    return types.Diagnostic(
        range=_range(index, d.start, d.end),
        severity=_SEVERITY[d.severity],
        code=d.code,
        source="copylint",
        message=message,
        data={"rule": d.rule, "start": d.start, "end": d.end},
    )


def _range(index: LineIndex, start: int, end: int) -> types.Range:
    sl, sc = index.position(start)
    el, ec = index.position(end)
    return types.Range(types.Position(sl, sc), types.Position(el, ec))


def _text_edits(index: LineIndex, edits: tuple[Edit, ...]) -> list[types.TextEdit]:
    return [types.TextEdit(range=_range(index, e.start, e.end), new_text=e.text) for e in edits]


def _wanted(kind: str, only: list[str] | None) -> bool:
    """LSP kind filtering: ``only`` lists kinds or their parents (``source`` covers
    ``source.fixAll.copylint``)."""
    if not only:
        return kind == QUICKFIX
    return any(kind == k or kind.startswith(k + ".") for k in only)


def build_server() -> CopylintServer:
    """A server with every feature registered (not started)."""
    server = CopylintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: CopylintServer, params: types.InitializeParams) -> None:
        for folder in params.workspace_folders or []:
            path = to_fs_path(folder.uri)
            if path:
                ls.folders.add(path)
        root = params.root_uri and to_fs_path(params.root_uri)
        if root and not params.workspace_folders:
            ls.folders.add(root)
        options: Any = params.initialization_options
        if isinstance(options, dict) and "debounce_ms" in options:
            try:
                ls.debounce = max(0.0, float(options["debounce_ms"]) / 1000)
            except (TypeError, ValueError):
                log.warning("ignoring debounce_ms=%r (not a number)", options["debounce_ms"])

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CopylintServer, _params: types.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if not (watched and watched.dynamic_registration):
            return  # the client does not watch files for us; didSave still reloads
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in _WATCHED]
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="copylint-watch",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=options,
                        )
                    ]
                )
            )
        except Exception as exc:  # noqa: BLE001 - watching is a convenience
            log.warning("could not register file watchers: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopylintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopylintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.debounce <= 0:
            ls.lint_now(uri)
        else:
            ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CopylintServer, params: types.DidSaveTextDocumentParams) -> None:
        if ls.folders.affected_by(ls.path_of(params.text_document.uri)):
            ls.reload()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopylintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        if ls.linted.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: CopylintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(ls.folders.affected_by(ls.path_of(c.uri)) for c in params.changes):
            ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(ls: CopylintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        for folder in params.event.removed:
            path = to_fs_path(folder.uri)
            if path:
                ls.folders.remove(path)
        for folder in params.event.added:
            path = to_fs_path(folder.uri)
            if path:
                ls.folders.add(path)
        ls.reload()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def code_action(
        ls: CopylintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None:
            return None
        index = LineIndex(linted.text, ls.encoding)
        only = [str(k) for k in params.context.only] if params.context.only else None
        out: list[types.CodeAction] = []
        if _wanted(QUICKFIX, only):
            lo = index.offset(params.range.start.line, params.range.start.character)
            hi = index.offset(params.range.end.line, params.range.end.character)
            for d in linted.diagnostics:
                if d.end < lo or d.start > hi:
                    continue
                line = index.position(d.start)[0]  # suppressions go by the first line
                actions = fix_actions(d) + [
                    ignore_action(d, linted.text, linted.fmt, index.line_end(line))
                ]
                out.extend(_code_action(ls, uri, index, a, linted.version) for a in actions)
        if _wanted(FIX_ALL_KIND, only):
            fixed = _fix_all(ls, uri, linted)
            if fixed is not None:
                out.append(_code_action(ls, uri, index, fixed, linted.version))
        return out

    return server


def _fix_all(ls: CopylintServer, uri: str, linted: Linted) -> Action | None:
    path = ls.path_of(uri)
    try:
        edit = fix_all_edit(
            linted.text, lambda t: ls.folders.lint(path, t, linted.fmt), path, linted.fmt
        )
    except CopylintError as exc:
        ls._warn(str(exc))
        return None
    if edit is None:
        return None
    return Action("copylint: fix all safe problems", FIX_ALL_KIND, (edit,))


def _code_action(
    ls: CopylintServer, uri: str, index: LineIndex, action: Action, version: int | None
) -> types.CodeAction:
    return types.CodeAction(
        title=action.title,
        kind=action.kind,
        is_preferred=action.preferred or None,
        diagnostics=[to_lsp(action.diagnostic, index)] if action.diagnostic else None,
        edit=_workspace_edit(ls, uri, _text_edits(index, action.edits), version),
    )


def _workspace_edit(
    ls: CopylintServer, uri: str, edits: list[types.TextEdit], version: int | None
) -> types.WorkspaceEdit:
    """Versioned document changes when the client supports them (a stale edit is then
    refused), else the plain ``changes`` map every client understands."""
    caps = ls.client_capabilities.workspace
    edit_caps = caps.workspace_edit if caps else None
    if edit_caps and edit_caps.document_changes:
        versioned: list[types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit] = list(
            edits
        )
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=identifier, edits=versioned)]
        )
    return types.WorkspaceEdit(changes={uri: edits})


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    build_server().start_io()
