"""The board-paper and terminal reports show every outcome apart: gaps (errors first),
questions to confirm, where a fact is stated, and the rules that did not run."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from icscheck.migrate import migrate
from icscheck.reporters.html import render as html
from icscheck.reporters.markdown import render as markdown
from icscheck.reporters.summary import in_report_order, questions, verdict
from icscheck.reporters.text import TextReporter
from icscheck.result import FailOn, Report
from tests.conftest import RULES, SUFFOLK, V1, check, run_for

ON = dt.date(2026, 12, 3)
V2_ONLY = [rule_id for rule_id in RULES if rule_id not in V1]
UNKNOWN_POST = """\
icscheck: 2
icb:
  name: NHS Example ICB
  local_authorities: [{name: Example County Council}]
board:
  members:
    - {id: chair, role: chair}
    - {id: ceo, role: chief_executive, employee: true}
  mental_health_member: {unknown: "the board page lists members but not the post"}
committees:
  - id: remuneration
    name: Remuneration Committee
    type: remuneration
    chair: ceo
    members: [ceo]
    reports_to: board
    source: "constitution.pdf p12 §4.2"
"""


@pytest.fixture
def unknown_post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(UNKNOWN_POST, encoding="utf-8")
    return check(["c.yaml"], on=ON)


def text_of(report: Report) -> str:
    stream = io.StringIO()
    TextReporter(stream, color=False, width=80).write(report)
    return stream.getvalue()


def test_an_unknown_post_is_a_question_not_a_gap(unknown_post: Report) -> None:
    (result,) = unknown_post.files
    assert "BOARD-012" not in {finding.rule for finding in result.findings}
    assert questions(result) == [
        (
            "board.mental_health_member (the board page lists members but not the post)",
            ["BOARD-012"],
        )
    ]


def test_text_lists_questions_apart_with_what_to_confirm(unknown_post: Report) -> None:
    lines = text_of(unknown_post).splitlines()
    start = lines.index("To confirm in c.yaml (1)")
    assert lines[start + 2 : start + 7] == [
        "? c.yaml:9:3  BOARD-012  error  to confirm",
        "  no ordinary member is designated as the mental health member",
        "  (board.mental_health_member)",
        "  confirm: board.mental_health_member (the board page lists members but not the",
        "  post)",
    ]
    # Gaps come first, questions after them.
    assert lines.index("Gaps in c.yaml (40)") < start


def test_a_gap_names_the_clause_its_fact_is_stated_in(unknown_post: Report) -> None:
    text = text_of(unknown_post)
    block = text[text.index("✗ c.yaml:14:5  COMM-004  error") :].split("\n\n")[0]
    assert "\n  stated in: constitution.pdf p12 §4.2\n" in block + "\n"
    assert "Stated in: constitution.pdf p12 §4.2" in markdown(unknown_post)
    assert "<dt>Stated in</dt><dd>constitution.pdf p12 §4.2</dd>" in html(unknown_post)


def test_errors_come_before_warnings_in_every_board_paper(unknown_post: Report) -> None:
    (result,) = unknown_post.files
    ordered = in_report_order(result.findings)
    severities = [str(finding.severity) for finding in ordered]
    assert severities == sorted(severities)  # "error" < "warning"
    assert "warning" in severities
    # Within a severity, file order.
    errors = [(f.line, f.column) for f in ordered if str(f.severity) == "error"]
    assert errors == sorted(errors)
    text = markdown(unknown_post)
    items = re.findall(r"^\d+\. [✗⚠] gap .*\((error|warning)\):", text, flags=re.M)
    assert items == severities


def test_the_verdict_counts_questions_beside_the_gaps(
    unknown_post: Report,
) -> None:
    # Gaps decide the verdict; the question is still counted beside them.
    assert str(verdict(unknown_post)) == (
        "✗ 21 errors, 19 warnings, 1 to confirm in 1 file checked: does not meet the guide rails"
    )


def test_a_question_on_a_statutory_rule_holds_the_verdict_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = SUFFOLK.read_text(encoding="utf-8")
    Path("s.yaml").write_text(migrate("s.yaml", text).text, encoding="utf-8")
    report = check(["s.yaml"], on=ON)
    assert str(verdict(report)) == (
        "? 0 errors, 0 warnings, 22 to confirm in 1 file checked: "
        "the statutory minimum waits on questions to confirm"
    )
    strict = Report(report.files, report.rules, report.on, FailOn.WARNING)
    assert str(verdict(strict)).endswith(": not passed until every question is confirmed")
    assert strict.exit_code == 1
    page = markdown(report)
    assert "### Questions to confirm (22)" in page
    assert "\n22. ? integrated_care_partnership (not recorded when this file was migrated " in page
    assert (
        "\n21. ? board.mental_health_member (not named in format version 1 (mental health "
        "expertise marked on pm-trusts-mh)): needed by BOARD-012\n"
    ) in page
    assert '<ol class="questions">' in html(report)


def test_rules_not_run_on_version_1_are_named_with_the_way_on() -> None:
    report = check([str(SUFFOLK)], on=ON)
    expected = (
        f"Not run: {', '.join(V2_ONLY)} ({len(V2_ONLY)} rules). "
        "Why: needs format version 2: icscheck migrate turns this file into it."
    )
    flat = " ".join(text_of(report).split())
    assert expected in flat
    assert expected in markdown(report)
    assert f'<p class="not-run">{expected}</p>' in html(report)
    # Every rule was in force: only the file's version held these back.
    assert set(V2_ONLY) <= {rule.id for rule in run_for().rules}
