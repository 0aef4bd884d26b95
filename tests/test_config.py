"""Configuration: found by walking up, validated strictly, overridden by flags."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.config import ConfigError, Settings
from icscheck.config_file import find_config, load_settings
from icscheck.finding import Severity
from tests.conftest import RULES, SUFFOLK, run_for
from tests.test_cli import two_partner_members

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose constitution breaks BOARD-003 and BOARD-004 (errors), run from a subfolder."""
    (tmp_path / "governance").mkdir()
    text = two_partner_members(SUFFOLK.read_text(encoding="utf-8"))
    (tmp_path / "governance" / "constitution.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "governance")
    return tmp_path


GATE_OFF = (
    'fail-on = {level = "never", reason = "Transition year", approved-by = "Board", '
    "until = 2099-12-31}\n"
)
"""The gate switched off, accountably."""


def run(*args: str) -> tuple[int, dict[str, object] | None, str]:
    result = runner.invoke(app, ["validate", "--format", "json", *args])
    document = json.loads(result.stdout) if result.stdout.strip() else None
    return result.exit_code, document, result.stderr


def off(rule: str, table: str = "overrides", **change: str) -> str:
    """An accountable override of ``rule``: switched off, or ``severity="warning"``."""
    what = f'severity = "{change["severity"]}"' if change else "ignore = true"
    return (
        f'\n[{table}.{rule}]\n{what}\nreason = "vacancy"\napproved-by = "Board 2026-03-12"\n'
        "until = 2099-12-31\n"
    )


def rules_found(document: dict[str, object] | None) -> list[str]:
    assert document is not None
    files = document["files"]
    assert isinstance(files, list)
    return sorted({f["rule"] for f in files[0]["findings"]})


def test_without_configuration_both_errors_fail(project: Path) -> None:
    code, document, _ = run("constitution.yaml")
    assert (code, rules_found(document)) == (1, ["BOARD-003", "BOARD-004"])


def test_pyproject_is_found_by_walking_up(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.icscheck]\n'
        + off("BOARD-004", "tool.icscheck.overrides")
        + off("BOARD-003", "tool.icscheck.overrides", severity="warning"),
        encoding="utf-8",
    )
    code, document, _ = run("constitution.yaml")
    assert code == 0
    assert rules_found(document) == ["BOARD-003"]
    assert document is not None
    [finding] = document["files"][0]["findings"]  # type: ignore[index]
    assert finding["severity"] == "warning"
    assert "BOARD-004" not in [r["id"] for r in document["files"][0]["rules"]]  # type: ignore[index]


def test_a_dotfile_wins_over_pyproject_in_the_same_directory(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.icscheck]\nignore = ["BOARD"]\n')
    (project / ".icscheck.toml").write_text("strict = true\n" + off("BOARD-004"))
    code, document, _ = run("constitution.yaml")
    assert (code, rules_found(document)) == (1, ["BOARD-003"])
    assert document is not None and document["fail_on"] == "warning"


