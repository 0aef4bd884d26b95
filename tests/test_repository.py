"""The repository root CI outputs name files from (icscheck/repository.py)."""

from __future__ import annotations

from pathlib import Path

from icscheck.repository import Root, find_root


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
