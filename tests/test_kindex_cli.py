"""``copylint knowledge build | info | find`` through the real command line."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
from pathlib import Path

from copylint.kindex.convert import MODEL_KINDS
from copylint.kindex.fileformat import is_index_file
from copylint.knowledge import KnowledgeBase
from copylint.knowledge.model import WORK_KINDS

from .conftest import FIXTURES, MI_KNOWLEDGE, clean_env, copylint_command, run_cli

WIKIDATA = FIXTURES / "kindex" / "wikidata" / "dump.json"
IMDB = FIXTURES / "kindex" / "imdb"


def _build(tmp_path: Path, *sources: Path | str, extra: tuple[str, ...] = ()) -> Path:
    out = tmp_path / "films.idx"
    proc = run_cli("knowledge", "build", *map(str, sources), "-o", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return out


def test_build_info_and_find(tmp_path: Path) -> None:
    out = _build(tmp_path, IMDB, WIKIDATA, MI_KNOWLEDGE)
    assert is_index_file(out)
    info = run_cli("knowledge", "info", str(out))
    assert info.returncode == 0, info.stderr
    local = len(KnowledgeBase.load([MI_KNOWLEDGE]).works)  # the fixture grows with the rules
    assert f"works:    {7 + 4 + local}" in info.stdout  # IMDb 7, Wikidata 4, the YAML's
    assert f"{IMDB} (imdb): 7 works" in info.stdout
    assert "personal and non-commercial use only" in info.stdout
    assert "CC0" in info.stdout
    assert "built:" in info.stdout
    found = run_cli("knowledge", "find", str(out), "Cillian Murphey")
    assert found.returncode == 0, found.stderr
    first = found.stdout.splitlines()[0]
    assert "Cillian Murphy" in first and "last name 1 edit (murphey → murphy)" in first
    title = run_cli("knowledge", "find", str(out), "Night of the Long Rivers")
    assert "Night of the Long Rivers (2018)  [title]" in title.stdout
    none = run_cli("knowledge", "find", str(out), "Zzyzx Qwerty")
    assert none.returncode == 1 and "no known name" in none.stdout


def test_build_filters(tmp_path: Path) -> None:
    out = _build(tmp_path, IMDB, extra=("--kinds", "movie,tvSeries", "--since", "2000"))
    info = run_cli("knowledge", "info", str(out)).stdout
    assert "works:    2" in info  # Night of the Long Rivers, The Copper Orchard
    assert "--kinds movie,tvSeries --since 2000 --min-credits 1" in info
    out = _build(tmp_path, IMDB, extra=("--min-credits", "2"))
    find = run_cli("knowledge", "find", str(out), "Haruki Lindqvist")  # one credit only
    assert find.returncode == 1 and "[person]" not in find.stdout
    find = run_cli("knowledge", "find", str(out), "Priya Castellanos")  # three
    assert "Priya Castellanos  [person]" in find.stdout


def test_a_kind_no_source_uses_is_refused_before_the_build(tmp_path: Path) -> None:
    """``--kinds movies`` (a typo) must not build an index without a single work."""
    out = tmp_path / "films.idx"
    proc = run_cli("knowledge", "build", str(IMDB), "--kinds", "movie,tvseries", "-o", str(out))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "copylint: error: --kinds: no kind 'tvseries' (did you mean 'tvSeries'?); known kinds: "
        + ", ".join(sorted({*MODEL_KINDS, *WORK_KINDS}))
    ]
    assert not out.exists()
    _build(tmp_path, IMDB, extra=("--kinds", " film, series "))  # model kinds, spaced
    _build(tmp_path, MI_KNOWLEDGE, extra=("--kinds", "album"))  # a kind only YAML declares


def _fails_cleanly(tmp_path: Path, source: Path, expected: str) -> None:
    out = tmp_path / "out.idx"
    if not out.exists():  # a previous index, which a failed build must not touch
        assert run_cli("knowledge", "build", str(MI_KNOWLEDGE), "-o", str(out)).returncode == 0
    previous = out.read_bytes()
    proc = run_cli("knowledge", "build", str(source), "-o", str(out))
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"copylint: error: {expected}"), proc.stderr
    assert "Traceback" not in proc.stderr
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_bad_sources_exit_2_with_one_line_and_leave_no_index(tmp_path: Path) -> None:
    data = gzip.compress(WIKIDATA.read_bytes())
    truncated = tmp_path / "dump.json.gz"
    truncated.write_bytes(data[:-40])
    _fails_cleanly(tmp_path, truncated, f"{truncated}: truncated or corrupt compressed data")
    not_json = tmp_path / "latest-all.json"
    not_json.write_text("[\nthis is not json\n]\n", encoding="utf-8")
    _fails_cleanly(tmp_path, not_json, f"{not_json}:2: not a Wikidata JSON dump")
    bad_dir = tmp_path / "imdb"
    bad_dir.mkdir()
    for f in IMDB.iterdir():
        (bad_dir / f.name).write_bytes(f.read_bytes())
    basics = bad_dir / "title.basics.tsv"
    rows = basics.read_text(encoding="utf-8")
    basics.write_text(rows + "tt1\tmovie\tOnly three\n", "utf-8")
    _fails_cleanly(tmp_path, bad_dir, f"{basics}:{rows.count(chr(10)) + 1}: malformed row")
    _fails_cleanly(tmp_path, tmp_path / "missing.json", f"{tmp_path / 'missing.json'}: no such")


def test_build_replaces_an_index_but_no_other_file(tmp_path: Path) -> None:
    """``-o`` naming an article or a source (a slip of the arguments) must not lose it."""
    article = tmp_path / "article.txt"
    article.write_text("My draft.\n", encoding="utf-8")
    for target, expected in (
        (article, f"{article}: exists and is not a copylint index"),
        (tmp_path / "link.idx", f"{tmp_path / 'link.idx'}: exists and is not a copylint index"),
        (MI_KNOWLEDGE, f"{MI_KNOWLEDGE}: exists and is not a copylint index"),
    ):
        if target.name == "link.idx":
            target.symlink_to(article)
        before = target.read_bytes()
        proc = run_cli("knowledge", "build", str(IMDB), "-o", str(target))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.splitlines() == [f"copylint: error: {expected}: not replacing it"]
        assert target.read_bytes() == before
    assert (tmp_path / "link.idx").is_symlink()
    index = _build(tmp_path, IMDB)  # an index is rebuilt in place
    rebuilt = run_cli("knowledge", "build", str(MI_KNOWLEDGE), "-o", str(index))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert (
        is_index_file(index)
        and "works:    7" not in run_cli("knowledge", "info", str(index)).stdout
    )


def _tables(index: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in stored order, less the build's time."""
    db = sqlite3.connect(index)
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    rows = {n: db.execute(f"SELECT * FROM {n}").fetchall() for n in names}  # noqa: S608
    db.close()
    rows["meta"] = [r for r in rows["meta"] if r[0] not in ("built", "build_seconds")]
    return rows


