"""``--format html`` without a browser: structure, escaping, no network, every rule.

tests/reporters/test_html_browser.py renders the same pages in Chromium.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.reporters import REPORTERS
from icscheck.reporters.html import HtmlReporter, stylesheet
from tests.conftest import ROOT, RULES, check

CONFLICTED = "sample_constitutions/non_compliant/conflicted-committee-chairs.yaml"
WAIVERS = "sample_constitutions/non_compliant/waivers.yaml"
BROKEN = "sample_constitutions/non_compliant/broken-yaml.yaml"
HOSTILE = "<script>alert(1)</script>"
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"

runner = CliRunner()


class Page(HTMLParser):
    """Every element with its attributes, and the text inside each element by tag."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "path", "rect", "polyline", "line"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts.setdefault(self.open[-1], []).append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def render(*paths: str) -> str:
    stream = io.StringIO()
    HtmlReporter(stream).write(check(list(paths)))
    return stream.getvalue()


def test_cli_writes_a_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["validate", "--format", "html", "-o", str(out), CONFLICTED])
    assert result.exit_code == 1
    assert result.stdout == ""
    markup = out.read_text(encoding="utf-8")
    assert markup.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">')
    page = Page(markup)
    # The page's title comes first (the picture's SVG has titles of its own).
    assert page.texts["title"][0] == (
        "NHS Example West Integrated Care Board: constitution compliance report"
    )
    assert page.texts["h1"] == ["Constitution compliance report"]
    assert len(page.tags("main")) == 1
    assert REPORTERS["html"] is HtmlReporter


def test_no_network_no_script_no_link() -> None:
    markup = render(CONFLICTED, WAIVERS)
    page = Page(markup)
    for tag in ("script", "link", "iframe", "object", "embed", "img", "base", "form"):
        assert page.tags(tag) == [], tag
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            if name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
                assert not re.match(r"\s*(https?:)?//", value or ""), (tag, name, value)
            assert not name.startswith("on"), (tag, name)
    style = "".join(page.texts["style"])
    assert "@import" not in style and "url(" not in style
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", markup)


def test_stylesheet_is_inlined_and_prints_on_a4() -> None:
    page = Page(render(CONFLICTED))
    (style,) = page.texts["style"]
    assert style.strip() == stylesheet().strip()
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:\s*15mm;", style)
    assert "thead { display: table-header-group; }" in style
    assert "tr { break-inside: avoid;" in style
    assert re.search(r"@media print \{\s*html \{ font-size: 10\.5pt; \}", style)


def test_every_rule_has_a_row_with_status_words_and_a_header_cell() -> None:
    markup = render(CONFLICTED)
    page = Page(markup)
    rows = [attrs for attrs in page.tags("tr") if "data-rule" in attrs]
    assert [row["data-rule"] for row in rows] == list(RULES)
    statuses = {row["data-rule"]: row["data-status"] for row in rows}
    assert {rule for rule, status in statuses.items() if status != "met"} == {
        "BOARD-011", "BOARD-013", "COMM-004", "COMM-006", "COMM-009",
    }  # fmt: skip
    assert (
        '<tr class="gap error" id="file-1-COMM-006" data-rule="COMM-006" data-status="gap">'
        '<td class="status">✗ gap</td><th scope="row">COMM-006</th><td>error</td>'
        "<td>No employee of the ICB is a member of the remuneration committee.</td>"
        '<td class="count">1</td></tr>'
    ) in markup
    assert '<td class="status">⚠ gap</td><th scope="row">BOARD-011</th>' in markup
    assert '<td class="status">✓ met</td><th scope="row">COMM-001</th>' in markup
    # One table per area, each with a caption and column headers.
    assert len(page.tags("table")) == len({rule.area for rule in RULES.values()})
    assert len(page.tags("caption")) == len(page.tags("table"))
    assert [a.get("scope") for a in page.tags("th")].count("col") == 5 * len(page.tags("table"))


