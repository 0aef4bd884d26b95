"""A finding's provenance URL is a link in the HTML and Markdown board papers, safely:
only http and https addresses, and nothing in one can leave its link."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from icscheck.reporters.html import render as html
from icscheck.reporters.markdown import render as markdown
from icscheck.result import Report
from icscheck.untrusted import html_linked, markdown_linked
from tests.conftest import check

ON = dt.date(2026, 12, 3)
FILE = """\
icscheck: 2
icb:
  name: NHS Example ICB
  local_authorities: [{name: Example County Council}]
board:
  members:
    - {id: chair, role: chair}
    - {id: ceo, role: chief_executive, employee: true}
committees:
  - id: remuneration
    name: Remuneration Committee
    type: remuneration
    chair: ceo
    members: [ceo]
    reports_to: board
    source: {document: Constitution, clause: "8.1.2", url: "https://example.org/constitution/8?v=2&s=1"}
  - id: audit
    name: Audit Committee
    type: audit
    chair: ceo
    source: "javascript:alert(1) and data:text/html,x, see https://example.org/audit."
"""


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(FILE, encoding="utf-8")
    return check(["c.yaml"], on=ON)


def test_html_links_the_provenance_url(report: Report) -> None:
    page = html(report)
    assert (
        "<dt>Stated in</dt><dd>Constitution §8.1.2 "
        '<a href="https://example.org/constitution/8?v=2&amp;s=1" '
        'rel="nofollow noopener noreferrer">https://example.org/constitution/8?v=2&amp;s=1</a>'
        "</dd>"
    ) in page
    assert (
        "<dt>Stated in</dt><dd>javascript:alert(1) and data:text/html,x, see "
        '<a href="https://example.org/audit" rel="nofollow noopener noreferrer">'
        "https://example.org/audit</a>.</dd>"
    ) in page
    assert 'href="javascript' not in page
    assert 'href="data' not in page


def test_markdown_links_the_provenance_url(report: Report) -> None:
    paper = markdown(report)
    assert "- Stated in: Constitution §8.1.2 <https://example.org/constitution/8?v=2&s=1>" in paper
    assert (
        "- Stated in: javascript:alert(1) and data:text/html,x, see <https://example.org/audit>."
    ) in paper


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("no address here", "no address here"),
        ("http:// alone", "http:// alone"),
        (
            'https://x.org/"onmouseover=alert(1)',
            '<a href="https://x.org/" rel="nofollow noopener noreferrer">https://x.org/</a>'
            "&quot;onmouseover=alert(1)",
        ),
        (
            "<https://a.org/<b>",
            '&lt;<a href="https://a.org/" rel="nofollow noopener noreferrer">https://a.org/</a>'
            "&lt;b&gt;",
        ),
        (
            "HTTPS://A.ORG/x_(1)",
            '<a href="HTTPS://A.ORG/x_(1)" rel="nofollow noopener noreferrer">HTTPS://A.ORG/x_(1)</a>',
        ),
        ("ftp://a.org/x", "ftp://a.org/x"),
    ],
)
def test_html_linked_links_only_http_and_https(value: str, shown: str) -> None:
    assert html_linked(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("see *this* https://a.org/x.", "see \\*this\\* <https://a.org/x>."),
        ("<https://a.org/<b>", "\\<<https://a.org/>\\<b\\>"),
        ("https://a.org/\x1b[31m", "<https://a.org/>\\\\x1b\\[31m"),
        ("@team https://a.org/@team", "@&#8203;team <https://a.org/@team>"),
        ("javascript:alert(1)", "javascript:alert(1)"),
    ],
)
def test_markdown_linked_links_only_http_and_https(value: str, shown: str) -> None:
    assert markdown_linked(value) == shown
