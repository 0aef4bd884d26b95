"""The markdown report within a byte budget: GitHub drops a step summary over 1 MiB whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.reporters import markdown
from icscheck.reporters.markdown import SHORTENED, render
from icscheck.result import Report
from tests.conftest import ROOT, check

NON_COMPLIANT = sorted(
    str(p) for p in (ROOT / "sample_constitutions" / "non_compliant").glob("*.yaml")
)
FILES = [p for p in NON_COMPLIANT if not p.endswith("broken-yaml.yaml")][:6]
runner = CliRunner()


@pytest.fixture(scope="module")
def report() -> Report:
    return check(FILES, on=dt.date(2026, 12, 1))


def size(text: str) -> int:
    return len(text.encode())


def test_without_a_budget_the_report_is_whole(report: Report) -> None:
    whole = render(report)
    assert SHORTENED not in whole
    assert whole.count("### Compliance by area") == len(FILES)
    assert whole.count("### Governance structure") == len(FILES)


def test_a_report_within_its_budget_is_left_whole(report: Report) -> None:
    whole = render(report)
    assert render(report, budget=size(whole)) == whole


def test_over_budget_each_file_keeps_its_gaps_but_not_its_tables_and_map(report: Report) -> None:
    whole = render(report)
    brief = render(report, budget=size(whole) - 1)
    assert size(brief) < size(whole)
    assert SHORTENED in brief
    assert "### Compliance by area" not in brief
    assert "### Governance structure" not in brief
    # Every file is still there, each with every gap it has.
    assert brief.count("### Gaps (") == len(FILES)
    gaps = [line for line in whole.splitlines() if line[:1].isdigit() and "**" in line]
    assert gaps and all(line in brief.splitlines() for line in gaps)


def test_still_over_budget_whole_sections_are_left_out_and_counted(report: Report) -> None:
    brief = render(report, budget=size(render(report)) - 1)
    sections = brief.split('<a id="file-')
    # A budget that holds the head, the summary by ICB and two files' gaps.
    budget = size(sections[0]) + size("".join(sections[1:3])) + 400
    cut = render(report, budget=budget)
    assert size(cut) <= budget
    assert cut.count("### Gaps (") == 2
    assert cut.endswith(
        f"_{len(FILES) - 2} more files left out here to keep within GitHub's 1 MiB step "
        "summary: the summary by ICB above lists every file._\n"
    )
    # The summary by ICB still lists every file.
    assert cut.count("](#file-") == len(FILES)


def test_the_report_written_as_the_step_summary_is_kept_under_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    other = tmp_path / "other.md"
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(markdown, "STEP_SUMMARY_LIMIT", 60_000)
    result = runner.invoke(
        app,
        [
            "validate",
            "--isolated",
            "--no-cache",
            "-f",
            f"markdown:{summary}",
            "-f",
            f"markdown:{other}",
            *FILES,
        ],
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.exit_code == 1, result.output
    written = summary.read_text(encoding="utf-8")
    assert size(written) <= 60_000
    assert SHORTENED in written
    # Another markdown file is not the step summary: it is whole.
    assert SHORTENED not in other.read_text(encoding="utf-8")
