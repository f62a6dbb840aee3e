"""The HTML review report in a real browser: Debian's chromium driven by Playwright.

The report is built by the real command line from hostile and overlapping
input, then opened from disk.  The browser must request nothing from the
network, run none of the article's script, show one highlight per finding,
show a finding's message on hover and on keyboard focus, filter by rule, and
paint a page that is not blank.

Skips (with the reason) only where chromium or Playwright is not installed;
.ci/run installs chromium with apt-get.
"""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import MI_KNOWLEDGE, run_cli

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does)", allow_module_level=True
    )

# Two house rules whose phrases cross ("in order to win" / "order to win the
# race") and one nested inside both ("to win"), so the report must nest and
# split highlights.
PACK = """\
pack: overlap-test
description: Rules whose findings overlap, for the report's nesting.
rules:
  - code: CL991
    name: wordy-purpose
    check: phrases
    severity: info
    fix: safe
    summary: Wordy purpose clause.
    options:
      phrases:
        - {phrase: in order to win, replacement: to win}
  - code: CL992
    name: race-cliche
    check: phrases
    severity: warning
    fix: suggestion
    summary: A cliché.
    options:
      phrases:
        - {phrase: order to win the race, replacement: order to finish first}
  - code: CL993
    name: win-word
    check: phrases
    severity: error
    fix: unsafe
    summary: A word to check.
    options:
      phrases:
        - {phrase: to win, replacement: to prevail}
"""

