"""docs/ci.md's snippets work as written.

The pre-commit snippet runs through pre-commit itself (repo pointed at this
checkout); from the GitHub workflow of your own, every ``icscheck`` command
runs in a project laid out as the docs assume, and what the rest of the
snippet relies on (exit codes, annotations, report files) is checked. The
icscheck action's snippet is run in tests/test_action.py, the GitLab job in
tests/test_gitlab_template.py.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import NOT_RUN_V1, ROOT, SUFFOLK
from tests.test_cli import two_partner_members

SCRIPT = Path(sys.executable).with_name("icscheck")
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def snippet(heading: str, subheading: str | None = None) -> Any:
    """The first YAML block under ``## heading`` (and ``### subheading`` in it)."""
    section = DOC.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    if subheading is not None:
        section = section.split(f"\n### {subheading}\n", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    return YAML(typ="safe").load(block[1])


def project(tmp_path: Path, bad: bool) -> Path:
    (tmp_path / "constitution").mkdir()
    shutil.copy(SUFFOLK, tmp_path / "constitution" / "good.yaml")
    if bad:
        text = two_partner_members(SUFFOLK.read_text(encoding="utf-8"))
        (tmp_path / "constitution" / "bad.yaml").write_text(text, encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yaml").write_text("on: push\njobs: {}\n")
    return tmp_path


def run_icscheck(
    commands: list[str], cwd: Path, env: dict[str, str]
) -> list[subprocess.CompletedProcess[str]]:
    results = []
    for command in commands:
        words = shlex.split(command)
        assert words[0] in ("icscheck", "pip"), command
        if words[0] == "pip":
            continue  # installing is what the test environment already did
        results.append(
            subprocess.run(
                [str(SCRIPT), *words[1:]], cwd=cwd, env=env, capture_output=True, text=True
            )
        )
    return results


def ci_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return {**env, "NO_COLOR": "1", **extra}


@pytest.mark.parametrize("bad", [False, True], ids=["good", "bad"])
def test_github_actions_snippet(tmp_path: Path, bad: bool) -> None:
    workflow = snippet("GitHub Actions", "A workflow of your own")
    steps = workflow["jobs"]["icscheck"]["steps"]
    commands = [step["run"] for step in steps if "run" in step]
    gate, sarif = run_icscheck(commands, project(tmp_path, bad), ci_env(GITHUB_ACTIONS="true"))
    assert gate.returncode == (1 if bad else 0), gate.stderr
    annotations = [line for line in gate.stdout.splitlines() if line.startswith("::")]
    if bad:
        assert any(
            line.startswith("::error file=constitution/bad.yaml,line=")
            and "title=BOARD-003::" in line
            for line in annotations
        )
    else:
        # A version-1 file (SUFFOLK) says which rules it ran without (gaps15 item 7).
        assert annotations == [
            "::notice file=constitution/good.yaml,title=icscheck%3A 28 rules not run::" + NOT_RUN_V1
        ]
    assert sarif.returncode == 0  # --fail-on never: the upload step always has a file
    uploaded = next(s for s in steps if "uses" in s and "upload-sarif" in s["uses"])
    log = json.loads((tmp_path / uploaded["with"]["sarif_file"]).read_text())
    assert log["version"] == "2.1.0"
    assert bool(log["runs"][0]["results"]) is bad


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_snippet(tmp_path: Path) -> None:
    config = snippet("pre-commit")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    config["repos"][0].update(repo=str(ROOT), rev=head)
    (tmp_path / "governance").mkdir()
    repo = project(tmp_path / "governance", bad=True)
    yaml = YAML()
    with (repo / ".pre-commit-config.yaml").open("w") as handle:
        yaml.dump(config, handle)
    env = {
        **ci_env(),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    failing = pre_commit()
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "constitution/bad.yaml:" in failing.stdout and "BOARD-003" in failing.stdout
    assert "ci.yaml" not in failing.stdout  # files: keeps other YAML out
    (repo / "constitution" / "bad.yaml").unlink()
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    passing = pre_commit()
    assert passing.returncode == 0, passing.stdout + passing.stderr