def test_the_same_sources_build_the_same_index(tmp_path: Path) -> None:
    """Reproducible builds: Python's string hashing (and so set order) varies by process."""
    built = []
    for seed in ("1", "2"):
        out = tmp_path / f"films-{seed}.idx"
        env = {**clean_env(), "PYTHONHASHSEED": seed}
        args = ["knowledge", "build", str(IMDB), str(WIKIDATA), str(MI_KNOWLEDGE), "-o", str(out)]
        proc = subprocess.run([*copylint_command(), *args], env=env, capture_output=True)
        assert proc.returncode == 0, proc.stderr
        built.append(_tables(out))
    assert built[0]["deletes"] and built[0] == built[1]


def test_a_folder_named_knowledge_is_still_linted(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "note.txt").write_text("The the cat sat.\n", encoding="utf-8")
    proc = run_cli("./knowledge", "--isolated", "--format", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert "note.txt" in proc.stdout
    sub = run_cli("knowledge", "--help", cwd=tmp_path)
    assert sub.returncode == 0 and "copylint ./knowledge" in sub.stdout


def test_info_and_errors_escape_what_the_sources_chose(tmp_path: Path) -> None:
    """A source's file name is the repository's: a terminal escape in it (OSC 52
    writes the clipboard) is shown as text, never sent to the terminal, both in
    ``knowledge info`` and in the one-line error for a bad source."""
    name = "films\x1b]52;c;ZXZpbA==\x07"
    hostile = tmp_path / f"{name}.yaml"
    hostile.write_text(MI_KNOWLEDGE.read_text(encoding="utf-8"), encoding="utf-8")
    info = run_cli("knowledge", "info", str(_build(tmp_path, hostile)))
    assert info.returncode == 0, info.stderr
    assert "\x1b" not in info.stdout and "\x07" not in info.stdout
    assert "films\\x1b]52;c;ZXZpbA==\\x07.yaml (yaml)" in info.stdout
    broken = tmp_path / f"{name}.tsv.gz"
    broken.write_bytes(gzip.compress(b"tconst\ttitleType\n")[:12])
    failed = run_cli("knowledge", "build", str(broken), "-o", str(tmp_path / "x.idx"))
    assert failed.returncode == 2
    assert "\x1b" not in failed.stderr and len(failed.stderr.splitlines()) == 1
    assert "films\\x1b]52" in failed.stderr
