"""JUnit: a question to confirm passes with what to confirm in ``<system-out>``, and
fails as ``unconfirmed`` under ``--strict``; a gap's failure says where its fact is stated."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.conftest import RULES
from tests.reporters.test_junit import case, parse
from tests.reporters.test_outcomes import UNKNOWN_POST

runner = CliRunner()

MESSAGE = (
    "no ordinary member is designated as the mental health member (board.mental_health_member)"
)
QUESTION = (
    f"c.yaml:9:3: to confirm: {MESSAGE}\n"
    "confirm: board.mental_health_member (the board page lists members but not the post)\n"
    f"source: {RULES['BOARD-012'].source}"
)


@pytest.fixture
def unknown_post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.yaml").write_text(UNKNOWN_POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def suite(*flags: str) -> ET.Element:
    result = runner.invoke(app, ["validate", "--no-cache", "--format", "junit", *flags, "c.yaml"])
    assert result.exit_code == 1, result.output  # errors elsewhere in the file
    (found,) = parse(result.stdout).findall("testsuite")
    return found


@pytest.mark.usefixtures("unknown_post")
def test_a_question_passes_with_what_to_confirm_in_system_out() -> None:
    board_012 = case(suite(), "BOARD-012")
    assert board_012.attrib["line"] == "9"
    assert [child.tag for child in board_012] == ["system-out"]
    assert board_012[0].text == QUESTION


@pytest.mark.usefixtures("unknown_post")
def test_under_strict_a_question_fails_as_unconfirmed() -> None:
    strict = suite("--strict")
    board_012 = case(strict, "BOARD-012")
    assert [child.tag for child in board_012] == ["failure"]
    assert board_012[0].attrib == {"message": f"to confirm: {MESSAGE}", "type": "unconfirmed"}
    assert board_012[0].text == QUESTION
    # Every case that passed with output below the gate (warnings, the question) fails.
    default = suite()
    below = [c for c in default.findall("testcase") if c.find("system-out") is not None]
    assert len(below) > 1
    assert int(strict.attrib["failures"]) == int(default.attrib["failures"]) + len(below)
    assert all(c.find("failure") is None for c in below)


@pytest.mark.usefixtures("unknown_post")
def test_a_failure_says_where_its_fact_is_stated() -> None:
    failure = case(suite(), "COMM-004").find("failure")
    assert failure is not None
    assert failure.text is not None
    assert failure.text.endswith("\nstated in: constitution.pdf p12 §4.2")
