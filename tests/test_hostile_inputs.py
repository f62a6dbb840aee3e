"""A corpus of hostile inputs, generated here, through the real command line.

Each case writes its files into a fresh directory (nothing binary is committed),
runs ``copylint`` as a subprocess with a time limit, and states the exit code and
the message it must give.  Whatever the case, the run must end in time, print
no Python traceback, and keep every stderr line a one-line ``copylint:``
message.  The cases run concurrently (each is its own process), so the whole
corpus costs a few seconds of wall time.

Text that must trigger a rule comes from the rule packs' own ``examples.flag``
lists, read at run time, so no rule's vocabulary is restated here.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import socket
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from copylint.packs import builtin_pack_paths, load_packs

from .conftest import clean_env, copylint_command

#: Wall-clock limit for one case (generous: cases run concurrently on 2 cores).
CASE_TIMEOUT = 120
#: A case slower than this (alone, it takes 1-10 s) points at a hang in the making.
SLOW = 90


def _flag_example(code: str) -> str:
    """The first ``examples.flag`` text of rule ``code`` in the built-in packs."""
    for spec in load_packs(builtin_pack_paths()):
        if spec.code == code and spec.examples_flag:
            return spec.examples_flag[0]
    raise LookupError(code)


RESIDUE = _flag_example("CL301")  # scraped UI text: a warning with a safe fix
GLUED = _flag_example("CL201")  # two words run together: a warning with a safe fix
PLAIN = "The film opens next week. Critics liked the stunts.\n"


@dataclass
class Case:
    """One hostile input: files to write, arguments, and what copylint must answer."""

    name: str
    files: dict[str, bytes | None] = field(default_factory=dict)  # None: a directory
    args: tuple[str, ...] = (".",)
    rc: int = 0
    stderr: str | None = None  # regex that stderr must match
    stdout: str | None = None  # regex that stdout must match
    stdin: bytes | None = None
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    check: Callable[[Path, subprocess.CompletedProcess[str]], None] | None = None


@dataclass
class Outcome:
    proc: subprocess.CompletedProcess[str]
    seconds: float
    root: Path


# ----------------------------------------------------------------- helpers


def _utf16(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def _json(proc: subprocess.CompletedProcess[str]) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in json.loads(proc.stdout)}


def _codes(proc: subprocess.CompletedProcess[str], name: str) -> set[str]:
    return {d["code"] for d in _json(proc)[name]["diagnostics"]}


def _symlink_loop(root: Path) -> None:
    (root / "docs" / "loop").symlink_to("..", target_is_directory=True)
    (root / "docs" / "self").symlink_to("self")  # a link to itself: ELOOP on open
    (root / "docs" / "dangling.txt").symlink_to(root / "gone.txt")


def _links_out_and_in(root: Path) -> None:
    (root / "docs" / "leak.txt").symlink_to(root / "secret.txt")  # outside the walked "docs"
    (root / "docs" / "inner.txt").symlink_to("a.txt")  # inside: read as usual


def _secret_not_read(root: Path, proc: subprocess.CompletedProcess[str]) -> None:
    assert "leak.txt:1" not in proc.stdout  # the secret was never linted, so never quoted
    assert "docs/inner.txt:1:" in proc.stdout  # a link inside the tree is still read


def _fifo(root: Path) -> None:
    os.mkfifo(root / "docs" / "pipe.txt")


def _socket(root: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(root / "docs" / "sock.md"))
    finally:
        sock.close()


def _outside_link(root: Path) -> None:
    outside = root.parent / f"{root.name}-outside.txt"
    outside.write_text(RESIDUE, encoding="utf-8")
    (root / "tree" / "linked.txt").symlink_to(outside)


def _outside_untouched(root: Path, proc: subprocess.CompletedProcess[str]) -> None:
    outside = root.parent / f"{root.name}-outside.txt"
    assert outside.read_text(encoding="utf-8") == RESIDUE, "a fix was written outside the tree"
    assert (root / "tree" / "linked.txt").is_symlink()


def _nothing_executed(root: Path, proc: subprocess.CompletedProcess[str]) -> None:
    assert not (root / "pwned").exists(), "YAML in a data file ran code"


def _cp1252_fixed_in_place(root: Path, proc: subprocess.CompletedProcess[str]) -> None:
    data = (root / "legacy.txt").read_bytes()
    # The fix went in, and the rest of the file kept its single-byte encoding.
    assert data.startswith("Caf\u00e9 cr\u00e8me.\n".encode("cp1252"))
    assert len(data) < len(("Caf\u00e9 cr\u00e8me.\n" + RESIDUE).encode("cp1252"))
    assert "Fixed 1" in proc.stdout + proc.stderr


def _columns_in_code_points(root: Path, proc: subprocess.CompletedProcess[str]) -> None:
    prefix = "\u05e9\u05dc\u05d5\u05dd e\u0301 \U0001f468\u200d\U0001f469\u200d\U0001f467 \u202e "
    text = (root / "bidi.txt").read_text(encoding="utf-8")
    assert text.startswith(prefix)
    for d in _json(proc)["bidi.txt"]["diagnostics"]:
        # Offsets are code points in the decoded file: the span is the flagged text.
        assert 0 <= d["start"] <= d["end"] <= len(text)
        assert d["line"] == 1 and d["column"] == d["start"] + 1
        assert d["start"] >= len(prefix)


def _others_still_linted(root: Path, proc: subprocess.CompletedProcess[str]) -> None:
    results = _json(proc)
    assert "CL201" in {d["code"] for d in results["good.txt"]["diagnostics"]}
    assert results["good.txt"].get("error") in (None, "")


def _gitignored(root: Path, proc: subprocess.CompletedProcess[str]) -> None:
    linted = set(_json(proc))
    assert linted == {"kept.md", "keep.txt", "deep.txt"}, linted


# ----------------------------------------------------------------- the corpus

BIG = 50 * 1024 * 1024
ONE_LINE = ("word " * 210_000).encode()  # a 1 MB paragraph without a line end

CASES = [
    # --- bytes and encodings
    Case(
        "invalid-utf8",
        {"bad.txt": b"Hello \xff\xfe world\n"},
        rc=2,
        stderr=r"bad\.txt: not valid UTF-8 at line 1, column 7 \(byte 0xff\); pass --encoding",
    ),
    Case(
        "overlong-utf8",
        {"bad.txt": b"ok\n\xc0\xaf\n"},
        rc=2,
        stderr=r"not valid UTF-8 at line 2, column 1 \(byte 0xc0\)",
    ),
    Case(
        "encoded-surrogate",
        {"bad.txt": b"x \xed\xa0\x80 y\n"},
        rc=2,
        stderr=r"not valid UTF-8 at line 1, column 3 \(byte 0xed\)",
    ),
    Case(
        "nul-bytes",
        {"bin.txt": b"Hello\x00world\x00\x01\x02"},
        rc=2,
        stderr=r"bin\.txt: binary file, skipped",
    ),
    Case(
        "cp1252-without-encoding",
        {"legacy.txt": "Caf\u00e9 \u201cquoted\u201d\n".encode("cp1252")},
        rc=2,
        stderr=r"legacy\.txt: not valid UTF-8 at line 1, column 4 \(byte 0xe9\)",
    ),
    Case(
        "cp1252-with-encoding",
        {"legacy.txt": f"Caf\u00e9. {GLUED}\n".encode("cp1252")},
        args=("--encoding", "cp1252", "--format", "json", "."),
        rc=1,
        stdout=r'"CL201"',
    ),
    Case(
        "cp1252-fix-keeps-encoding",
        {"legacy.txt": f"Caf\u00e9 cr\u00e8me.\n{RESIDUE}".encode("cp1252")},
        args=("--encoding", "cp1252", "--fix", "--select", "CL301", "."),
        rc=0,
        check=_cp1252_fixed_in_place,
    ),
    Case(
        "latin1-with-encoding",
        {"old.txt": "na\u00efve caf\u00e9\n".encode("latin-1")},
        args=("--encoding", "latin-1", "."),
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "unknown-encoding",
        {"a.txt": PLAIN.encode()},
        args=("--encoding", "klingon", "."),
        rc=2,
        stderr=r"a\.txt: unknown encoding 'klingon'",
    ),
    Case(
        "utf16-with-bom",
        {"wide.txt": _utf16(RESIDUE)},
        args=("--format", "json", "."),
        rc=1,
        stdout=r'"CL301"',
    ),
    Case(
        "utf16-without-bom",
        {"wide.txt": PLAIN.encode("utf-16-le")},
        rc=2,
        stderr=r"wide\.txt: looks like UTF-16 without a byte-order mark; pass --encoding "
        r"utf-16-le",
    ),
    Case(
        "utf8-bom-crlf",
        {"win.txt": codecs.BOM_UTF8 + PLAIN.replace("\n", "\r\n").encode()},
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "empty-and-bom-only",
        {"empty.txt": b"", "bom.md": codecs.BOM_UTF8},
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "stdin-invalid",
        args=("-",),
        stdin=b"abc\x80def",
        rc=2,
        stderr=r"-: not valid UTF-8 at line 1, column 4 \(byte 0x80\)",
    ),
    # --- size and shape
    Case(
        "fifty-megabytes",
        setup=lambda root: (root / "dump.txt").write_bytes(PLAIN.encode() * (BIG // len(PLAIN))),
        rc=2,
        stderr=r"dump\.txt: input is over the 10 MB size limit \(50\.0 MB\)",
    ),
    Case("one-megabyte-line", {"line.txt": ONE_LINE}, rc=0, stdout=r"All checks passed"),
    # regressions: each of these took minutes (quadratic regex or split search)
    Case("long-letter-run", {"run.txt": b"a" * 300_000}, rc=0, stdout=r"All checks passed"),
    Case(
        "long-word-before-toggle-label",
        {"toggle.md": b"[a](" * 50_000 + b"\n", "toggle.txt": b"x" * 200_000 + b" less\n"},
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "deeply-nested-html",
        {"deep.html": b"<div>" * 60_000 + b"<p>Some text.</p>" + b"</div>" * 60_000},
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "unclosed-html",
        {
            "open.html": b"<html><body><b><i>" * 5000
            + b"text <script>x"
            + b"<!-- never closed <style>"
        },
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "unbalanced-markdown",
        {
            "bad.md": b"# Title\n```\ncode never closed\n"
            + b"[" * 5000
            + b"\n"
            + b"> " * 3000
            + b"*" * 5000
            + b"\n<div>\n"
            + b"- " * 2000
            + b"\n"
        },
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "nested-markdown",
        {
            "nest.md": b"> " * 5000
            + b"quote\n"
            + b"- " * 5000
            + b"item\n"
            + b"*a" * 20_000
            + b"\n"
            + b"[a](" * 10_000
            + b"\n"
        },
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "control-characters",
        {
            "ctl.txt": "".join(map(chr, range(1, 32))).encode()
            + b"\x7f\n\x0b\x0c\r\r\n"
            + "\u0085\u2028\u2029\u200b\ufeff\n".encode()
        },
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "bidi-combining-emoji",
        {
            "bidi.txt": (
                "\u05e9\u05dc\u05d5\u05dd e\u0301 \U0001f468\u200d\U0001f469\u200d"
                f"\U0001f467 \u202e {GLUED}\n"
            ).encode()
        },
        args=("--format", "json", "--select", "CL201", "."),
        rc=1,
        stdout=r'"CL201"',
        check=_columns_in_code_points,
    ),
    Case(
        "front-matter-with-python-tag",
        {"post.md": b"---\nworks: !!python/object/apply:os.system ['touch pwned']\n---\nText.\n"},
        rc=1,
        stdout=r"CL005 Front matter is ignored: invalid YAML: could not determine a "
        r"constructor.*\n",
        check=_nothing_executed,
    ),
    # parsers that go quadratic on unclosed markup (stdlib html.parser, markdown-it):
    # the per-file time budget stops them (base lowered so the test stays short)
    # regression (found by the readers fuzzer): html.parser raised AssertionError
    Case(
        "malformed-html-declaration",
        {
            "decl.html": b"<p>Before.</p><![\x18!--<!-x\n<p>after",
            "decl.md": b"Text.\n\n<![\x18!--<!-jjply\n<!--\n",
        },
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "unclosed-comments-over-budget",
        {"slow.html": b"<!--" * 60_000, "slow.md": b"<!--" * 60_000, "good.txt": GLUED.encode()},
        args=("--format", "json", "--jobs", "1", "."),
        env={"COPYLINT_FILE_TIMEOUT": "2"},
        rc=2,
        stderr=r"(?s)slow\.html: linting took longer than 9 s and was stopped.*"
        r"slow\.md: linting took longer than \d+ s",
        check=_others_still_linted,
    ),
    # --- knowledge files and rule packs are data, never code
    Case(
        "knowledge-syntax-error",
        {"k.yaml": b"works:\n  - title: [unclosed\n", "a.txt": b"x\n"},
        args=("-k", "k.yaml", "a.txt"),
        rc=2,
        stderr=r"k\.yaml:\d+: invalid YAML",
    ),
    Case(
        "knowledge-wrong-types",
        {"k.yaml": b"works:\n  - title: 42\n    cast: yes\n", "a.txt": b"x\n"},
        args=("-k", "k.yaml", "a.txt"),
        rc=2,
        stderr=r"k\.yaml:2: ",
    ),
    Case(
        "knowledge-duplicate-key",
        {"k.yaml": b"works:\n  - title: A\n    title: B\n", "a.txt": b"x\n"},
        args=("-k", "k.yaml", "a.txt"),
        rc=2,
        stderr=r"k\.yaml:3: invalid YAML: duplicate key",
    ),
    Case(
        "knowledge-python-tag",
        {"k.yaml": b"works: !!python/object/apply:os.system ['touch pwned']\n", "a.txt": b"x\n"},
        args=("-k", "k.yaml", "a.txt"),
        rc=2,
        stderr=r"k\.yaml:1: invalid YAML",
        check=_nothing_executed,
    ),
    Case(
        "knowledge-not-utf8",
        {"k.yaml": b"works:\n  - title: Caf\xe9\n", "a.txt": b"x\n"},
        args=("-k", "k.yaml", "a.txt"),
        rc=2,
        stderr=r"k\.yaml:2: not valid UTF-8",
    ),
    Case(
        "knowledge-missing",
        {"a.txt": b"x\n"},
        args=("-k", "nope.yaml", "a.txt"),
        rc=2,
        stderr=r"nope\.yaml: file not found",
    ),
    Case(
        "pack-invalid-regex",
        {
            "copylint.toml": b'rule-packs = ["p.yaml"]\n',
            "a.txt": b"x\n",
            "p.yaml": b"pack: p\nrules:\n  - code: CL990\n    name: house-bad\n    check: phrases\n"
            b"    summary: S.\n    options:\n      phrases:\n"
            b"        - {pattern: '(unclosed'}\n",
        },
        args=("a.txt",),
        rc=2,
        stderr=r"p\.yaml:3: rule CL990: invalid regular expression",
    ),
    Case(
        "pack-duplicate-code",
        {
            "copylint.toml": b'rule-packs = ["p.yaml"]\n',
            "a.txt": b"x\n",
            "p.yaml": b"pack: p\nrules:\n  - code: CL301\n    name: house-dup\n    check: phrases\n"
            b"    summary: S.\n    options: {phrases: [x]}\n",
        },
        args=("a.txt",),
        rc=2,
        stderr=r"p\.yaml:3: rule CL301 is already declared in .*:\d+",
    ),
    Case(
        "pack-wrong-types",
        {
            "copylint.toml": b'rule-packs = ["p.yaml"]\n',
            "a.txt": b"x\n",
            "p.yaml": b"pack: p\nrules:\n  - code: CL991\n    name: house-x\n    check: phrases\n"
            b"    summary: S.\n    options: [not, a, mapping]\n",
        },
        args=("a.txt",),
        rc=2,
        stderr=r"p\.yaml:7: 'options' must be a mapping",
    ),
    Case(
        "pack-catastrophic-regex",
        {
            "copylint.toml": b'rule-packs = ["p.yaml"]\n',
            "a.txt": b"a" * 40 + b"!\n" + PLAIN.encode(),
            "p.yaml": b"pack: p\nrules:\n  - code: CL992\n    name: house-slow\n"
            b"    check: phrases\n"
            b"    summary: S.\n    options:\n      phrases:\n"
            b"        - {pattern: '(a|aa)+$'}\n",
        },
        args=("a.txt",),
        rc=1,
        stdout=r"a\.txt:1:1: CL004 .*CL992",
    ),
    # --- paths
    Case(
        "symlink-loops",
        {"docs": None, "docs/a.txt": GLUED.encode()},
        setup=_symlink_loop,
        rc=2,
        stderr=r"dangling\.txt: No such file or directory",
        stdout=r"docs/a\.txt:1:\d+: CL201",
    ),
    Case(
        "symlink-out-of-tree",
        {"docs": None, "docs/a.txt": GLUED.encode(), "secret.txt": GLUED.encode()},
        args=("docs",),
        setup=_links_out_and_in,
        rc=2,
        stderr=r"leak\.txt: a symlink to a file outside the linted directory; not read",
        check=_secret_not_read,
    ),
    Case(
        "fifo-in-tree",
        {"docs": None, "docs/a.txt": PLAIN.encode()},
        setup=_fifo,
        rc=2,
        stderr=r"pipe\.txt: not a regular file \(a FIFO, socket or device\); skipped",
    ),
    Case(
        "socket-in-tree",
        {"docs": None, "docs/a.txt": PLAIN.encode()},
        setup=_socket,
        rc=2,
        stderr=r"sock\.md: not a regular file",
    ),
    Case(
        "fix-through-symlink-outside",
        {"tree": None, "tree/own.txt": PLAIN.encode()},
        setup=_outside_link,
        args=("--fix", "tree"),
        rc=2,
        stderr=r"linked\.txt: a symlink to a file outside the linted directory; not read",
        check=_outside_untouched,
    ),
    Case(
        "gitignore-honoured",
        {
            ".gitignore": b"*.md\n!kept.md\nbuild/\n/top-only.txt\n!\n[z-a]\n",
            ".copylintignore": b"skipped/\n",
            "kept.md": PLAIN.encode(),
            "drop.md": GLUED.encode(),
            "build": None,
            "build/out.txt": GLUED.encode(),
            "top-only.txt": GLUED.encode(),
            "sub": None,
            "sub/.gitignore": b"*.txt\n!keep.txt\n",
            "sub/keep.txt": PLAIN.encode(),
            "sub/skip.txt": GLUED.encode(),
            "sub/top-only.txt": GLUED.encode(),
            "skipped": None,
            "skipped/x.txt": GLUED.encode(),
            "deep": None,
            "deep/deep.txt": PLAIN.encode(),
        },
        args=("--format", "json", "."),
        rc=0,
        check=_gitignored,
    ),
    Case(
        "exclude-from-config",
        {
            "copylint.toml": b'exclude = ["drafts"]\n',
            "drafts": None,
            "drafts/a.txt": GLUED.encode(),
            "b.txt": PLAIN.encode(),
        },
        rc=0,
        stdout=r"All checks passed",
    ),
    Case(
        "missing-path",
        {"good.txt": GLUED.encode()},
        args=("--format", "json", "nope.txt", "good.txt"),
        rc=2,
        stderr=r"nope\.txt: no such file or directory",
        check=_others_still_linted,
    ),
    # --- all at once: every bad file is reported, every good one linted
    Case(
        "mixed-directory",
        {
            "good.txt": GLUED.encode(),
            "bad.txt": b"ok \xc3\x28 no",
            "bin.md": b"\x00\x01",
            "wide.txt": _utf16(PLAIN),
            "page.html": b"<p>" * 3000,
            "empty.txt": b"",
        },
        args=("--format", "json", "--jobs", "2", "."),
        rc=2,
        stderr=r"(?s)bad\.txt: not valid UTF-8.*bin\.md: binary file",
        check=_others_still_linted,
    ),
]


# ----------------------------------------------------------------- running


def _materialise(case: Case, root: Path) -> None:
    root.mkdir(parents=True)
    for rel, data in case.files.items():
        path = root / rel
        if data is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if case.setup is not None:
        case.setup(root)


def _run(case: Case, root: Path) -> Outcome:
    _materialise(case, root)
    env = clean_env() | case.env
    # --isolated: no config from above the temporary directory, unless the case has its own.
    isolated = () if (root / "copylint.toml").exists() else ("--isolated",)
    args = [*copylint_command(), "--no-cache", *isolated, *case.args]
    start = time.monotonic()
    proc = subprocess.run(
        args, cwd=root, input=case.stdin or b"", capture_output=True, timeout=CASE_TIMEOUT, env=env
    )
    text = subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )
    return Outcome(text, time.monotonic() - start, root)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run every case once, concurrently (each is a separate process)."""
    base = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {c.name: pool.submit(_run, c, base / c.name) for c in CASES}
        return {name: f.result() for name, f in futures.items()}


