"""The cross-ICB summary a report of several files opens with (html and markdown): a row
per file with its ICB, its own verdict and its gaps by rule area."""

from __future__ import annotations

from dataclasses import dataclass

from icscheck.finding import Severity
from icscheck.reporters.summary import ERROR, Verdict, file_verdict, plural
from icscheck.result import NO_ICB_NAME, FileResult, Report
from icscheck.rules.base import Area


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
    return BatchRow(
        icb, result.path, file_verdict(result, report.fail_on, report.configured), areas
    )
