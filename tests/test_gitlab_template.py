"""docs/ci.md's GitLab CI job, run as a GitLab runner runs its ``script:``.

Each script line runs with bash from ``CI_PROJECT_DIR``, with the variables a
job has (``CI``, ``GITLAB_CI``, ``CI_PROJECT_DIR``) and the icscheck under test
first on ``PATH``; the ``pip install`` line is what the test environment already
did. What ``artifacts:reports`` uploads is then read as GitLab reads it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES, SUFFOLK
from tests.test_ci_docs import snippet
from tests.test_cli import two_partner_members

BIN = Path(sys.executable).parent


def job() -> Any:
    return snippet("GitLab CI")["icscheck"]


def project(tmp_path: Path, *, bad: bool = False, broken: bool = False) -> Path:
    """A checkout where GitLab puts one (no ``.git`` above it in the image)."""
    top = tmp_path / "builds" / "nhs" / "constitution-repo"
    (top / "constitution").mkdir(parents=True)
    shutil.copy(SAMPLES / "lincolnshire.yaml", top / "constitution" / "good.yaml")
    if bad:
        text = two_partner_members(SUFFOLK.read_text(encoding="utf-8"))
        (top / "constitution" / "bad.yaml").write_text(text, encoding="utf-8")
    if broken:
        (top / "constitution" / "broken.yaml").write_text("icscheck: 1\nicb: [\n")
    return top


def run_script(top: Path) -> list[subprocess.CompletedProcess[str]]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI"))},
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_PROJECT_DIR": str(top),
        "CI_JOB_NAME": "icscheck",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    done = []
    for line in job()["script"]:
        if line.startswith("pip install "):
            continue  # installing is what the test environment already did
        assert line.startswith("icscheck "), line
        done.append(
            subprocess.run(
                ["bash", "-eo", "pipefail", "-c", line],
                cwd=top,
                env=env,
                capture_output=True,
                text=True,
            )
        )
    return done


def reports(top: Path) -> tuple[Path, Path]:
    named = job()["artifacts"]["reports"]
    return top / named["codequality"], top / named["junit"]


def test_the_job_uploads_its_reports_even_when_it_fails() -> None:
    assert job()["artifacts"]["when"] == "always"
    assert set(job()["artifacts"]["reports"]) == {"codequality", "junit"}


def test_a_failing_constitution_fails_the_job_with_both_reports(tmp_path: Path) -> None:
    top = project(tmp_path, bad=True)
    (gate,) = run_script(top)
    assert gate.returncode == 1, gate.stderr
    assert gate.stdout.rstrip().endswith(
        "✗ 2 errors, 0 warnings in 2 files checked, with 28 rules not run: does not meet\n"
        "the guide rails"
    )
    quality, junit = reports(top)
    issues = json.loads(quality.read_text(encoding="utf-8"))
    # Each version-1 file's rules not run are an info issue too (gaps15 item 7).
    assert [i["location"]["path"] for i in issues if i["check_name"] == "icscheck-not-run"] == [
        "constitution/bad.yaml"
    ]
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["positions"])
        for i in issues
        if i["check_name"] != "icscheck-not-run"
    ] == [
        ("BOARD-003", "critical", "constitution/bad.yaml", {"begin": {"line": 25, "column": 3}}),
        ("BOARD-004", "critical", "constitution/bad.yaml", {"begin": {"line": 25, "column": 3}}),
    ]
    suites = ET.parse(junit).getroot()
    assert (suites.get("tests"), suites.get("failures"), suites.get("errors")) == ("108", "2", "0")
    failed = [
        (case.get("classname"), case.get("file"), case.get("line"), case.get("name", "")[:9])
        for case in suites.iter("testcase")
        if case.find("failure") is not None
    ]
    assert failed == [
        ("constitution.bad", "constitution/bad.yaml", "25", "BOARD-003"),
        ("constitution.bad", "constitution/bad.yaml", "25", "BOARD-004"),
    ]


def test_a_passing_constitution_passes_with_empty_reports(tmp_path: Path) -> None:
    top = project(tmp_path)
    (gate,) = run_script(top)
    assert gate.returncode == 0, gate.stderr
    quality, junit = reports(top)
    assert json.loads(quality.read_text(encoding="utf-8")) == []
    suites = ET.parse(junit).getroot()
    assert (suites.get("tests"), suites.get("failures")) == ("68", "0")


@pytest.mark.parametrize("bad", [False, True], ids=["alone", "with gaps"])
def test_a_file_that_cannot_be_read_is_exit_2_and_in_both_reports(
    tmp_path: Path, bad: bool
) -> None:
    # Both reports carry the broken file as a result of its own, so they are written
    # and GitLab shows it (icscheck/cli/outputs.py, RECORDS_UNREADABLE).
    top = project(tmp_path, bad=bad, broken=True)
    (gate,) = run_script(top)
    assert gate.returncode == 2
    quality, junit = reports(top)
    unreadable = [
        (issue["location"]["path"], issue["location"]["lines"]["begin"], issue["severity"])
        for issue in json.loads(quality.read_text(encoding="utf-8"))
        if issue["description"].startswith("icscheck/unreadable: cannot check this file: ")
    ]
    assert unreadable == [("constitution/broken.yaml", 3, "blocker")]
    (case,) = [
        c
        for c in ET.parse(junit).getroot().iter("testcase")
        if c.get("name") == "icscheck/unreadable"
    ]
    assert (case.get("classname"), case.get("line")) == ("constitution.broken", "3")
    assert case.find("error") is not None
