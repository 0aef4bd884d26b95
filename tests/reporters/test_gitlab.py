"""GitLab Code Quality: one issue per open gap, with a fingerprint that ignores line moves,
named from the repository root; questions to confirm as ``info``; valid against the
schema written from GitLab's documented format (tests/data/README.md)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.finding import Finding, Severity
from icscheck.reporters import REPORTERS
from icscheck.reporters.gitlab import GitlabReporter, issue
from tests.conftest import NOT_RUN_V1, RULES, SUFFOLK
from tests.reporters.test_outcomes import UNKNOWN_POST
from tests.reporters.test_sarif import (
    BROKEN_MESSAGE,
    DATA,
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


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / "gitlab-codequality.schema.json").read_text())
    return loaded


def parse(output: str) -> list[dict[str, Any]]:
    """The issues, after checking them against tests/data/gitlab-codequality.schema.json."""
    issues: list[dict[str, Any]] = json.loads(output)
    jsonschema.Draft7Validator(schema()).validate(issues)
    return issues


def gitlab(paths: list[str]) -> list[dict[str, Any]]:
    return parse(render("gitlab", paths))


def at(line: int, column: int) -> dict[str, Any]:
    return {"begin": {"line": line, "column": column}}


def line(issue: dict[str, Any]) -> int:
    begin: int = issue["location"]["positions"]["begin"]["line"]
    return begin


def sha256(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def test_registered_as_gitlab() -> None:
    assert REPORTERS["gitlab"] is GitlabReporter


def not_run(path: str) -> dict[str, Any]:
    """The info issue that a version-1 file ran without the rules that need version 2."""
    text = f"icscheck: {NOT_RUN_V1}"
    return {
        "description": text,
        "check_name": "icscheck-not-run",
        "fingerprint": sha256("icscheck-not-run", path, NOT_RUN_V1),
        "severity": "info",
        "location": {"path": path, "lines": {"begin": 1}},
    }


def test_a_clean_version_1_file_gives_only_its_rules_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gaps15 item 7: a version-1 file says in the merge request that 28 rules did not run."""
    monkeypatch.chdir(tmp_path)
    Path("clean.yaml").write_bytes(SUFFOLK.read_bytes())
    assert gitlab(["clean.yaml"]) == [not_run("clean.yaml")]


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
            "location": {"path": path, "positions": at(line, 1 if node == "/board" else 3)},
        }

    # Errors first, each in file order, then the warning.
    assert gitlab(cases) == [
        issue("BOARD-003", MESSAGES["BOARD-003"], GAPS, "/board/members", members, "critical"),
        issue(
            "BOARD-004", MESSAGES["BOARD-004 primary"], GAPS, "/board/members", members, "critical"
        ),
        issue(
            "BOARD-004", MESSAGES["BOARD-004 local"], GAPS, "/board/members", members, "critical"
        ),
        issue("BOARD-013", MESSAGES["BOARD-013"], GAPS, "/board", board, "minor"),
        not_run(GAPS),
        # The waived BOARD-003 in waived.yaml is left out.
        issue(
            "BOARD-004",
            MESSAGES["BOARD-004 primary"],
            WAIVED,
            "/board/members",
            members + 1,
            "critical",
        ),
        not_run(WAIVED),
        {
            "description": f"icscheck/unreadable: cannot check this file: {BROKEN_MESSAGE}",
            "check_name": "icscheck/unreadable",
            # the name it had before, so fingerprints do not change
            "fingerprint": sha256("icscheck", "broken.yaml", BROKEN_MESSAGE),
            "severity": "blocker",
            "location": {"path": "broken.yaml", "lines": {"begin": 3}},
        },
        {
            "description": "icscheck/unreadable: cannot check this file: no such file",
            "check_name": "icscheck/unreadable",
            # the name it had before, so fingerprints do not change
            "fingerprint": sha256("icscheck", "absent.yaml", "no such file"),
            "severity": "blocker",
            "location": {"path": "absent.yaml", "lines": {"begin": 1}},
        },
    ]


def test_fingerprints_are_unique_and_survive_an_unrelated_line_inserted_above(
    cases: list[str],
) -> None:
    def gaps() -> list[dict[str, Any]]:
        return [i for i in gitlab([GAPS]) if i["check_name"] != "icscheck-not-run"]

    before = {issue["fingerprint"]: line(issue) for issue in gaps()}
    assert len(before) == 4  # two BOARD-004 gaps at one node are still two issues
    text = Path(GAPS).read_text(encoding="utf-8")
    Path(GAPS).write_text("# Reviewed by the governance team.\n" + text, encoding="utf-8")
    after = {issue["fingerprint"]: line(issue) for issue in gaps()}
    assert after.keys() == before.keys()
    assert all(after[key] == before[key] + 1 for key in before)


def test_cli_writes_the_report_and_exits_1_on_error_findings(cases: list[str]) -> None:
    result = runner.invoke(app, ["validate", "--format", "gitlab", GAPS, WAIVED])
    assert result.exit_code == 1, result.output
    issues = parse(result.stdout)
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [
        ("BOARD-003", GAPS),
        ("BOARD-004", GAPS),
        ("BOARD-004", GAPS),
        ("BOARD-013", GAPS),
        ("icscheck-not-run", GAPS),
        ("BOARD-004", WAIVED),
        ("icscheck-not-run", WAIVED),
    ]