def test_gaps_with_location_fix_and_source_and_counts_as_in_json() -> None:
    markup = render(CONFLICTED)
    data = json.loads(runner.invoke(app, ["validate", "--format", "json", CONFLICTED]).stdout)
    summary = data["files"][0]["summary"]
    gaps = summary["errors"] + summary["warnings"]
    assert f'<span data-count="gaps">{gaps}</span> gaps' in markup
    assert f'<h3 id="file-1-gaps">Gaps ({gaps})</h3>' in markup
    assert (
        '<li class="error" data-rule="COMM-004"><p class="head"><span class="mark error">✗ gap</span> '
        f"<code>{CONFLICTED}:142:5</code> COMM-004 (error)</p>"
        "<p>the remuneration committee is chaired by &#x27;ceo&#x27;, the chief executive; it must "
        "be a non-executive member</p>"
    ) in markup
    assert (
        "<dt>Fix</dt><dd>Make a non-executive member who chairs neither the board nor the audit "
        "committee the remuneration committee&#x27;s chair.</dd><dt>Source</dt><dd>Hertfordshire "
        "and West Essex ICB constitution (web version; version date not readable, see "
        "docs/rules.md) s.8.1.2; Lincolnshire ICB, "
        "&#x27;Committees&#x27; web page: the remuneration committee is chaired by a "
        "non-executive member other than the ICB chair or the chair of the audit committee</dd>"
    ) in markup
    assert (
        '<p class="verdict error" id="verdict">✗ 2 errors, 3 warnings in 1 file checked: '
        "does not meet the guide rails</p>"
    ) in markup


def test_waivers_show_reason_approver_and_expiry() -> None:
    markup = render(WAIVERS)
    assert '<h3 id="file-1-waived">Waived gaps (1)</h3>' in markup
    assert (
        '<tr class="waived" id="file-1-BOARD-010" data-rule="BOARD-010" data-status="waived">'
        '<td class="status">○ waived</td>'
    ) in markup
    assert '<td class="count">1 waived</td>' in markup
    assert (
        "<dt>Reason</dt><dd>the director of public health post is shared with Downshire County "
        "Council and attends from the next municipal year</dd>"
        "<dt>Approved by</dt><dd>Board, 12 March 2024</dd>"
        "<dt>Until</dt><dd>2099-12-31</dd>"
        "<dt>Waiver</dt><dd>the comment on line 42</dd>"
    ) in markup


def test_structure_picture_only_for_checked_files() -> None:
    from icscheck.diagram import svg_pages

    report = check([CONFLICTED, BROKEN])
    stream = io.StringIO()
    HtmlReporter(stream).write(report)
    markup = stream.getvalue()
    # One picture per part for the checked file: board, committees, places, decision map.
    pages = svg_pages(report.files[0])
    assert len(pages) == 4
    assert markup.count("<svg") == 4
    assert "\n".join(pages) in markup
    # docs/board-report.md promises titled pictures a screen reader can name.
    for picture in pages:
        assert re.match(r"<svg [^>]*role=\"img\"[^>]*><title[ >]", picture)
    assert '<title id="' in pages[1] and ": the committees by reporting line</title>" in pages[1]
    assert '<h3 id="file-1-structure">Governance structure</h3>' in markup
    assert '<h2 id="file-2-title">(ICB name not given)</h2>' in markup
    assert '<p class="unreadable">✗ Could not be checked: ' in markup
    assert "1 unreadable in 1 file checked: not every file could be checked" in markup


def test_hostile_constitution_text_is_escaped(tmp_path: Path, suffolk_text: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(
        suffolk_text.replace(
            "  name: NHS Suffolk and North East Essex Integrated Care Board",
            f"  name: {json.dumps(HOSTILE)}",
        ).replace("  deputy_chair: ned-people", '  deputy_chair: "<b onclick=x>y</b>"'),
        encoding="utf-8",
    )
    markup = render(str(path))
    assert HOSTILE not in markup
    assert "<b onclick" not in markup
    page = Page(markup)
    assert page.tags("script") == [] and page.tags("b") == []
    assert page.texts["h2"] == [HOSTILE]
    assert page.texts["title"][0] == f"{HOSTILE}: constitution compliance report"
    # A rule message quoting the hostile value is shown as text.
    assert "board.deputy_chair: &#x27;&lt;b onclick=x&gt;y&lt;/b&gt;&#x27; is not the id" in markup


def test_committed_screenshot_is_small_and_shown_in_the_docs() -> None:
    png = SCREENSHOT.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) < 300 * 1024
    assert "(report-screenshot.png)" in (ROOT / "docs" / "board-report.md").read_text("utf-8")


def test_one_page_for_many_files_with_unique_ids() -> None:
    markup = render("sample_constitutions")
    page = Page(markup)
    ids = [attrs["id"] for _, attrs in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids))
    files = sorted(Path("sample_constitutions").rglob("*.yaml"))
    assert len(page.tags("section")) == len(files)
    assert page.texts["title"][0] == "Constitution compliance report"
