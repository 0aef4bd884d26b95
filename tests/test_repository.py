"""The repository root CI outputs name files from (icscheck/repository.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.repository import Root, find_root

CONFLICTED = Path("sample_constitutions/non_compliant/conflicted-committee-chairs.yaml").resolve()


def test_the_git_top_level_above_the_working_directory_is_the_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    below = tmp_path / "constitutions" / "2026"
    below.mkdir(parents=True)
    assert find_root(below, {}) == Root(tmp_path, below)


def test_a_worktree_s_git_file_marks_the_root_too(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: /elsewhere\n")
    assert find_root(tmp_path, {}).top == tmp_path


def test_without_git_the_ci_checkout_folder_is_the_root(tmp_path: Path) -> None:
    below = tmp_path / "sub"
    below.mkdir()
    assert find_root(below, {"CI_PROJECT_DIR": str(tmp_path)}).top == tmp_path
    assert find_root(below, {"GITHUB_WORKSPACE": str(tmp_path)}).top == tmp_path


def test_a_ci_folder_the_working_directory_is_not_in_is_not_the_root(tmp_path: Path) -> None:
    elsewhere = tmp_path / "a"
    here = tmp_path / "b"
    elsewhere.mkdir()
    here.mkdir()
    assert find_root(here, {"CI_PROJECT_DIR": str(elsewhere)}).top == here
    assert find_root(here, {"GITHUB_WORKSPACE": "relative/path"}).top == here


def test_paths_are_named_from_the_root_however_they_were_typed(tmp_path: Path) -> None:
    root = Root(tmp_path, tmp_path / "sub")
    assert root.relative("../c.yaml") == "c.yaml"
    assert root.relative("./a/../b.yaml") == "sub/b.yaml"
    assert root.relative(str(tmp_path / "sub" / "b.yaml")) == "sub/b.yaml"
    assert root.relative("<stdin>") == "<stdin>"


def test_a_path_outside_the_root_stays_absolute(tmp_path: Path) -> None:
    root = Root(tmp_path / "repo", tmp_path / "repo")
    assert root.relative("../other/c.yaml") == (tmp_path / "other" / "c.yaml").as_posix()
    # A sibling whose name begins with the root's is outside it, not inside.
    assert (
        root.relative(str(tmp_path / "repo2" / "c.yaml"))
        == (tmp_path / "repo2" / "c.yaml").as_posix()
    )


def repositories(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A folder in no repository, and two repositories (one inside it) with a file each."""
    here, mine, theirs = tmp_path / "here", tmp_path / "here" / "icb", tmp_path / "theirs"
    for top in (mine, theirs):
        (top / ".git").mkdir(parents=True)
        (top / "constitutions").mkdir()
        (top / "constitutions" / "c.yaml").write_text("icscheck: 2\n")
    return here, mine, theirs


def test_from_no_repository_the_file_s_own_repository_is_the_root(tmp_path: Path) -> None:
    here, mine, _ = repositories(tmp_path)
    root = find_root(here, {}, ["icb/constitutions/c.yaml"])
    assert root == Root(mine, here)
    assert root.relative("icb/constitutions/c.yaml") == "constitutions/c.yaml"
    # A folder is placed as its files are.
    assert find_root(here, {}, ["icb/constitutions", "-"]).top == mine


def test_files_outside_the_working_directory_s_repository_use_their_own(tmp_path: Path) -> None:
    _, mine, theirs = repositories(tmp_path)
    root = find_root(mine, {}, [str(theirs / "constitutions" / "c.yaml")])
    assert root.top == theirs
    assert root.relative(str(theirs / "constitutions" / "c.yaml")) == "constitutions/c.yaml"


def test_the_working_directory_s_repository_stays_the_root_otherwise(tmp_path: Path) -> None:
    here, mine, theirs = repositories(tmp_path)
    inside, outside = "constitutions/c.yaml", str(theirs / "constitutions" / "c.yaml")
    # One file in it, or files from two repositories: no one other repository is theirs.
    assert find_root(mine, {}, [inside, outside]).top == mine
    assert find_root(here, {}, ["icb/constitutions/c.yaml", outside]).top == here
    # Files in no repository, or none but standard input.
    (here / "loose.yaml").write_text("icscheck: 2\n")
    assert find_root(here, {}, ["loose.yaml"]).top == here
    assert find_root(mine, {}, ["-"]).top == mine


def test_validate_names_a_file_from_its_own_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, mine, _ = repositories(tmp_path)
    shutil.copy(CONFLICTED, mine / "constitutions" / "c.yaml")
    monkeypatch.chdir(here)
    result = CliRunner().invoke(
        app,
        ["validate", "--no-cache", "-f", "gitlab", "icb/constitutions/c.yaml"],
        env={"CI_PROJECT_DIR": None, "GITHUB_WORKSPACE": None},
    )
    assert result.exit_code == 1
    assert {gap["location"]["path"] for gap in json.loads(result.stdout)} == {
        "constitutions/c.yaml"
    }
