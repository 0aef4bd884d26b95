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


def _repository(base: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    repo = base / "repository"
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "--", "."], cwd=repo, check=True, env=env)
    return repo


def test_a_file_named_like_an_option_is_only_a_file(
    governance: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """``--output=.pre-commit-config.yaml`` once made the hook overwrite the configuration;
    here the name matches the hook's default ``files:`` and names a file to overwrite."""
    _, env = governance
    bad = two_partner_members(SUFFOLK.read_text(encoding="utf-8"))
    repo = _repository(tmp_path, env, {"--output=constitution.yaml": bad})
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "icscheck", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert not (repo / "constitution.yaml").exists()
    assert result.returncode == 1, result.stdout + result.stderr
    # Checked as the file it is: its gaps, one line each, name it.
    assert "--output=constitution.yaml:" in result.stdout
    assert " BOARD-003 error the board has 2 partner members; it must have at least 3" in (
        result.stdout
    )


def test_the_default_pattern_leaves_a_workflow_alone(
    governance: tuple[Path, dict[str, str]],
) -> None:
    repo, env = governance
    workflow = repo / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text("on: [push]\njobs:\n  test: {runs-on: ubuntu-latest}\n", encoding="utf-8")
    subprocess.run(["git", "add", "--", ".github"], cwd=repo, check=True, env=env)
    result = try_repo(repo, env, ".github/workflows/ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout


def _hook_config(**hook: str) -> str:
    """A .pre-commit-config.yaml using this checkout's last commit, with ``hook``'s keys."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    keys = "".join(f"        {key}: {value}\n" for key, value in hook.items())
    return f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: icscheck\n{keys}"


def test_under_a_broad_pattern_other_yaml_is_skipped_and_a_misspelt_constitution_fails(
    governance: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    _, env = governance
    typo = SUFFOLK.read_text(encoding="utf-8").replace("icscheck: 1", "icsheck: 1", 1)
    repo = _repository(
        tmp_path,
        env,
        {
            ".pre-commit-config.yaml": _hook_config(files="'\\.ya?ml$'"),
            ".github/workflows/ci.yml": "on: [push]\njobs:\n  a: {runs-on: ubuntu-latest}\n",
            "board.yaml": typo,
        },
    )
    run = [sys.executable, "-m", "pre_commit", "run", "--files"]
    # pre-commit shows a passing hook's output only when asked (--verbose).
    workflow = subprocess.run(
        [*run, ".github/workflows/ci.yml", ".pre-commit-config.yaml", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert workflow.returncode == 0, workflow.stdout + workflow.stderr
    assert "icscheck: .github/workflows/ci.yml: not an icscheck constitution: skipped" in (
        workflow.stdout + workflow.stderr
    )
    typo_run = subprocess.run(
        [*run, "board.yaml"], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )
    assert typo_run.returncode == 1, typo_run.stdout + typo_run.stderr
    assert (
        "board.yaml:4:1: FMT-001 error unknown field 'icsheck' in the top level "
        "(did you mean 'icscheck'?)"
    ) in typo_run.stdout


def test_an_option_in_the_hooks_args_is_refused_and_says_where_options_go(
    governance: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """pre-commit puts ``args`` after the entry's ``--``: they arrive as file names."""
    _, env = governance
    config = _hook_config(args="[--format, github]")
    repo = _repository(
        tmp_path,
        env,
        {
            "constitution.yaml": SUFFOLK.read_text(encoding="utf-8"),
            ".pre-commit-config.yaml": config,
        },
    )
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- exit code: 2" in result.stdout
    assert (
        "icscheck: error: --format: no such file, and it looks like an option: after --, as in "
        "icscheck's pre-commit hook, every argument is a file to check; give options in "
        ".icscheck.toml or [tool.icscheck] in pyproject.toml, not in the hook's args "
        "(docs/ci.md)"
    ) in result.stdout.splitlines()
