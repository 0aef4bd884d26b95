"""The pre-commit hook, for real: ``pre-commit try-repo`` against this checkout.

pre-commit builds its own environment for the hook (``pip install`` of this
checkout), so the first run takes a while; PRE_COMMIT_HOME is kept inside the
test's temporary directory so nothing is written to the user's cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SUFFOLK
from tests.test_cli import two_partner_members

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")


@pytest.fixture(scope="module")
def governance(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository holding a passing and a failing constitution."""
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "governance"
    (repo / "constitution").mkdir(parents=True)
    shutil.copy(SUFFOLK, repo / "constitution" / "good.yaml")
    bad = two_partner_members(SUFFOLK.read_text(encoding="utf-8"))
    (repo / "constitution" / "bad.yaml").write_text(bad, encoding="utf-8")
    (repo / "notes.txt").write_text("not YAML\n", encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "cache"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    return repo, env


def try_repo(repo: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "icscheck", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_good_constitution_passes(governance: tuple[Path, dict[str, str]]) -> None:
    repo, env = governance
    result = try_repo(repo, env, "constitution/good.yaml", "notes.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "icscheck (ICB constitution guide rails)" in result.stdout
    assert "Passed" in result.stdout


def test_a_bad_constitution_fails_with_its_rule_ids(
    governance: tuple[Path, dict[str, str]],
) -> None:
    repo, env = governance
    result = try_repo(repo, env, "constitution/good.yaml", "constitution/bad.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "- exit code: 1" in result.stdout
    assert "constitution/bad.yaml:" in result.stdout
    assert "BOARD-003" in result.stdout and "BOARD-004" in result.stdout
