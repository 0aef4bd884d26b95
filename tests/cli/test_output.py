"""``--output``/``-o``, the same for every command: ``-`` is stdout, pipes are written through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.conftest import SUFFOLK
from tests.test_writer import needs_fifo, reading

runner = CliRunner()
AMENDED = Path(__file__).resolve().parent.parent / "data" / "diff" / "suffolk-amended.yaml"
COMMANDS = {
    "validate": ["validate", "--no-cache", "-f", "json", str(SUFFOLK)],
    "map": ["map", str(SUFFOLK)],
    "diff": ["diff", "-f", "json", str(SUFFOLK), str(AMENDED)],
    "schema": ["schema"],
}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_dash_is_stdout_for_every_command(tmp_path: Path, args: list[str]) -> None:
    printed = invoke(*args)
    assert printed[0] == 0 and printed[1]
    assert invoke(*args, "-o", "-") == printed
    assert invoke(*args, "--output", "-") == printed
    assert list(tmp_path.iterdir()) == []  # no file named -


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_directory_is_one_line_for_every_command(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "reports").mkdir()
    assert invoke(*args, "-o", "reports") == (
        2, "", "icscheck: error: reports names a directory; give the name of the file to write\n"
    )  # fmt: skip
    assert list((tmp_path / "reports").iterdir()) == []


@needs_fifo
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_named_pipe_gets_the_output_for_every_command(tmp_path: Path, args: list[str]) -> None:
    printed = invoke(*args)[1]
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    with reading(fifo) as received:
        assert invoke(*args, "-o", str(fifo)) == (0, "", "")
    assert received == [printed.encode("utf-8")]
