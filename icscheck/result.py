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
from icscheck.structure import Structure
from icscheck.waivers import Waiver

NO_ICB_NAME = "(ICB name not given)"
"""How every report and picture names a constitution that does not give ``icb.name``."""


class Status(StrEnum):
    """A rule's outcome for one file."""

    PASS = "pass"
    FAIL = "fail"
    WAIVED = "waived"
    """Every finding is waived: a gap the board has accepted, shown apart."""


class FailOn(StrEnum):
    """The lowest severity that fails a run (``--fail-on``; ``--strict`` is ``warning``)."""

    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


@dataclass(frozen=True)
class Waived:
    """A finding an in-date, well-formed waiver accepts, with that waiver."""

    finding: Finding
    waiver: Waiver


@dataclass(frozen=True)
class RuleResult:
    """One rule's outcome for one file, with the findings behind it."""

    rule: Rule
    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...] = ()

    @property
    def status(self) -> Status:
        if self.findings:
            return Status.FAIL
        return Status.WAIVED if self.waived else Status.PASS


@dataclass(frozen=True)
class FileResult:
    """Everything found in one file, or why it could not be checked."""

    path: str
    icb_name: str | None = None
    format_version: int | None = None
    rules: tuple[RuleResult, ...] = ()
    error: LoadError | None = None
    structure: Structure | None = None
    """What the constitution sets up, for the board-paper reports and the map."""

    @property
    def findings(self) -> list[Finding]:
        """All findings, in file order."""
        return sorted(
            (f for result in self.rules for f in result.findings),
            key=lambda f: (f.line, f.column, f.rule, f.message),
        )

    @property
    def waived(self) -> list[Waived]:
        """All waived findings, in file order."""
        return sorted(
            (w for result in self.rules for w in result.waived),
            key=lambda w: (w.finding.line, w.finding.column, w.finding.rule, w.finding.message),
        )

    def count(self, severity: Severity) -> int:
        return sum(1 for result in self.rules for f in result.findings if f.severity == severity)


@dataclass(frozen=True)
class Report:
    """The results of one run over one or more files."""

    files: tuple[FileResult, ...]
    ruleset: str
    fail_on: FailOn = field(default=FailOn.ERROR)

    def count(self, severity: Severity) -> int:
        return sum(result.count(severity) for result in self.files)

    @property
    def waived(self) -> int:
        return sum(len(result.waived) for result in self.files)

    @property
    def unreadable(self) -> int:
        return sum(1 for result in self.files if result.error is not None)

    @property
    def exit_code(self) -> ExitCode:
        """2 if a file could not be checked; else 1 if a finding at or above ``fail_on``; else 0.

        Waived findings never count.
        """
        if self.unreadable:
            return ExitCode.USAGE
        if self.fail_on is FailOn.NEVER:
            return ExitCode.OK
        failing = self.count(Severity.ERROR)
        if self.fail_on is FailOn.WARNING:
            failing += self.count(Severity.WARNING)
        return ExitCode.FINDINGS if failing else ExitCode.OK


def counts(files: Iterable[FileResult]) -> tuple[int, int]:
    """(errors, warnings) over ``files``."""
    files = list(files)
    return (
        sum(f.count(Severity.ERROR) for f in files),
        sum(f.count(Severity.WARNING) for f in files),
    )
