#!/usr/bin/env python3
"""Re-run ``copylint --fix --unsafe-fixes`` over pages rendered as Markdown and HTML (issue 12).

Each plain-text page (one block a line: the BBC corpus, the eval-dev pages) is
rendered three ways into a temporary folder:

* ``txt``: the page as it is;
* ``md``: the first line a ``#`` heading, every other line a paragraph
  (Markdown characters escaped), blank lines between;
* ``html``: a ``<title>`` and an ``<h1>`` from the first line, every other line
  a ``<p>`` (HTML-escaped), inside ``<html><body>``.

The real command line fixes every copy in place (safe and unsafe fixes), and
the script compares each fixed file with its rendering: the fixed Markdown or
HTML must parse to the same block tree minus whole removed elements (an
independent parse with markdown-it and the standard HTML parser), and it
counts the fixes applied, the elements removed, and the text lines removed
from the plain copy for comparison.

Usage::

    python scripts/structure_rerun.py [--shared ../shared] [--sets bbc,sh,tf] [--limit N]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "bbc": "corpus/bbc",
    "sh": "eval-dev/residue-article/sh",
    "tf": "eval-dev/residue/tf",
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


# ----------------------------------------------------------------- rendering
def page_lines(text: str) -> list[str]:
    """The page's non-blank lines (a scraped page puts one block on each)."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def to_markdown(lines: list[str]) -> str:
    """The page as Markdown: a heading, then one paragraph a line."""
    esc = [_MD_SPECIAL.sub(r"\\\1", ln) for ln in lines]
    # A line starting with digits and a dot, or with "-", "+" or "=", would read as
    # a list item or a setext underline: escape its first character too.
    esc = [re.sub(r"^(\d+)([.)])", r"\1\\\2", ln) for ln in esc]
    esc = [("\\" + ln) if ln[:1] in "-+=" else ln for ln in esc]
    if not esc:
        return ""
    return "\n\n".join(["# " + esc[0], *esc[1:]]) + "\n"


def to_html(lines: list[str]) -> str:
    """The page as HTML: a title and an h1, then one paragraph a line."""
    if not lines:
        return "<html><body></body></html>\n"
    esc = [html.escape(ln, quote=False) for ln in lines]
    body = "\n".join([f"<h1>{esc[0]}</h1>", *(f"<p>{ln}</p>" for ln in esc[1:])])
    return f"<html><head><title>{esc[0]}</title></head><body>\n{body}\n</body></html>\n"


# ----------------------------------------------------------------- trees
Tree = tuple[str, list["Tree"]]


def md_tree(source: str) -> Tree:
    root: Tree = ("root", [])
    stack = [root]
    for tok in _MD.parse(source):
        if tok.nesting == 1:
            node: Tree = (tok.type, [])
            stack[-1][1].append(node)
            stack.append(node)
        elif tok.nesting == -1:
            stack.pop()
        elif tok.type != "inline":
            stack[-1][1].append((tok.type, []))
    return root


class _HtmlTree(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root: Tree = ("root", [])
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: object) -> None:
        node: Tree = (tag, [])
        self.stack[-1][1].append(node)
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) > 1 and self.stack[-1][0] == tag:
            self.stack.pop()


def html_tree(source: str) -> Tree:
    parser = _HtmlTree()
    parser.feed(source)
    parser.close()
    return parser.root


def pruned(old: Tree, new: Tree) -> int | None:
    """How many whole subtrees ``new`` lacks, or None when it is not ``old`` pruned."""
    if old[0] != new[0]:
        return None
    removed = 0
    i = 0
    for child in new[1]:
        while i < len(old[1]):
            sub = pruned(old[1][i], child)
            if sub is not None:
                removed += sub
                break
            removed += 1
            i += 1
        if i == len(old[1]):
            return None
        i += 1
    return removed + len(old[1]) - i


# ----------------------------------------------------------------- running
def run_fix(folder: Path) -> dict[str, int]:
    """Fix every file under ``folder`` in place; the number of fixes applied per file."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "copylint",
            "--isolated",
            "--no-cache",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1, 2) or not proc.stdout.strip():
        raise SystemExit(f"copylint failed on {folder}: {proc.stderr.strip()[:500]}")
    # exit 2: some pages could not be read (a binary page in the set); the others count
    return {Path(r["path"]).name: int(r.get("fixed") or 0) for r in json.loads(proc.stdout)}


def pages(shared: Path, sets: list[str], limit: int | None) -> Iterator[tuple[str, Path]]:
    for name in sets:
        files = sorted(p for p in (shared / SETS[name]).glob("*.txt"))
        yield from ((name, p) for p in files[:limit])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sets", default="bbc,sh,tf", help="comma-separated: bbc, sh, tf")
    ap.add_argument("--limit", type=int, default=None, help="pages per set")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in SETS]
    if unknown or not args.shared.is_dir():
        print(f"structure_rerun: unknown set {unknown} or no {args.shared}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="copylint-structure-"))
    try:
        originals: dict[tuple[str, str, str], str] = {}
        for set_name, page in pages(args.shared, sets, args.limit):
            lines = page_lines(page.read_text(encoding="utf-8", errors="replace"))
            for fmt, text in (
                ("txt", "\n".join(lines) + "\n"),
                ("md", to_markdown(lines)),
                ("html", to_html(lines)),
            ):
                out = tmp / set_name / fmt / (page.stem + "." + fmt)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
                originals[(set_name, fmt, out.name)] = text
        print(
            "| set | format | pages | fixes applied | pages changed | removed | structure changes |"
        )
        print("|---|---|---|---|---|---|---|")
        for set_name in sets:
            for fmt in ("txt", "md", "html"):
                folder = tmp / set_name / fmt
                fixed = run_fix(folder)
                stats: Counter[str] = Counter()
                for path in sorted(folder.iterdir()):
                    old = originals[(set_name, fmt, path.name)]
                    new = path.read_text(encoding="utf-8")
                    stats["pages"] += 1
                    stats["fixes"] += fixed.get(path.name, 0)
                    stats["changed"] += new != old
                    if fmt == "txt":
                        stats["removed"] += len(page_lines(old)) - len(page_lines(new))
                        continue
                    tree = md_tree if fmt == "md" else html_tree
                    removed = pruned(tree(old), tree(new))
                    if removed is None:
                        stats["broken"] += 1
                        print(f"  structure changed: {set_name}/{fmt}/{path.name}", file=sys.stderr)
                    else:
                        stats["removed"] += removed
                what = "lines" if fmt == "txt" else "elements"
                broken = "n/a" if fmt == "txt" else str(stats["broken"])
                print(
                    f"| {set_name} | {fmt} | {stats['pages']} | {stats['fixes']} | "
                    f"{stats['changed']} | {stats['removed']} {what} | {broken} |",
                    flush=True,
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
