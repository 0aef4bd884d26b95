"""SARIF as GitHub code scanning takes it: files and fingerprints from the repository
root, waived findings left out, a category, unreadable files and questions to confirm
as results, versioned rule links (/work/shared/research/ci-outputs.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck import __version__
from icscheck.cli import app
from tests.conftest import NOT_RUN_V1, RULES
from tests.reporters.test_outcomes import UNKNOWN_POST
from tests.reporters.test_sarif import (
    ABSENT,
    BROKEN,
    BROKEN_MESSAGE,
    GAPS,
    WAIVED,
    parse,
    results,
    write_cases,
)

runner = CliRunner()
UNREADABLE = "icscheck/unreadable"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str) -> Path:
    """A git checkout (a ``.git`` folder is what Root looks for) with the shared cases at
    its root and an empty ``sub/`` folder; the working directory is the root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    write_cases(tmp_path, suffolk_text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(*args: str) -> tuple[int, dict[str, Any], str]:
    """Exit code, the SARIF log (checked against the schema) and stderr."""
    result = runner.invoke(
        app,
        ["validate", "--no-cache", "--date", "2026-12-03", "-f", "sarif", *args],
        env={"COLUMNS": "200", "NO_COLOR": "1"},
    )
    return result.exit_code, parse(result.stdout) if result.stdout else {}, result.stderr


def artifacts(log: dict[str, Any]) -> list[dict[str, Any]]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results(log)]


def test_a_file_is_named_from_the_repository_root_under_srcroot(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "sub")
    code, log, _ = validate(f"../{GAPS}")
    assert code == 1
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": f"{repo.as_uri()}/"}}
    assert artifacts(log) == [{"uri": "board%20gaps.yaml", "uriBaseId": "SRCROOT"}] * 4
    assert "../" not in json.dumps(log)


def test_the_same_finding_from_a_subfolder_has_the_same_fingerprint(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, from_root, _ = validate(GAPS)
    monkeypatch.chdir(repo / "sub")
    _, from_sub, _ = validate(f"../{GAPS}")
    fingerprints = [r["partialFingerprints"]["icscheck/v1"] for r in results(from_root)]
    assert len(set(fingerprints)) == 4
    assert [r["partialFingerprints"]["icscheck/v1"] for r in results(from_sub)] == fingerprints
    # And every other part of every result is the same too.
    assert results(from_sub) == results(from_root)


def test_a_file_outside_the_root_is_a_file_uri_with_no_base(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, suffolk_text: str
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / GAPS
    outside.write_text((repo / GAPS).read_text(encoding="utf-8"), encoding="utf-8")
    _, log, _ = validate(str(outside))
    assert artifacts(log)[0] == {"uri": outside.as_uri()}


def test_waived_findings_are_left_out_unless_asked_for(repo: Path) -> None:
    _, log, _ = validate(WAIVED)
    assert [r["ruleId"] for r in results(log)] == ["BOARD-004"]
    _, log, _ = validate("--sarif-include-waived", WAIVED)
    assert [(r["ruleId"], "suppressions" in r) for r in results(log)] == [
        ("BOARD-004", False),
        ("BOARD-003", True),
    ]
    assert results(log)[1]["suppressions"][0]["status"] == "accepted"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "icscheck/"),
        (("--sarif-category", "east"), "east/"),
        (("--sarif-category", "east/"), "east/"),
    ],
)
def test_the_category_is_the_automation_id(
    repo: Path, args: tuple[str, ...], expected: str
) -> None:
    _, log, _ = validate(*args, GAPS)
    assert log["runs"][0]["automationDetails"] == {"id": expected}


def test_an_empty_category_is_a_usage_error(repo: Path) -> None:
    code, _, stderr = validate("--sarif-category", "/", GAPS)
    assert code == 2
    assert "Invalid value for --sarif-category: give a name, such as icscheck-east" in stderr


def test_rule_links_name_the_release_that_ran(repo: Path) -> None:
    _, log, _ = validate(GAPS)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    uris = {rule["id"]: rule["helpUri"] for rule in rules}
    assert uris["BOARD-001"] == (
        f"https://github.com/icscheck/icscheck/blob/v{__version__}/docs/rules.md#board-001"
    )
    assert "/blob/main/" not in json.dumps(log)


