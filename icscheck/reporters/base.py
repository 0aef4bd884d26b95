"""The interface every reporter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TextIO

from icscheck.result import Report


class Reporter(ABC):
    """Writes one Report to one stream."""

    def __init__(self, stream: TextIO, *, color: bool | None = None, width: int | None = None):
        self.stream = stream
        self.color = color
        """True or False forces colour; None decides from the stream and NO_COLOR."""
        self.width = width

    @abstractmethod
    def write(self, report: Report) -> None:
        """Write ``report`` to the stream."""
