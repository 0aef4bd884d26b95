"""The interface every reporter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import PurePath
from typing import TextIO

from icscheck.repository import Root
from icscheck.result import Report

UNREADABLE = "icscheck/unreadable"
"""The rule a file that could not be checked is given, in every format: SARIF's rule ID,
concise's rule, GitLab's check_name, the GitHub annotation's title and the JUnit test
case's name (docs/ci.md), so a filter on it finds the same files everywhere."""


class Reporter(ABC):
    """Writes one Report to one stream."""

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool | None = None,
        width: int | None = None,
        root: Root | None = None,
    ):
        self.stream = stream
        self.color = color
        """True or False forces colour; None decides from the stream and NO_COLOR."""
        self.width = width
        self.root = root
        """The repository root the CI formats name files from (icscheck/repository.py);
        None names them as given, with ``/`` between parts."""

    def path(self, path: str) -> str:
        """``path`` as a CI consumer opens it: from the repository root."""
        if self.root is None:
            return PurePath(path).as_posix()
        return self.root.relative(path)

    @abstractmethod
    def write(self, report: Report) -> None:
        """Write ``report`` to the stream."""