def test_a_pyproject_without_the_table_is_passed_over(project: Path) -> None:
    (project / "governance" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (project / ".icscheck.toml").write_text(off("BOARD-003") + off("BOARD-004"))
    assert find_config(project / "governance") == project / ".icscheck.toml"
    code, document, _ = run("constitution.yaml")
    assert (code, rules_found(document)) == (0, [])


def test_per_file_ignores_match_paths_relative_to_the_configuration(project: Path) -> None:
    (project / ".icscheck.toml").write_text(
        '[per-file-ignores]\n"governance/*.yaml" = ["BOARD-009"]\n"other/*.yaml" = ["PRIN-001"]\n'
    )
    code, document, _ = run("constitution.yaml")
    assert code == 1 and document is not None
    files: list[dict[str, Any]] = document["files"]  # type: ignore[assignment]
    [result] = files
    assert result["not_run"][-1] == {
        "rule": "BOARD-009",
        "reason": f"per-file-ignores 'governance/*.yaml' in {project / '.icscheck.toml'}:2",
    }
    assert [i["rule"] for i in result["not_run"]].count("BOARD-009") == 1
    assert "PRIN-001" in [r["id"] for r in result["rules"]]


def test_a_per_file_ignore_of_an_error_level_rule_is_a_usage_error(project: Path) -> None:
    (project / ".icscheck.toml").write_text('[per-file-ignores]\n"governance/*.yaml" = ["BOARD"]\n')
    code, document, stderr = run("constitution.yaml")
    assert (code, document) == (2, None)
    assert stderr.startswith(
        f"icscheck: error: {project / '.icscheck.toml'}:2: 'per-file-ignores' "
        "'governance/*.yaml': 'BOARD' switches off BOARD-001, an error-level rule, for the "
        "files it matches: that needs a reason, an approver and an end date; waive the gap"
    )


def test_flags_win_over_the_file(project: Path) -> None:
    (project / ".icscheck.toml").write_text(GATE_OFF + 'format = "text"\nignore = ["BOARD-003"]\n')
    code, document, _ = run("constitution.yaml", "--ignore", "BOARD-004")
    assert code == 0  # the file's fail-on = "never" holds...
    assert rules_found(document) == ["BOARD-003"]  # ...but --ignore replaces its list
    code, _, _ = run("constitution.yaml", "--ignore", "BOARD-004", "--fail-on", "error")
    assert code == 1  # --fail-on error beats fail-on = "never"
    code, _, _ = run("constitution.yaml", "--ignore", "BOARD-004", "--strict")
    assert code == 1


def test_isolated_and_explicit_config(project: Path, tmp_path: Path) -> None:
    (project / ".icscheck.toml").write_text('ignore = ["BOARD"]\n')
    assert rules_found(run("constitution.yaml", "--isolated")[1]) == ["BOARD-003", "BOARD-004"]
    other = project / "strict.toml"
    other.write_text(off("BOARD-003"))
    assert rules_found(run("constitution.yaml", "--config", str(other))[1]) == ["BOARD-004"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["BOARD"]\n', r":1: unknown key 'selct' in \.icscheck\.toml"),
        ('select = ["BORD-001"]\n', r":1: 'select': 'BORD-001' is not a rule ID or rule family"),
        ('\n[severity]\nBOARD-003 = "fatal"\n', r":3: 'severity': BOARD-003 = 'fatal'; expected"),
        ('\n\n[severity]\nBOARD-999 = "error"\n', r":4: 'severity': 'BOARD-999' is not a rule ID"),
        (
            'fail-on = "sometimes"\n',
            r":1: 'fail-on' = 'sometimes'; expected one of: error, warning, never",
        ),
        ('format = "pdf"\n', r":1: 'format' = 'pdf'; expected one of: text, concise, json"),
        ('strict = "yes"\n', r":1: 'strict' must be true or false"),
        ('max-file-size = "huge"\n', r":1: 'max-file-size': 'huge' is not a size"),
        ("select = ]\n", r": invalid TOML: .*\(at line 1, column 10\)"),
    ],
)
def test_a_bad_configuration_is_a_usage_error_naming_key_file_and_line(
    project: Path, text: str, message: str
) -> None:
    path = project / ".icscheck.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        # Rule IDs are checked when the run is prepared, once every house rule is known.
        run_for(load_settings(path))
    code, document, stderr = run("constitution.yaml")
    assert code == 2 and document is None
    assert stderr.startswith(f"icscheck: error: {path}")
    assert len(stderr.splitlines()) == 1


def test_a_missing_explicit_config_is_a_usage_error(project: Path) -> None:
    code, _, stderr = run("constitution.yaml", "--config", "nowhere.toml")
    assert code == 2
    # Named in full: where it was looked for, as a file found by walking up is named.
    missing = project / "governance" / "nowhere.toml"
    assert stderr == f"icscheck: error: {missing}: no such configuration file\n"


def test_a_relative_config_is_named_in_full_wherever_it_is_named(project: Path) -> None:
    (project / "settings").mkdir()
    (project / "settings" / "gate.toml").write_text('ignore = ["BOARD-009"]\n')
    result = runner.invoke(app, ["config", "--config", "../settings/./gate.toml"])
    assert result.exit_code == 0
    gate = project / "settings" / "gate.toml"
    lines = result.stdout.splitlines()
    assert lines[0] == f"Configuration read: {gate}"
    assert f'ignore         ["BOARD-009"]  ({gate}:1)' in lines
    assert lines[-1] == f"Switched off: BOARD-009: ignore BOARD-009 in {gate}:1"


