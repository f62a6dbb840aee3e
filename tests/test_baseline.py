"""``--add-suppressions``: baseline files so that the next run is clean, without changing
what any reader or rule sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from copylint.baseline import add_suppressions, directive
from copylint.formats import build_document
from tests.conftest import run_cli

KNOWLEDGE = "people:\n  - name: Jane Doe\n    misspellings: [Jane Dough]\n"

TXT = "Jane Dough directed the film.\n\nThe cast is good.\n\nLeave a Reply\n"
MD = (
    "# Review\n\n"
    "| Rank | Film |\n|---|---|\n| 1 | Scroll to continue with the content |\n\n"
    "Jane Dough said so.\\\nNext line.\n\n"
    "- Jane Dough again  \n  and more\n\n"
    "```\nLeave a Reply\n```\n\n"
    "Leave a Reply\n"
)
HTML = (
    "<html><head><title>Review</title></head><body>\n"
    "<p>Jane Dough said so.</p>\n"
    "<table><tr><td>1</td><td>Leave a Reply</td></tr></table>\n"
    "<div>Leave a Reply</div>\n"
    "</body></html>\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "k.yaml").write_text(KNOWLEDGE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / "b.md").write_text(MD, encoding="utf-8")
    (tmp_path / "c.html").write_text(HTML, encoding="utf-8")
    return tmp_path


def _blocks(md: str) -> list[tuple[str, str]]:
    """Markdown's block structure and text, with HTML comments (the directives) left out."""
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    out = []
    for t in tokens:
        if t.type == "inline":
            kids = [c for c in t.children or [] if c.type != "html_inline"]
            out.append(("inline", "".join(c.content for c in kids)))
        else:
            out.append((t.type, t.content))
    return out


def test_baselined_files_lint_clean_and_read_the_same(site: Path) -> None:
    before = run_cli("-k", "k.yaml", "a.txt", "b.md", "c.html", cwd=site)
    assert before.returncode == 1 and "CL101" in before.stdout and "CL301" in before.stdout
    originals = {n: (site / n).read_text(encoding="utf-8") for n in ("a.txt", "b.md", "c.html")}

    done = run_cli("-k", "k.yaml", "--add-suppressions", "a.txt", "b.md", "c.html", cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Added" in done.stdout and "in 3 files" in done.stdout

    after = run_cli("-k", "k.yaml", "a.txt", "b.md", "c.html", cwd=site)
    assert after.returncode == 0, after.stdout
    assert "All checks passed." in after.stdout
    for name, old in originals.items():
        new = (site / name).read_text(encoding="utf-8")
        assert new != old
        assert build_document(name, new).text == build_document(name, old).text
    assert _blocks((site / "b.md").read_text(encoding="utf-8")) == _blocks(MD)


def test_each_format_uses_its_own_syntax(site: Path) -> None:
    run_cli("-k", "k.yaml", "--add-suppressions", "a.txt", "b.md", "c.html", cwd=site)
    txt = (site / "a.txt").read_text(encoding="utf-8")
    md = (site / "b.md").read_text(encoding="utf-8")
    html = (site / "c.html").read_text(encoding="utf-8")
    assert "Jane Dough directed the film. [copylint: ignore=CL101]\n" in txt
    assert "Jane Dough said so.<!-- copylint: ignore=CL101 -->\\\n" in md  # hard break kept
    assert "- Jane Dough again<!-- copylint: ignore=CL101 -->  \n" in md  # hard break kept
    # Table cells are content, never residue: the row is left as it was.
    assert "| 1 | Scroll to continue with the content |\n" in md
    assert "```\nLeave a Reply\n```" in md  # code is not linted, so never touched
    assert "<p>Jane Dough said so.</p> <!-- copylint: ignore=CL101 -->\n" in html


def test_adding_twice_changes_nothing(site: Path) -> None:
    run_cli("-k", "k.yaml", "--add-suppressions", "a.txt", "b.md", "c.html", cwd=site)
    once = {n: (site / n).read_bytes() for n in ("a.txt", "b.md", "c.html")}
    again = run_cli("-k", "k.yaml", "--add-suppressions", "a.txt", "b.md", "c.html", cwd=site)
    assert again.returncode == 0
    assert "Added 0 suppressions in 0 files." in again.stdout
    assert {n: (site / n).read_bytes() for n in once} == once


def test_a_line_where_a_directive_would_change_the_text_is_left_alone(tmp_path: Path) -> None:
    # An HTML line that ends inside a tag: no comment can go there.
    html = '<p>Leave a Reply</p><img\nalt="x">\n<div>Leave a Reply</div>\n'
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    done = run_cli("--isolated", "--add-suppressions", str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 line(s) with findings left as they were" in done.stderr
    new = path.read_text(encoding="utf-8")
    assert new.startswith('<p>Leave a Reply</p><img\nalt="x">\n')  # untouched
    assert "<div>Leave a Reply</div> <!-- copylint: ignore=CL301 -->" in new


def test_crlf_and_encoding_survive(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes("Caf\xe9 news.\r\n\r\nLeave a Reply\r\n".encode("latin-1"))
    done = run_cli("--isolated", "--encoding", "latin-1", "--add-suppressions", str(path))
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == (
        "Caf\xe9 news.\r\n\r\nLeave a Reply [copylint: ignore=CL301]\r\n".encode("latin-1")
    )


def test_engine_findings_are_not_baselined() -> None:
    """A bad suppression (CL002) needs attention, not another suppression."""
    source = "Text. [copylint: ignore=CL9999]\n"
    done = add_suppressions("x.txt", source, lambda doc: [])
    assert done.text == source and done.added == 0


def test_refuses_stdin_and_fix(tmp_path: Path) -> None:
    for extra in (["--fix"], ["-"]):
        done = run_cli("--isolated", "--add-suppressions", *extra, str(tmp_path))
        assert done.returncode == 2
        assert "--add-suppressions" in done.stderr


@pytest.mark.parametrize(("fmt", "expected"), [("txt", "["), ("md", "<!--"), ("html", "<!--")])
def test_directive_syntax(fmt: str, expected: str) -> None:
    assert directive(fmt, ["CL101", "CL301"]).startswith(expected)
    assert "ignore=CL101,CL301" in directive(fmt, ["CL101", "CL301"])


def test_a_table_row_keeps_its_cells() -> None:
    """A directive for a line that is a table row goes inside the row's last cell."""
    from copylint.baseline import insertion_point

    row = "| 1 | Oppenheimer |  "
    point = insertion_point(row, 0, len(row), "md")
    assert point is not None
    assert row[:point] == "| 1 | Oppenheimer" and row[point:] == " |  "
