"""The one result type every rule produces, whether from a schema or from Python."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a gap is.

    ``error`` marks a statutory or NHS England mandatory requirement (black text
    in NHS England's model constitution); ``warning`` marks a guidance
    expectation (green, optional text).
    """

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One gap in one file, located at the YAML node concerned.

    ``line`` and ``column`` are 1-based. ``node`` is the JSON Pointer of that
    node (``/board/members/2``): unlike the line, it stays put when unrelated
    lines move, so tools can use it to recognise the same finding again.
    """

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    source: str
    node: str = ""
    provenance: str = ""
    """Format 2: where the fact the finding is about comes from (the nearest entry's
    ``source``: ``constitution.pdf p12 §2.1.6``), so a reviewer can open the clause."""
    document: bool = False
    """The file checked is a document (PDF, Word, web page, text) drafted in memory:
    its findings are located by ``page`` and ``clause``, since a document has no YAML
    lines (``line`` and ``column`` are then those of the draft ``icscheck draft`` writes)."""
    page: int | None = None
    clause: str = ""

    @property
    def location(self) -> str:
        """Where a report shows the finding: ``a.yaml:3:5``, or for a document
        ``constitution.pdf:p12:§2.1.6`` (as much of it as the document gives)."""
        if not self.document:
            return f"{self.path}:{self.line}:{self.column}"
        parts = [
            self.path,
            f"p{self.page}" if self.page else "",
            f"§{self.clause}" if self.clause else "",
        ]
        return ":".join(part for part in parts if part)
