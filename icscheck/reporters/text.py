"""``--format text``: the Rich report a governance lead reads.

For each file: a header, a table per area listing every rule (passes are
evidence too) and the rules that did not run, then each gap (errors first)
with its location, rule, severity, message, fix, source and where the fact is
stated, then apart the questions to confirm (outcomes resting on facts the
file marks unknown) and the waived findings with their waivers, then the
Settings (what configuration switched off or changed, with its file and line)
and a one-line verdict that counts them. A batch (more than one file checked) gives each file its
header, its verdict and its gaps, and the area tables once, for the whole
batch, at the end: a table per file cost about 59 ms a file, six times the
JSON report's time for 300 files (issue 13, docs/performance.md). Everything
wraps rather than truncates,
so at 80 columns no information is lost; without a terminal, or with
NO_COLOR set, the output is plain text.

Every string that is not icscheck's own (names, paths, messages, a house
rule's words) goes through ``icscheck.untrusted`` as Rich ``Text``, never as
a string Rich would read markup in, and the rendered lines through
``untrusted.log``, so no line can act on the terminal or the CI log.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    file_verdict,
    finding_mark,
    gaps_cell,
    in_report_order,
    mark,
    not_run,
    plural,
    settings,
    verdict,
)
from icscheck.result import NO_ICB_NAME, FileResult, Report, RuleResult, Unconfirmed
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
        from icscheck.reporters.concise import only_skipped

        if only_skipped(report):
            return
        console = self._console()
        checked = [result for result in report.files if result.error is None]
        with console.capture() as captured:
            if len(checked) == 1:
                self._file(console, checked[0], report)
            else:
                for result in checked:
                    self._file(console, result, report, tables=False)
                if checked:
                    self._summary(console, checked, report)
            self._unreadable(console, report)
            self._settings(console, report)
            self._verdict(console, report)
        from icscheck.reporters.console import plain_lines

        self.stream.writelines(plain_lines(captured.get()))

    def _unreadable(self, console: Console, report: Report) -> None:
        """Each file that could not be checked, by name: the verdict only counts them, and
        a report written to a file (not beside stderr) must still say which."""
        from rich.text import Text

        unreadable = [result for result in report.files if result.error is not None]
        if not unreadable:
            return
        console.print(Text("Could not be checked", style="bold"))
        for result in unreadable:
            console.print(Text(f"  ✗ {untrusted.text(str(result.error))}"), soft_wrap=True)
        console.print()

    def _console(self) -> Console:
        from icscheck.reporters.console import console

        return console(self.stream, self.color, self.width)

    def _file(
        self, console: Console, result: FileResult, report: Report, *, tables: bool = True
    ) -> None:
        from rich.text import Text

        shown = untrusted.text
        console.print(Text(shown(result.icb_name or NO_ICB_NAME), style="bold"))
        # Paths and locations are never split: a terminal may soft-wrap them,
        # but copying one must give the real path.
        console.print(Text(f"  file: {shown(result.path)}"), soft_wrap=True)
        version = result.format_version if result.format_version is not None else "not given"
        console.print(
            Text(
                f"  format version: {version}   ruleset: icscheck {__version__}, "
                f"{plural(len(result.rules), 'rule')}"
            )
        )
        console.print(Text(f"  checked as on: {report.on.isoformat()}"))
        if tables:
            self._tables(console, result.rules, report)
        else:
            self._file_summary(console, result, report)
        for reason, rules in not_run(result):
            console.print()
            console.print(
                Text(f"Not run: {', '.join(rules)} ({plural(len(rules), 'rule')}). Why: {reason}.")
            )
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

    def _tables(self, console: Console, rules: Sequence[RuleResult], report: Report) -> None:
        """A table per area: every rule, its mark, severity, requirement and gaps."""
        self._area_tables(
            console,
            [
                (outcome.rule, mark(outcome, report.rule(outcome.rule)), gaps_cell(outcome))
                for outcome in rules
            ],
            report,
            "Gaps",
        )

    def _area_tables(
        self, console: Console, rows: Sequence[tuple[str, str, str]], report: Report, last: str
    ) -> None:
        from rich.table import Table
        from rich.text import Text

        shown = untrusted.text
        for area, group in groupby(rows, key=lambda row: report.rule(row[0]).area):
            table = Table(title=str(area), title_justify="left", title_style="bold", expand=False)
            table.add_column("", width=1, no_wrap=True)
            table.add_column("Rule", no_wrap=True)
            table.add_column("Severity", no_wrap=True)
            table.add_column("Requirement", overflow="fold")
            table.add_column(last, justify="right", no_wrap=True)
            for rule_id, symbol, cell in group:
                rule = report.rule(rule_id)
                table.add_row(
                    Text(symbol, style=STYLE[symbol]),
                    Text(shown(rule.id)),
                    str(rule.severity),
                    Text(shown(rule.title)),  # a house rule's title is the repository's text
                    cell,
                )
            console.print()
            console.print(table)

    def _file_summary(self, console: Console, result: FileResult, report: Report) -> None:
        """In a batch, a file's own verdict and what is left to confirm, in place of tables."""
        from rich.text import Text

        judged = file_verdict(result, report.fail_on, report.configured)
        console.print(Text(f"  {judged}", style=STYLE[judged.mark]))
        questions = [o for o in result.rules if o.unconfirmed]
        if questions:
            listed = ", ".join(
                f"{untrusted.text(o.rule)} ({len(o.unconfirmed)})" for o in questions
            )
            console.print(Text(f"  {UNCONFIRMED} to confirm: {listed}", style=STYLE[UNCONFIRMED]))

    def _summary(self, console: Console, checked: Sequence[FileResult], report: Report) -> None:
        """The area tables once for a batch: each rule's worst mark over the files it ran on,
        and in how many of them it found gaps."""
        from rich.text import Text

        ran: dict[str, list[RuleResult]] = {}
        for result in checked:
            for outcome in result.rules:
                ran.setdefault(outcome.rule, []).append(outcome)
        rows = []
        for rule in report.rules:
            outcomes = ran.get(rule.id)
            if not outcomes:
                continue
            marks = {mark(o, rule) for o in outcomes}
            worst = next(m for m in (ERROR, WARNING, UNCONFIRMED, WAIVED, PASS) if m in marks)
            failing = sum(1 for o in outcomes if o.findings)
            cell = f"{failing} of {len(outcomes)}" if failing else ""
            rows.append((rule.id, worst, cell))
        console.print(Text(f"Summary of {len(checked)} files", style="bold"))
        self._area_tables(console, rows, report, "Files with gaps")
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
