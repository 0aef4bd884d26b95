"""Every hostile input gets an answer: exit 2 and one positioned line, or a located finding.

Never a traceback, a hang, a constructed object or a changed file
(docs/security.md). Runs through the CLI, as CI would.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck import untrusted
from icscheck.bounded import MAX_SHOWN
from icscheck.cli import app
from tests.hostile import CASES, HEAVY, Case
from tests.hostile_documents import DOCUMENTS

runner = CliRunner()


@pytest.mark.parametrize("case", [*CASES, *HEAVY, *DOCUMENTS], ids=lambda case: case.name)
def test_hostile_input_gets_a_clear_answer(case: Case, tmp_path: Path) -> None:
    if case.name == "no read permission" and os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = case.build(tmp_path)
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == case.exit_code, result.stderr
    assert "Traceback" not in result.stderr
    if case.error is not None:
        [line] = result.stderr.splitlines()
        # The path as every output shows it (icscheck.untrusted): names are input too.
        shown = re.escape(f"icscheck: error: {untrusted.text(str(path))}")
        assert re.fullmatch(shown + case.error + ".*", line), line
    else:
        assert result.stderr == ""
    # Whatever the input, the report is bounded: at most 101 findings of a rule in a file.
    assert len(result.stdout) < 1_000_000
    report = json.loads(result.stdout)
    findings = report["files"][0]["findings"]
    assert max(Counter(f["rule"] for f in findings).values(), default=0) <= MAX_SHOWN + 1
    if case.finding is not None:
        rule, line_no, column, message = case.finding
        assert any(
            (f["rule"], f["line"], f["column"]) == (rule, line_no, column)
            and re.search(message, f["message"])
            for f in findings
        ), findings


def test_a_python_tag_constructs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "attack.yaml"
    path.write_text(f"icscheck: !!python/object/apply:os.system ['touch {marker}']\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert not marker.exists()


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("icscheck: 1\n" + "# padding\n" * 200)
    small = runner.invoke(app, ["validate", "--max-file-size", "1K", str(path)])
    assert small.exit_code == 2
    assert small.stderr == f"icscheck: error: {path}: is 2 KiB, over the 1 KiB limit\n"
    large = runner.invoke(app, ["validate", "--max-file-size", "10M", str(path)])
    assert large.exit_code == 1  # read and checked: it is far from a constitution


@pytest.mark.parametrize("size", ["0", "ten", "5X", "-1"])
def test_a_bad_size_is_a_usage_error(size: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--max-file-size", size, str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "--max-file-size" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-file-size", "9999999999G"], "'9999999999G' is more than the largest limit, 1G"),
        (["--max-file-size", "1" + "0" * 40], "is not a size such as 10M, 512K or 1048576"),
        (["-j", "99999999999999999999"], "99999999999999999999 is not in the range 0<=x<=1024"),
        (["-j", "-1"], "-1 is not in the range 0<=x<=1024"),
    ],
)
def test_a_number_out_of_range_is_a_usage_error(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["validate", *args, str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    # Typer draws its usage errors in a box: the words, whatever wraps them.
    assert message in " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr).split())


def test_a_size_out_of_range_in_the_configuration_names_the_file(tmp_path: Path) -> None:
    (tmp_path / ".icscheck.toml").write_text('max-file-size = "99999999999G"\n')
    result = runner.invoke(app, ["validate", "--config", str(tmp_path / ".icscheck.toml"), "x"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"icscheck: error: {tmp_path / '.icscheck.toml'}:1: 'max-file-size': "
        "'99999999999G' is more than the largest limit, 1G\n",
    )
