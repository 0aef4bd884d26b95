"""What a run found: per rule, per file, and for the whole run.

The exit code is decided here, from the results, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from icscheck.errors import ExitCode, LoadError
from icscheck.finding import Finding, Severity
from icscheck.rules import Rule


class Status(StrEnum):
    """A rule's outcome for one file."""

    PASS = "pass"
    FAIL = "fail"


@dataclass(frozen=True)
class RuleResult:
    """One rule's outcome for one file, with the findings behind it."""

    rule: Rule
    findings: tuple[Finding, ...]

    @property
    def status(self) -> Status:
        return Status.FAIL if self.findings else Status.PASS


@dataclass(frozen=True)
class FileResult:
    """Everything found in one file, or why it could not be checked."""

    path: str
    icb_name: str | None = None
    format_version: int | None = None
    rules: tuple[RuleResult, ...] = ()
    error: LoadError | None = None

    @property
    def findings(self) -> list[Finding]:
        """All findings, in file order."""
        return sorted(
            (f for result in self.rules for f in result.findings),
            key=lambda f: (f.line, f.column, f.rule, f.message),
        )

    def count(self, severity: Severity) -> int:
        return sum(1 for result in self.rules for f in result.findings if f.severity == severity)


@dataclass(frozen=True)
class Report:
    """The results of one run over one or more files."""

    files: tuple[FileResult, ...]
    ruleset: str
    strict: bool = field(default=False)

    def count(self, severity: Severity) -> int:
        return sum(result.count(severity) for result in self.files)

    @property
    def unreadable(self) -> int:
        return sum(1 for result in self.files if result.error is not None)

    @property
    def exit_code(self) -> ExitCode:
        """0 clean; 1 error findings (or warnings under strict); 2 a file could not be checked."""
        if self.unreadable:
            return ExitCode.USAGE
        if self.count(Severity.ERROR) or (self.strict and self.count(Severity.WARNING)):
            return ExitCode.FINDINGS
        return ExitCode.OK


def counts(files: Iterable[FileResult]) -> tuple[int, int]:
    """(errors, warnings) over ``files``."""
    files = list(files)
    return (
        sum(f.count(Severity.ERROR) for f in files),
        sum(f.count(Severity.WARNING) for f in files),
    )
