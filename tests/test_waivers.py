"""Waivers: accountable, dated, shown apart, and never silent when stale or expired."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.composer import compose
from icscheck.waivers import find_waivers
from tests.conftest import ROOT, SUFFOLK
from tests.test_cli import two_partner_members

runner = CliRunner()
GOOD = (
    'reason="third partner member being appointed" approved-by="Board 2024-03-12" until=2099-12-31'
)


def broken() -> tuple[list[str], int]:
    """The Suffolk sample without three partner members, and the line of its BOARD-003 finding."""
    lines = two_partner_members(SUFFOLK.read_text(encoding="utf-8")).splitlines(keepends=True)
    return lines, lines.index("  members:\n") + 1


def run(tmp_path: Path, lines: list[str], *args: str) -> tuple[int, dict[str, Any]]:
    path = tmp_path / "constitution.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json", *args, str(path)])
    document: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, document["files"][0]


def with_waiver(comment: str) -> tuple[list[str], int]:
    lines, line = broken()
    lines.insert(line - 1, f"  # icscheck: waive {comment}\n")
    return lines, line + 1  # the finding moves down one line


def test_without_a_waiver_the_gap_fails(tmp_path: Path) -> None:
    lines, line = broken()
    code, result = run(tmp_path, lines)
    assert code == 1
    assert [(f["rule"], f["line"]) for f in result["findings"]] == [
        ("BOARD-003", line),
        ("BOARD-004", line),
    ]


def test_a_waiver_on_the_line_above_accepts_the_finding(tmp_path: Path) -> None:
    lines, line = with_waiver(f"BOARD-003,BOARD-004 {GOOD}")
    code, result = run(tmp_path, lines)
    assert code == 0
    assert result["findings"] == []
    assert [(w["rule"], w["line"]) for w in result["waived"]] == [
        ("BOARD-003", line),
        ("BOARD-004", line),
    ]
    assert result["waived"][0]["waiver"] == {
        "line": line - 1,
        "column": 3,
        "target": line,
        "rules": ["BOARD-003", "BOARD-004"],
        "reason": "third partner member being appointed",
        "approved_by": "Board 2024-03-12",
        "until": "2099-12-31",
    }
    statuses = {r["id"]: r["status"] for r in result["rules"]}
    assert statuses["BOARD-003"] == statuses["BOARD-004"] == "waived"
    assert result["summary"] == {"errors": 0, "warnings": 0, "waived": 2, "unconfirmed": 0}


def test_the_text_report_shows_waived_findings_apart(tmp_path: Path) -> None:
    lines, line = with_waiver(f"BOARD-003,BOARD-004 {GOOD}")
    path = tmp_path / "constitution.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.stdout
    assert "│ ○ │ BOARD-003  │ error    │" in out
    assert f"Waived in {path} (2)" in out
    assert f"○ {path}:{line}:3  BOARD-003  error  waived" in out
    assert f"waiver (line {line - 1}): reason: third partner member being appointed;" in out
    assert " ".join(out.split()).endswith(
        "0 errors, 0 warnings, 2 waived in 1 file checked, with 28 rules not run: every rule that ran passes"
    )


def test_an_expired_waiver_is_an_error_and_the_finding_returns(tmp_path: Path) -> None:
    lines, line = with_waiver('BOARD-003 reason="vacancy" approved-by="Board" until=2024-12-31')
    code, result = run(tmp_path, lines)
    assert code == 1
    assert [(f["rule"], f["line"]) for f in result["findings"]] == [
        ("WAIVE-002", line - 1),
        ("BOARD-003", line),
        ("BOARD-004", line),
    ]
    assert result["waived"] == []


def test_a_waiver_without_a_reason_waives_nothing(tmp_path: Path) -> None:
    lines, line = with_waiver('BOARD-003,BOARD-004 approved-by="Board" until=2099-01-01')
    code, result = run(tmp_path, lines)
    assert code == 1
    findings = [(f["rule"], f["line"], f["severity"]) for f in result["findings"]]
    assert findings == [
        ("WAIVE-001", line - 1, "error"),
        ("BOARD-003", line, "error"),
        ("BOARD-004", line, "error"),
    ]
    assert "this waiver has no reason, so it waives nothing" in result["findings"][0]["message"]


def test_a_waiver_that_waives_nothing_is_a_warning(tmp_path: Path) -> None:
    lines, line = with_waiver(f"BOARD-003,BOARD-004,COMM-001 {GOOD}")
    code, result = run(tmp_path, lines)
    assert code == 0
    [finding] = result["findings"]
    assert (finding["rule"], finding["severity"], finding["line"]) == (
        "WAIVE-003",
        "warning",
        line - 1,
    )
    assert finding["message"] == f"this waiver of COMM-001 matches no finding on line {line}"
    assert run(tmp_path, lines, "--strict")[0] == 1


def test_a_waiver_of_a_rule_that_did_not_run_is_not_held_against_it(tmp_path: Path) -> None:
    lines, _ = with_waiver(f"BOARD-003,BOARD-004,COMM-001 {GOOD}")
    code, result = run(tmp_path, lines, "--ignore", "COMM-001")
    assert (code, result["findings"]) == (0, [])


def test_waiver_expiry_is_judged_against_the_date_checked_as_on(tmp_path: Path) -> None:
    lines, line = with_waiver('BOARD-003,BOARD-004 reason="r" approved-by="a" until=2030-06-30')
    code, result = run(tmp_path, lines, "--date", "2030-06-30")
    assert (code, result["findings"]) == (0, [])  # in date on its last day
    assert [w["rule"] for w in result["waived"]] == ["BOARD-003", "BOARD-004"]
    code, result = run(tmp_path, lines, "--date", "2030-07-01")
    assert code == 1
    assert [(f["rule"], f["line"]) for f in result["findings"]] == [
        ("WAIVE-002", line - 1),
        ("BOARD-003", line),
        ("BOARD-004", line),
    ]
    assert result["findings"][0]["message"] == (
        "the waiver of BOARD-003, BOARD-004 expired on 2030-06-30 (approved by a); "
        "what it waived is reported again"
    )
    assert result["waived"] == []


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_every_format_judges_expiry_on_the_same_date(tmp_path: Path, output_format: str) -> None:
    lines, _ = with_waiver('BOARD-003,BOARD-004 reason="r" approved-by="a" until=2030-06-30')
    path = tmp_path / "constitution.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    for date, code, expired in (("2030-06-30", 0, False), ("2030-07-01", 1, True)):
        result = runner.invoke(app, ["validate", "-f", output_format, "--date", date, str(path)])
        assert result.exit_code == code
        assert ("expired on 2030-06-30" in " ".join(result.stdout.split())) is expired
        assert date in result.stdout  # the report says the date it was checked as on


def test_a_date_that_is_not_a_date_is_a_usage_error(tmp_path: Path) -> None:
    lines, _ = broken()
    path = tmp_path / "constitution.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--date", "31/12/2030", str(path)])
    assert result.exit_code == 2
    assert result.stderr == "icscheck: error: --date: '31/12/2030' is not a date (YYYY-MM-DD)\n"


def test_waiver_comments_are_found_where_yaml_has_comments() -> None:
    text = (
        "a: 1  # icscheck: waive BOARD-001 reason=x approved-by=y until=2099-01-01\n"
        "# icscheck: waive BOARD-002 reason='two words' approved-by=y until=2099-01-01\n"
        "b: 2\n"
        'c: "# icscheck: waive BOARD-003 reason=x"\n'
        "d: e#icscheck:waive BOARD-004\n"
    )
    composed = compose("c.yaml", text)
    assert composed is not None
    waivers = find_waivers(text, composed.spans)
    assert [(w.line, w.column, w.target, w.rules) for w in waivers] == [
        (1, 7, 1, ("BOARD-001",)),
        (2, 1, 3, ("BOARD-002",)),
    ]
    assert waivers[1].reason == "two words"


# A waiver of FMT-001 for the unknown field ``typo``, written where it is text.
FAKE = "# icscheck: waive FMT-001 reason=r approved-by=a until=2099-12-31"
UNKNOWN = "unknown field 'typo' in icb"
ALWAYS = [  # besides the unknown field: the file is far from a constitution
    ("FMT-001", "missing required field 'board' in the top level"),
    ("FMT-001", "missing required field 'local_authorities' in icb"),
]


def validate_text(tmp_path: Path, text: str) -> tuple[int, dict[str, Any]]:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["validate", "--format", "json", "--select", "FMT,WAIVE", str(path)]
    )
    document: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, document["files"][0]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param(
            f"icscheck: 1\nicb:\n  name: |\n    NHS Example\n    {FAKE}\n  typo: x\n",
            6,
            3,
            id="literal block",
        ),
        pytest.param(
            f"icscheck: 1\nicb:\n  name: >-\n    NHS Example\n    {FAKE}\n  typo: x\n",
            6,
            3,
            id="folded block",
        ),
        pytest.param(
            f'icscheck: 1\nicb: {{name: "NHS Example\n  {FAKE}\n  ", typo: x}}\n',
            4,
            6,
            id="double-quoted over lines",
        ),
        pytest.param(
            f"icscheck: 1\nicb: {{name: 'NHS Example\n  {FAKE}\n  ', typo: x}}\n",
            4,
            6,
            id="single-quoted over lines",
        ),
        pytest.param(
            # A no-break space is text to YAML (only spaces and tabs separate),
            # so this "#" is inside the plain value.
            "icscheck: 1\nicb:\n  name: NHS Example\n    \u00a0"
            + FAKE.replace(": waive", ":waive")
            + "\n  typo: x\n",
            5,
            3,
            id="plain over lines",
        ),
    ],
)
def test_a_waiver_written_inside_a_value_is_text_not_a_waiver(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    code, result = validate_text(tmp_path, text)
    assert code == 1
    assert result["waived"] == []  # and no WAIVE-003: there is no waiver at all
    assert [(f["rule"], f["message"]) for f in result["findings"]] == [
        *ALWAYS,
        ("FMT-001", UNKNOWN),
    ]
    assert (result["findings"][-1]["line"], result["findings"][-1]["column"]) == (line, column)


@pytest.mark.parametrize(
    ("text", "waiver_line", "line"),
    [
        pytest.param(
            f"icscheck: 1\nicb:\n  name: |\n    NHS Example\n  {FAKE}\n  typo: x\n",
            5,
            6,
            id="below a block, less indented",
        ),
        pytest.param(
            f"icscheck: 1\nicb:\n  name: x\n\n  typo: | {FAKE}\n    text # not a comment\n",
            5,
            5,
            id="on a block's header line",
        ),
        pytest.param(
            f"icscheck: 1\nicb:\n  name: x\n\n  typo: &t {FAKE}\n    'text # not a comment'\n",
            5,
            5,
            id="between an anchor and its value",
        ),
        pytest.param(
            f"icscheck: 1\nicb:\n  name: x\n\n  typo: the board's  {FAKE}\n",
            5,
            5,
            id="after a value holding a quote",
        ),
    ],
)
def test_a_waiver_comment_beside_a_value_still_waives(
    tmp_path: Path, text: str, waiver_line: int, line: int
) -> None:
    code, result = validate_text(tmp_path, text)
    assert code == 1  # the other gaps are still open
    assert [(f["rule"], f["message"]) for f in result["findings"]] == ALWAYS
    [waived] = result["waived"]
    assert (waived["rule"], waived["line"], waived["column"], waived["message"]) == (
        "FMT-001",
        line,
        3,
        UNKNOWN,
    )
    assert waived["waiver"]["line"] == waiver_line


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\x85"])
def test_a_waiver_is_on_its_line_whatever_yaml_line_breaks_the_file_uses(
    tmp_path: Path, newline: str
) -> None:
    text = newline.join(
        ["icscheck: 1", "icb:", '  name: "NHS\rExample"', f"  {FAKE}", "  typo: x", ""]
    )
    code, result = validate_text(tmp_path, text)
    assert code == 1
    [waived] = result["waived"]
    assert (waived["line"], waived["column"], waived["waiver"]["line"]) == (6, 3, 5)


def waivers_in(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    composed = compose("c.yaml", text)
    assert composed is not None
    return [(w.line, w.target, w.rules) for w in find_waivers(text, composed.spans)]


def test_the_examples_in_docs_waivers_md_do_what_it_says() -> None:
    text = (ROOT / "docs" / "waivers.md").read_text(encoding="utf-8")
    section = text.split("## A waiver is a comment, never text in a value", 1)[1]
    text_only, comments = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)[:2]
    assert waivers_in(text_only) == []
    assert waivers_in(comments) == [(4, 5, ("FMT-001",)), (6, 6, ("FMT-001",))]
