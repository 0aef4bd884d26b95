"""What every human-facing report says the same way: status marks, counts and the verdict.

The text, HTML and markdown reports share these so that a rule's mark, a
gap count or the verdict line never reads differently from one format to
another. Marks always come with words in the board-paper formats: colour
alone carries no information.
"""

from __future__ import annotations

from dataclasses import dataclass

from icscheck.finding import Finding, Severity
from icscheck.result import FailOn, FileResult, Report, RuleResult, Status
from icscheck.rules.base import Rule

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


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def fails_on(fail_on: FailOn) -> str:
    """What makes the run fail (``--fail-on``), in words."""
    if fail_on is FailOn.NEVER:
        return "never (report only)"
    return "errors" if fail_on is FailOn.ERROR else "errors and warnings"


@dataclass(frozen=True)
class Verdict:
    """The run's one-line conclusion: a mark, the counts and what they mean."""

    mark: str
    summary: str
    conclusion: str

    def __str__(self) -> str:
        return f"{self.mark} {self.summary}: {self.conclusion}"


def verdict(report: Report) -> Verdict:
    """The verdict on the whole run (the last line of the text report)."""
    errors = report.count(Severity.ERROR)
    warnings = report.count(Severity.WARNING)
    checked = len(report.files) - report.unreadable
    parts = _counts(errors, warnings, report.waived)
    if report.unreadable:
        parts.append(f"{report.unreadable} unreadable")
    summary = ", ".join(parts) + f" in {plural(checked, 'file')} checked"
    if report.unreadable:
        return Verdict(ERROR, summary, "not every file could be checked")
    return _judged(summary, errors, warnings, report.fail_on)


def file_verdict(result: FileResult, fail_on: FailOn) -> Verdict:
    """The verdict on one checked file, judged as the run is."""
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    summary = ", ".join(_counts(errors, warnings, len(result.waived)))
    return _judged(summary, errors, warnings, fail_on)


def _counts(errors: int, warnings: int, waived: int) -> list[str]:
    parts = [plural(errors, "error"), plural(warnings, "warning")]
    if waived:
        parts.append(f"{waived} waived")
    return parts


def _judged(summary: str, errors: int, warnings: int, fail_on: FailOn) -> Verdict:
    if errors or (fail_on is FailOn.WARNING and warnings):
        return Verdict(ERROR, summary, "does not meet the guide rails")
    if warnings:
        return Verdict(WARNING, summary, "meets the statutory minimum")
    return Verdict(PASS, summary, "every rule passes")
