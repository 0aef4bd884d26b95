"""Where the repository's root is, and each checked path relative to it.

CI consumers place a finding by its path from the repository root: GitHub code
scanning resolves a SARIF ``uri`` against the checkout, GitLab matches a Code
Quality ``location.path`` against the project, and Actions annotates a file by
its path in the repository. A path as the user typed it (``../c.yaml`` from a
subfolder, ``/builds/icb/c.yaml``) would land nowhere, and would give the same
gap a second fingerprint. So the CI reporters name files by ``Root.relative``.

The root is found once, by the CLI, and passed to the reporters: the git top
level above the working directory (a ``.git`` folder, or the file a worktree
or submodule has), else ``CI_PROJECT_DIR`` (GitLab) or ``GITHUB_WORKSPACE``
(Actions) when the working directory is inside it, else the working directory;
but the checked files' own repository when they share one and it is not that
(they lie outside it, or the working directory is in none).
No ``git`` process is started: a pre-commit hook runs often, and a CI image
need not have git.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

from icscheck.engine import STDIN, STDIN_NAME

CI_ROOTS = ("CI_PROJECT_DIR", "GITHUB_WORKSPACE")
"""The variables GitLab CI and GitHub Actions set to the checkout's folder."""


@dataclass(frozen=True)
class Root:
    """The repository root, and the folder relative paths were typed from."""

    top: Path
    """Absolute: the root every reported path is relative to."""
    cwd: Path
    """Absolute: the working directory a relative path on the command line is from."""

    def relative(self, path: str) -> str:
        """``path`` from the root, with ``/`` between parts (``constitutions/a.yaml``).

        A path outside the root stays absolute: no ``../`` is ever reported, since
        no consumer can open it. Standard input keeps its name.
        """
        if path == STDIN_NAME:
            return path
        whole = os.path.normpath(os.path.join(self.cwd, path))
        if not _within(whole, self.top):
            return PurePath(whole).as_posix()
        return PurePath(os.path.relpath(whole, self.top)).as_posix()


def _within(path: str, top: Path) -> bool:
    try:
        return os.path.commonpath([path, str(top)]) == str(top)
    except ValueError:  # another drive, on Windows
        return False


def find_root(cwd: Path, environ: Mapping[str, str], paths: Iterable[str] = ()) -> Root:
    """The root for a run started in ``cwd`` (absolute) with ``environ``, checking ``paths``
    (as typed: files or folders).

    When the paths all lie in one repository and none lies in the working directory's
    (``icscheck validate ~/icb/constitution.yaml`` from elsewhere), or the working
    directory is in no repository at all, that repository is the root: its files are
    what a consumer of the report opens, from its top.
    """
    top = _git_top(cwd) or _ci_top(cwd, environ)
    wholes = [
        os.path.normpath(os.path.join(cwd, path))
        for path in paths
        if path not in (STDIN, STDIN_NAME)
    ]
    owners = {_git_top(Path(w if os.path.isdir(w) else os.path.dirname(w))) for w in wholes}
    if len(owners) == 1 and None not in owners:
        (own,) = owners
        if own is not None and (top is None or not any(_within(w, top) for w in wholes)):
            return Root(own, cwd)
    return Root(top or cwd, cwd)


def _ci_top(cwd: Path, environ: Mapping[str, str]) -> Path | None:
    """The CI checkout folder (``CI_ROOTS``) the working directory is in, if any."""
    for name in CI_ROOTS:
        value = environ.get(name, "")
        if value and os.path.isabs(value):
            top = Path(os.path.normpath(value))
            if _within(str(cwd), top):
                return top
    return None


def _git_top(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, or the file a
    worktree or submodule has)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
