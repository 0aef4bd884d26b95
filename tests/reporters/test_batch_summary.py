"""The cross-ICB summary a board-paper report of several files opens with (issue 12): one row
per file with its ICB, its verdict in its own section's words and its gaps by area, linked
to the file's section; none for one file."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from icscheck.finding import Severity
from icscheck.reporters.batch import AreaGaps, batch_rows
from icscheck.reporters.html import HtmlReporter
from icscheck.reporters.markdown import MarkdownReporter
from icscheck.reporters.summary import file_verdict
from icscheck.rules.base import Area
from tests.conftest import ROOT, RULES, check
from tests.reporters.test_html import Page
from tests.reporters.test_markdown import html_of
from tests.reporters.test_outcomes import UNKNOWN_POST

CLEAN = "sample_constitutions/suffolk-and-north-east-essex.yaml"
CONFLICTED = "sample_constitutions/non_compliant/conflicted-committee-chairs.yaml"
WAIVERS = "sample_constitutions/non_compliant/waivers.yaml"
BROKEN = "sample_constitutions/non_compliant/broken-yaml.yaml"
SUFFOLK_ICB = "NHS Suffolk and North East Essex Integrated Care Board"
WEST_ICB = "NHS Example West Integrated Care Board"
ON = dt.date(2025, 3, 1)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def markdown(*paths: str) -> str:
    stream = io.StringIO()
    MarkdownReporter(stream).write(check(list(paths), on=ON))
    return stream.getvalue()


def html(*paths: str) -> str:
    stream = io.StringIO()
    HtmlReporter(stream).write(check(list(paths), on=ON))
    return stream.getvalue()


def test_rows_of_a_clean_file_and_one_with_gaps() -> None:
    report = check([CLEAN, CONFLICTED], on=ON)
    rows = batch_rows(report)
    assert [(r.icb, r.path, r.verdict_text, r.areas) for r in rows] == [
        (SUFFOLK_ICB, CLEAN, "✓ 0 errors, 0 warnings: every rule passes", ()),
        (
            WEST_ICB,
            CONFLICTED,
            "✗ 2 errors, 3 warnings: does not meet the guide rails",
            (AreaGaps(Area.BOARD, warnings=2), AreaGaps(Area.COMMITTEES, errors=2, warnings=1)),
        ),
    ]
    # The same words as each file's own verdict.
    assert [r.verdict for r in rows] == [file_verdict(f, report.fail_on) for f in report.files]


def test_one_file_has_no_summary() -> None:
    assert batch_rows(check([CONFLICTED], on=ON)) == []
    assert "Summary by ICB" not in markdown(CONFLICTED)
    assert '<a id="' not in markdown(CONFLICTED)
    page = html(CONFLICTED)
    assert "Summary by ICB" not in page
    assert 'class="batch"' not in page and "<a " not in page


def test_markdown_summary_rows_link_to_each_file() -> None:
    lines = markdown(CLEAN, CONFLICTED).splitlines()
    start = lines.index("## Summary by ICB (2 files)")
    assert lines[start - 2 : start + 9] == [
        f"Ruleset: icscheck 0.1.0 ({len(RULES)} rules). Checked as on 2025-03-01. Fails on: errors.",
        "",
        "## Summary by ICB (2 files)",
        "",
        "| ICB | File | Verdict | Gaps by area |",
        "|---|---|---|---|",
        f"| [{SUFFOLK_ICB}](#file-1) | `{CLEAN}` | ✓ 0 errors, 0 warnings: every rule passes | "
        "none |",
        f"| [{WEST_ICB}](#file-2) | `{CONFLICTED}` | ✗ 2 errors, 3 warnings: does not meet the "
        "guide rails | Board composition: 2 warnings; Committees: 2 errors, 1 warning |",
        "",
        '<a id="file-1"></a>',
        "",
    ]
    assert lines[start + 9] == f"## {SUFFOLK_ICB}"
    assert lines[lines.index('<a id="file-2"></a>') + 2] == f"## {WEST_ICB}"
    rendered = html_of("\n".join(lines))
    summary = rendered.split("</table>")[0]
    assert summary.count("<th>") == 4 and summary.count("<td>") == 2 * 4
    for number in (1, 2):
        assert f'<a href="#file-{number}">' in rendered
        assert f'<a id="file-{number}"></a>' in rendered


def test_markdown_summary_cells_hold_a_pipe_in_a_path(tmp_path: Path) -> None:
    odd = tmp_path / "a|b.yaml"
    odd.write_text((ROOT / CLEAN).read_text(encoding="utf-8"), encoding="utf-8")
    lines = markdown(str(odd), CLEAN).splitlines()
    row = next(line for line in lines if line.startswith(f"| [{SUFFOLK_ICB}](#file-1)"))
    assert f"`{str(odd).replace('|', chr(92) + '|')}`" in row
    rendered = html_of("\n".join(lines))
    first = re.search(r"<tbody>\n<tr>\n(.*?)</tr>", rendered, re.DOTALL)
    assert first is not None and first.group(1).count("<td>") == 4


def test_html_summary_rows_link_to_each_section() -> None:
    markup = html(CLEAN, CONFLICTED)
    lines = markup.splitlines()
    start = lines.index('<div class="batch" id="batch">')
    assert lines[start - 1] == "</dl>"  # after the run's facts, before the first file
    assert lines[start : start + 11] == [
        '<div class="batch" id="batch">',
        '<h2 id="batch-title">Summary by ICB (2 files)</h2>',
        '<table class="batch" aria-labelledby="batch-title">',
        "<caption>Each file's verdict, as its own section gives it, and its open gaps and "
        "questions to confirm by rule area.</caption>",
        '<thead><tr><th scope="col">ICB</th><th scope="col">File</th><th scope="col">Verdict'
        '</th><th scope="col">Gaps by area</th></tr></thead>',
        "<tbody>",
        f'<tr class="pass"><th scope="row"><a href="#file-1">{SUFFOLK_ICB}</a></th>'
        f'<td><code>{CLEAN}</code></td><td class="verdict-cell">✓ 0 errors, 0 warnings: '
        "every rule passes</td><td>none</td></tr>",
        f'<tr class="error"><th scope="row"><a href="#file-2">{WEST_ICB}</a></th>'
        f'<td><code>{CONFLICTED}</code></td><td class="verdict-cell">✗ 2 errors, 3 warnings: '
        "does not meet the guide rails</td><td><ul><li>Board composition: 2 warnings</li>"
        "<li>Committees: 2 errors, 1 warning</li></ul></td></tr>",
        "</tbody>",
        "</table>",
        "</div>",
    ]
    assert lines[start + 11] == '<section class="file" id="file-1" aria-labelledby="file-1-title">'
    page = Page(markup)
    ids = [attrs["id"] for _, attrs in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids))
    targets = [attrs["href"] for attrs in page.tags("a")]
    assert targets == ["#file-1", "#file-2"]
    assert all(target[1:] in ids for target in targets if target)


def test_an_unreadable_file_and_waived_gaps_in_the_summary() -> None:
    lines = markdown(WAIVERS, BROKEN).splitlines()
    rows = [line for line in lines if line.startswith("| [")]
    assert rows == [
        f"| [NHS Example Downs Integrated Care Board](#file-1) | `{WAIVERS}` | ✗ 2 errors, "
        "3 warnings, 1 waived: does not meet the guide rails | Board composition: 1 warning; "
        "Principles and transparency: 1 warning; Waivers: 2 errors, 1 warning |",
        f"| [(ICB name not given)](#file-2) | `{BROKEN}` | ✗ could not be checked | not checked |",
    ]


def test_questions_to_confirm_are_counted_by_area(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(UNKNOWN_POST, encoding="utf-8")
    report = check([str(tmp_path / "c.yaml"), CLEAN], on=ON)
    first, _ = batch_rows(report)
    result = report.files[0]
    board = next(area for area in first.areas if area.area is Area.BOARD)
    assert board.unconfirmed == len(result.unconfirmed) == 1
    assert "Board composition: " in first.areas_text and ", 1 to confirm" in str(board)
    # Every open gap is counted once, in its rule's area, by its own severity.
    assert sum(a.errors for a in first.areas) == result.count(Severity.ERROR)
    assert sum(a.warnings for a in first.areas) == result.count(Severity.WARNING)
    assert [a.area for a in first.areas] == sorted(
        {a.area for a in first.areas}, key=list(Area).index
    )
