"""What every human-facing report says the same way: status marks, counts and the verdict.

The text, HTML and markdown reports share these so that a rule's mark, a
gap count or the verdict line never reads differently from one format to
another. Marks always come with words in the board-paper formats: colour
alone carries no information.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from icscheck.finding import Finding, Severity
from icscheck.result import NO_ICB_NAME, FailOn, FileResult, Report, RuleResult, Status
from icscheck.rules.base import Area, Rule

TITLE = "Constitution compliance report"
"""The heading of the board-paper reports (HTML and markdown)."""

PASS, ERROR, WARNING, WAIVED, UNCONFIRMED = "✓", "✗", "⚠", "○", "?"
WORD = {PASS: "met", ERROR: "gap", WARNING: "gap", WAIVED: "waived", UNCONFIRMED: "to confirm"}
"""How a board paper names each mark: every rule is met, a gap, or waived."""


def mark(outcome: RuleResult, rule: Rule) -> str:
    """✓ pass, ✗ error-level gap, ⚠ warning-level gap, ○ every gap waived."""
    if outcome.status is Status.PASS:
        return PASS
    if outcome.status is Status.WAIVED:
        return WAIVED
    if outcome.status is Status.UNCONFIRMED:
        return UNCONFIRMED
    return ERROR if rule.severity is Severity.ERROR else WARNING


def finding_mark(finding: Finding, *, waived: bool = False) -> str:
    """The mark of one gap: ○ when waived, else by its own severity."""
    if waived:
        return WAIVED
    return ERROR if finding.severity is Severity.ERROR else WARNING


def gaps_cell(outcome: RuleResult) -> str:
    """A rule's Gaps column: open gaps, and how many more are waived."""
    parts = [str(len(outcome.findings))] if outcome.findings else []
    if outcome.unconfirmed:
        parts.append(f"{len(outcome.unconfirmed)} to confirm")
    if outcome.waived:
        parts.append(f"{len(outcome.waived)} waived")
    return " + ".join(parts)


def in_report_order(findings: Iterable[Finding]) -> list[Finding]:
    """Errors before warnings, each in file order: what a board (or a committer) acts on
    first comes first (issue 12: "errors come before warnings, in every report")."""
    return sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.line, f.column))


def questions(result: FileResult) -> list[tuple[str, list[str]]]:
    """The board paper's "questions to confirm": each unknown fact the file's unconfirmed
    outcomes rest on, once, with the rules waiting on it (in file order)."""
    asked: dict[str, list[str]] = {}
    for item in result.unconfirmed:
        for fact in item.confirm:
            rules = asked.setdefault(fact, [])
            if item.finding.rule not in rules:
                rules.append(item.finding.rule)
    return list(asked.items())


def not_run(result: FileResult) -> list[tuple[str, list[str]]]:
    """The rules that did not run on a file, grouped by why (each reason once)."""
    grouped: dict[str, list[str]] = {}
    for item in result.not_run:
        grouped.setdefault(item.reason, []).append(item.rule)
    return list(grouped.items())


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def fails_on(fail_on: FailOn) -> str:
    """What makes the run fail (``--fail-on``), in words."""
    if fail_on is FailOn.NEVER:
        return "never (report only)"
    return "errors" if fail_on is FailOn.ERROR else "errors, warnings and questions to confirm"


@dataclass(frozen=True)
class Verdict:
    """The run's one-line conclusion: a mark, the counts and what they mean."""

    mark: str
    summary: str
    conclusion: str

    def __str__(self) -> str:
        return f"{self.mark} {self.summary}: {self.conclusion}"


@dataclass(frozen=True)
class _Tally:
    errors: int
    warnings: int
    waived: int
    unconfirmed: int
    statutory_unconfirmed: int
    """Unconfirmed outcomes of error-level rules: while any is open, the statutory
    minimum is not shown either way."""

    @classmethod
    def of(cls, files: Iterable[FileResult]) -> _Tally:
        files = list(files)
        unconfirmed = [u for f in files for u in f.unconfirmed]
        return cls(
            errors=sum(f.count(Severity.ERROR) for f in files),
            warnings=sum(f.count(Severity.WARNING) for f in files),
            waived=sum(len(f.waived) for f in files),
            unconfirmed=len(unconfirmed),
            statutory_unconfirmed=sum(
                1 for u in unconfirmed if u.finding.severity is Severity.ERROR
            ),
        )

    def parts(self) -> list[str]:
        parts = [plural(self.errors, "error"), plural(self.warnings, "warning")]
        if self.unconfirmed:
            parts.append(f"{self.unconfirmed} to confirm")
        if self.waived:
            parts.append(f"{self.waived} waived")
        return parts