def test_the_schema_rejects_what_gitlab_cannot_place() -> None:
    good = {
        "description": "d",
        "check_name": "c",
        "fingerprint": "f",
        "severity": "info",
        "location": {"path": "a.yaml", "lines": {"begin": 1}},
    }
    parse(json.dumps([good]))
    for location in (
        {"path": "/builds/icb/a.yaml", "lines": {"begin": 1}},
        {"path": "../a.yaml", "lines": {"begin": 1}},
        {"path": "a.yaml", "lines": {"begin": "1"}},
        {"path": "a.yaml", "lines": {"begin": 1}, "positions": at(1, 1)},
        {"path": "a.yaml"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            parse(json.dumps([{**good, "location": location}]))


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str) -> Path:
    """A git checkout with the gap case in constitutions/, the run started at the root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "constitutions").mkdir()
    write_cases(tmp_path / "constitutions", suffolk_text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["validate", "--no-cache", "--format", "gitlab", *args])
    return result.exit_code, parse(result.stdout)


def test_paths_and_fingerprints_are_from_the_root_wherever_the_run_starts(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, from_root = cli(f"constitutions/{GAPS}")
    assert code == 1
    monkeypatch.chdir(repository / "constitutions")
    assert cli(GAPS) == (1, from_root)
    assert cli(str(repository / "constitutions" / GAPS)) == (1, from_root)
    monkeypatch.chdir(repository)
    assert {i["location"]["path"] for i in from_root} == {f"constitutions/{GAPS}"}
    rule, node = "BOARD-003", "/board/members"
    (board_003,) = (i for i in from_root if i["check_name"] == rule)
    assert board_003["fingerprint"] == sha256(rule, f"constitutions/{GAPS}", node, MESSAGES[rule])


def test_an_unreadable_file_is_named_from_the_root(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / "constitutions")
    code, issues = cli("broken.yaml")
    assert code == 2
    assert [(i["location"], i["fingerprint"]) for i in issues] == [
        (
            {"path": "constitutions/broken.yaml", "lines": {"begin": 3}},
            sha256("icscheck", "constitutions/broken.yaml", BROKEN_MESSAGE),
        )
    ]


CONFIRM = "board.mental_health_member (the board page lists members but not the post)"
QUESTION = (
    "BOARD-012: to confirm: no ordinary member is designated as the mental health member"
    f" (board.mental_health_member); confirm {CONFIRM}"
)


@pytest.fixture
def unknown_post(repository: Path) -> str:
    (repository / "constitutions" / "c.yaml").write_text(UNKNOWN_POST, encoding="utf-8")
    return "constitutions/c.yaml"


def questions(issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in issues if i["description"].startswith("BOARD-012: to confirm")]


def test_a_question_to_confirm_is_an_info_issue_at_the_unknown_fact(unknown_post: str) -> None:
    code, issues = cli(unknown_post)
    assert code == 1  # errors elsewhere in the file
    message = (
        "no ordinary member is designated as the mental health member (board.mental_health_member)"
    )
    assert questions(issues) == [
        {
            "description": QUESTION,
            "check_name": "BOARD-012",
            "fingerprint": sha256("unconfirmed", "BOARD-012", unknown_post, "/board", message),
            "severity": "info",
            "location": {"path": unknown_post, "positions": at(9, 3)},
        }
    ]
    assert "BOARD-012" not in {i["check_name"] for i in issues if i["severity"] != "info"}


def test_under_strict_a_question_is_minor(unknown_post: str) -> None:
    code, issues = cli("--strict", unknown_post)
    assert code == 1
    assert [(i["description"], i["severity"]) for i in questions(issues)] == [(QUESTION, "minor")]


def test_a_gap_says_where_its_fact_is_stated(unknown_post: str) -> None:
    _, issues = cli(unknown_post)
    stated = [i["description"] for i in issues if i["check_name"] == "COMM-004"]
    assert stated
    assert all(d.endswith(" (stated in constitution.pdf p12 §4.2)") for d in stated)


def test_a_document_gap_is_at_line_1_with_its_page_and_clause_in_the_description() -> None:
    finding = Finding(
        path="constitution.pdf",
        line=40,  # the draft's line, which GitLab cannot show in the PDF
        column=5,
        rule="BOARD-003",
        severity=Severity.ERROR,
        message=MESSAGES["BOARD-003"],
        source=RULES["BOARD-003"].source,
        node="/board/members",
        provenance="constitution.pdf p12 §2.1.6",
        document=True,
        page=12,
        clause="2.1.6",
    )
    (found,) = parse(json.dumps([issue(finding, RULES["BOARD-003"], "docs/constitution.pdf")]))
    assert found["description"] == (
        f"BOARD-003: {MESSAGES['BOARD-003']} (constitution.pdf:p12:§2.1.6)"
        " (stated in constitution.pdf p12 §2.1.6)"
    )
    assert found["location"] == {"path": "docs/constitution.pdf", "lines": {"begin": 1}}
    assert found["fingerprint"] == sha256(
        "BOARD-003", "docs/constitution.pdf", "/board/members", MESSAGES["BOARD-003"]
    )
