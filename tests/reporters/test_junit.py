"""JUnit XML: valid against the Ant schema, one suite per file, one case per rule."""

from __future__ import annotations

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
from tests.conftest import RULES, SUFFOLK, V1
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


def parse(output: str) -> ET.Element:
    """The document root, after checking the output against tests/data/junit.xsd."""
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(output.encode("utf-8"))
    junit_schema().validate(root)
    return root


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
    names = [c.attrib["name"] for c in suite.findall("testcase")]
    assert names == [f"{rule.id}: {rule.title}" for rule in V1.values()]
    assert all(c.attrib["classname"] == str(SUFFOLK) for c in suite.findall("testcase"))
    assert all(len(c) == 0 for c in suite.findall("testcase"))
    properties = {p.attrib["name"]: p.attrib["value"] for p in suite.iter("property")}
    assert properties["icb"] == "NHS Suffolk and North East Essex Integrated Care Board"


def test_a_rule_with_gaps_fails_once_with_every_gap(cases: list[str], suffolk_text: str) -> None:
    members = line_of(suffolk_text, "  members:")
    suite = suites(parse(render("junit", cases)))[GAPS]
    assert counts(suite) == (str(len(V1)), "3", "0", "0")
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
    board_013 = case(suite, "BOARD-013").find("failure")
    assert board_013 is not None
    assert board_013.attrib["type"] == "warning"


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
        assert load.attrib == {"name": "load", "classname": name, "time": "0"}
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
        (str(len(V1)), "3", "0", "0"),
        (str(len(V1)), "1", "0", "1"),
    ]