HOSTILE = (
    "<script>window.__pwned = 'script'</script> We met Tom Cruz in order to win the race.\n"
    '"><img src=x onerror="window.__pwned=\'img\'"> the crowd cheered.\n'
    "<style>body{display:none}</style> Scroll to continue with the content\n"
    "Links: http://example.com/tracker.png and <a href='https://example.org'>here</a>.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The report of two articles (one hostile) and the number of findings copylint reports."""
    work = tmp_path_factory.mktemp("report")
    (work / "pack.yaml").write_text(PACK, encoding="utf-8")
    (work / "copylint.toml").write_text(
        f'knowledge = ["{MI_KNOWLEDGE.as_posix()}"]\nrule-packs = ["pack.yaml"]\n',
        encoding="utf-8",
    )
    (work / "hostile <b>name<i>.txt").write_text(HOSTILE, encoding="utf-8")
    (work / "second.md").write_text(
        "# Second\n\nWe trained in order to win the race.\n", encoding="utf-8"
    )
    # An HTML article is shown as its visible text: its own script is not part of it,
    # and entities that decode to markup must stay text.
    (work / "third.html").write_text(
        "<html><body><script>window.__pwned = 'html'</script>"
        "<p>&lt;script&gt;window.__pwned = 'entity'&lt;/script&gt; We met <b>Tom Cruz</b>"
        " in order to win the race.</p></body></html>\n",
        encoding="utf-8",
    )
    args = ["hostile <b>name<i>.txt", "second.md", "third.html"]
    built = run_cli(*args, "--format", "html", "--output-file", "report.html", cwd=work)
    assert built.returncode == 1, built.stderr
    found = json.loads(run_cli(*args, "--format", "json", cwd=work).stdout)
    return work / "report.html", sum(len(f["diagnostics"]) for f in found)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Any, report: tuple[Path, int]) -> Iterator[tuple[Any, list[str], int]]:
    """The report opened from disk; the list collects every request other than the page."""
    path, total = report
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    url = path.as_uri()
    page.on("request", lambda r: requests.append(r.url) if r.url != url else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    try:
        yield page, requests, total
    finally:
        context.close()
    assert errors == []  # the report's own script ran without errors


def test_one_highlight_per_finding_and_nothing_fetched(page: tuple[Any, list[str], int]) -> None:
    pg, requests, total = page
    assert total >= 8  # the overlapping rules, the name, residue, a sentence start
    firsts = pg.eval_on_selector_all(
        "mark.hl[data-first]", "ms => ms.map(m => m.getAttribute('data-f'))"
    )
    assert len(firsts) == len(set(firsts)) == total
    assert pg.locator("li.finding").count() == total
    # crossing findings were split into fragments that share a number
    assert pg.locator("mark.hl[data-cont]").count() >= 1
    assert requests == []


def test_article_script_and_markup_do_not_run(page: tuple[Any, list[str], int]) -> None:
    pg, requests, _ = page
    assert pg.evaluate("window.__pwned") is None
    assert pg.locator("article img, .article img, .article script, .article a").count() == 0
    text = pg.locator(".article").first.inner_text()
    assert "<script>window.__pwned = 'script'</script>" in text
    assert pg.locator("h2", has_text="hostile <b>name<i>.txt").count() == 1
    html_article = pg.locator("section.file", has_text="third.html").locator(".article")
    shown = html_article.inner_text()
    assert shown.startswith("<script>window.__pwned = 'entity'</script> We met Tom Cruz")
    assert "<p>" not in shown and "'html'" not in shown
    assert pg.locator("body").is_visible()  # the article's <style> did not apply
    assert requests == []


def test_message_on_hover_and_on_keyboard_focus(page: tuple[Any, list[str], int]) -> None:
    pg, _, _ = page
    tip = pg.locator("#tip")
    name = pg.locator("mark.hl[data-code='CL301'][data-first]").first
    name.hover()
    assert tip.is_visible()
    assert "Scroll to continue" in tip.inner_text()
    pg.mouse.move(1, 1)
    pg.keyboard.press("Escape")
    assert not tip.is_visible()
    # Tab through the page until a highlight has the focus; its message shows.
    for _ in range(60):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.matches('mark.hl')"):
            break
    focused = pg.evaluate("document.activeElement.getAttribute('data-f')")
    assert focused is not None and tip.is_visible()
    message = pg.locator(f"#f-{focused}-msg").inner_text()
    assert message in tip.inner_text()


def test_tracked_change_and_severity_labels(page: tuple[Any, list[str], int]) -> None:
    pg, _, _ = page
    item = pg.locator("li.finding[data-code='CL991']").first
    assert item.locator("del").inner_text() == "in order to win"
    assert item.locator("ins").inner_text() == "to win"
    deco = item.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in deco
    assert "underline" in item.locator("ins").evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    label = pg.locator("mark.hl[data-code='CL993'][data-first]").first.evaluate(
        "m => getComputedStyle(m, '::after').content"
    )
    assert label == '"error"'


def test_filters_by_rule_and_severity(page: tuple[Any, list[str], int]) -> None:
    pg, _, total = page
    cl991 = pg.locator("li.finding[data-code='CL991']").count()
    pg.locator("input[data-rule='CL991']").uncheck()
    assert pg.locator("li.finding:visible").count() == total - cl991
    assert pg.locator("#shown-count").inner_text() == str(total - cl991)
    assert pg.locator("mark.hl.off[data-code='CL991']").count() >= cl991
    pg.locator("input[data-sev='error']").uncheck()
    errors = pg.locator("li.finding[data-sev='error']:not([data-code='CL991'])").count()
    assert pg.locator("li.finding:visible").count() == total - cl991 - errors
    row = pg.locator("table.rules tr", has=pg.locator("input[data-rule='CL991']"))
    assert row.locator("td.n").first.inner_text() == str(cl991)


def test_screenshot_is_not_blank(page: tuple[Any, list[str], int], tmp_path: Path) -> None:
    pg, _, _ = page
    shot = tmp_path / "report.png"
    pg.screenshot(path=str(shot), full_page=False)
    width, height, pixels = _decode_png(shot.read_bytes())
    assert (width, height) == (1200, 900)
    background = max(set(pixels), key=pixels.count)
    inked = sum(1 for p in pixels if p != background) / len(pixels)
    assert inked > 0.02  # text and highlights, not an empty page
    assert len(set(pixels)) > 50  # anti-aliased text and several highlight colours
    if shutil.which("true"):  # keep the picture next to the test output for a human
        (tmp_path / "kept.png").write_bytes(shot.read_bytes())


def _decode_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and pixels of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    prev = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = prev[i]
            corner = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        prev = line
    pixels = [tuple(row[x * channels : x * channels + 3]) for row in rows for x in range(width)]
    return width, height, pixels
