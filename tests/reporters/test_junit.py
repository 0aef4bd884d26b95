"""JUnit XML: valid against the Ant schema (with the attributes GitLab and Jenkins read
beside it), one suite per file, one case per rule, failing only where the gate does."""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.reporters import REPORTERS
from icscheck.reporters.junit import JunitReporter
from tests.conftest import NOT_RUN_V1, RULES, SUFFOLK, V1
from tests.reporters.test_sarif import (
    ABSENT,
    BROKEN,
    BROKEN_MESSAGE,
    DATA,
    DESCRIBED,
    GAPS,
    MESSAGES,
    WAIVED,
    line_of,
    render,
    write_cases,
)

runner = CliRunner()


@cache
def junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "junit.xsd"))


TOTALS = ("tests", "failures", "errors", "skipped", "time")
"""On ``<testsuites>``: beyond the Ant schema, as ruff writes them."""
CASE_EXTRAS = ("file", "line")
"""On ``<testcase>``: beyond the Ant schema; GitLab links ``file``."""


def ant(root: ET.Element) -> ET.Element:
    """A copy without what icscheck adds to the Ant schema for GitLab and Jenkins: totals
    on the root, ``file`` and ``line`` on cases, and a case's ``<system-out>``.

    Why the strip: no published JUnit schema allows all of them. The Ant schema
    (tests/data/junit.xsd, the only one in ../shared/data) has none; the Jenkins xunit
    plugin's junit-10.xsd (jenkinsci/xunit-plugin, read, not copied) allows a case's
    ``<system-out>`` and ``tests``/``failures``/``errors``/``time`` on the root, but no
    ``file`` or ``line`` on a case and no ``skipped`` on the root. GitLab publishes no
    schema: its page's table of what it parses (docs.gitlab.com/ci/testing/
    unit_test_reports/) names a case's ``file`` and ``<system-out>``. So the output is
    checked against Ant with exactly these taken out, the Ant schema is shown to refuse
    nothing else (``test_the_ant_schema_refuses_only_the_documented_extras``), and the
    extras are checked by value in the tests below.
    """
    stripped = copy.deepcopy(root)
    for name in TOTALS:
        stripped.attrib.pop(name, None)
    for case in stripped.iter("testcase"):
        for name in CASE_EXTRAS:
            case.attrib.pop(name, None)
        for out in case.findall("system-out"):
            case.remove(out)
    return stripped


def parse(output: str) -> ET.Element:
    """The document root, after checking the output against tests/data/junit.xsd (all
    but the extras ``ant`` takes out, which the tests check by value)."""
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(output.encode("utf-8"))
    junit_schema().validate(ant(root))
    assert set(root.attrib) <= set(TOTALS)
    for case in root.iter("testcase"):
        assert len([child for child in case if child.tag != "system-out"]) <= 1
    return root


def test_the_ant_schema_refuses_only_the_documented_extras() -> None:
    result = runner.invoke(
        app,
        [
            "validate",
            "--no-cache",
            "-f",
            "junit",
            "sample_constitutions/non_compliant/conflicted-committee-chairs.yaml",
            str(SUFFOLK),
        ],
    )
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    refused = {
        (re.sub(r"\[\d+\]", "", error.path or ""), re.sub(r"\d+", "N", str(error.reason)))
        for error in junit_schema().iter_errors(root)
    }
    assert refused == {
        *(("/testsuites", f"'{name}' attribute not allowed for element") for name in TOTALS),
        *(
            ("/testsuites/testsuite/testcase", f"'{name}' attribute not allowed for element")
            for name in CASE_EXTRAS
        ),
        ("/testsuites/testsuite/testcase", "Unexpected child with tag 'system-out' at position N."),
    }
    junit_schema().validate(ant(root))


@pytest.fixture
def cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return write_cases(tmp_path, suffolk_text)


def suites(root: ET.Element) -> dict[str, ET.Element]:
    return {suite.attrib["name"]: suite for suite in root.findall("testsuite")}


def case(suite: ET.Element, rule_id: str) -> ET.Element:
    (found,) = (c for c in suite.findall("testcase") if c.attrib["name"].startswith(rule_id + ":"))
    return found


def counts(suite: ET.Element) -> tuple[str, str, str, str]:
    a = suite.attrib
    return (a["tests"], a["failures"], a["errors"], a["skipped"])


def test_registered_as_junit() -> None:
    assert REPORTERS["junit"] is JunitReporter


