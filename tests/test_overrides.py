"""Every override is on the report (issue 12): in every format, with its file and line.

One project: a constitution that breaks BOARD-003 and BOARD-004 (both error-level),
an ``.icscheck.toml`` that softens BOARD-003 with an accountable override (line 4)
and ignores BOARD-009 (a warning) for the governance folder (line 2), and
``--ignore BOARD-004`` on the command line. Each format is asserted exactly where it
speaks of configuration; a lapsed override and a softening without an approver too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.conftest import RULES, SUFFOLK
from tests.test_cli import two_partner_members

runner = CliRunner()

CONFIG = """[per-file-ignores]
"governance/*.yaml" = ["BOARD-009"]

[overrides.BOARD-003]
severity = "warning"
reason = "Vacancy while the partner member is appointed"
approved-by = "Board 2026-03-12, minute 7"
until = 2026-12-31
"""
IN_DATE, LAPSED = "2026-06-01", "2027-01-01"
ACCOUNTABLE = (
    "reason: Vacancy while the partner member is appointed; "
    "approved by: Board 2026-03-12, minute 7; until: 2026-12-31"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project above, as a git checkout (discovery stops at its root)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "governance").mkdir()
    text = two_partner_members(SUFFOLK.read_text(encoding="utf-8"))
    (tmp_path / "governance" / "constitution.yaml").write_text(text, encoding="utf-8")
    (tmp_path / ".icscheck.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(
    *args: str, date: str = IN_DATE, ignore: str | None = "BOARD-004"
) -> tuple[int, str, str]:
    flags = ["--ignore", ignore] if ignore else []
    result = runner.invoke(
        app,
        ["validate", "--no-cache", "--date", date, *flags, *args],
        env={"COLUMNS": "400", "NO_COLOR": "1"},
    )
    return result.exit_code, result.stdout, result.stderr


def settings_lines(project: Path) -> list[str]:
    config = project / ".icscheck.toml"
    return [
        "Switched off: BOARD-004: --ignore BOARD-004",
        "Switched off in some files: BOARD-009: per-file-ignores 'governance/*.yaml' = "
        f"BOARD-009 in {config}:2",
        f"Severity: BOARD-003: error to warning by override BOARD-003 in {config}:4; "
        + ACCOUNTABLE,
        f"Configuration read: {config}",
    ]


VERDICT = (
    "⚠ 0 errors, 1 warning in 1 file checked, with 2 rules switched off, 1 severity "
    "changed and 28 rules not run: meets the statutory minimum (only as configured: error-level rules switched "
    "off or softened)"
)


def test_text_says_it_in_the_verdict_and_lists_each_change_with_file_and_line(
    project: Path,
) -> None:
    code, out, _ = validate("governance/constitution.yaml")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Settings")
    assert lines[start:] == [
        "Settings",
        *(f"  {line}" for line in settings_lines(project)),
        "",
        VERDICT,
    ]
    # The file's own section names what its per-file ignore left out, and why.
    assert (
        "Not run: BOARD-009 (1 rule). Why: per-file-ignores 'governance/*.yaml' in "
        f"{project / '.icscheck.toml'}:2."
    ) in lines


def test_concise_and_quiet(project: Path) -> None:
    code, out, _ = validate("-f", "concise", "governance/constitution.yaml")
    assert code == 0
    assert out.splitlines()[-5:] == [
        *(f"settings: {line}" for line in settings_lines(project)),
        VERDICT,
    ]
    code, out, err = validate("-q", "governance/constitution.yaml")
    assert (code, out) == (0, VERDICT + "\n")
    assert err.splitlines() == [f"settings: {line}" for line in settings_lines(project)]


def test_markdown(project: Path) -> None:
    code, out, _ = validate("-f", "markdown", "governance/constitution.yaml")
    assert code == 0
    lines = out.splitlines()
    assert lines[2] == f"**{VERDICT}**"
    start = lines.index("## Settings")
    config = project / ".icscheck.toml"
    assert lines[start : start + 7] == [
        "## Settings",
        "",
        "- **Switched off**: BOARD-004: --ignore BOARD-004",
        "- **Switched off in some files**: BOARD-009: per-file-ignores 'governance/\\*.yaml' = "
        f"BOARD-009 in {config}:2",
        f"- **Severity**: BOARD-003: error to warning by override BOARD-003 in {config}:4; "
        + ACCOUNTABLE,
        f"- **Configuration read**: {config}",
        "",
    ]
    # The file's verdict counts them too.
    assert (
        "**⚠ 0 errors, 1 warning, with 2 rules switched off, 1 severity changed and 28 rules not run: meets the "
        "statutory minimum (only as configured: error-level rules switched off or softened)**"
    ) in lines


def test_html(project: Path) -> None:
    code, out, _ = validate("-f", "html", "governance/constitution.yaml")
    assert code == 0
    config = project / ".icscheck.toml"
    assert f'<p class="verdict warning" id="verdict">{VERDICT}</p>' in out
    section = out[out.index('<section class="settings"') : out.index("</section>") + 10]
    assert section.splitlines() == [
        '<section class="settings" aria-labelledby="settings-title">',
        '<h2 id="settings-title">Settings</h2>',
        '<ul class="settings">',
        "<li><strong>Switched off</strong>: BOARD-004: --ignore BOARD-004</li>",
        "<li><strong>Switched off in some files</strong>: BOARD-009: per-file-ignores "
        f"&#x27;governance/*.yaml&#x27; = BOARD-009 in {config}:2</li>",
        "<li><strong>Severity</strong>: BOARD-003: error to warning by override BOARD-003 in "
        f"{config}:4; " + ACCOUNTABLE + "</li>",
        f"<li><strong>Configuration read</strong>: {config}</li>",
        "</ul>",
        "</section>",
    ]


def test_json_settings_block(project: Path) -> None:
    code, out, _ = validate("-f", "json", "governance/constitution.yaml")
    assert code == 0
    document = json.loads(out)
    config = str(project / ".icscheck.toml")
    assert document["settings"] == {
        "version": 1,
        "files": [config],
        "not_run": [
            {
                "rule": "BOARD-004",
                "why": "ignore",
                "selector": "BOARD-004",
                "source": "--ignore",
                "file": None,
                "line": None,
                "reason": None,
                "approved_by": None,
                "until": None,
            }
        ],
        "per_file_ignores": [
            {
                "rule": "BOARD-009",
                "files": "governance/*.yaml",
                "selector": "BOARD-009",
                "source": f"{config}:2",
                "file": config,
                "line": 2,
            }
        ],
        "severity": [
            {
                "rule": "BOARD-003",
                "from": "error",
                "to": "warning",
                "selector": "BOARD-003",
                "source": f"{config}:4",
                "file": config,
                "line": 4,
                "reason": "Vacancy while the partner member is appointed",
                "approved_by": "Board 2026-03-12, minute 7",
                "until": "2026-12-31",
            }
        ],
        "lapsed": [],
        "statutory": ["BOARD-003", "BOARD-004"],
        "gate_off": None,
    }
    [result] = document["files"]
    assert result["not_run"][-1] == {
        "rule": "BOARD-009",
        "reason": f"per-file-ignores 'governance/*.yaml' in {config}:2",
    }
    [finding] = result["findings"]
    assert (finding["rule"], finding["severity"]) == ("BOARD-003", "warning")


def test_a_lapsed_override_runs_the_rule_at_error_with_a_finding(project: Path) -> None:
    code, out, _ = validate("-f", "json", "governance/constitution.yaml", date=LAPSED)
    assert code == 1
    document: dict[str, Any] = json.loads(out)
    config = str(project / ".icscheck.toml")
    findings = [(f["rule"], f["severity"], f["line"]) for f in document["files"][0]["findings"]]
    assert findings[0] == ("WAIVE-002", "error", 1)
    assert ("BOARD-003", "error") in [(rule, severity) for rule, severity, _ in findings]
    assert document["files"][0]["findings"][0]["message"] == (
        f"the configuration override of BOARD-003 (severity warning) at {config}:4 lapsed on "
        "2026-12-31 (approved by Board 2026-03-12, minute 7); BOARD-003 runs at its own "
        "severity again"
    )
    assert document["settings"]["severity"] == []
    assert document["settings"]["lapsed"] == [
        {
            "rule": "BOARD-003",
            "selector": "BOARD-003",
            "severity": "warning",
            "source": f"{config}:4",
            "file": config,
            "line": 4,
            "reason": "Vacancy while the partner member is appointed",
            "approved_by": "Board 2026-03-12, minute 7",
            "until": "2026-12-31",
        }
    ]
    code, out, _ = validate("governance/constitution.yaml", date=LAPSED)
    assert code == 1
    assert (
        f"  Lapsed: BOARD-003: override BOARD-003 (severity warning) in {config}:4 lapsed on "
        "2026-12-31 (approved by Board 2026-03-12, minute 7); BOARD-003 runs at its own severity"
    ) in out.splitlines()
    assert out.splitlines()[-1] == (
        "✗ 2 errors, 0 warnings in 1 file checked, with 2 rules switched off and 28 rules not "
        "run: does not meet "
        "the guide rails"
    )


def test_softening_an_error_level_rule_without_accountability_is_exit_2(project: Path) -> None:
    config = project / ".icscheck.toml"
    config.write_text('fail-on = "error"\nseverity = { BOARD-003 = "warning" }\n')
    code, out, err = validate("governance/constitution.yaml")
    assert (code, out) == (2, "")
    assert err == (
        f"icscheck: error: {config}:2: 'severity': BOARD-003 = 'warning' softens an "
        "error-level rule: that needs a reason, an approver and an end date; give them in a "
        "[overrides.BOARD-003] table with severity, reason, approved-by and until "
        "(docs/configuration.md)\n"
    )
    config.write_text(CONFIG.replace('approved-by = "Board 2026-03-12, minute 7"\n', ""))
    code, out, err = validate("governance/constitution.yaml")
    assert (code, out) == (2, "")
    assert err == (
        f"icscheck: error: {config}:4: [overrides.BOARD-003] needs approved-by: switching a "
        "rule off or changing its severity in configuration needs a reason, an approver and "
        "an end date, as a waiver does (docs/configuration.md)\n"
    )


def test_ignoring_an_error_level_rule_in_configuration_needs_an_override(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    (project / ".icscheck.toml").unlink()
    pyproject.write_text('[project]\nname = "x"\n\n[tool.icscheck]\nignore = ["BOARD"]\n')
    code, _, err = validate("governance/constitution.yaml", ignore=None)
    assert code == 2
    assert err == (
        f"icscheck: error: {pyproject}:5: 'ignore' 'BOARD' switches off BOARD-001, an "
        "error-level rule: switching it off needs a reason, an approver and an end date; give "
        "them in a [tool.icscheck.overrides.BOARD] table with ignore = true, reason, "
        "approved-by and until (docs/configuration.md), or --ignore BOARD-001 on the command "
        "line for one run\n"
    )
    pyproject.write_text(
        '[tool.icscheck]\nselect = ["BOARD"]\n\n[tool.icscheck.overrides.COMM]\nignore = true\n'
        'reason = "r"\napproved-by = "a"\nuntil = 2099-01-01\n'
    )
    code, _, err = validate("governance/constitution.yaml", ignore=None)
    assert code == 2
    assert err.startswith(
        f"icscheck: error: {pyproject}:2: 'select' = ['BOARD'] leaves out FMT-001, an "
        "error-level rule"
    )


def test_the_command_line_needs_no_approver_and_says_it_did_it(project: Path) -> None:
    (project / ".icscheck.toml").unlink()
    code, out, _ = validate("-q", "governance/constitution.yaml", ignore="BOARD")
    assert code == 0
    assert out == (
        "✓ 0 errors, 0 warnings in 1 file checked, with 18 rules switched off and 25 rules not "
        "run: every rule that "
        "ran passes (only as configured: error-level rules switched off or softened)\n"
    )


def test_config_prints_each_setting_with_where_it_came_from(project: Path) -> None:
    config = project / ".icscheck.toml"
    result = runner.invoke(
        app, ["config", "--date", IN_DATE, "--ignore", "BOARD-004"], env={"NO_COLOR": "1"}
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"Configuration read: {config}",
        f"As on: {IN_DATE}",
        "",
        "select                                every rule  (default)",
        'ignore                                ["BOARD-004"]  (--ignore)',
        f'per-file-ignores."governance/*.yaml"  ["BOARD-009"]  ({config}:2)',
        f'overrides.BOARD-003                   severity = "warning"; {ACCOUNTABLE}  ({config}:4)',
        "rules-dir                             []  (default)",
        'fail-on                               "error"  (default)',
        'format                                "text"  (default)',
        "max-file-size                         10 MiB  (default)",
        "cache                                 on, except in CI  (default)",
        "cache-dir                             ICSCHECK_CACHE_DIR, else the user cache folder  "
        "(default)",
        "cache-max-age                         30 days  (default)",
        "",
        f"Rules in force: {len(RULES) - 1} of {len(RULES)}",
        *settings_lines(project)[:-1],
    ]


def test_config_as_json_and_with_a_lapsed_override(project: Path) -> None:
    config = str(project / ".icscheck.toml")
    result = runner.invoke(app, ["config", "-f", "json", "--date", LAPSED])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["version"], document["checked_on"], document["files"]) == (
        1,
        LAPSED,
        [config],
    )
    assert document["settings"][3] == {
        "key": "overrides.BOARD-003",
        "value": f'severity = "warning"; {ACCOUNTABLE}',
        "source": f"{config}:4",
    }
    assert "BOARD-003" in document["rules_in_force"]
    assert [item["rule"] for item in document["configured"]["lapsed"]] == ["BOARD-003"]
    assert document["configured"]["severity"] == []


def test_config_refuses_what_validate_refuses(project: Path) -> None:
    config = project / ".icscheck.toml"
    config.write_text('severity = { BOARD-003 = "warning" }\n')
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"icscheck: error: {config}:1: 'severity': BOARD-003 = 'warning' softens an error-level rule"
    )


def test_sarif_rule_configuration_overrides_and_notifications(project: Path) -> None:
    from tests.reporters.test_sarif import parse

    code, out, _ = validate("-f", "sarif", "governance/constitution.yaml")
    assert code == 0
    config = str(project / ".icscheck.toml")
    run = parse(out)["runs"][0]
    index = [rule["id"] for rule in run["tool"]["driver"]["rules"]].index("BOARD-003")
    [invocation] = run["invocations"]
    assert invocation["ruleConfigurationOverrides"] == [
        {
            "descriptor": {"id": "BOARD-004"},
            "configuration": {"enabled": False},
            "properties": {
                "description": "--ignore BOARD-004",
                "source": "--ignore",
                "file": None,
                "line": None,
            },
        },
        {
            "descriptor": {"id": "BOARD-003", "index": index},
            "configuration": {"level": "warning"},
            "properties": {
                "description": f"error to warning by override BOARD-003 in {config}:4; "
                + ACCOUNTABLE,
                "source": f"{config}:4",
                "file": config,
                "line": 4,
                "reason": "Vacancy while the partner member is appointed",
                "approvedBy": "Board 2026-03-12, minute 7",
                "until": "2026-12-31",
            },
        },
    ]
    assert invocation["toolConfigurationNotifications"] == [
        {
            "level": "note",
            "message": {"text": "BOARD-004 not run: --ignore BOARD-004"},
            "associatedRule": {"id": "BOARD-004"},
        },
        {
            "level": "note",
            "message": {
                "text": "BOARD-009 not run on some files: per-file-ignores "
                f"'governance/*.yaml' = BOARD-009 in {config}:2"
            },
            "associatedRule": {"id": "BOARD-009"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": ".icscheck.toml", "uriBaseId": "SRCROOT"},
                        "region": {"startLine": 2},
                    }
                }
            ],
        },
    ]
    assert invocation["executionSuccessful"] is True
    [result] = run["results"]
    assert (result["ruleId"], result["level"]) == ("BOARD-003", "warning")


def test_junit_settings_properties(project: Path) -> None:
    from tests.reporters.test_junit import parse

    code, out, _ = validate("-f", "junit", "governance/constitution.yaml")
    assert code == 0
    suite = parse(out).find("testsuite")  # valid against the JUnit XSD
    assert suite is not None
    values = [p.get("value") for p in suite.iter("property") if p.get("name") == "settings"]
    assert values == settings_lines(project)


def test_gitlab_info_issues_at_the_configuration_line(project: Path) -> None:
    code, out, _ = validate("-f", "gitlab", "governance/constitution.yaml")
    assert code == 0
    # Named from the repository root, as GitLab matches paths.
    issues = [i for i in json.loads(out) if i["check_name"] == "icscheck-settings"]
    assert [(i["description"], i["severity"], i["location"]) for i in issues] == [
        (
            "icscheck settings: Switched off: BOARD-004: --ignore BOARD-004",
            "info",
            {"path": "governance/constitution.yaml", "lines": {"begin": 1}},
        ),
        (
            f"icscheck settings: {settings_lines(project)[1]}",
            "info",
            {"path": ".icscheck.toml", "lines": {"begin": 2}},
        ),
        (
            f"icscheck settings: {settings_lines(project)[2]}",
            "info",
            {"path": ".icscheck.toml", "lines": {"begin": 4}},
        ),
    ]
    assert len({i["fingerprint"] for i in issues}) == 3


def test_github_notices_at_the_configuration_line(project: Path) -> None:
    code, out, _ = validate("-f", "github", "governance/constitution.yaml")
    assert code == 0
    lines = settings_lines(project)
    # Named from the repository root (here the working directory), as Actions places it;
    # first of the notices, so the cap on annotations never drops them.
    notices = [line for line in out.splitlines() if line.startswith("::notice")]
    assert notices[:3] == [
        f"::notice title=icscheck settings::{lines[0]}",
        f"::notice file=.icscheck.toml,line=2,title=icscheck settings::{lines[1]}",
        f"::notice file=.icscheck.toml,line=4,title=icscheck settings::{lines[2]}",
    ]


def test_a_lapsed_override_of_a_rule_a_flag_switched_off_is_not_said_to_run(
    project: Path,
) -> None:
    code, out, _ = validate(
        "-f", "json", "governance/constitution.yaml", date=LAPSED, ignore="BOARD"
    )
    assert code == 0
    document = json.loads(out)
    assert document["settings"]["lapsed"] == []
    assert [f["rule"] for f in document["files"][0]["findings"]] == []
