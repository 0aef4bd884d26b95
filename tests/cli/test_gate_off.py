"""``fail-on = "never"``: switching the gate off is accountable, and every report says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.conftest import SUFFOLK
from tests.test_cli import two_partner_members

runner = CliRunner()
ACCOUNTABLE = (
    'fail-on = {level = "never", reason = "Transition year", approved-by = "Board 2026-11-05, '
    'minute 12", until = 2027-03-31}\n'
)
# A configuration file is named in full wherever it was found (``{config}``, filled in by
# ``full``), while a CI annotation is located at it from the repository root.
DETAIL = (
    'no finding fails the run: fail-on = "never" in {config}:1; reason: '
    "Transition year; approved by: Board 2026-11-05, minute 12; until: 2027-03-31"
)
GATE_OFF = f"Gate off: {DETAIL}"
ESCAPED_DETAIL = DETAIL.replace('"', "&quot;")
ESCAPED_GATE_OFF = GATE_OFF.replace('"', "&quot;")
VERDICT = (
    "✗ 2 errors, 0 warnings in 1 file checked, with 28 rules not run: does not meet the guide rails"
)


@pytest.fixture(autouse=True)
def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A constitution with two errors (BOARD-003 and BOARD-004), in a repository."""
    (tmp_path / ".git").mkdir()
    text = two_partner_members(SUFFOLK.read_text(encoding="utf-8"))
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def full(text: str) -> str:
    """``text`` with the configuration file's full name in place of ``{config}``."""
    return text.replace("{config}", str(Path.cwd() / ".icscheck.toml"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["validate", "--no-cache", *args], env={"COLUMNS": "400", "NO_COLOR": "1"}
    )
    return result.exit_code, result.stdout, result.stderr


def concise(*args: str) -> tuple[int, list[str]]:
    code, out, _ = invoke("-f", "concise", "--config", ".icscheck.toml", *args, "c.yaml")
    return code, [line for line in out.splitlines() if not line.startswith("c.yaml:")]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'fail-on = "never"\n',
            ".icscheck.toml:1: 'fail-on' = \"never\" switches the gate off: that needs a "
            "reason, an approver and an end date, as a waiver does; write fail-on = {level = "
            '"never", reason = "...", approved-by = "...", until = YYYY-MM-DD} '
            "(docs/configuration.md)",
        ),
        (
            'fail-on = {level = "never", reason = "Transition year", approved-by = "Board"}\n',
            ".icscheck.toml:1: 'fail-on' needs until: switching the gate off in configuration "
            "needs a reason, an approver and an end date, as a waiver does "
            "(docs/configuration.md)",
        ),
        (
            "strict = true\n" + ACCOUNTABLE,
            ".icscheck.toml:2: 'fail-on' = \"never\" and strict = true contradict each other: "
            "leave one out",
        ),
        (
            'fail-on = {level = "never", approver = "Board"}\n',
            ".icscheck.toml:1: 'fail-on' has an unknown key 'approver' (expected one of: "
            "level, reason, approved-by, until)",
        ),
    ],
    ids=["no accountability", "no end date", "strict too", "unknown key"],
)
def test_switching_the_gate_off_without_accountability_is_a_usage_error(
    toml: str, message: str
) -> None:
    Path(".icscheck.toml").write_text(toml, encoding="utf-8")
    # Found by walking up, the file is named in full.
    assert invoke("c.yaml") == (2, "", f"icscheck: error: {Path.cwd() / message}\n")


def test_strict_and_fail_on_never_on_the_command_line_is_a_usage_error() -> None:
    assert invoke("--isolated", "--strict", "--fail-on", "never", "c.yaml") == (
        2,
        "",
        "icscheck: error: --strict and --fail-on never contradict each other: --strict fails "
        "on warnings, --fail-on never on nothing; give one\n",
    )


def test_an_accountable_gate_off_passes_and_says_who_agreed_it() -> None:
    Path(".icscheck.toml").write_text(ACCOUNTABLE, encoding="utf-8")
    assert concise("--date", "2027-03-31") == (
        0,
        [
            full(f"settings: {GATE_OFF}"),
            full("settings: Configuration read: {config}"),
            VERDICT,
        ],
    )


def test_after_its_end_date_the_gate_fails_on_errors_again() -> None:
    Path(".icscheck.toml").write_text(ACCOUNTABLE, encoding="utf-8")
    lapsed = full(
        'fail-on = "never" in {config}:1 lapsed on 2027-03-31 '
        "(approved by Board 2026-11-05, minute 12); the run fails on errors"
    )
    code, out, _ = invoke(
        "-f", "concise", "--config", ".icscheck.toml", "--date", "2027-04-01", "c.yaml"
    )
    assert code == 1
    # As a lapsed override does, the lapsed gate is a WAIVE-002 error on every file.
    assert f"c.yaml:1:1: WAIVE-002 error the configuration's {lapsed}" in out.splitlines()
    assert out.splitlines()[-3:] == [
        f"settings: Lapsed: {lapsed}",
        full("settings: Configuration read: {config}"),
        VERDICT.replace("2 errors", "3 errors"),
    ]


def test_the_command_line_gate_off_is_named_too() -> None:
    code, out, _ = invoke("--isolated", "--fail-on", "never", "-f", "concise", "c.yaml")
    assert (code, out.splitlines()[-3:]) == (
        0,
        [
            "settings: Gate off: no finding fails the run: --fail-on never",
            "settings: Configuration read: none",
            VERDICT,
        ],
    )


def test_strict_on_the_command_line_wins_over_a_files_gate_off() -> None:
    """The stricter gate needs no approver; the report no longer says the gate is off."""
    Path(".icscheck.toml").write_text(ACCOUNTABLE, encoding="utf-8")
    assert concise("--strict", "--date", "2027-03-31") == (
        1,
        [full("settings: Configuration read: {config}"), VERDICT],
    )


def test_json_names_the_gate_off_with_its_accountability() -> None:
    Path(".icscheck.toml").write_text(ACCOUNTABLE, encoding="utf-8")
    code, out, _ = invoke(
        "-f", "json", "--config", ".icscheck.toml", "--date", "2027-03-31", "c.yaml"
    )
    assert code == 0
    assert json.loads(out)["settings"]["gate_off"] == {
        "lapsed": False,
        "source": full("{config}:1"),
        "file": full("{config}"),
        "line": 1,
        "reason": "Transition year",
        "approved_by": "Board 2026-11-05, minute 12",
        "until": "2027-03-31",
    }


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("text", GATE_OFF),
        ("markdown", f"- **Gate off**: {DETAIL}\n"),
        ("html", f"<li><strong>Gate off</strong>: {ESCAPED_DETAIL}</li>"),
        ("junit", f'value="{ESCAPED_GATE_OFF}"'),
        ("github", f"::notice file=.icscheck.toml,line=1,title=icscheck settings::{GATE_OFF}\n"),
        ("gitlab", json.dumps(f"icscheck settings: {GATE_OFF}")),
        ("sarif", f'"text": {json.dumps(DETAIL)}'),
    ],
)
def test_every_report_names_the_gate_off(name: str, shown: str) -> None:
    Path(".icscheck.toml").write_text(ACCOUNTABLE, encoding="utf-8")
    code, out, _ = invoke(
        "-f", name, "--config", ".icscheck.toml", "--date", "2027-03-31", "c.yaml"
    )
    assert code == 0
    assert full(shown) in out
