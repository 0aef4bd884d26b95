"""What a run found: per rule, per file, and for the whole run, as plain data.

Results name rules by ID; the Report carries the catalogue of the rules that
ran (with the severity they ran at), so a reporter needs no registry. Every
value here pickles, so worker processes send results as they are, and
icscheck/codec.py turns them into JSON and back for the cache and
``--format json``. The exit code is decided here, from the results, and
nowhere else.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from icscheck import __version__
from icscheck.errors import ExitCode, LoadError
from icscheck.finding import Finding, Severity
from icscheck.overrides import Configured
from icscheck.rules.base import Rule
from icscheck.waivers import Waiver

if TYPE_CHECKING:
    from icscheck.model import Model

NO_ICB_NAME = "(ICB name not given)"
"""How every report and picture names a constitution that does not give ``icb.name``."""


class Status(StrEnum):
    """A rule's outcome for one file."""

    PASS = "pass"
    FAIL = "fail"
    WAIVED = "waived"
    """Every finding is waived: a gap the board has accepted, shown apart."""
    UNCONFIRMED = "unconfirmed"
    """No gap, but one or more rests on a fact the file marks unknown: a question to confirm."""


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
class Unconfirmed:
    """A finding that rests on facts the file marks unknown: what to confirm, not a gap."""

    finding: Finding
    confirm: tuple[str, ...]
    """Each unknown fact it rests on: the field, and the note of where the reader looked."""


@dataclass(frozen=True)
class NotRun:
    """A rule that did not run on a file, and why."""

    rule: str
    reason: str


@dataclass(frozen=True)
class RuleResult:
    """One rule's outcome for one file, with the findings behind it."""

    rule: str
    """The rule's ID (its metadata is in the Report's catalogue)."""
    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...] = ()
    unconfirmed: tuple[Unconfirmed, ...] = ()

    @property
    def status(self) -> Status:
        if self.findings:
            return Status.FAIL
        if self.unconfirmed:
            return Status.UNCONFIRMED
        return Status.WAIVED if self.waived else Status.PASS


@dataclass(frozen=True)
class FileResult:
    """Everything found in one file, or why it could not be checked."""

    path: str
    icb_name: str | None = None
    format_version: int | None = None
    rules: tuple[RuleResult, ...] = ()
    error: LoadError | None = None
    not_run: tuple[NotRun, ...] = ()
    """Rules in force that did not run on this file (one needing format version 2 on a
    version 1 file, say), with why."""
    model: Model | None = None
    """What the constitution sets up, for the board-paper reports, the map and the diff."""
    skipped: bool = False
    """Not an icscheck constitution, and the run checks only those (``--only-constitutions``):
    the Report lists it under ``skipped``, never among its files."""

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

    @property
    def unconfirmed(self) -> list[Unconfirmed]:
        """All unconfirmed outcomes, in file order."""
        return sorted(
            (u for result in self.rules for u in result.unconfirmed),
            key=lambda u: (u.finding.line, u.finding.column, u.finding.rule, u.finding.message),
        )

    def count(self, severity: Severity) -> int:
        return sum(1 for result in self.rules for f in result.findings if f.severity == severity)


@dataclass(frozen=True)
class Report:
    """The results of one run over one or more files."""

    files: tuple[FileResult, ...]
    rules: tuple[Rule, ...]
    """The catalogue: every rule in force in this run, in report order, at the
    severity it ran at."""
    on: _dt.date
    """The date the files were checked as on (``--date``)."""
    fail_on: FailOn = FailOn.ERROR
    skipped: tuple[str, ...] = ()
    """Files passed that are not icscheck constitutions, skipped (``--only-constitutions``)."""
    configured: Configured = field(default_factory=Configured)
    """What configuration changed in this run and where it was said: the rules not run, the
    severities changed, the overrides lapsed, the files read (icscheck/overrides.py)."""

    @property
    def ruleset(self) -> str:
        """What checked the files: ``icscheck 0.1.0 (36 rules)``, ``(1 rule)`` for one."""
        count = len(self.rules)
        return f"icscheck {__version__} ({count} rule{'' if count == 1 else 's'})"

    @cached_property
    def catalogue(self) -> Mapping[str, Rule]:
        """The rules in force, by ID."""
        return {rule.id: rule for rule in self.rules}

    def rule(self, rule_id: str) -> Rule:
        """One rule's metadata, as it ran."""
        return self.catalogue[rule_id]

    def count(self, severity: Severity) -> int:
        return sum(result.count(severity) for result in self.files)

    @property
    def waived(self) -> int:
        return sum(len(result.waived) for result in self.files)

    @property
    def unconfirmed(self) -> int:
        return sum(len(result.unconfirmed) for result in self.files)

    @property
    def unreadable(self) -> int:
        return sum(1 for result in self.files if result.error is not None)

    @property
    def exit_code(self) -> ExitCode:
        """2 if a file could not be checked; else 1 if a finding at or above ``fail_on``; else 0.

        Waived findings never count. Unconfirmed outcomes count as warnings do:
        only under ``--strict`` (``--fail-on warning``), when every question
        must have an answer.
        """
        if self.unreadable:
            return ExitCode.USAGE
        if self.fail_on is FailOn.NEVER:
            return ExitCode.OK
        failing = self.count(Severity.ERROR)
        if self.fail_on is FailOn.WARNING:
            failing += self.count(Severity.WARNING) + self.unconfirmed
        return ExitCode.FINDINGS if failing else ExitCode.OK


def counts(files: Iterable[FileResult]) -> tuple[int, int]:
    """(errors, warnings) over ``files``."""
    files = list(files)
    return (
        sum(f.count(Severity.ERROR) for f in files),
        sum(f.count(Severity.WARNING) for f in files),
    )
