"""What every human-facing report says the same way: status marks, counts and the verdict.

The text, HTML and markdown reports share these so that a rule's mark, a
gap count or the verdict line never reads differently from one format to
another. Marks always come with words in the board-paper formats: colour
alone carries no information.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from icscheck.finding import Finding, Severity
from icscheck.overrides import Configured, Off
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


def in_report_order(findings: Iterable[Finding]) -> list[Finding]:
    """Errors before warnings, each in file order: what a board (or a committer) acts on
    first comes first (issue 12: "errors come before warnings, in every report")."""
    return sorted(findings, key=report_order)


def report_order(finding: Finding) -> tuple[bool, int, int]:
    """The sort key of ``in_report_order``: errors first, then line and column."""
    return (finding.severity is not Severity.ERROR, finding.line, finding.column)


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
    configured = report.configured
    read = [r for r in report.files if r.error is None]
    unrun = _not_run_otherwise(read, configured.switched_off)
    summary = ", ".join(parts) + f" in {plural(checked, 'file')} checked"
    summary += _changes(len(configured.switched_off), len(configured.changed), len(unrun))
    if report.unreadable:
        return Verdict(ERROR, summary, "not every file could be checked")
    return _qualified(
        _judged(summary, tally, report.fail_on), configured, configured.switched_off + unrun
    )


def file_verdict(
    result: FileResult, fail_on: FailOn, configured: Configured | None = None
) -> Verdict:
    """The verdict on one checked file, judged as the run is, saying what configuration
    switched off for it (the run's rules off, and its per-file ignores) and changed."""
    tally = _Tally.of([result])
    configured = configured or Configured()
    left_out = {item.rule for item in result.not_run}
    off = tuple(
        dict.fromkeys(
            [o.rule for o in configured.off]
            + [o.rule for o in configured.per_file if o.rule in left_out]
        )
    )
    unrun = _not_run_otherwise([result], off)
    summary = ", ".join(tally.parts()) + _changes(len(off), len(configured.changed), len(unrun))
    return _qualified(_judged(summary, tally, fail_on), configured, off + unrun)


def _not_run_otherwise(results: Sequence[FileResult], off: Sequence[str]) -> tuple[str, ...]:
    """The rules that did not run on some file for a reason other than configuration (a
    format version 1 file has no facts for format 2's rules), in catalogue order."""
    switched = set(off)
    return tuple(
        dict.fromkeys(item.rule for r in results for item in r.not_run if item.rule not in switched)
    )


def _changes(off: int, changed: int, unrun: int = 0) -> str:
    """``, with 2 rules switched off and 1 severity changed``: in the verdict line itself, so
    no one quotes a pass without what it was a pass of (issue 12). Rules that could not
    run on the file (its format version) are counted apart: no one switched them off."""
    parts = [f"{plural(off, 'rule')} switched off"] if off else []
    if changed:
        parts.append(f"{changed} {'severity' if changed == 1 else 'severities'} changed")
    if unrun:
        parts.append(f"{plural(unrun, 'rule')} not run")
    if len(parts) > 2:
        parts = [", ".join(parts[:-1]), parts[-1]]
    return f", with {' and '.join(parts)}" if parts else ""


def _qualified(line: Verdict, configured: Configured, off: tuple[str, ...]) -> Verdict:
    """A pass says it is a pass of the rules that ran; a claim of the statutory minimum
    says so when configuration switched an error-level rule off or softened one."""
    if line.mark is ERROR:
        return line
    conclusion = line.conclusion
    if off and conclusion == "every rule passes":
        conclusion = "every rule that ran passes"
    if configured.statutory:
        conclusion += " (only as configured: error-level rules switched off or softened)"
    return Verdict(line.mark, line.summary, conclusion)


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
class Setting:
    """One line of a report's settings section: what configuration did, to which rules,
    and where it was said (with a reason, an approver and an end date for an override)."""

    kind: str
    rules: tuple[str, ...]
    detail: str
    source: str = ""
    """Where it was said (``file:line`` or a flag), for a format that locates it; empty
    for the list of files read."""

    def __str__(self) -> str:
        rules = ", ".join(self.rules)
        if len(self.rules) > 1:
            rules += f" ({len(self.rules)} rules)"
        return (
            f"{self.kind}: {rules}: {self.detail}" if self.rules else f"{self.kind}: {self.detail}"
        )


def settings(configured: Configured) -> list[Setting]:
    """What configuration did to the run, one line per change (rules that share a reason and
    a source together), then the files read; empty when nothing was configured."""
    if configured.empty and not configured.files:
        return []
    lines = [
        Setting("Switched off", rules, detail, source)
        for (detail, source), rules in _grouped(configured.off).items()
    ]
    lines += [
        Setting("Switched off in some files", rules, detail, source)
        for (detail, source), rules in _grouped(configured.per_file).items()
    ]
    lines += [Setting("Severity", (c.rule,), c.describe(), c.source) for c in configured.changed]
    lines += [
        Setting("Lapsed", (item.rule,), item.describe(), item.override.origin)
        for item in configured.lapsed
    ]
    gate = configured.gate
    if gate is not None:
        lines.append(
            Setting("Lapsed" if gate.lapsed else "Gate off", (), gate.describe(), gate.source)
        )
    read = ", ".join(configured.files) if configured.files else "none"
    lines.append(Setting("Configuration read", (), read))
    return lines


def _grouped(offs: Iterable[Off]) -> dict[tuple[str, str], tuple[str, ...]]:
    """The rules of each (description, source), in order: one line for ``--ignore COMM``."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for off in offs:
        grouped.setdefault((off.describe(), off.source), []).append(off.rule)
    return {key: tuple(rules) for key, rules in grouped.items()}