def verdict(report: Report) -> Verdict:
    """The verdict on the whole run (the last line of the text report)."""
    tally = _Tally.of(r for r in report.files if r.error is None)
    checked = len(report.files) - report.unreadable
    if report.unreadable and not checked:
        # A missing file is a missing file, not "0 files checked" (the one-line error
        # above says which and why).
        return Verdict(
            ERROR, f"{plural(report.unreadable, 'file')} could not be read", "nothing was checked"
        )
    parts = tally.parts()
    if report.unreadable:
        parts.append(f"{report.unreadable} unreadable")
    summary = ", ".join(parts) + f" in {plural(checked, 'file')} checked"
    if report.unreadable:
        return Verdict(ERROR, summary, "not every file could be checked")
    return _judged(summary, tally, report.fail_on)


def file_verdict(result: FileResult, fail_on: FailOn) -> Verdict:
    """The verdict on one checked file, judged as the run is."""
    tally = _Tally.of([result])
    return _judged(", ".join(tally.parts()), tally, fail_on)


def _judged(summary: str, tally: _Tally, fail_on: FailOn) -> Verdict:
    strict = fail_on is FailOn.WARNING
    if tally.errors or (strict and tally.warnings):
        return Verdict(ERROR, summary, "does not meet the guide rails")
    if strict and tally.unconfirmed:
        # --strict: every question needs an answer before the gate passes.
        return Verdict(ERROR, summary, "not passed until every question is confirmed")
    if tally.statutory_unconfirmed:
        # A statutory rule waits on an unknown fact: claiming the minimum would be a guess.
        return Verdict(UNCONFIRMED, summary, "the statutory minimum waits on questions to confirm")
    if tally.warnings:
        return Verdict(WARNING, summary, "meets the statutory minimum")
    if tally.unconfirmed:
        return Verdict(
            UNCONFIRMED, summary, "meets the statutory minimum, with questions to confirm"
        )
    return Verdict(PASS, summary, "every rule passes")


@dataclass(frozen=True)
class AreaGaps:
    """One rule area's open gaps in one file, by severity, and its outcomes to confirm."""

    area: Area
    errors: int = 0
    warnings: int = 0
    unconfirmed: int = 0

    def __str__(self) -> str:
        parts = [plural(self.errors, "error")] if self.errors else []
        if self.warnings:
            parts.append(plural(self.warnings, "warning"))
        if self.unconfirmed:
            parts.append(f"{self.unconfirmed} to confirm")
        return f"{self.area}: {', '.join(parts)}"


@dataclass(frozen=True)
class BatchRow:
    """A file's row in the cross-ICB summary: who, which file, its verdict, gaps by area."""

    icb: str
    path: str
    verdict: Verdict | None
    """The file's own verdict (``file_verdict``); None when it could not be checked."""
    areas: tuple[AreaGaps, ...]
    """Only the areas with a gap or a question, in report order."""

    @property
    def tone(self) -> str:
        """The verdict's mark; ✗ for a file that could not be checked."""
        return ERROR if self.verdict is None else self.verdict.mark

    @property
    def verdict_text(self) -> str:
        return f"{ERROR} could not be checked" if self.verdict is None else str(self.verdict)

    @property
    def areas_text(self) -> str:
        if self.verdict is None:
            return "not checked"
        return "; ".join(str(area) for area in self.areas) or "none"


def batch_rows(report: Report) -> list[BatchRow]:
    """The cross-ICB summary a board paper of several files opens with (issue 12: "one row
    per ICB, its verdict, and its gaps by area"), in the files' order; none for one file.

    Each verdict is the file's own, in the same words as its section's, so the summary and
    the section cannot disagree; the gaps are open gaps (waived ones are not), counted by
    their own severity as the verdict counts them, and the outcomes to confirm.
    """
    if len(report.files) < 2:
        return []
    return [_row(result, report) for result in report.files]


def _row(result: FileResult, report: Report) -> BatchRow:
    icb = result.icb_name or NO_ICB_NAME
    if result.error is not None:
        return BatchRow(icb, result.path, None, ())
    tally: dict[Area, list[int]] = {}
    for finding in result.findings:
        counts = tally.setdefault(report.rule(finding.rule).area, [0, 0, 0])
        counts[0 if finding.severity is Severity.ERROR else 1] += 1
    for item in result.unconfirmed:
        tally.setdefault(report.rule(item.finding.rule).area, [0, 0, 0])[2] += 1
    areas = tuple(AreaGaps(area, *tally[area]) for area in Area if area in tally)
    return BatchRow(icb, result.path, file_verdict(result, report.fail_on), areas)
