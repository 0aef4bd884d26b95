"""GitHub Actions workflow commands: one exact, escaped line per annotation."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.reporters import REPORTERS
from icscheck.reporters.github import GithubReporter, command
from icscheck.untrusted import workflow_data, workflow_property
from tests.conftest import RULES, SUFFOLK
from tests.reporters.test_sarif import (
    BROKEN_MESSAGE,
    DESCRIBED,
    GAPS,
    MESSAGES,
    line_of,
    render,
    write_cases,
)

runner = CliRunner()


@pytest.fixture
def cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return write_cases(tmp_path, suffolk_text)


def test_registered_as_github() -> None:
    assert REPORTERS["github"] is GithubReporter


def test_a_clean_file_gives_no_annotation() -> None:
    assert render("github", [str(SUFFOLK)]) == ""


def test_one_line_per_finding_waiver_and_unreadable_file(
    cases: list[str], suffolk_text: str
) -> None:
    members = line_of(suffolk_text, "  members:")
    board = line_of(suffolk_text, "board:")
    waived = members + 1  # the waiver comment is inserted above ``members:``
    assert render("github", cases).splitlines() == [
        f"::warning file=board gaps.yaml,line={board},col=1,title=BOARD-013::"
        + MESSAGES["BOARD-013"],
        f"::error file=board gaps.yaml,line={members},col=3,title=BOARD-003::"
        + MESSAGES["BOARD-003"],
        f"::error file=board gaps.yaml,line={members},col=3,title=BOARD-004::"
        + MESSAGES["BOARD-004 primary"],
        f"::error file=board gaps.yaml,line={members},col=3,title=BOARD-004::"
        + MESSAGES["BOARD-004 local"],
        f"::error file=waived.yaml,line={waived},col=3,title=BOARD-004::"
        + MESSAGES["BOARD-004 primary"],
        f"::notice file=waived.yaml,line={waived},col=3,title=BOARD-003 (waived)::"
        + f"{MESSAGES['BOARD-003']} — waived: {DESCRIBED}",
        "::error file=broken.yaml,line=3,col=9,title=icscheck::" + BROKEN_MESSAGE,
        "::error file=absent.yaml,title=icscheck::no such file",
    ]


def test_escaping_follows_the_actions_runner() -> None:
    assert workflow_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert workflow_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"
    # % first, so an escape already in the text is not undone by the runner.
    assert workflow_data("%0A") == "%250A"
    # Every value is shown as text first (a line break as \n, an escape as \x1b).
    assert (
        command("error", "a::b\nc\x1b[2J", file="x,y:z\n.yaml", line=3, column=5, title="R: 1, 2")
        == "::error file=x%2Cy%3Az\\n.yaml,line=3,col=5,title=R%3A 1%2C 2::a::b\\nc\\x1b[2J"
    )
    assert command("error", "m", file="f", column=5, title="t") == "::error file=f,title=t::m"


def test_a_message_cannot_start_another_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffolk_text: str
) -> None:
    """A crafted id with a line break and ``::`` stays inside one annotation."""
    monkeypatch.chdir(tmp_path)
    name = "odd, name: 100%.yaml"
    # A YAML double-quoted id whose \n escape is a real line break once read.
    crafted = 'chair: "x\\n::error file=evil::pwned,%"'
    text = suffolk_text.replace("chair: ned-audit", crafted, 1)
    assert text != suffolk_text
    (tmp_path / name).write_text(text, encoding="utf-8")
    lines = render("github", [name]).splitlines()
    assert lines, "expected findings for the crafted chair"
    assert all(line.startswith("::error file=odd%2C name%3A 100%25.yaml,line=") for line in lines)
    ref = next(line for line in lines if "title=REF-001::" in line)
    assert "'x\\n::error file=evil::pwned,%25' is not the id of anything" in ref


def test_cli_writes_commands_and_exits_1_on_error_findings(
    cases: list[str], suffolk_text: str
) -> None:
    result = runner.invoke(app, ["validate", "--format", "github", GAPS])
    assert result.exit_code == 1, result.output
    titles = [line.split("title=")[1].split("::")[0] for line in result.stdout.splitlines()]
    assert titles == ["BOARD-013", "BOARD-003", "BOARD-004", "BOARD-004"]


def test_in_github_actions_the_text_report_is_followed_by_annotations(
    cases: list[str],
) -> None:
    result = runner.invoke(app, ["validate", GAPS], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1, result.output
    assert RULES["BOARD-003"].fix in " ".join(result.stdout.split())
    assert result.stdout.count("\n::error file=board gaps.yaml,") == 3
