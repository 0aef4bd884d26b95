"""The batch progress bar: the engine tells of each result, the CLI decides whether to draw
(icscheck/cli/progress.py), and nothing is drawn in CI, into a pipe or with -q."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.cli.progress import DELAY, Progress, wanted
from icscheck.config import Settings
from icscheck.engine import check_files, units
from icscheck.result import FileResult
from tests.conftest import ROOT, SAMPLES, SUFFOLK, isolated_env, run_for

BATCH = [
    str(SUFFOLK),
    str(SAMPLES / "south-east-london.yaml"),
    str(SAMPLES / "non_compliant" / "conflicted-committee-chairs.yaml"),
    str(SAMPLES / "non_compliant" / "broken-yaml.yaml"),
    str(SAMPLES / "non_compliant" / "quorum-problems.yaml"),
]


@pytest.mark.parametrize(
    ("terminal", "ci", "quiet", "elapsed", "shown"),
    [
        (True, False, False, DELAY, True),
        (True, False, False, 5.0, True),
        (True, False, False, DELAY - 0.01, False),  # a quick batch shows nothing
        (False, False, False, 5.0, False),  # piped or a file
        (True, True, False, 5.0, False),  # a CI log
        (True, False, True, 5.0, False),  # -q
        (False, True, True, 0.0, False),
    ],
)
def test_the_bar_is_for_a_terminal_outside_ci_without_quiet_after_a_second(
    terminal: bool, ci: bool, quiet: bool, elapsed: float, shown: bool
) -> None:
    assert wanted(terminal=terminal, ci=ci, quiet=quiet, elapsed=elapsed) is shown


@pytest.mark.parametrize("jobs", [1, 2])
def test_on_checked_is_told_each_result_once_serial_and_parallel(jobs: int) -> None:
    told: list[FileResult] = []
    report = check_files(BATCH, run_for(Settings(cache=False, jobs=jobs)), on_checked=told.append)
    assert sorted(r.path for r in told) == sorted(BATCH)
    assert len(told) == len(BATCH) == units(BATCH)
    # The report keeps the order the files were given in, whatever order they finished in.
    assert [r.path for r in report.files] == BATCH
    assert {r.path: r for r in told} == {r.path: r for r in report.files}


def test_numbered_web_pages_are_one_result_told_once(tmp_path: Path) -> None:
    pages = [tmp_path / f"constitution-{n}.html" for n in (1, 2)]
    for page in pages:
        page.write_text("<html><body><h1>Constitution</h1></body></html>", encoding="utf-8")
    told: list[FileResult] = []
    paths = [str(p) for p in pages] + [str(SUFFOLK)]
    report = check_files(paths, run_for(), on_checked=told.append)
    assert [r.path for r in told] == [r.path for r in report.files] == [paths[0], paths[2]]
    assert units(paths) == 2


class Clock:
    """A clock the test moves: each reading is a second after the last."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


class Terminal:
    """A stand-in stderr that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def _results(count: int) -> list[FileResult]:
    return [FileResult(path=f"f{n}.yaml") for n in range(count)]


def test_a_slow_batch_at_a_terminal_draws_a_bar_and_clears_it() -> None:
    terminal = Terminal()
    with Progress(3, quiet=False, stream=terminal, environ={}, clock=Clock()) as progress:  # type: ignore[arg-type]
        for result in _results(3):
            progress(result)
        assert progress.drawn
    shown = "".join(terminal.written)
    assert "3/3" in shown
    assert shown.endswith("\x1b[2K")  # transient: the bar's line is erased at the end
    assert not progress.drawn


@pytest.mark.parametrize("environ", [{"CI": "true"}, {"CI": "1"}])
def test_ci_draws_nothing_at_a_terminal(environ: dict[str, str]) -> None:
    terminal = Terminal()
    with Progress(3, quiet=False, stream=terminal, environ=environ, clock=Clock()) as progress:  # type: ignore[arg-type]
        for result in _results(3):
            progress(result)
    assert terminal.written == []


def test_quiet_draws_nothing_at_a_terminal() -> None:
    terminal = Terminal()
    with Progress(3, quiet=True, stream=terminal, environ={}, clock=Clock()) as progress:  # type: ignore[arg-type]
        for result in _results(3):
            progress(result)
    assert terminal.written == []


def test_the_cli_writes_nothing_on_a_piped_stderr_however_slow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CliRunner's stderr is no terminal: a batch past the delay still leaves it empty."""
    monkeypatch.setattr("icscheck.cli.progress.DELAY", 0.0)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        app, ["validate", "--no-cache", "-f", "concise", *BATCH[:3]], env={"NO_COLOR": "1"}
    )
    assert (result.exit_code, result.stderr) == (1, "")


PTY_PROBE = """
import sys
import icscheck.cli.progress as progress
progress.DELAY = 0.0
sys.argv = ["icscheck", *sys.argv[1:]]
from icscheck.cli import main
main()
"""


def _stderr_at_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run icscheck with stderr on a pseudo-terminal (stdout piped); its exit code, stdout
    and every byte written to the terminal."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", PTY_PROBE, *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        cwd=ROOT,
    )
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        written += chunk
    os.close(leader)
    assert process.stdout is not None
    out = process.stdout.read()
    return process.wait(), out, written


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_at_a_real_terminal_the_bar_shows_except_in_ci() -> None:
    args = ["validate", "--no-cache", "-q", *BATCH[:3]]
    verdict = b"\xe2\x9c\x97 2 errors, 3 warnings in 3 files checked, with 28 rules not run: does not meet the guide rails\n"
    # -q: nothing on the terminal, at any speed.
    assert _stderr_at_a_terminal(args, isolated_env(TERM="xterm")) == (1, verdict, b"")
    args = ["validate", "--no-cache", "-f", "concise", *BATCH[:3]]
    code, out, shown = _stderr_at_a_terminal(args, isolated_env(TERM="xterm"))
    assert code == 1 and out.endswith(verdict)
    assert b"checking" in shown and b"3/3" in shown
    code, out, shown = _stderr_at_a_terminal(args, isolated_env(TERM="xterm", CI="true"))
    assert (code, out.endswith(verdict), shown) == (1, True, b"")
