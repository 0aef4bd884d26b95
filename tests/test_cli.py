"""End to end: the CLI through Typer's CliRunner and as the installed console script."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from icscheck import __version__
from icscheck.cli import app
from tests.conftest import ROOT, RULES, SUFFOLK, V1, isolated_env

Write = Callable[..., str]
runner = CliRunner()
SCRIPT = Path(sys.executable).with_name("icscheck")


@cache
def report_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    return schema


def parse_json(output: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(output)
    jsonschema.validate(document, report_schema())
    return document


def without_member(text: str, member_id: str) -> str:
    """``text`` without the board member entry whose id is ``member_id``."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"    - id: {member_id}\n")
    end = start + 1
    while lines[end].startswith("      "):
        end += 1
    return "".join(lines[:start] + lines[end:])


def two_partner_members(text: str) -> str:
    """The Suffolk sample left with two partner members, neither from primary care.

    Breaks BOARD-003 (at least three) and BOARD-004 (one per nominating sector).
    """
    for member_id in ("pm-primary-care", "pm-essex-cc", "pm-trusts-acute"):
        text = without_member(text, member_id)
    return text


def test_compliant_sample_exits_0_and_shows_every_rule_passing() -> None:
    result = runner.invoke(app, ["validate", str(SUFFOLK)])
    assert result.exit_code == 0, result.output
    assert "NHS Suffolk and North East Essex Integrated Care Board" in result.stdout
    for rule_id in V1:
        assert rule_id in result.stdout
    assert "✗" not in result.stdout and "⚠" not in result.stdout
    assert result.stdout.count("✓") == len(V1) + 1  # each rule, and the verdict
    assert " ".join(result.stdout.split()).endswith(
        "✓ 0 errors, 0 warnings in 1 file checked, with 28 rules not run: every rule that ran passes"
    )


def test_error_findings_exit_1_with_located_cited_gaps(write: Write, suffolk_text: str) -> None:
    path = write(two_partner_members(suffolk_text))
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 1
    flat = " ".join(result.stdout.split())
    board_line = suffolk_text.splitlines().index("  members:") + 1
    assert f"✗ {path}:{board_line}:3 BOARD-003 error" in flat
    assert "the board has 2 partner members; it must have at least 3" in flat
    assert (
        "no partner member is nominated by providers of primary medical services "
        "(nominated_by: primary_medical_services)"
    ) in flat
    assert f"source: {RULES['BOARD-004'].source}" in flat
    assert f"fix: {RULES['BOARD-004'].fix}" in flat
    assert flat.endswith(
        "✗ 2 errors, 0 warnings in 1 file checked, with 28 rules not run: does not meet the guide rails"
    )


def test_broken_yaml_exits_2_with_one_line_naming_file_line_and_column(write: Write) -> None:
    path = write("icscheck: 1\nicb:\n  name: [unclosed\n")
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"icscheck: error: {path}:3:9: invalid YAML: a flow sequence that starts here is never closed"
    ]


