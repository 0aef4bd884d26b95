"""'Did you mean': the closest known name first, by keystrokes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.suggest import closest
from tests.conftest import RULES, SUFFOLK

runner = CliRunner()


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("BOARD-03", "BOARD-003"),
        ("board-0003", "BOARD-003"),
        ("BORD-001", "BOARD-001"),
        ("COMM-1", "COMM-001"),
        ("BORD", "BOARD"),
        ("quorm", "QUORUM"),
    ],
)
def test_the_closest_comes_first(typed: str, first: str) -> None:
    assert closest(typed, RULES)[0] == first


def test_nothing_near_suggests_nothing() -> None:
    assert closest("XYZ", RULES) == []


def test_the_command_line_says_it() -> None:
    result = runner.invoke(app, ["rule", "BOARD-03"])
    assert result.exit_code == 2
    assert result.stderr == (
        "icscheck: error: no rule 'BOARD-03'; did you mean BOARD-003, BOARD-013, BOARD-001?\n"
    )
    result = runner.invoke(app, ["validate", "--no-cache", "--select", "BORD", str(SUFFOLK)])
    assert result.exit_code == 2
    assert result.stderr == (
        "icscheck: error: --select: 'BORD' is not a rule ID or rule family; did you mean BOARD?\n"
    )


def test_a_missing_file_reads_as_missing_not_as_nothing_checked() -> None:
    result = runner.invoke(app, ["validate", "--no-cache", "no-such-constitution.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "icscheck: error: no-such-constitution.yaml: no such file\n"
    assert result.stdout == (
        "Could not be checked\n  ✗ no-such-constitution.yaml: no such file\n\n"
        "✗ 1 file could not be read: nothing was checked\n"
    )
