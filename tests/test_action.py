"""The GitHub Action (action.yml) as a runner runs it.

The metadata is validated against SchemaStore's github-action schema; the check
step's script runs with bash as Actions runs a ``shell: bash`` step, with the
variables a runner sets pointing at temporary files, and with ``ICSCHECK`` (the
install step's output) set to the icscheck under test, so nothing is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from ruamel.yaml import YAML

from tests.conftest import ROOT, SAMPLES

ACTION = ROOT / "action.yml"
SCHEMA = ROOT / "tests" / "data" / "github-action.schema.json"
SCRIPT = Path(sys.executable).with_name("icscheck")
GOOD = SAMPLES / "lincolnshire.yaml"
BAD = SAMPLES / "non_compliant" / "chair-conflicted.yaml"


@cache
def action() -> Any:
    return YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))


def step(step_id: str) -> Any:
    return next(s for s in action()["runs"]["steps"] if s.get("id") == step_id)


def test_action_yml_is_valid_against_the_metadata_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = [error.message for error in Draft7Validator(schema).iter_errors(action())]
    assert errors == []
    assert action()["runs"]["using"] == "composite"


def test_no_expression_is_interpolated_into_a_script() -> None:
    """An input reaches a script only as an environment variable: ``${{ inputs.paths }}``
    inside ``run:`` would be pasted into the shell before it runs (script injection)."""
    for each in action()["runs"]["steps"]:
        assert "${{" not in each["run"], each["name"]
    assert step("install")["env"] == {"ACTION_PATH": "${{ github.action_path }}"}
    assert step("check")["env"]["ICSCHECK"] == "${{ steps.install.outputs.icscheck }}"
    assert action()["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


def workspace(tmp_path: Path) -> Path:
    top = tmp_path / "workspace"
    (top / "constitution").mkdir(parents=True)
    shutil.copy(GOOD, top / "constitution" / "lincolnshire.yaml")
    shutil.copy(BAD, top / "constitution" / "chair-conflicted.yaml")
    (tmp_path / "runner").mkdir()
    return top


def run_check(tmp_path: Path, **given: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The check step's script, with its ``env:`` filled in from ``given`` inputs (else the
    action's defaults), as a runner runs ``shell: bash`` (``bash --noprofile --norc -eo
    pipefail``), from the workspace."""
    inputs = {name: str(spec.get("default", "")) for name, spec in action()["inputs"].items()}
    inputs.update({name.replace("_", "-"): value for name, value in given.items()})
    values = {"steps.install.outputs.icscheck": str(SCRIPT)}
    values.update({f"inputs.{name}": value for name, value in inputs.items()})
    env = {
        key: re.sub(r"\$\{\{ *([\w.-]+) *\}\}", lambda m: values[m[1]], value)
        for key, value in step("check")["env"].items()
    }
    top = tmp_path / "workspace"
    summary, output = tmp_path / "runner" / "summary.md", tmp_path / "runner" / "output"
    summary.touch()
    output.touch()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    runner = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(top),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "NO_COLOR": "1",
    }
    script = tmp_path / "runner" / "check.sh"
    script.write_text(step("check")["run"], encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=top,
        env={**base, **runner, **env},
        capture_output=True,
        text=True,
    )
    return done, tmp_path / "runner"


