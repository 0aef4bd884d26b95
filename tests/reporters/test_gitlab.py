"""GitLab Code Quality: one issue per open gap, with a fingerprint that ignores line moves."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.reporters import REPORTERS
from icscheck.reporters.gitlab import GitlabReporter
from tests.conftest import SUFFOLK
from tests.reporters.test_sarif import (
    BROKEN_MESSAGE,
    GAPS,
    MESSAGES,
    WAIVED,
    line_of,
    render,
    write_cases,
)

runner = CliRunner()


@pytest.fixture
def cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return write_cases(tmp_path, suffolk_text)


def gitlab(paths: list[str]) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(render("gitlab", paths))
    return issues


def sha256(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def test_registered_as_gitlab() -> None:
    assert REPORTERS["gitlab"] is GitlabReporter


def test_a_clean_file_gives_an_empty_array() -> None:
    assert render("gitlab", [str(SUFFOLK)]) == "[]\n"


def test_one_issue_per_open_gap_and_per_unreadable_file(
    cases: list[str], suffolk_text: str
) -> None:
    members = line_of(suffolk_text, "  members:")
    board = line_of(suffolk_text, "board:")

    def issue(rule: str, message: str, path: str, node: str, line: int, severity: str) -> Any:
        return {
            "description": f"{rule}: {message}",
            "check_name": rule,
            "fingerprint": sha256(rule, path, node, message),
            "severity": severity,
            "location": {"path": path, "lines": {"begin": line}},
        }

    assert gitlab(cases) == [
        issue("BOARD-013", MESSAGES["BOARD-013"], GAPS, "/board", board, "minor"),
        issue("BOARD-003", MESSAGES["BOARD-003"], GAPS, "/board/members", members, "critical"),
        issue(
            "BOARD-004", MESSAGES["BOARD-004 primary"], GAPS, "/board/members", members, "critical"
        ),
        issue(
            "BOARD-004", MESSAGES["BOARD-004 local"], GAPS, "/board/members", members, "critical"
        ),
        # The waived BOARD-003 in waived.yaml is left out.
        issue(
            "BOARD-004",
            MESSAGES["BOARD-004 primary"],
            WAIVED,
            "/board/members",
            members + 1,
            "critical",
        ),
        {
            "description": f"icscheck: cannot check this file: {BROKEN_MESSAGE}",
            "check_name": "icscheck",
            "fingerprint": sha256("icscheck", "broken.yaml", BROKEN_MESSAGE),
            "severity": "blocker",
            "location": {"path": "broken.yaml", "lines": {"begin": 3}},
        },
        {
            "description": "icscheck: cannot check this file: no such file",
            "check_name": "icscheck",
            "fingerprint": sha256("icscheck", "absent.yaml", "no such file"),
            "severity": "blocker",
            "location": {"path": "absent.yaml", "lines": {"begin": 1}},
        },
    ]


def test_fingerprints_are_unique_and_survive_an_unrelated_line_inserted_above(
    cases: list[str],
) -> None:
    before = {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in gitlab([GAPS])}
    assert len(before) == 4  # two BOARD-004 gaps at one node are still two issues
    text = Path(GAPS).read_text(encoding="utf-8")
    Path(GAPS).write_text("# Reviewed by the governance team.\n" + text, encoding="utf-8")
    after = {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in gitlab([GAPS])}
    assert after.keys() == before.keys()
    assert all(after[key] == before[key] + 1 for key in before)


def test_cli_writes_the_report_and_exits_1_on_error_findings(cases: list[str]) -> None:
    result = runner.invoke(app, ["validate", "--format", "gitlab", GAPS, WAIVED])
    assert result.exit_code == 1, result.output
    issues = json.loads(result.stdout)
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [
        ("BOARD-013", GAPS),
        ("BOARD-003", GAPS),
        ("BOARD-004", GAPS),
        ("BOARD-004", GAPS),
        ("BOARD-004", WAIVED),
    ]
