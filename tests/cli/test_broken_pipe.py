"""A reader that goes away (``icscheck validate ... | head -1``) changes nothing about the
gate: the exit code is still the run's, and nothing is printed about the pipe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.conftest import ROOT, SUFFOLK

runner = CliRunner()
CONFLICTED = (
    Path(__file__).resolve().parents[2]
    / "sample_constitutions"
    / "non_compliant"
    / "conflicted-committee-chairs.yaml"
)


@pytest.mark.parametrize(("path", "code"), [(SUFFOLK, 0), (CONFLICTED, 1)])
def test_a_broken_pipe_exits_with_the_runs_code(
    monkeypatch: pytest.MonkeyPatch, path: Path, code: int
) -> None:
    def closed(*_: Any, **__: Any) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("icscheck.cli.validate.write", closed)
    result = runner.invoke(app, ["validate", "--no-cache", str(path)])
    assert (result.exit_code, result.stderr) == (code, "")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_head_closing_the_pipe_early_leaves_the_exit_code_alone(tmp_path: Path) -> None:
    """The real pipe: a batch whose report is far more than a pipe holds (64 KiB)."""
    for number in range(40):
        (tmp_path / f"c{number:02}.yaml").write_bytes(SUFFOLK.read_bytes())
    command = [
        sys.executable,
        "-m",
        "icscheck",
        "validate",
        "--no-cache",
        "-f",
        "json",
        str(tmp_path),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"{\n"
    process.stdout.close()
    stderr = process.stderr.read()
    assert (process.wait(timeout=300), stderr) == (0, b"")


WEST_YORKSHIRE = str(ROOT / "sample_constitutions" / "west-yorkshire.yaml")
LINCOLNSHIRE = str(ROOT / "sample_constitutions" / "lincolnshire.yaml")


@pytest.mark.parametrize(
    "args",
    [
        ["rules"],
        ["rule", "BOARD-001"],
        ["diff", WEST_YORKSHIRE, LINCOLNSHIRE],
        ["rules", "-f", "json"],
        ["validate", "--no-cache", str(SUFFOLK)],
    ],
    ids=["rules", "rule", "diff", "rules json", "validate"],
)
def test_every_command_exits_with_its_own_code_when_the_reader_has_gone(
    args: list[str],
) -> None:
    """The reader closes its end before the command writes a byte, so every write meets
    a broken pipe; the guard every command runs in (icscheck/cli/app.py) keeps its code."""
    unpiped = subprocess.run(
        [sys.executable, "-m", "icscheck", *args], capture_output=True, check=False
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "icscheck", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    assert (process.wait(timeout=300), stderr) == (unpiped.returncode, b"")
    assert unpiped.returncode == 0
