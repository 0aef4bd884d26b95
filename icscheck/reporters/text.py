"""``--format text``: the Rich report a governance lead reads.

For each file: a header, a table per area listing every rule (passes are
evidence too) and the rules that did not run, then each gap (errors first)
with its location, rule, severity, message, fix, source and where the fact is
stated, then apart the questions to confirm (outcomes resting on facts the
file marks unknown) and the waived findings with their waivers, then a
one-line verdict. Everything wraps rather than truncates,
so at 80 columns no information is lost; without a terminal, or with
NO_COLOR set, the output is plain text.

Every string that is not icscheck's own (names, paths, messages, a house
rule's words) goes through ``icscheck.untrusted`` as Rich ``Text``, never as
a string Rich would read markup in, and the rendered lines through
``untrusted.log``, so no line can act on the terminal or the CI log.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from icscheck import __version__, untrusted
from icscheck.finding import Finding
from icscheck.reporters.base import Reporter
from icscheck.reporters.summary import (
    ERROR,
    PASS,
    UNCONFIRMED,
    WAIVED,
    WARNING,
    finding_mark,
    gaps_cell,
    in_report_order,
    mark,
    not_run,
    settings,
    verdict,
)
from icscheck.result import NO_ICB_NAME, FileResult, Report, Unconfirmed
from icscheck.waivers import Waiver

if TYPE_CHECKING:
    from rich.console import Console

STYLE = {
    PASS: "green",
    ERROR: "bold red",
    WARNING: "yellow",
    WAIVED: "cyan",
    UNCONFIRMED: "magenta",
}


class TextReporter(Reporter):
    """The human report, rendered with Rich."""

    def write(self, report: Report) -> None:
        console = self._console()
        with console.capture() as captured:
            for result in report.files:
                if result.error is None:
                    self._file(console, result, report)
            self._settings(console, report)
            self._verdict(console, report)
        from icscheck.reporters.console import plain_lines

        self.stream.writelines(plain_lines(captured.get()))

    def _console(self) -> Console:
        from icscheck.reporters.console import console

        return console(self.stream, self.color, self.width)

    def _file(self, console: Console, result: FileResult, report: Report) -> None:
        from rich.table import Table
        from rich.text import Text

        shown = untrusted.text
        console.print(Text(shown(result.icb_name or NO_ICB_NAME), style="bold"))
        # Paths and locations are never split: a terminal may soft-wrap them,
        # but copying one must give the real path.
        console.print(Text(f"  file: {shown(result.path)}"), soft_wrap=True)
        version = result.format_version if result.format_version is not None else "not given"
        console.print(
            Text(
                f"  format version: {version}   ruleset: icscheck {__version__}, {len(result.rules)} rules"
            )
        )
        console.print(Text(f"  checked as on: {report.on.isoformat()}"))
        for area, outcomes in groupby(result.rules, key=lambda o: report.rule(o.rule).area):
            table = Table(title=str(area), title_justify="left", title_style="bold", expand=False)
            table.add_column("", width=1, no_wrap=True)
            table.add_column("Rule", no_wrap=True)
            table.add_column("Severity", no_wrap=True)
            table.add_column("Requirement", overflow="fold")
            table.add_column("Gaps", justify="right", no_wrap=True)
            for outcome in outcomes:
                rule = report.rule(outcome.rule)
                symbol = mark(outcome, rule)
                table.add_row(
                    Text(symbol, style=STYLE[symbol]),
                    Text(shown(rule.id)),
                    str(rule.severity),
                    Text(shown(rule.title)),  # a house rule's title is the repository's text
                    gaps_cell(outcome),
                )
            console.print()
            console.print(table)
        for reason, rules in not_run(result):
            console.print()
            console.print(Text(f"Not run: {', '.join(rules)} ({len(rules)} rules). Why: {reason}."))
        findings = in_report_order(result.findings)
        if findings:
            console.print()
            heading = Text(f"Gaps in {shown(result.path)} ({len(findings)})", style="bold")
            console.print(heading, soft_wrap=True)
            for finding in findings:
                self._gap(console, finding, report)
        unconfirmed = result.unconfirmed
        if unconfirmed:
            console.print()
            heading = Text(f"To confirm in {shown(result.path)} ({len(unconfirmed)})", style="bold")
            console.print(heading, soft_wrap=True)
            for question in unconfirmed:
                self._gap(console, question.finding, report, question=question)
        waived = result.waived
        if waived:
            console.print()
            heading = Text(f"Waived in {shown(result.path)} ({len(waived)})", style="bold")
            console.print(heading, soft_wrap=True)
            for item in waived:
                self._gap(console, item.finding, report, item.waiver)
        console.print()

    def _gap(
        self,
        console: Console,
        finding: Finding,
        report: Report,
        waiver: Waiver | None = None,
        question: Unconfirmed | None = None,
    ) -> None:
        from rich.padding import Padding
        from rich.text import Text

        symbol = UNCONFIRMED if question else finding_mark(finding, waived=waiver is not None)
        rule = report.rule(finding.rule)
        head = Text()
        head.append(f"{symbol} ", style=STYLE[symbol])
        shown = untrusted.text
        head.append(shown(finding.location), style="bold")
        head.append(f"  {shown(finding.rule)}  {finding.severity}", style=STYLE[symbol])
        if waiver is not None:
            head.append("  waived", style=STYLE[symbol])
        if question is not None:
            head.append("  to confirm", style=STYLE[symbol])
        console.print()
        console.print(head, soft_wrap=True)
        body = Text(overflow="fold")
        body.append(shown(finding.message))
        if question is not None:
            for fact in question.confirm:
                body.append("\nconfirm: ", style="bold")
                body.append(shown(fact))
        if finding.provenance:
            body.append("\nstated in: ", style="bold")
            body.append(shown(finding.provenance))
        body.append("\nfix: ", style="bold")
        body.append(shown(rule.fix))
        body.append("\nsource: ", style="bold")
        body.append(shown(finding.source))
        if waiver is not None:
            body.append(f"\nwaiver (line {waiver.line}): ", style="bold")
            body.append(shown(waiver.describe()))
        console.print(Padding(body, (0, 0, 0, 2)))

    def _settings(self, console: Console, report: Report) -> None:
        """What configuration switched off or changed, and where, just above the verdict
        that counts it."""
        from rich.padding import Padding
        from rich.text import Text

        lines = settings(report.configured)
        if not lines:
            return
        console.print(Text("Settings", style="bold"))
        for item in lines:
            body = Text(overflow="fold")
            body.append(f"{item.kind}: ", style="bold")
            body.append(untrusted.text(str(item).removeprefix(f"{item.kind}: ")))
            console.print(Padding(body, (0, 0, 0, 2)))
        console.print()

    def _verdict(self, console: Console, report: Report) -> None:
        from rich.text import Text

        line = verdict(report)
        console.print(Text(str(line), style=STYLE[line.mark]))
