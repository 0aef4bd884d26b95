"""Batch-friendly output: ``--format concise``, ``-q``, ``--statistics`` and
``--only-constitutions``, as a CI log or a hook shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.conftest import NOT_RUN_V1, ROOT, SUFFOLK

runner = CliRunner()
CONFLICTED = "sample_constitutions/non_compliant/conflicted-committee-chairs.yaml"
BROKEN = "sample_constitutions/non_compliant/broken-yaml.yaml"
WORKFLOW = "on: [push]\njobs:\n  test: {runs-on: ubuntu-latest}\n"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["validate", "--no-cache", *args], env={"COLUMNS": "80", "NO_COLOR": "1"}
    )
    return result.exit_code, result.stdout, result.stderr


def test_concise_is_one_line_per_gap_errors_first_then_the_verdict() -> None:
    code, out, err = invoke("-f", "concise", CONFLICTED)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{CONFLICTED}:142:5: COMM-004 error the remuneration committee is chaired by 'ceo', "
        "the chief executive; it must be a non-executive member",
        f"{CONFLICTED}:143:15: COMM-006 error 'ceo', the chief executive, is an employee of the "
        "ICB and a member of the remuneration committee 'remuneration'",
        f"{CONFLICTED}:123:3: BOARD-011 warning the deputy chair 'pm-trusts' is the partner "
        "member, not a non-executive member",
        f"{CONFLICTED}:124:3: BOARD-013 warning the senior non-executive member 'icb-chair' is "
        "the chair, not a non-executive member",
        f"{CONFLICTED}:135:5: COMM-009 warning the audit committee is chaired by 'icb-chair', "
        "the ICB chair; boards give the role to a non-executive member other than the chair",
        "✗ 2 errors, 3 warnings in 1 file checked: does not meet the guide rails",
    ]


def test_concise_names_a_broken_file_on_its_own_line() -> None:
    """In the line's own shape, path:line:col: RULE severity message, as a problem matcher
    reads it; a missing file is placed at 1:1, as ruff places E902."""
    code, out, err = invoke("-f", "concise", str(SUFFOLK), BROKEN, "gone.yaml")
    assert code == 2
    assert out.splitlines()[1:3] == [  # after the version-1 sample's rules not run
        f"{BROKEN}:78:6: icscheck/unreadable error invalid YAML: while parsing a block "
        "collection: did not find expected '-' indicator",
        "gone.yaml:1:1: icscheck/unreadable error no such file",
    ]
    assert err.startswith(f"icscheck: error: {BROKEN}:78:6: invalid YAML: ")


def test_quiet_prints_the_verdict_only_and_keeps_the_exit_code() -> None:
    assert invoke("-q", CONFLICTED) == (
        1,
        "✗ 2 errors, 3 warnings in 1 file checked: does not meet the guide rails\n",
        "",
    )
    assert invoke("-q", str(SUFFOLK)) == (
        0,
        "✓ 0 errors, 0 warnings in 1 file checked, with 28 rules not run: every rule that ran passes\n",
        "",
    )


def test_quiet_still_writes_the_report_file(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    code, out, _ = invoke("-q", "-f", "json", "-o", str(report), CONFLICTED)
    assert code == 1 and out.startswith("✗ 2 errors")
    assert '"COMM-004"' in report.read_text(encoding="utf-8")


def test_statistics_counts_gaps_per_rule_and_files_per_verdict() -> None:
    code, out, _ = invoke("--statistics", CONFLICTED, str(SUFFOLK))
    assert code == 1
    assert out.splitlines() == [
        "Gaps by rule:",
        "     1  COMM-004   error    The remuneration committee is chaired by a non-executive "
        "member other than the ICB chair and the audit committee chair.",
        "     1  COMM-006   error    No employee of the ICB is a member of the remuneration "
        "committee.",
        "     1  BOARD-011  warning  A deputy chair is named, is a non-executive member and does "
        "not chair the audit committee.",
        "     1  BOARD-013  warning  A senior non-executive member is named and is a "
        "non-executive member.",
        "     1  COMM-009   warning  The ICB chair does not chair the audit committee.",
        "",
        "Files by verdict:",
        "     1  does not meet the guide rails",
        "     1  every rule that ran passes",
        "✗ 2 errors, 3 warnings in 2 files checked, with 28 rules not run: does not meet the guide rails",
    ]


def test_only_constitutions_skips_other_yaml_with_one_line(tmp_path: Path) -> None:
    workflow = tmp_path / "ci.yml"
    workflow.write_text(WORKFLOW, encoding="utf-8")
    # Only the workflow: its one line, and no verdict on nothing.
    for name in ("concise", "text"):
        assert invoke("--only-constitutions", "-f", name, str(workflow)) == (
            0,
            "",
            f"icscheck: {workflow}: not an icscheck constitution: skipped\n",
        )
    code, out, err = invoke("--only-constitutions", "-f", "concise", str(workflow), str(SUFFOLK))
    assert code == 0
    assert err == f"icscheck: {workflow}: not an icscheck constitution: skipped\n"
    assert out == (
        f"{SUFFOLK}: {NOT_RUN_V1}\n"
        "✓ 0 errors, 0 warnings in 1 file checked, with 28 rules not run: every rule that ran "
        "passes\n"
    )
    # Without it, the workflow is checked as the constitution it is not.
    assert invoke("-f", "concise", str(workflow))[0] == 1


def test_only_constitutions_still_checks_a_misspelt_version_key(tmp_path: Path) -> None:
    typo = tmp_path / "board.yaml"
    text = SUFFOLK.read_text(encoding="utf-8").replace("icscheck: 1", "icsheck: 1", 1)
    typo.write_text(text, encoding="utf-8")
    code, out, err = invoke("--only-constitutions", "-f", "concise", str(typo))
    assert (code, err) == (1, "")
    assert f"{typo}:4:1: FMT-001 error missing required field 'icscheck' in the top level" in out


def test_several_formats_in_one_run(tmp_path: Path) -> None:
    sarif = tmp_path / "icscheck.sarif"
    code, out, _ = invoke("-f", f"sarif:{sarif}", "-f", "concise", CONFLICTED)
    assert code == 1
    assert out.splitlines()[-1] == (
        "✗ 2 errors, 3 warnings in 1 file checked: does not meet the guide rails"
    )
    assert '"ruleId": "COMM-004"' in sarif.read_text(encoding="utf-8")
    code, _, err = invoke("-f", "json", "-f", "text", CONFLICTED)
    assert code == 2
    assert "--format json and text would both go to stdout" in err


@pytest.mark.parametrize("flag", ["-q", "--statistics"])
@pytest.mark.parametrize("name", ["sarif", "json", "junit", "concise"])
def test_quiet_or_statistics_never_replace_a_format_on_stdout(flag: str, name: str) -> None:
    """A CI step reading SARIF from stdout must not get a verdict line instead."""
    assert invoke(flag, "-f", name, CONFLICTED) == (
        2,
        "",
        f"icscheck: error: {flag} prints in place of the report on stdout, so --format "
        f"{name} there would not be written; give it a file (--format {name}:FILE) or leave "
        f"{flag} out\n",
    )


def test_quiet_beside_a_format_written_to_a_file_or_text(tmp_path: Path) -> None:
    report = tmp_path / "r.sarif"
    code, out, _ = invoke("-q", "-f", f"sarif:{report}", "-f", "text", CONFLICTED)
    assert (code, out.splitlines()) == (
        1,
        ["✗ 2 errors, 3 warnings in 1 file checked: does not meet the guide rails"],
    )
    assert '"COMM-004"' in report.read_text(encoding="utf-8")


def test_quiet_and_statistics_together_is_a_usage_error() -> None:
    assert invoke("-q", "--statistics", CONFLICTED) == (
        2,
        "",
        "icscheck: error: -q and --statistics both print in place of the report; give one\n",
    )
