"""A file's version at a git revision, for ``icscheck diff --since REV FILE``.

Read with git itself (``rev-parse``, ``cat-file``) in the file's folder, with a
time limit; every failure a user can cause is a ``UsageError`` or ``LoadError``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from icscheck.errors import LoadError, UsageError
from icscheck.reader import human_size

GIT_TIMEOUT = 30
"""Seconds any one git command may take (a local repository answers in far less)."""


def at_revision(path: str, revision: str, max_bytes: int) -> tuple[str, bytes]:
    """``path``'s bytes at git ``revision``, with the name to report them by (``REV:path``).

    The path is taken relative to the root of the repository that holds the
    file, whatever the working directory, and read as the blob git stores
    (``git cat-file``: no filters, no pager).
    """
    file = Path(os.path.abspath(path))
    folder = str(file.parent)
    if revision.startswith("-") or not revision.strip():
        # Never let a revision be read as one of git's options.
        raise UsageError(f"{path}: '{revision}' is not a git revision")
    prefix = _git(folder, "rev-parse", "--show-prefix")
    if prefix is None:
        raise UsageError(f"{path}: not in a git repository (needed for --since)")
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") is None:
        raise UsageError(f"{path}: unknown git revision '{revision}'")
    stored = prefix.decode("utf-8", "surrogateescape").strip() + file.name
    name = spec = f"{revision}:{stored}"
    size = _git(folder, "cat-file", "-s", spec)
    if size is None:
        raise UsageError(f"{path}: not in git revision {revision} (as {stored})")
    if int(size) > max_bytes:
        limit = human_size(max_bytes)
        raise LoadError(name, f"is {human_size(int(size))}, over the {limit} limit")
    raw = _git(folder, "cat-file", "blob", spec)
    if raw is None:
        raise UsageError(f"{name}: git could not read it")
    return name, raw


def _git(folder: str, *args: str) -> bytes | None:
    """git's output, or None when git says no (not a repository, no such object)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed or not on PATH (needed for --since)") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took over {GIT_TIMEOUT}s in {folder}") from None
    except OSError as error:
        raise UsageError(f"{folder}: cannot run git: {error.strerror}") from None
    return done.stdout if done.returncode == 0 else None
