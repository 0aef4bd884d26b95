"""The console script registers only the command it runs (icscheck/cli/app.py, issue 13).

Whatever is registered, a command must behave as it does in the full
application: the same help, the same output, the same exit code.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from icscheck import __version__
from icscheck.cli.app import COMMANDS, build, for_arguments
from tests.conftest import SUFFOLK

NAMES = [name for name, _, _ in COMMANDS]


def registered(arguments: list[str]) -> list[str | None]:
    application = for_arguments(arguments)
    groups = [g.name for g in application.registered_groups]  # cache's clear
    return [c.name for c in application.registered_commands] + groups


def test_a_named_command_is_the_only_one_registered() -> None:
    assert registered(["validate", "--format", "json", "x.yaml"]) == ["validate"]
    assert registered(["--version", "rules"]) == ["rules"]
    assert registered(["--version"]) == []
    assert registered(["cache", "clear"]) == ["cache"]


@pytest.mark.parametrize("arguments", [[], ["--help"], ["-h"], ["valdate"], ["rules-x", "--help"]])
def test_help_and_unknown_names_get_every_command(arguments: list[str]) -> None:
    assert registered(arguments) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_a_command_alone_helps_as_in_the_full_application(name: str) -> None:
    runner = CliRunner()
    alone = runner.invoke(build(name), [name, "--help"], env={"COLUMNS": "100"})
    full = runner.invoke(build(), [name, "--help"], env={"COLUMNS": "100"})
    assert (alone.exit_code, alone.output) == (full.exit_code, full.output)
    assert alone.exit_code == 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", "--no-cache", "--format", "json", str(SUFFOLK)],
        ["validate", "--no-cache", "--format", "text", str(SUFFOLK)],
        ["validate", "--no-such-option", str(SUFFOLK)],
        ["rule", "BOARD-001"],
        ["cache", "--help"],
        ["--bogus"],
    ],
)
def test_a_command_alone_runs_as_in_the_full_application(arguments: list[str]) -> None:
    runner = CliRunner()
    alone = runner.invoke(for_arguments(arguments), arguments)
    full = runner.invoke(build(), arguments)
    assert (alone.exit_code, alone.output) == (full.exit_code, full.output)


def test_the_console_script_prints_its_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "icscheck", "--version"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"icscheck {__version__}\n", "")
