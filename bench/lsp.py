"""How fast the language server answers a change: ``didChange`` to ``publishDiagnostics``.

Run from the repository root (needs the ``copylint[lsp]`` extra)::

    .venv/bin/python bench/lsp.py                 # a 2,000-word article, 50 changes
    .venv/bin/python bench/lsp.py --changes 200 --words 5000

It starts the real ``copylint lsp`` in a subprocess, talks to it over stdio
with pygls' ``LanguageClient`` exactly as an editor does, opens an article of
at least ``--words`` words (the seed article followed by BBC corpus articles,
put together at run time, with the seed knowledge configured), then types:
each change inserts a word at a different place and the time is taken from
sending ``didChange`` to receiving the diagnostics for that version.  The
debounce delay is set to 0 so the figure is the server's own work (an editor
adds the delay, 150 ms by default, on top while the user is still typing).
The first ``--warm-up`` changes are not counted.  Target: median under 50 ms.

On a shared machine the wall-clock figure includes waiting for a core, so the
server's own CPU time per change (from ``/proc/PID/stat``, averaged over the
measured changes) and the load average are printed beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_a02fd4a0a53ef109.txt"
CORPUS = SHARED / "corpus" / "bbc"
KNOWLEDGE = ROOT / "fixtures" / "knowledge" / "mission-impossible.yaml"


def build_article(words: int) -> str:
    """The seed article, then corpus articles, until the text has ``words`` words."""
    parts = [SEED.read_text(encoding="utf-8")] if SEED.exists() else []
    for path in sorted(CORPUS.glob("*.txt")):
        if sum(len(p.split()) for p in parts) >= words:
            break
        parts.append(path.read_text(encoding="utf-8"))
    if not parts:
        sys.exit("bench/lsp.py: needs ../shared (seed article or BBC corpus)")
    return "\n\n".join(parts)


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process so far (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(text: str, changes: int, warm_up: int) -> tuple[list[float], float | None]:
    """Milliseconds from each didChange to its diagnostics after the warm-up, and the
    server's mean CPU milliseconds per measured change."""
    work = Path(tempfile.mkdtemp(prefix="copylint-lsp-bench-"))
    (work / "copylint.toml").write_text(f'knowledge = ["{KNOWLEDGE.as_posix()}"]\n')
    article = work / "article.txt"
    article.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(article)) or ""
    client = LanguageClient("copylint-bench", "1")
    arrived: dict[int, float] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            event.set()

    await client.start_io(sys.executable, "-m", "copylint", "lsp", cwd=str(work))
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(from_fs_path(str(work)) or "", "bench")],
            initialization_options={"debounce_ms": 0},
        )
    )
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text))
    )
    lines = text.split("\n")
    timings: list[float] = []
    pid = client._server.pid if client._server else 0
    cpu_start: float | None = None
    for version in range(2, changes + warm_up + 2):
        line = (version * 7919) % len(lines)  # a different place each time
        event.clear()
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(line, 0), types.Position(line, 0)),
                        text="Word ",
                    )
                ],
            )
        )
        while version not in arrived:
            await asyncio.wait_for(event.wait(), 60)
            event.clear()
        if version == warm_up + 1:
            cpu_start = cpu_seconds(pid)
        if version >= warm_up + 2:
            timings.append((arrived[version] - sent) * 1000)
    cpu_end = cpu_seconds(pid)
    cpu = (
        (cpu_end - cpu_start) * 1000 / len(timings)
        if cpu_start is not None and cpu_end is not None and timings
        else None
    )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return timings, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--warm-up", type=int, default=5)
    args = parser.parse_args()
    text = build_article(args.words)
    timings, cpu = asyncio.run(measure(text, args.changes, args.warm_up))
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(
        f"didChange -> publishDiagnostics on {len(text.split())} words, "
        f"{len(timings)} changes after {args.warm_up} warm-up: "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
        f"min {timings[0]:.1f} ms, max {timings[-1]:.1f} ms"
    )
    if cpu is not None:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"server CPU time per change: {cpu:.1f} ms (load average {load:.1f})")


if __name__ == "__main__":
    main()