@pytest.mark.parametrize(
    ("flags", "source"),
    [(["--strict"], "--strict"), (["--strict", "--fail-on", "error"], "--fail-on")],
)
def test_config_names_the_flag_that_set_fail_on(
    project: Path, flags: list[str], source: str
) -> None:
    result = runner.invoke(app, ["config", "--isolated", *flags], env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    value = "warning" if source == "--strict" else "error"
    assert f'fail-on        "{value}"  ({source})' in result.stdout.splitlines()


def test_the_run_applies_overrides_to_rule_copies() -> None:
    settings = Settings(severity={"BOARD-003": Severity.WARNING}, select=("BOARD",), cache=False)
    rules = [checker.rule for checker in run_for(settings).checkers_for("x.yaml")]
    assert [r.id for r in rules][:3] == ["BOARD-001", "BOARD-002", "BOARD-003"]
    assert all(r.id.startswith("BOARD-") for r in rules)
    assert rules[2].severity is Severity.WARNING
    assert rules[2].default_severity is Severity.ERROR
    assert RULES["BOARD-003"].severity is Severity.ERROR  # the registry's rule is untouched


def test_a_rule_id_typed_on_the_command_line_is_named_with_its_flag(project: Path) -> None:
    code, document, stderr = run("constitution.yaml", "--select", "BOARD,BORD-003")
    assert (code, document) == (2, None)
    assert (
        stderr
        == "icscheck: error: --select: 'BORD-003' is not a rule ID or rule family; did you mean BOARD-003, BOARD-001, BOARD-002?\n"
    )


def test_extend_reads_the_baseline_first_and_this_file_wins(project: Path) -> None:
    (project / "region").mkdir()
    (project / "region" / "baseline.toml").write_text(
        GATE_OFF + off("BOARD-004") + off("BOARD-003", severity="warning")
    )
    (project / ".icscheck.toml").write_text(
        'extend = "region/baseline.toml"\nfail-on = "warning"\n'
    )
    code, document, _ = run("constitution.yaml")
    assert rules_found(document) == ["BOARD-003"]  # the baseline's ignore and severity hold
    assert code == 1  # this file's fail-on beats the baseline's
    settings = load_settings(project / ".icscheck.toml")
    assert settings.files == (project / "region" / "baseline.toml", project / ".icscheck.toml")
    assert [o.origin for o in settings.overrides] == [
        f"{project / 'region' / 'baseline.toml'}:{line}" for line in (3, 9)
    ]
    assert settings.origins["fail_on"] == f"{project / '.icscheck.toml'}:2"


def test_extend_in_a_circle_or_to_nowhere_is_a_usage_error(project: Path) -> None:
    (project / "a.toml").write_text('extend = "b.toml"\n')
    (project / "b.toml").write_text('extend = "a.toml"\n')
    with pytest.raises(ConfigError, match=r"'extend' goes round in a circle"):
        load_settings(project / "a.toml")
    (project / ".icscheck.toml").write_text('\nextend = "nowhere.toml"\n')
    code, _, stderr = run("constitution.yaml")
    assert code == 2
    assert stderr.startswith(
        f"icscheck: error: {project / '.icscheck.toml'}:2: 'extend' = 'nowhere.toml': "
        "no such configuration file"
    )


def test_every_format_the_configuration_accepts_has_a_reporter() -> None:
    from icscheck.config import FORMATS
    from icscheck.reporters import REPORTERS

    assert list(FORMATS) == list(REPORTERS)


@pytest.mark.parametrize("git", ["folder", "file"])
def test_discovery_stops_at_the_repository_root(project: Path, git: str) -> None:
    """A settings file above the checkout (a runner's workspace) cannot turn the gate off."""
    repository = project / "governance"
    if git == "folder":
        (repository / ".git").mkdir()
    else:  # a worktree or submodule: .git is a file naming the real one
        (repository / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    (project / ".icscheck.toml").write_text(GATE_OFF, encoding="utf-8")
    assert find_config(repository) is None
    code, document, _ = run("constitution.yaml")
    assert (code, rules_found(document)) == (1, ["BOARD-003", "BOARD-004"])
    (repository / ".icscheck.toml").write_text(off("BOARD-004"), encoding="utf-8")
    assert find_config(repository) == repository / ".icscheck.toml"
    assert run("constitution.yaml")[0] == 1  # the repository's own file is read
