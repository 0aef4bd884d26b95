"""The HTML report in a real browser: Debian's headless Chromium, driven by Selenium.

What a board member sees is what the DOM holds after rendering: the gap count,
the rule rows, the waivers, the picture, the contrast of every piece of text
(WCAG 2.1 AA) and the A4 print. Chromium and its driver come from the
machine's packages (.ci/run installs them): nothing is downloaded, and every
network feature Chromium has is switched off. Without them the tests skip,
except in CI (``CI`` set), which must run them.

``ICSCHECK_UPDATE_SCREENSHOT=1`` also writes the screenshot to
docs/report-screenshot.png, the one docs/board-report.md shows.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from icscheck.reporters.html import HtmlReporter
from icscheck.reporters.json import report_json
from tests.conftest import ROOT, SUFFOLK, check

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CONFLICTED = "sample_constitutions/non_compliant/conflicted-committee-chairs.yaml"
WAIVERS = "sample_constitutions/non_compliant/waivers.yaml"
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    # No network here (or in CI): without these Chromium tries to reach out.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1000,1300",
)

# Every element with text of its own, its colour against the background it
# actually shows on, and the WCAG 2.1 contrast ratio of the two. The background
# is the first opaque one found walking up the ancestors (translucent ones are
# blended on the way); SVG text is coloured by ``fill`` and sits on the shape
# drawn under it, found by hit-testing its centre.
CONTRAST_JS = r"""
const parse = (text) => {
  const m = text.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const v = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
  return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
};
const over = (top, bottom) => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
};
const luminance = (c) => {
  const [r, g, b] = c.slice(0, 3).map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const htmlBackground = (el) => {
  const layers = [];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    if (node instanceof SVGElement && !(node instanceof SVGSVGElement)) continue;
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg && bg[3] > 0) {
      layers.push(bg);
      if (bg[3] >= 1) break;
    }
  }
  let colour = [255, 255, 255, 1];
  for (const layer of layers.reverse()) colour = over(layer, colour);
  return colour;
};
const svgBackground = (el) => {
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  for (const hit of document.elementsFromPoint(x, y)) {
    if (hit === el || hit.tagName === 'text' || hit.tagName === 'tspan') continue;
    if (hit instanceof SVGGeometryElement) {
      const fill = parse(getComputedStyle(hit).fill);
      if (fill && fill[3] > 0) return over(fill, htmlBackground(hit.ownerSVGElement));
      continue;
    }
    return htmlBackground(hit);
  }
  return htmlBackground(el);
};
const results = [];
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none') continue;
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) continue;
  const svg = el instanceof SVGElement;
  if (svg && el.closest('title, desc')) continue;
  const fg = parse(svg ? style.fill : style.color);
  if (!fg) continue;
  const bg = svg ? svgBackground(el) : htmlBackground(el);
  const shown = over(fg, bg);
  const [hi, lo] = [luminance(shown), luminance(bg)].sort((a, b) => b - a);
  const size = parseFloat(style.fontSize);
  const bold = parseInt(style.fontWeight, 10) >= 700;
  // Sizes in CSS px; inside an SVG scaled down to fit, text is smaller still.
  const scale = svg ? el.ownerSVGElement.getScreenCTM().a : 1;
  const large = size * scale >= 24 || (bold && size * scale >= 18.66);
  results.push({
    text: el.textContent.trim().slice(0, 60),
    tag: el.tagName,
    ratio: (hi + 0.05) / (lo + 0.05),
    large: large,
    fg: style.color,
  });
}
return results;
"""


def _browser_missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (the test extra)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = _browser_missing()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def report_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: str
) -> tuple[Path, dict[str, Any]]:
    """The HTML report of a sample, as a file, and the JSON report of the same run."""
    monkeypatch.chdir(ROOT)  # so the report shows the path as a user would type it
    report = check([sample])
    page = tmp_path / "report.html"
    with page.open("w", encoding="utf-8") as stream:
        HtmlReporter(stream).write(report)
    return page, report_json(report)


def load(driver: Any, page: Path) -> None:
    driver.get(page.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def text_of(driver: Any, selector: str) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.CSS_SELECTOR, selector).text)


def facts(driver: Any, selector: str) -> dict[str, str]:
    """The dt/dd pairs of the definition list in ``selector``, as rendered."""
    pairs = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0] + ' dt')]"
        ".map(dt => [dt.innerText, dt.nextElementSibling.innerText])",
        selector,
    )
    return dict(pairs)


def test_gap_count_and_rule_rows_match_the_json_report(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, data = report_of(tmp_path, monkeypatch, CONFLICTED)
    load(browser, page)
    summary = data["files"][0]["summary"]
    assert summary == {"errors": 2, "warnings": 3, "waived": 0, "unconfirmed": 0}
    assert browser.title == "NHS Example West Integrated Care Board: constitution compliance report"
    assert text_of(browser, "h2") == "NHS Example West Integrated Care Board"
    assert (
        int(text_of(browser, "#file-1 [data-count=gaps]"))
        == summary["errors"] + summary["warnings"]
    )
    assert int(text_of(browser, "#file-1 [data-count=errors]")) == summary["errors"]
    assert text_of(browser, "#file-1-gaps") == "Gaps (5)"
    assert text_of(browser, "#verdict") == (
        "✗ 2 errors, 3 warnings in 1 file checked: does not meet the guide rails"
    )
    cells = browser.execute_script(
        "return [...document.querySelectorAll('#file-1-COMM-006 > *')].map(c => c.innerText)"
    )
    assert cells == [
        "✗ gap",
        "COMM-006",
        "error",
        "No employee of the ICB is a member of the remuneration committee.",
        "1",
    ]
    statuses = browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('tr[data-rule]')]"
        ".map(r => [r.dataset.rule, r.dataset.status]))"
    )
    assert statuses == {
        rule["id"]: {"pass": "met", "fail": "gap", "waived": "waived", "unconfirmed": "to confirm"}[
            rule["status"]
        ]
        for rule in data["files"][0]["rules"]
    }
    gap = text_of(browser, "#file-1 ol.findings li[data-rule=COMM-006]")
    assert f"{CONFLICTED}:143:15 COMM-006 (error)" in gap
    assert facts(browser, "#file-1 ol.findings li[data-rule=COMM-006]")["Fix"] == (
        "Take the ICB's employees off the remuneration committee; they may attend to advise, "
        "not as members."
    )


def test_waived_rule_shows_reason_approver_and_expiry(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, data = report_of(tmp_path, monkeypatch, WAIVERS)
    load(browser, page)
    (waived,) = data["files"][0]["waived"]
    assert text_of(browser, "#file-1-BOARD-010 .status") == "○ waived"
    assert text_of(browser, "#file-1 [data-count=waived]") == "1"
    item = text_of(browser, "#file-1-waived + ol li[data-rule=BOARD-010]")
    waiver = waived["waiver"]
    shown = facts(browser, "#file-1-waived + ol li[data-rule=BOARD-010]")
    assert shown["Reason"] == waiver["reason"]
    assert shown["Approved by"] == waiver["approved_by"] == "Board, 12 March 2024"
    assert shown["Until"] == waiver["until"] == "2099-12-31"
    assert f"{WAIVERS}:{waived['line']}:{waived['column']} BOARD-010 (warning)" in item


def test_structure_picture_is_drawn(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = report_of(tmp_path, monkeypatch, CONFLICTED)
    load(browser, page)
    size = browser.execute_script(
        "const r = document.querySelector('#file-1 .structure figure svg').getBoundingClientRect();"
        "return [r.width, r.height]"
    )
    assert size[0] > 100 and size[1] > 100, size
    # It fits the page: no sideways scrolling to see the picture.
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("sample", [CONFLICTED, WAIVERS])
def test_every_text_meets_wcag_aa_contrast(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: str
) -> None:
    page, _ = report_of(tmp_path, monkeypatch, sample)
    load(browser, page)
    measured = browser.execute_script(CONTRAST_JS)
    assert len(measured) > 200  # every rule row, gap, waiver and picture label was seen
    assert any(m["tag"] == "text" for m in measured)  # the SVG's labels too
    failing = [m for m in measured if m["ratio"] < (3 if m["large"] else 4.5)]
    assert failing == []


def test_prints_to_a4_pdf(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from selenium.webdriver.common.print_page_options import PrintOptions

    page, _ = report_of(tmp_path, monkeypatch, CONFLICTED)
    load(browser, page)
    options = PrintOptions()
    options.page_width = 21.0
    options.page_height = 29.7
    pdf = base64.b64decode(browser.print_page(options))
    (tmp_path / "report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages >= 1
    # A4 is 595 x 842 points.
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]", pdf)


def test_screenshot(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page, _ = report_of(tmp_path, monkeypatch, CONFLICTED)
    load(browser, page)
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 800 and height >= 800
    if os.environ.get("ICSCHECK_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, SCREENSHOT)


def test_hostile_names_stay_text(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    hostile = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
    constitution = tmp_path / "hostile.yaml"
    constitution.write_text(
        suffolk_text.replace(
            "  name: NHS Suffolk and North East Essex Integrated Care Board",
            f"  name: {json.dumps(hostile)}",
        ).replace("  deputy_chair: ned-people", f"  deputy_chair: {json.dumps(hostile)}"),
        encoding="utf-8",
    )
    page, _ = report_of(tmp_path, monkeypatch, str(constitution))
    load(browser, page)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('script, img').length") == 0
    assert text_of(browser, "h2") == hostile
    assert browser.title == f"{hostile}: constitution compliance report"


def test_a_long_unbroken_value_wraps_within_the_page(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    # A 1,000-character id used to widen the page, so Chromium printed the whole
    # report at about 40% of its size to fit A4.
    long_id = "x" * 1000
    constitution = tmp_path / "long.yaml"
    constitution.write_text(
        suffolk_text.replace("  deputy_chair: ned-people", f"  deputy_chair: {long_id}"),
        encoding="utf-8",
    )
    page, _ = report_of(tmp_path, monkeypatch, str(constitution))
    load(browser, page)
    assert long_id in text_of(browser, "ol.findings")
    browser.set_window_size(794, 1123)  # A4 at 96 dpi
    try:
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        browser.set_window_size(1000, 1300)
    assert overflow <= 0


def test_the_structure_prints_legibly_on_a4(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = report_of(tmp_path, monkeypatch, CONFLICTED)
    load(browser, page)
    # A4 less the 15 mm margins: 180 mm by 267 mm, in CSS px.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 680, "height": 1009, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        smallest, pictures, overhang = browser.execute_script(
            "const svgs = [...document.querySelectorAll('.structure svg')];"
            "const sizes = [...document.querySelectorAll('.structure svg text')].map("
            "  (t) => parseFloat(t.getAttribute('font-size')) * t.ownerSVGElement.getScreenCTM().a);"
            # Anything drawn outside the board's frame on its left: a connector sticking out.
            "const frame = document.querySelector('.structure svg g.frame rect').getBBox();"
            "const lefts = [...document.querySelectorAll('.structure svg polyline')].flatMap("
            "  (p) => p.getAttribute('points').split(' ').map((xy) => parseFloat(xy)));"
            "return [Math.min(...sizes), svgs.length, frame.x - Math.min(...lefts)];"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert pictures == 4  # board, committees, places, decision map: a page each if need be
    assert smallest * 0.75 >= 8, f"{smallest * 0.75:.1f} pt"  # 1 CSS px is 0.75 pt
    assert overhang <= 0


def test_the_summary_of_several_files_reads_and_links_to_each_section(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    page = tmp_path / "batch.html"
    with page.open("w", encoding="utf-8") as stream:
        HtmlReporter(stream).write(check([str(SUFFOLK), CONFLICTED, WAIVERS]))
    load(browser, page)
    rows = browser.execute_script(
        "return [...document.querySelectorAll('table.batch tbody tr')]"
        ".map(row => [...row.cells].map(cell => cell.innerText))"
    )
    assert [row[2] for row in rows] == [
        "✓ 0 errors, 0 warnings, with 28 rules not run: every rule that ran passes",
        "✗ 2 errors, 3 warnings: does not meet the guide rails",
        "✗ 2 errors, 3 warnings, 1 waived: does not meet the guide rails",
    ]
    targets = browser.execute_script(
        "return [...document.querySelectorAll('table.batch a')]"
        ".map(a => document.querySelector(a.getAttribute('href')).querySelector('h2').innerText)"
    )
    assert targets == [row[0] for row in rows]
    failing = [
        m for m in browser.execute_script(CONTRAST_JS) if m["ratio"] < (3 if m["large"] else 4.5)
    ]
    assert failing == []
