"""The text report of a batch: each file's header, verdict and gaps; the area tables once.

A table per file cost about 59 ms a file (issue 13); a batch's tables are the
batch's summary instead, and nothing a single-file report says is lost.
"""

from __future__ import annotations

import io

from icscheck.reporters.text import TextReporter
from icscheck.result import Report
from tests.conftest import SAMPLES, SUFFOLK, check

FAILING = SAMPLES / "non_compliant" / "chair-conflicted.yaml"


def render(report: Report) -> str:
    stream = io.StringIO()
    TextReporter(stream, color=False, width=100).write(report)
    return stream.getvalue()


def table_rows(text: str) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        columns = [column.strip() for column in line.strip("│").split("│")]
        if line.startswith("│") and columns[1]:
            rows.setdefault(columns[1], []).append(columns[0] + " " + columns[-1])
    return rows


def test_a_batch_shows_the_area_tables_once_with_files_with_gaps() -> None:
    report = check([str(SUFFOLK), str(FAILING), str(SUFFOLK)])
    text = render(report)
    assert text.splitlines().count("Board composition") == 1
    rows = table_rows(text)
    failing = report.files[1]
    for outcome in failing.rules:
        expected = "1 of 3" if outcome.findings else ""
        assert len(rows[outcome.rule]) == 1, outcome.rule
        assert rows[outcome.rule][0].endswith(expected), (outcome.rule, rows[outcome.rule])
    assert "Summary of 3 files" in text


def test_each_file_of_a_batch_has_its_header_verdict_and_gaps() -> None:
    report = check([str(SUFFOLK), str(FAILING)])
    text = render(report)
    lines = text.splitlines()
    failing = report.files[1]
    errors = sum(1 for f in failing.findings if f.severity == "error")
    warnings = len(failing.findings) - errors
    assert f"  file: {SUFFOLK}" in lines and f"  file: {FAILING}" in lines
    assert "  ✓ 0 errors, 0 warnings, with 28 rules not run: every rule that ran passes" in lines
    assert (
        f"  ✗ {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}: "
        "does not meet the guide rails"
    ) in lines
    assert f"Gaps in {FAILING} ({len(failing.findings)})" in lines
    for finding in failing.findings:
        assert any(
            line.startswith(f"✗ {finding.path}:{finding.line}:{finding.column}  {finding.rule}")
            or line.startswith(f"⚠ {finding.path}:{finding.line}:{finding.column}  {finding.rule}")
            for line in lines
        ), finding
    assert lines[-1].endswith(
        " in 2 files checked, with 28 rules not run: does not meet the guide rails"
    )


def test_a_single_file_keeps_its_tables() -> None:
    text = render(check([str(FAILING)]))
    assert "Files with gaps" not in text and "Summary of" not in text
    assert "Board composition" in text
