"""The HTML review report without a browser: nesting of highlights, escaping, the page's parts.

The browser-side behaviour (tooltips, filters, no network, no script from the
article, a real rendering) is in tests/test_report_html_browser.py.
"""

from __future__ import annotations

import html.parser
import json
import os
import stat
import threading
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.diagnostics import Applicability, Edit, Fix
from copylint.report.html_marks import Span, mark_text
from copylint.report.html_report import tracked_change

from .conftest import MI_KNOWLEDGE, run_cli


class _Marks(html.parser.HTMLParser):
    """Rebuilds the plain text and, per finding number, the text ranges its marks cover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[dict[str, str | None]] = []
        self.covered: dict[str, set[int]] = {}
        self.firsts: list[str] = []
        self.points: list[tuple[str, int]] = []
        self.depth_ok = True

    @property
    def pos(self) -> int:
        return sum(len(t) for t in self.text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        a = dict(attrs)
        self.stack.append({**a, "_at": str(self.pos)})
        if "data-first" in a:
            self.firsts.append(a["data-f"] or "")

    def handle_endtag(self, tag: str) -> None:
        a = self.stack.pop()
        start, end = int(a["_at"] or 0), self.pos
        number = a["data-f"] or ""
        if start == end:
            self.points.append((number, start))
        self.covered.setdefault(number, set()).update(range(start, end))

    def handle_data(self, data: str) -> None:
        for a in self.stack:
            self.covered.setdefault(a["data-f"] or "", set())
        self.text.append(data)


def _spans(draw_spans: list[tuple[int, int]], n: int) -> list[Span]:
    out = []
    for i, (a, b) in enumerate(draw_spans, 1):
        start, end = sorted((a % (n + 1), b % (n + 1)))
        out.append(Span(i, start, end, f'class="hl" data-f="{i}"'))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab <&>\"'\n😀é", min_size=0, max_size=40),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8),
)
def test_marks_nest_and_lose_nothing(text: str, raw: list[tuple[int, int]]) -> None:
    spans = _spans(raw, len(text))
    out = mark_text(text, spans, lambda s: 'data-first=""')
    parser = _Marks()
    parser.feed(out)
    parser.close()
    assert "".join(parser.text) == text  # every character, escaped and back, in order
    assert not parser.stack  # every mark closed: well nested
    assert sorted(parser.firsts, key=int) == [str(s.number) for s in spans]  # one first each
    for s in spans:
        if s.start == s.end:
            assert (str(s.number), s.start) in parser.points
        else:  # the fragments cover exactly the finding's range
            assert parser.covered[str(s.number)] == set(range(s.start, s.end))


def test_crossing_findings_split_into_fragments() -> None:
    text = "in order to win the race"
    spans = [Span(1, 0, 15, 'data-f="1"'), Span(2, 3, 24, 'data-f="2"')]
    out = mark_text(text, spans, lambda s: "data-first")
    assert out == (
        '<mark data-f="1" data-first>in <mark data-f="2" data-first>order to win</mark></mark>'
        '<mark data-f="2" data-cont=""> the race</mark>'
    )


def test_tracked_change_shows_deletion_and_insertion_in_context() -> None:
    text = "First line.\nWe utilise <the> archive every day.\nLast line.\n"
    start = text.index("utilise")
    fix = Fix("Replace", (Edit(start, start + 7, "use"),), Applicability.SAFE)
    assert tracked_change(text, fix) == (
        "We <del>utilise</del><ins>use</ins> &lt;the&gt; archive every day."
    )
    newline = text.index("\n")
    blank = Fix("Join", (Edit(newline, newline + 1, " "),), Applicability.UNSAFE)
    assert tracked_change(text, blank) == (
        "First line.<del>↵</del><ins>␣</ins>We utilise &lt;the&gt; archive every day."
    )
    long_line = "word " * 30
    middle = long_line.index("word", 60)
    cut = Fix("Cut", (Edit(middle, middle + 4, "WORD"),), Applicability.SAFE)
    shown = tracked_change(long_line, cut)
    assert shown.startswith("…word ") and shown.endswith(" word…")  # whole words only
    assert "<del>word</del><ins>WORD</ins>" in shown


def test_report_lists_every_finding_and_escapes_everything(tmp_path: Path) -> None:
    hostile = (
        "<script>alert('x')</script> We met Tom Cruz.  the film opened.\n"
        '"><img src=x onerror=alert(1)> Scroll to continue with the content\n'
    )
    (tmp_path / "a.txt").write_text(hostile, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Clean\n\nNothing wrong here.\n", encoding="utf-8")
    args = ["-k", str(MI_KNOWLEDGE), "--isolated", "a.txt", "b.md"]
    report = run_cli(*args, "--format", "html", "--output-file", "out.html", cwd=tmp_path)
    assert report.returncode == 1 and report.stdout == ""
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    found = json.loads(run_cli(*args, "--format", "json", cwd=tmp_path).stdout)
    total = sum(len(f["diagnostics"]) for f in found)
    assert total >= 3
    assert page.count("data-first=") == total
    assert page.count('<li class="finding"') == total
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert('x')&lt;/script&gt; We met" in page  # the article, as text
    assert page.count("<script>") == 1  # the report's own, allowed by its hash
    assert 'href="#file-1">a.txt</a>' in page and 'href="#file-2">b.md</a>' in page
    assert (
        "http://" not in page
        and "https://" not in page
        and "src=" not in page.lower().replace("&lt;img src=x", "")
    )


def test_output_file_for_text_and_unwritable_target(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("It rained.  the film opened.\n", encoding="utf-8")
    ok = run_cli("--isolated", "a.txt", "--output-file", "report.txt", cwd=tmp_path)
    assert ok.returncode == 1 and ok.stdout == ""
    assert "CL212" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    bad = run_cli("--isolated", "a.txt", "-o", "missing/dir/report.txt", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "copylint: error: missing/dir/report.txt: cannot write the report: "
        "No such file or directory"
    ]


def test_output_file_that_is_a_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` once replaced the device with a regular file (a rename over
    it); a FIFO is the same class of target that a test can make safely."""
    (tmp_path / "a.txt").write_text("It rained.  the film opened.\n", encoding="utf-8")
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(
        target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True
    )
    reader.start()
    done = run_cli("--isolated", "a.txt", "-o", str(fifo), cwd=tmp_path)
    reader.join(timeout=60)
    assert done.returncode == 1, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a pipe
    assert received and "CL212" in received[0]
    assert not list(tmp_path.glob(".copylint-report-*"))


def test_output_file_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("It rained.  the film opened.\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "latest.txt"
    real.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(real)
    done = run_cli("--isolated", "a.txt", "-o", "report.txt", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "CL212" in real.read_text(encoding="utf-8")


def test_html_articles_are_shown_as_their_visible_text() -> None:
    from copylint.report.html_view import shown_text

    source = (
        "<html><head><title>T</title><style>p { color: red }</style></head>\n"
        "<body><p>We met <b>Tom&nbsp;Cruz</b> &amp; friends.</p>\n<p>Later.</p></body></html>\n"
    )
    shown, to_shown = shown_text("page.html", source)
    assert "<b>" not in shown and "color: red" not in shown
    assert "We met Tom\u00a0Cruz & friends." in shown
    name = source.index("Tom&nbsp;Cruz")
    a, b = to_shown(name, name + len("Tom&nbsp;Cruz"))
    assert shown[a:b] == "Tom\u00a0Cruz"
    # a span over markup only shrinks to a point at the next visible text
    tag = source.index("<b>")
    a, b = to_shown(tag, tag + 3)
    assert a == b == shown.index("Tom")
    # plain text and Markdown are shown as written
    assert shown_text("a.md", "# T\n\n**bold**\n")[0] == "# T\n\n**bold**\n"