def markdown(top: Path, *paths: str) -> str:
    """The board report for ``paths``, as ``icscheck validate -f markdown`` writes it."""
    return subprocess.run(
        [str(SCRIPT), "validate", "--isolated", "-f", "markdown", *paths],
        cwd=top,
        env={k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")},
        capture_output=True,
        text=True,
    ).stdout


def test_a_passing_constitution_passes_with_its_report_in_the_step_summary(
    tmp_path: Path,
) -> None:
    top = workspace(tmp_path)
    done, runner = run_check(tmp_path, paths="constitution/lincolnshire.yaml\n", strict="true")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # no annotation
    assert (runner / "output").read_text() == "exit-code=0\n"
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    assert summary == markdown(top, "--strict", "constitution/lincolnshire.yaml")
    assert summary.splitlines()[:3] == [
        "# Constitution compliance report",
        "",
        "**✓ 0 errors, 0 warnings in 1 file checked: every rule passes**",
    ]
    assert not (top / "icscheck.sarif").exists()


GAPS = [
    "::error file=constitution/chair-conflicted.yaml,line=44,col=3,title=BOARD-001::the board "
    "has 2 members with role chair; it must have exactly one "
    "(stated in Constitution v2.1 s.2.1 (illustrative))",
    "::error file=constitution/chair-conflicted.yaml,line=50,col=7,title=BOARD-014::the chair "
    "holds a post in another health or care body in the area (other_positions) "
    "(stated in Constitution v2.1 s.3.3 (illustrative))",
    "::error file=constitution/chair-conflicted.yaml,line=57,col=7,title=BOARD-014::the chair "
    "holds a post in another health or care body in the area (other_positions) "
    "(stated in Constitution v2.1 s.3.3 (illustrative))",
    "::warning file=constitution/chair-conflicted.yaml,line=73,col=7,title=BOARD-009::a "
    "non-executive member holds a post in another health or care body in the area "
    "(other_positions) (stated in Constitution v2.1 s.3.11 (illustrative))",
]


def test_a_failing_constitution_is_annotated_summarised_and_written_as_sarif(
    tmp_path: Path,
) -> None:
    top = workspace(tmp_path)
    paths = "  constitution/chair-conflicted.yaml\n\nconstitution/lincolnshire.yaml  \n"
    done, runner = run_check(tmp_path, paths=paths, sarif="icscheck.sarif")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == GAPS
    assert (runner / "output").read_text() == "exit-code=1\n"
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    both = ("constitution/chair-conflicted.yaml", "constitution/lincolnshire.yaml")
    assert summary == markdown(top, *both)
    assert summary.splitlines()[2] == (
        "**✗ 3 errors, 1 warning in 2 files checked: does not meet the guide rails**"
    )
    log = json.loads((top / "icscheck.sarif").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["BOARD-001", "BOARD-014", "BOARD-014", "BOARD-009"]


def test_strict_fails_on_the_warning(tmp_path: Path) -> None:
    workspace(tmp_path)
    done, runner = run_check(tmp_path, paths="constitution/chair-conflicted.yaml", strict="true")
    assert done.returncode == 1
    assert done.stdout.splitlines() == GAPS
    assert (runner / "output").read_text() == "exit-code=1\n"


@pytest.mark.parametrize(
    ("inputs", "stdout", "stderr"),
    [
        (
            {"paths": "constitution/x.yaml", "strict": "yes"},
            "::error title=icscheck::strict must be true or false, not 'yes'\n",
            "",
        ),
        (
            {"paths": "$(touch pwned); `touch pwned` --strict"},
            "::error file=$(touch pwned); `touch pwned` --strict,title=icscheck/unreadable::no such file\n",
            "icscheck: error: $(touch pwned); `touch pwned` --strict: no such file\n"
            # A report of a run that could not check every file is not written.
            "icscheck: error: {summary}: not written, because not every file could be checked\n",
        ),
    ],
    ids=["strict not a boolean", "a path is only a path"],
)
def test_bad_input_is_exit_2_and_never_run_as_shell(
    tmp_path: Path, inputs: dict[str, str], stdout: str, stderr: str
) -> None:
    top = workspace(tmp_path)
    done, runner = run_check(tmp_path, **inputs)
    stderr = stderr.format(summary=runner / "summary.md")
    assert (done.returncode, done.stdout, done.stderr) == (2, stdout, stderr)
    assert (runner / "output").read_text() == "exit-code=2\n"
    assert not (top / "pwned").exists()


def test_the_documented_workflow_uses_the_action_as_it_is(tmp_path: Path) -> None:
    """docs/ci.md, "The icscheck action": its inputs are the action's, and with them the
    check step gates the pull request and writes the file the upload step sends."""
    from tests.test_ci_docs import snippet

    steps = snippet("GitHub Actions", "The icscheck action")["jobs"]["icscheck"]["steps"]
    used = next(s for s in steps if s.get("uses", "").startswith("icscheck/icscheck@"))
    assert set(used["with"]) <= set(action()["inputs"])
    assert {n for n, spec in action()["inputs"].items() if spec.get("required")} <= set(
        used["with"]
    )
    top = workspace(tmp_path)
    given = {name.replace("-", "_"): str(value) for name, value in used["with"].items()}
    done, runner = run_check(tmp_path, **given)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == GAPS
    assert (runner / "output").read_text() == "exit-code=1\n"
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["if"] == "always()"
    log = json.loads((top / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 4
