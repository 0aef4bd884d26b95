"""What configuration did to a run: the rules it switched off, the severities it changed,
the overrides that lapsed and the files it read, each with where it was said.

An auditor or an NHS England assurance reviewer reading a report must be able
to tell what was switched off, and by whom (issue 12): a gate that passes
because a configuration file softened a statutory rule must say so in the
same line as it says it passed. ``Run.prepare`` (icscheck/run.py) builds one
``Configured`` from the Settings; the Report carries it and every reporter
shows it. Nothing here reads a file, the clock or the registry.

An ``Override`` is the accountable form of a change (``[overrides.RULE]``,
docs/configuration.md): like a waiver (docs/waivers.md) it says why
(``reason``), who agreed it (``approved-by``) and until when (``until``).
Switching off or softening an error-level rule in a configuration file can
only be done that way; after its ``until`` date it lapses, and the rule runs
at its own severity (WAIVE-002 says so).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from enum import StrEnum

from icscheck.finding import Severity


@dataclass(frozen=True)
class Accountability:
    """Why, who agreed and until when: what a waiver and an override must both say."""

    reason: str
    approved_by: str
    until: _dt.date

    def lapsed(self, on: _dt.date) -> bool:
        """In force on its ``until`` date itself, lapsed the day after (as a waiver)."""
        return self.until < on

    def describe(self) -> str:
        return (
            f"reason: {self.reason}; approved by: {self.approved_by}; "
            f"until: {self.until.isoformat()}"
        )


@dataclass(frozen=True)
class Override:
    """One ``[overrides.SELECTOR]`` entry: a rule (or family) switched off or given another
    severity, accountably."""

    selector: str
    """A rule ID (``COMM-003``) or family (``COMM``)."""
    severity: Severity | None
    """The severity it runs at; None when the entry switches the rules off (``ignore = true``)."""
    accountability: Accountability
    origin: str
    """``file:line`` of the entry's table."""

    @property
    def action(self) -> str:
        return "switched off" if self.severity is None else f"severity {self.severity}"


def place(source: str) -> tuple[str | None, int | None]:
    """(file, line) of a ``file:line`` source; (None, None) for a flag (``--ignore``)."""
    if source.startswith("--"):
        return None, None
    path, colon, line = source.rpartition(":")
    if colon and line.isdigit():
        return path, int(line)
    return source, None


class Why(StrEnum):
    """Why configuration left a rule out of a run (the JSON report's ``why``)."""

    SELECT = "select"
    """Not among the rules ``select`` names."""
    IGNORE = "ignore"
    PER_FILE = "per-file-ignores"
    """Left out for the files a glob matches only."""
    OVERRIDE = "override"
    """An accountable ``[overrides.RULE]`` entry with ``ignore = true``."""


@dataclass(frozen=True)
class Off:
    """A rule configuration switched off, and where that was said."""

    rule: str
    why: Why
    source: str
    """``file:line``, or the flag (``--ignore``) when the command line said it."""
    selector: str = ""
    """The selector that named it (``COMM`` for COMM-003); empty for ``select``."""
    files: str = ""
    """For a per-file ignore: the glob of the files it is left out for."""
    accountability: Accountability | None = None

    def describe(self) -> str:
        """One line: what said it, where, and for an override who agreed it and until when:
        ``ignore COMM-009 in .icscheck.toml:1``, ``--ignore COMM``."""
        if self.source.startswith("--"):
            return (
                f"not in {self.source}"
                if self.why is Why.SELECT
                else f"{self.source} {self.selector}"
            )
        if self.why is Why.SELECT:
            said = "not in select"
        elif self.why is Why.PER_FILE:
            said = f"per-file-ignores {self.files!r} = {self.selector}"
        elif self.why is Why.OVERRIDE:
            said = f"override {self.selector} (ignore = true)"
        else:
            said = f"ignore {self.selector}"
        text = f"{said} in {self.source}"
        if self.accountability is not None:
            text += f"; {self.accountability.describe()}"
        return text


@dataclass(frozen=True)
class Changed:
    """A rule configuration runs at another severity than it is written with."""

    rule: str
    was: Severity
    now: Severity
    source: str
    accountability: Accountability | None = None
    selector: str = ""
    """The override's selector, when an override made the change."""

    def describe(self) -> str:
        """``error to warning by override COMM-003 in .icscheck.toml:3; reason: ...``."""
        said = f"override {self.selector}" if self.accountability is not None else "severity"
        text = f"{self.was} to {self.now} by {said} in {self.source}"
        if self.accountability is not None:
            text += f"; {self.accountability.describe()}"
        return text


@dataclass(frozen=True)
class Lapsed:
    """An override past its ``until`` date: the rule runs at its own severity again."""

    rule: str
    override: Override

    def describe(self) -> str:
        override = self.override
        return (
            f"override {override.selector} ({override.action}) in {override.origin} lapsed on "
            f"{override.accountability.until.isoformat()} (approved by "
            f"{override.accountability.approved_by}); {self.rule} runs at its own severity"
        )


@dataclass(frozen=True)
class GateOff:
    """The gate switched off (``fail-on = "never"``): no finding fails the run. Said in a
    configuration file it carries a reason, an approver and an end date, as an override
    does, and after that date it lapses and the run fails on errors again."""

    source: str
    """``file:line`` of ``fail-on``, or ``--fail-on`` for the command line."""
    accountability: Accountability | None = None
    lapsed: bool = False

    def describe(self) -> str:
        """``no finding fails the run: fail-on = "never" in .icscheck.toml:2; reason: ...``."""
        if self.source.startswith("--"):
            return "no finding fails the run: --fail-on never"
        text = f'fail-on = "never" in {self.source}'
        if self.accountability is None:
            return f"no finding fails the run: {text}"
        if self.lapsed:
            return (
                f"{text} lapsed on {self.accountability.until.isoformat()} (approved by "
                f"{self.accountability.approved_by}); the run fails on errors"
            )
        return f"no finding fails the run: {text}; {self.accountability.describe()}"


@dataclass(frozen=True)
class Configured:
    """Everything configuration changed in one run, in report order, with its source."""

    files: tuple[str, ...] = ()
    """The configuration files read, the extended ones first."""
    off: tuple[Off, ...] = ()
    """Rules not run, each once per reason (a per-file ignore only where a glob matches)."""
    changed: tuple[Changed, ...] = ()
    lapsed: tuple[Lapsed, ...] = ()
    per_file: tuple[Off, ...] = ()
    """Per-file ignores declared: each rule and glob; which files they matched is on each
    file's ``not_run``."""
    statutory_rules: tuple[str, ...] = ()
    """The error-level rules switched off (for all files or some) or run as warnings."""
    gate: GateOff | None = None
    """The gate switched off (``fail-on = "never"``), in force or lapsed; None when it is on."""

    @property
    def switched_off(self) -> tuple[str, ...]:
        """The rules left out of the whole run, or of some files, each once."""
        return tuple(dict.fromkeys(o.rule for o in (*self.off, *self.per_file)))

    @property
    def statutory(self) -> bool:
        """Whether an error-level rule is switched off or softened: what a verdict on the
        statutory minimum must then qualify."""
        return bool(self.statutory_rules)

    @property
    def empty(self) -> bool:
        return not (self.off or self.changed or self.lapsed or self.per_file or self.gate)
