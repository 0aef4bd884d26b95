"""``--format text``: the Rich report a governance lead reads.

For each file: a header, a table per area listing every rule (passes are
evidence too), then each gap with its location, rule, severity, message, fix
and source, then the waived findings apart, each with its waiver, then a
one-line verdict. Everything wraps rather than truncates,
so at 80 columns no information is lost; without a terminal, or with
NO_COLOR set, the output is plain text.
"""

from __future__ import annotations

import os
from itertools import groupby
from typing import TYPE_CHECKING

from icscheck import __version__
from icscheck.finding import Finding, Severity
from icscheck.reporters.base import Reporter
from icscheck.result import FailOn, FileResult, Report, RuleResult, Status
from icscheck.rules import RULES
from icscheck.waivers import Waiver

if TYPE_CHECKING:
    from rich.console import Console

PASS, ERROR, WARNING, WAIVED = "✓", "✗", "⚠", "○"
STYLE = {PASS: "green", ERROR: "bold red", WARNING: "yellow", WAIVED: "cyan"}


def mark(outcome: RuleResult) -> str:
    """✓ pass, ✗ error-level gap, ⚠ warning-level gap, ○ every gap waived."""
    if outcome.status is Status.PASS:
        return PASS
    if outcome.status is Status.WAIVED:
        return WAIVED
    return ERROR if outcome.rule.severity is Severity.ERROR else WARNING


def _gaps(outcome: RuleResult) -> str:
    """The Gaps column: open gaps, and how many more are waived."""
    parts = [str(len(outcome.findings))] if outcome.findings else []
    if outcome.waived:
        parts.append(f"{len(outcome.waived)} waived")
        return " + ".join(parts)
    return parts[0] if parts else ""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter(Reporter):
    """The human report, rendered with Rich."""

    def write(self, report: Report) -> None:
        console = self._console()
        with console.capture() as captured:
            for result in report.files:
                if result.error is None:
                    self._file(console, result)
            self._verdict(console, report)
        # Rich pads every line to the full width; trailing spaces help no reader
        # and make a copied report ragged, so they go.
        self.stream.writelines(line.rstrip() + "\n" for line in captured.get().splitlines())

    def _console(self) -> Console:
        from rich.console import Console

        no_color = "NO_COLOR" in os.environ if self.color is None else not self.color
        return Console(
            file=self.stream,
            width=self.width,
            no_color=no_color,
            # NO_COLOR asks for plain text: no bold or underline either.
            color_system=None if no_color else "auto",
            force_terminal=True if self.color else None,
            highlight=False,
            emoji=False,
        )

    def _file(self, console: Console, result: FileResult) -> None:
        from rich.table import Table
        from rich.text import Text

        console.print(Text(result.icb_name or "(ICB name not given)", style="bold"))
        # Paths and locations are never split: a terminal may soft-wrap them,
        # but copying one must give the real path.
        console.print(Text(f"  file: {result.path}"), soft_wrap=True)
        version = result.format_version if result.format_version is not None else "not given"
        console.print(
            Text(
                f"  format version: {version}   ruleset: icscheck {__version__}, {len(result.rules)} rules"
            )
        )
        for area, outcomes in groupby(result.rules, key=lambda outcome: outcome.rule.area):
            table = Table(title=str(area), title_justify="left", title_style="bold", expand=False)
            table.add_column("", width=1, no_wrap=True)
            table.add_column("Rule", no_wrap=True)
            table.add_column("Severity", no_wrap=True)
            table.add_column("Requirement", overflow="fold")
            table.add_column("Gaps", justify="right", no_wrap=True)
            for outcome in outcomes:
                symbol = mark(outcome)
                table.add_row(
                    Text(symbol, style=STYLE[symbol]),
                    outcome.rule.id,
                    str(outcome.rule.severity),
                    outcome.rule.title,
                    _gaps(outcome),
                )
            console.print()
            console.print(table)
        findings = result.findings
        if findings:
            console.print()
            heading = Text(f"Gaps in {result.path} ({len(findings)})", style="bold")
            console.print(heading, soft_wrap=True)
            for finding in findings:
                self._gap(console, finding)
        waived = result.waived
        if waived:
            console.print()
            heading = Text(f"Waived in {result.path} ({len(waived)})", style="bold")
            console.print(heading, soft_wrap=True)
            for item in waived:
                self._gap(console, item.finding, item.waiver)
        console.print()

    def _gap(self, console: Console, finding: Finding, waiver: Waiver | None = None) -> None:
        from rich.padding import Padding
        from rich.text import Text

        symbol = ERROR if finding.severity is Severity.ERROR else WARNING
        if waiver is not None:
            symbol = WAIVED
        rule = RULES[finding.rule]
        head = Text()
        head.append(f"{symbol} ", style=STYLE[symbol])
        head.append(f"{finding.path}:{finding.line}:{finding.column}", style="bold")
        head.append(f"  {finding.rule}  {finding.severity}", style=STYLE[symbol])
        if waiver is not None:
            head.append("  waived", style=STYLE[symbol])
        console.print()
        console.print(head, soft_wrap=True)
        body = Text(overflow="fold")
        body.append(finding.message)
        body.append("\nfix: ", style="bold")
        body.append(rule.fix)
        body.append("\nsource: ", style="bold")
        body.append(finding.source)
        if waiver is not None:
            body.append(f"\nwaiver (line {waiver.line}): ", style="bold")
            body.append(waiver.describe())
        console.print(Padding(body, (0, 0, 0, 2)))

    def _verdict(self, console: Console, report: Report) -> None:
        from rich.text import Text

        errors = report.count(Severity.ERROR)
        warnings = report.count(Severity.WARNING)
        checked = len(report.files) - report.unreadable
        parts = [plural(errors, "error"), plural(warnings, "warning")]
        if report.waived:
            parts.append(f"{report.waived} waived")
        if report.unreadable:
            parts.append(f"{report.unreadable} unreadable")
        summary = ", ".join(parts) + f" in {plural(checked, 'file')} checked"
        if report.unreadable:
            console.print(
                Text(f"{ERROR} {summary}: not every file could be checked", style=STYLE[ERROR])
            )
        elif errors or (report.fail_on is FailOn.WARNING and warnings):
            console.print(
                Text(f"{ERROR} {summary}: does not meet the guide rails", style=STYLE[ERROR])
            )
        elif warnings:
            console.print(
                Text(f"{WARNING} {summary}: meets the statutory minimum", style=STYLE[WARNING])
            )
        else:
            console.print(Text(f"{PASS} {summary}: every rule passes", style=STYLE[PASS]))