def test_a_help_uri_template_replaces_the_rule_and_version(repo: Path) -> None:
    _, log, _ = validate("--sarif-help-uri", "https://docs.example.nhs.uk/{version}/{rule}", GAPS)
    uris = {r["id"]: r["helpUri"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert uris["BOARD-001"] == f"https://docs.example.nhs.uk/{__version__}/board-001"
    assert len(uris) == len(RULES)


def test_a_help_uri_template_without_the_rule_is_a_usage_error(repo: Path) -> None:
    code, _, stderr = validate("--sarif-help-uri", "https://docs.example.nhs.uk/rules", GAPS)
    assert code == 2
    assert (
        "Invalid value for --sarif-help-uri: 'https://docs.example.nhs.uk/rules' has no {rule}"
    ) in stderr


def test_unreadable_files_are_error_results_and_the_run_still_succeeded(repo: Path) -> None:
    code, log, _ = validate(GAPS, BROKEN, ABSENT)
    assert code == 2
    (invocation,) = log["runs"][0]["invocations"]
    notes = invocation.pop("toolExecutionNotifications")
    assert invocation == {"executionSuccessful": True, "exitCode": 2}
    assert [n["message"]["text"] for n in notes] == [NOT_RUN_V1]  # GAPS is version 1
    unreadable = [r for r in results(log) if r["ruleId"] == UNREADABLE]
    fingerprints = {r.pop("partialFingerprints")["icscheck/v1"] for r in unreadable}
    assert len(fingerprints) == 2
    index = len(RULES)
    assert log["runs"][0]["tool"]["driver"]["rules"][index]["id"] == UNREADABLE
    assert unreadable == [
        {
            "ruleId": UNREADABLE,
            "ruleIndex": index,
            "level": "error",
            "message": {"text": BROKEN_MESSAGE},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "broken.yaml", "uriBaseId": "SRCROOT"},
                        "region": {"startLine": 3, "startColumn": 9},
                    }
                }
            ],
        },
        {
            "ruleId": UNREADABLE,
            "ruleIndex": index,
            "level": "error",
            "message": {"text": "no such file"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "absent.yaml", "uriBaseId": "SRCROOT"}
                    }
                }
            ],
        },
    ]
    assert "toolExecutionNotifications" not in invocation


def test_a_clean_run_describes_no_unreadable_rule(repo: Path) -> None:
    _, log, _ = validate(GAPS)
    assert UNREADABLE not in {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}


CONFIRM = "board.mental_health_member (the board page lists members but not the post)"


@pytest.mark.parametrize(
    ("strict", "kind", "level"), [(False, "review", "none"), (True, "fail", "warning")]
)
def test_a_question_to_confirm_is_a_review_result_or_under_strict_a_failure(
    repo: Path, strict: bool, kind: str, level: str
) -> None:
    Path("c.yaml").write_text(UNKNOWN_POST, encoding="utf-8")
    code, log, _ = validate(*(["--strict"] if strict else []), "c.yaml")
    assert code == 1
    [question] = [r for r in results(log) if r["ruleId"] == "BOARD-012"]
    assert (question["kind"], question["level"]) == (kind, level)
    assert question["message"]["text"] == (
        f"To confirm: {CONFIRM}. BOARD-012 rests on it: no ordinary member is designated "
        "as the mental health member (board.mental_health_member)"
    )
    assert question["properties"] == {"node": "/board", "confirm": [CONFIRM]}
    assert question["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 9,
        "startColumn": 3,
    }


def test_a_finding_says_where_its_fact_is_stated(repo: Path) -> None:
    Path("c.yaml").write_text(UNKNOWN_POST, encoding="utf-8")
    _, log, _ = validate("c.yaml")
    [chair] = [r for r in results(log) if r["ruleId"] == "COMM-004"]
    assert chair["properties"] == {
        "node": "/committees/0/chair",
        "provenance": "constitution.pdf p12 §4.2",
    }
    # Only a finding with provenance carries it.
    assert all(
        "provenance" not in r.get("properties", {})
        for r in results(log)
        if r["ruleId"] in {"BOARD-012", "BOARD-001"}
    )
