"""A file's version at a git revision, for ``icscheck diff --since REV FILE``.

Read with git itself (``rev-parse``, ``cat-file``), with a time limit; every
failure a user can cause is a ``UsageError`` or ``LoadError``.

The repository is the one the working directory is in, never one found from
the file's folder: a pull request can commit a folder that looks like a bare
repository (``HEAD``, ``config``, ``objects/``, ``refs/``) beside the
constitution, and git looking from there would take it for the repository,
answer from its history (a fake base: "no governance changes"), and read its
``config``. So git runs in the working directory, refuses any bare
repository it was not named explicitly (``safe.bareRepository=explicit``),
ignores replacement objects, runs no fsmonitor, takes no lock, and is given
no variable that would point it at another repository (``GIT_DIR`` and its
kin are removed from its environment).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from icscheck.errors import LoadError, UsageError
from icscheck.reader import human_size

GIT_TIMEOUT = 30
"""Seconds any one git command may take (a local repository answers in far less)."""

GIT_OPTIONS = (
    "--no-replace-objects",
    "-c",
    "safe.bareRepository=explicit",
    "-c",
    "core.fsmonitor=false",
)
"""Before every git command: no planted bare repository, no substituted objects, no hook."""

REPOSITORY_VARIABLES = frozenset(
    {
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_COMMON_DIR",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE",
        "GIT_DISCOVERY_ACROSS_FILESYSTEM",
        "GIT_REPLACE_REF_BASE",
    }
)
"""What would make git read another repository than the working directory's."""


def at_revision(path: str, revision: str, max_bytes: int, *, cwd: Path) -> tuple[str, bytes]:
    """``path``'s bytes at git ``revision``, with the name to report them by (``REV:path``).

    ``cwd`` is the working directory, whose repository is the one read; the
    path is taken relative to that repository's root, and read as the blob
    git stores (``git cat-file``: no filters, no pager).
    """
    if revision.startswith("-") or not revision.strip():
        # Never let a revision be read as one of git's options.
        raise UsageError(f"{path}: '{revision}' is not a git revision")
    git = _Git(cwd)
    top = git("rev-parse", "--show-toplevel")
    if top is None:
        raise UsageError(f"{path}: not in a git repository (needed for --since)")
    root = Path(os.path.realpath(top.decode("utf-8", "surrogateescape").strip()))
    file = Path(os.path.realpath((cwd / path).parent)) / Path(path).name
    try:
        stored = file.relative_to(root).as_posix()
    except ValueError:
        raise UsageError(
            f"{path}: not in the git repository of the working directory ({root})"
        ) from None
    if git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is None:
        raise UsageError(f"{path}: unknown git revision '{revision}'")
    name = spec = f"{revision}:{stored}"
    size = git("cat-file", "-s", spec)
    if size is None:
        raise UsageError(f"{path}: not in git revision {revision} (as {stored})")
    if int(size) > max_bytes:
        limit = human_size(max_bytes)
        raise LoadError(name, f"is {human_size(int(size))}, over the {limit} limit")
    raw = git("cat-file", "blob", spec)
    if raw is None:
        raise UsageError(f"{name}: git could not read it")
    return name, raw


def environment(variables: Mapping[str, str]) -> dict[str, str]:
    """``variables`` for git: none that names another repository, no prompt, no lock."""
    kept = {key: value for key, value in variables.items() if key not in REPOSITORY_VARIABLES}
    return {**kept, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


class _Git:
    """git in one working directory, with icscheck's options and environment."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.env = environment(os.environ)

    def __call__(self, *args: str) -> bytes | None:
        """git's output, or None when git says no (not a repository, no such object)."""
        try:
            done = subprocess.run(
                ["git", *GIT_OPTIONS, *args],
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=GIT_TIMEOUT,
                check=False,
            )
        except FileNotFoundError:
            raise UsageError("git is not installed or not on PATH (needed for --since)") from None
        except subprocess.TimeoutExpired:
            raise UsageError(f"git {args[0]} took over {GIT_TIMEOUT}s in {self.cwd}") from None
        except OSError as error:
            raise UsageError(f"{self.cwd}: cannot run git: {error.strerror}") from None
        if done.returncode != 0 and b"safe.bareRepository" in done.stderr:
            raise UsageError(
                f"{self.cwd}: holds a bare git repository (HEAD, config, objects/, refs/), "
                "which icscheck never uses: run it from the repository's own folder"
            )
        return done.stdout if done.returncode == 0 else None