@pytest.mark.timeout(900)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, outcomes: dict[str, Outcome]) -> None:
    out = outcomes[case.name]
    proc = out.proc
    report = f"exit {proc.returncode}\nstdout: {proc.stdout[:2000]}\nstderr: {proc.stderr[:2000]}"
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, report
    assert "internal error" not in proc.stderr, report
    for line in proc.stderr.splitlines():
        # Every stderr line is one of copylint's own one-line messages.
        assert line.startswith("copylint: ") or re.match(r"(Found|Would fix|Fixed) ", line), report
    assert proc.returncode == case.rc, report
    if case.stderr:
        assert re.search(case.stderr, proc.stderr), report
    if case.stdout:
        assert re.search(case.stdout, proc.stdout), report
    if case.check:
        case.check(out.root, proc)
    assert out.seconds < SLOW, f"{case.name} took {out.seconds:.1f} s"


def test_the_corpus_covers_every_listed_hazard() -> None:
    """The issue's list, each present at least once (names are the documentation)."""
    names = " ".join(c.name for c in CASES)
    for hazard in (
        "invalid-utf8",
        "nul",
        "cp1252",
        "latin1",
        "utf16",
        "fifty-megabytes",
        "one-megabyte-line",
        "deeply-nested-html",
        "unbalanced-markdown",
        "control-characters",
        "bidi-combining-emoji",
        "knowledge-syntax-error",
        "knowledge-wrong-types",
        "pack-duplicate-code",
        "pack-invalid-regex",
        "pack-catastrophic-regex",
        "symlink-loops",
        "gitignore",
        "exclude",
        "fix-through-symlink-outside",
        "symlink-out-of-tree",
    ):
        assert hazard in names, hazard


def test_files_that_vanish_or_change_kind_mid_run_are_reported(tmp_path: Path) -> None:
    """Listed, then gone (or replaced by a directory) before they are read: an error
    for that file, every other file linted, through the same calls as the CLI."""
    from copylint.api import Options, Session, iter_files
    from copylint.parallel import lint_files

    for name in ("a.txt", "gone.txt", "swapped.txt", "z.txt"):
        (tmp_path / name).write_text(GLUED, encoding="utf-8")
    listed = [p for p in iter_files([str(tmp_path)]) if isinstance(p, str)]
    (tmp_path / "gone.txt").unlink()
    (tmp_path / "swapped.txt").unlink()
    (tmp_path / "swapped.txt").mkdir()
    results = lint_files(Session(Options(isolated=True)), listed, jobs=1)
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["gone.txt"].error == "No such file or directory"
    assert by_name["swapped.txt"].error and "directory" in by_name["swapped.txt"].error
    for name in ("a.txt", "z.txt"):
        assert by_name[name].error is None and by_name[name].diagnostics