def test_every_file_is_checked_and_the_worst_outcome_wins(write: Write, tmp_path: Path) -> None:
    missing = str(tmp_path / "absent.yaml")
    result = runner.invoke(app, ["validate", "--format", "json", missing, str(SUFFOLK)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"icscheck: error: {missing}: no such file"
    document = parse_json(result.stdout)
    first, second = document["files"]
    assert first["error"] == {"message": "no such file", "line": None, "column": None}
    assert first["rules"] == [] and first["findings"] == []
    assert second["error"] is None
    assert {rule["status"] for rule in second["rules"]} == {"pass"}
    assert document["summary"] == {
        "files": 2,
        "errors": 0,
        "warnings": 0,
        "waived": 0,
        "unconfirmed": 0,
        "unreadable": 1,
    }


def test_json_output_lists_every_rule_and_every_finding(write: Write, suffolk_text: str) -> None:
    path = write(two_partner_members(suffolk_text))
    result = runner.invoke(app, ["validate", "--format", "json", path])
    assert result.exit_code == 1
    document = parse_json(result.stdout)
    assert document["exit_code"] == 1
    assert document["tool"] == {"name": "icscheck", "version": __version__}
    (file,) = document["files"]
    assert [rule["id"] for rule in file["rules"]] == list(V1)
    failing = {rule["id"] for rule in file["rules"] if rule["status"] == "fail"}
    assert failing == {"BOARD-003", "BOARD-004"}
    board_line = suffolk_text.splitlines().index("  members:") + 1
    assert [(f["rule"], f["line"], f["column"], f["node"]) for f in file["findings"]] == [
        ("BOARD-003", board_line, 3, "/board/members"),
        ("BOARD-004", board_line, 3, "/board/members"),
    ]
    finding = file["findings"][0]
    assert finding["message"] == "the board has 2 partner members; it must have at least 3"
    assert finding["severity"] == "error"
    assert finding["source"] == RULES["BOARD-003"].source
    assert finding["path"] == path


def test_strict_makes_warnings_fail(write: Write, suffolk_text: str) -> None:
    path = write(suffolk_text.replace("  senior_non_executive: ned-people\n", ""))
    assert runner.invoke(app, ["validate", path]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", path])
    assert strict.exit_code == 1
    assert "BOARD-013" in strict.stdout
    assert " ".join(strict.stdout.split()).endswith(
        "✗ 0 errors, 1 warning in 1 file checked, with 28 rules not run: does not meet the guide rails"
    )


@pytest.mark.parametrize(
    "args",
    [["validate"], ["validate", "--format", "xml", "x.yaml"], ["check", "x.yaml"], ["--bogus"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 2


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"icscheck {__version__}\n"


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a user or a CI job would."""
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        # Minimal, as a CI job's, but never without the suite's own cache (conftest.py).
        env=isolated_env(PATH="/usr/bin:/bin", LANG="C.UTF-8", **env),
        check=False,
    )


def test_console_script_compliant_text_report() -> None:
    result = run("validate", str(SUFFOLK))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout  # not a terminal: plain text
    assert "Board composition" in result.stdout
    assert " ".join(result.stdout.split()).endswith(
        "with 28 rules not run: every rule that ran passes"
    )


def test_console_script_json_and_exit_codes(write: Write, suffolk_text: str) -> None:
    failing = write(two_partner_members(suffolk_text), "failing.yaml")
    result = run("validate", "--format", "json", str(SUFFOLK), failing)
    assert result.returncode == 1, result.stderr
    document = parse_json(result.stdout)
    assert [f["summary"] for f in document["files"]] == [
        {"errors": 0, "warnings": 0, "waived": 0, "unconfirmed": 0},
        {"errors": 2, "warnings": 0, "waived": 0, "unconfirmed": 0},
    ]


def test_console_script_never_shows_a_traceback(write: Write) -> None:
    for text in (
        b"\xff\xfe\x00",
        b"- a\n",
        b"icscheck: 1\n\tboard: x\n",
        b"a: !!python/name:os.system\n",
    ):
        result = run("validate", write(text))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith("icscheck: error: ")


def test_standard_input_is_read_for_a_dash(suffolk_text: str) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", "-"], input=suffolk_text)
    assert result.exit_code == 0
    [only] = parse_json(result.stdout)["files"]
    assert (only["path"], only["findings"]) == ("<stdin>", [])
    broken = runner.invoke(app, ["validate", "-"], input="icb: [\n")
    assert broken.exit_code == 2
    assert broken.stderr.startswith("icscheck: error: <stdin>:2:1: invalid YAML")


def test_a_directory_is_expanded_to_its_yaml_files(tmp_path: Path, suffolk_text: str) -> None:
    (tmp_path / "a.yaml").write_text(suffolk_text)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text(two_partner_members(suffolk_text))
    (tmp_path / "notes.txt").write_text("not checked")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.yaml").write_text("not: checked")
    result = runner.invoke(app, ["validate", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    files = parse_json(result.stdout)["files"]
    assert [f["path"] for f in files] == [str(tmp_path / "a.yaml"), str(tmp_path / "sub" / "b.yml")]
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = runner.invoke(app, ["validate", str(empty)])
    assert nothing.exit_code == 2
    assert (
        nothing.stderr == f"icscheck: error: {empty}: is a directory with no .yaml or .yml files\n"
    )


def test_output_writes_the_report_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = runner.invoke(app, ["validate", "-f", "json", "-o", str(target), str(SUFFOLK)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert parse_json(target.read_text(encoding="utf-8"))["exit_code"] == 0
    missing_dir = runner.invoke(
        app, ["validate", "-o", str(tmp_path / "no" / "r.txt"), str(SUFFOLK)]
    )
    assert missing_dir.exit_code == 2
    assert missing_dir.stderr.startswith(
        f"icscheck: error: {tmp_path / 'no' / 'r.txt'}: cannot write"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [([], 1), (["--fail-on", "never"], 0), (["--fail-on", "warning"], 1), (["--strict"], 1)],
)
def test_fail_on_sets_the_threshold(
    write: Write, suffolk_text: str, args: list[str], code: int
) -> None:
    path = write(two_partner_members(suffolk_text))
    assert runner.invoke(app, ["validate", *args, path]).exit_code == code


def test_fail_on_warning_fails_on_a_warning_alone(write: Write, suffolk_text: str) -> None:
    path = write(suffolk_text.replace("  deputy_chair: ned-people\n", ""))
    assert runner.invoke(app, ["validate", path]).exit_code == 0
    assert runner.invoke(app, ["validate", "--fail-on", "warning", path]).exit_code == 1
    both = runner.invoke(app, ["validate", "--fail-on", "never", "--strict", path])
    assert (both.exit_code, both.stdout, both.stderr) == (
        2,
        "",
        "icscheck: error: --strict and --fail-on never contradict each other: --strict fails "
        "on warnings, --fail-on never on nothing; give one\n",
    )


def test_after_a_double_dash_every_argument_is_a_file(tmp_path: Path, suffolk_text: str) -> None:
    """As the pre-commit hook runs it: ``icscheck validate -- FILE...``."""
    named = tmp_path / "--output=report.txt"
    named.write_text(suffolk_text, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--no-cache", "--", str(named)])
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "report.txt").exists()
    stray = runner.invoke(app, ["validate", "--", "--strict", str(named)])
    assert (stray.exit_code, stray.stdout) == (2, "")
    assert stray.stderr.startswith(
        "icscheck: error: --strict: no such file, and it looks like an option: after --,"
    )