def test_a_clean_file_is_one_suite_of_passing_cases() -> None:
    root = parse(render("junit", [str(SUFFOLK)]))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.attrib["name"] == str(SUFFOLK)
    assert suite.attrib["id"] == "0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.attrib["timestamp"])
    assert suite.attrib["hostname"]
    assert counts(suite) == (str(len(V1)), "0", "0", "0")
    assert root.attrib == {
        "tests": str(len(V1)),
        "failures": "0",
        "errors": "0",
        "skipped": "0",
        "time": "0",
    }
    names = [c.attrib["name"] for c in suite.findall("testcase")]
    assert names == [f"{rule.id}: {rule.title}" for rule in V1.values()]
    # Jenkins splits the class name at its last dot: no extension, dots for slashes.
    dotted = SUFFOLK.with_suffix("").as_posix().lstrip("/").replace("/", ".")
    assert {c.attrib["classname"] for c in suite.findall("testcase")} == {dotted}
    assert {c.attrib["file"] for c in suite.findall("testcase")} == {SUFFOLK.as_posix()}
    assert all("line" not in c.attrib for c in suite.findall("testcase"))
    assert all(len(c) == 0 for c in suite.findall("testcase"))
    properties = {p.attrib["name"]: p.attrib["value"] for p in suite.iter("property")}
    assert properties["icb"] == "NHS Suffolk and North East Essex Integrated Care Board"


def test_a_rule_with_gaps_fails_once_with_every_gap(cases: list[str], suffolk_text: str) -> None:
    members = line_of(suffolk_text, "  members:")
    suite = suites(parse(render("junit", cases)))[GAPS]
    assert counts(suite) == (str(len(V1)), "2", "0", "0")
    assert case(suite, "BOARD-003").attrib == {
        "name": f"BOARD-003: {RULES['BOARD-003'].title}",
        "classname": "board gaps",
        "file": GAPS,
        "line": str(members),
        "time": "0",
    }
    board_003 = case(suite, "BOARD-003").find("failure")
    assert board_003 is not None
    assert board_003.attrib == {"message": MESSAGES["BOARD-003"], "type": "error"}
    assert board_003.text == (
        f"{GAPS}:{members}:3: {MESSAGES['BOARD-003']}\n"
        f"fix: {RULES['BOARD-003'].fix}\n"
        f"source: {RULES['BOARD-003'].source}"
    )
    # The schema allows one failure per test case: both sectors share it.
    (board_004,) = case(suite, "BOARD-004").findall("failure")
    assert board_004.attrib["message"] == (
        f"2 gaps: {MESSAGES['BOARD-004 primary']}; {MESSAGES['BOARD-004 local']}"
    )
    assert board_004.text is not None
    assert f"{GAPS}:{members}:3: {MESSAGES['BOARD-004 primary']}" in board_004.text
    assert f"{GAPS}:{members}:3: {MESSAGES['BOARD-004 local']}" in board_004.text


def test_a_warning_below_the_gate_passes_with_its_gap_in_system_out(
    cases: list[str], suffolk_text: str
) -> None:
    board = line_of(suffolk_text, "board:")
    board_013 = case(suites(parse(render("junit", cases)))[GAPS], "BOARD-013")
    assert board_013.attrib["line"] == str(board)
    assert [child.tag for child in board_013] == ["system-out"]
    assert board_013[0].text == (
        f"{GAPS}:{board}:1: {MESSAGES['BOARD-013']}\n"
        f"fix: {RULES['BOARD-013'].fix}\n"
        f"source: {RULES['BOARD-013'].source}"
    )


def test_a_rule_whose_gaps_are_all_waived_is_skipped_with_its_waiver(
    cases: list[str], suffolk_text: str
) -> None:
    members = line_of(suffolk_text, "  members:")
    suite = suites(parse(render("junit", cases)))[WAIVED]
    assert counts(suite) == (str(len(V1)), "1", "0", "1")
    board_003 = case(suite, "BOARD-003")
    assert board_003.find("failure") is None
    skipped = board_003.find("skipped")
    assert skipped is not None
    assert skipped.attrib["message"] == f"waived: {DESCRIBED}"
    assert skipped.text is not None
    assert f"{WAIVED}:{members + 1}:3: {MESSAGES['BOARD-003']}" in skipped.text
    assert f"waiver (line {members}): {DESCRIBED}" in skipped.text
    assert case(suite, "BOARD-004").find("failure") is not None


