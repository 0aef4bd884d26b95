"""Rule changes: which rules newly fail, newly pass, or fail with other findings.

Findings are matched by rule, JSON Pointer and message, never by line, so an
amendment that only moves lines makes no finding new.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icscheck.diff.model import RuleChange, RuleKind
from icscheck.finding import Finding
from icscheck.result import RuleResult, Status


def _same(finding: Finding) -> tuple[str, str, str]:
    """What makes two findings the same finding: not its line, which moves with any edit."""
    return (finding.rule, finding.node, finding.message)


def rule_changes(old: Sequence[RuleResult], new: Sequence[RuleResult]) -> Iterator[RuleChange]:
    """Each rule (in the new file's order) whose status or open findings differ."""
    before = {result.rule.id: result for result in old}
    for after in new:
        previous = before.get(after.rule.id)
        if previous is None:  # not run on the old file: nothing to compare with
            continue
        was = {_same(f) for f in previous.findings}
        now = {_same(f) for f in after.findings}
        added = tuple(f for f in after.findings if _same(f) not in was)
        resolved = tuple(f for f in previous.findings if _same(f) not in now)
        if previous.status is after.status and not added and not resolved:
            continue
        if after.status is Status.FAIL and previous.status is not Status.FAIL:
            kind = RuleKind.NEWLY_FAILING
        elif previous.status is Status.FAIL and after.status is not Status.FAIL:
            kind = RuleKind.NEWLY_PASSING
        else:
            kind = RuleKind.CHANGED
        yield RuleChange(
            rule=after.rule.id,
            title=after.rule.title,
            severity=after.rule.severity,
            kind=kind,
            old=previous.status,
            new=after.status,
            old_findings=len(previous.findings),
            new_findings=len(after.findings),
            added=added,
            resolved=resolved,
        )