def test_an_unreadable_file_is_a_suite_with_one_erroring_load_case(cases: list[str]) -> None:
    found = suites(parse(render("junit", cases)))
    assert list(found) == cases
    assert [s.attrib["id"] for s in found.values()] == ["0", "1", "2", "3"]
    for name, message, location in (
        (BROKEN, BROKEN_MESSAGE, f"{BROKEN}:3:9"),
        (ABSENT, "no such file", ABSENT),
    ):
        suite = found[name]
        assert counts(suite) == ("1", "0", "1", "0")
        (load,) = suite.findall("testcase")
        line = {"line": "3"} if name == BROKEN else {}
        assert load.attrib == {
            "name": "icscheck/unreadable",
            "classname": name.removesuffix(".yaml"),
            "file": name,
            **line,
            "time": "0",
        }
        error = load.find("error")
        assert error is not None
        assert error.attrib == {"message": message, "type": "LoadError"}
        assert error.text == f"{location}: {message}"


def test_markup_and_control_characters_in_paths_stay_valid_xml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = 'a&b <"c">\x01.yaml'
    (suite,) = parse(render("junit", [name])).findall("testsuite")
    assert suite.attrib["name"] == 'a&b <"c">\\x01.yaml'


def test_cli_writes_junit_and_exits_1_on_error_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_cases(tmp_path, suffolk_text)
    result = runner.invoke(app, ["validate", "--format", "junit", GAPS, WAIVED])
    assert result.exit_code == 1, result.output
    root = parse(result.stdout)
    assert [counts(s) for s in root.findall("testsuite")] == [
        (str(len(V1)), "2", "0", "0"),
        (str(len(V1)), "1", "0", "1"),
    ]
    assert root.attrib == {
        "tests": str(2 * len(V1)),
        "failures": "3",
        "errors": "0",
        "skipped": "1",
        "time": "0",
    }


def test_under_strict_a_warning_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_cases(tmp_path, suffolk_text)
    result = runner.invoke(app, ["validate", "--format", "junit", "--strict", GAPS])
    assert result.exit_code == 1, result.output
    (suite,) = parse(result.stdout).findall("testsuite")
    assert counts(suite) == (str(len(V1)), "3", "0", "0")
    failure = case(suite, "BOARD-013").find("failure")
    assert failure is not None
    assert failure.attrib == {"message": MESSAGES["BOARD-013"], "type": "warning"}
    assert case(suite, "BOARD-013").find("system-out") is None


def test_with_the_gate_off_no_case_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    """``--fail-on never`` passes the run (exit 0), so an error is in the case's output,
    not a failure; the waived rule is still skipped."""
    monkeypatch.chdir(tmp_path)
    write_cases(tmp_path, suffolk_text)
    result = runner.invoke(
        app, ["validate", "--format", "junit", "--fail-on", "never", GAPS, WAIVED]
    )
    assert result.exit_code == 0, result.output
    root = parse(result.stdout)
    assert [counts(s) for s in root.findall("testsuite")] == [
        (str(len(V1)), "0", "0", "0"),
        (str(len(V1)), "0", "0", "1"),
    ]
    assert (root.attrib["failures"], root.attrib["skipped"]) == ("0", "1")
    board_004 = case(suites(root)[GAPS], "BOARD-004")
    assert [child.tag for child in board_004] == ["system-out"]
    assert board_004[0].text is not None
    assert f"{MESSAGES['BOARD-004 primary']}\n" in board_004[0].text


def test_files_are_named_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "constitutions").mkdir()
    write_cases(tmp_path / "constitutions", suffolk_text)
    monkeypatch.chdir(tmp_path / "constitutions")
    result = runner.invoke(app, ["validate", "--no-cache", "--format", "junit", GAPS])
    assert result.exit_code == 1, result.output
    (suite,) = parse(result.stdout).findall("testsuite")
    assert (suite.attrib["name"], suite.attrib["package"]) == (f"constitutions/{GAPS}",) * 2
    board_003 = case(suite, "BOARD-003")
    assert (board_003.attrib["classname"], board_003.attrib["file"]) == (
        "constitutions.board gaps",
        f"constitutions/{GAPS}",
    )


def test_a_version_1_suite_says_which_rules_did_not_run() -> None:
    """gaps15 item 7: in a property and in the suite's output, counted, with migrate."""
    (suite,) = parse(render("junit", [str(SUFFOLK)])).findall("testsuite")
    properties = [p.attrib for p in suite.iter("property") if p.attrib["name"] == "not_run"]
    assert properties == [{"name": "not_run", "value": NOT_RUN_V1}]
    assert suite.findtext("system-out") == NOT_RUN_V1
