"""How many findings a rule may give on one file: a bound, so every report stays small.

A file under the size limit can still hold a hundred thousand empty entries,
or an alias repeated until it stands for a million nodes, and a rule can
find the same gap in each: hundreds of megabytes of report, and minutes of
work, for one mistake. So the engine asks each rule for at most
``MAX_LOOKED_AT`` gaps and each rule's result lists at most ``MAX_SHOWN`` open
(and ``MAX_SHOWN`` waived) findings, in file order, then one finding of the
same rule, at the first one's place, saying how many more there are. It is a
finding like the others, with the rule's severity, after waivers are
applied, so the bound can hide no gap from the exit code: a rule with more
findings than are listed still fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from typing import TypeVar

from icscheck.finding import Finding
from icscheck.result import RuleResult, Unconfirmed, Waived

MAX_SHOWN = 100
"""Open findings (and waived ones) listed per rule per file."""
MAX_LOOKED_AT = 10_000
"""Gaps taken from one rule on one file; past this, the count is "at least"."""

T = TypeVar("T")


def take(gaps: Iterator[T]) -> tuple[list[T], bool]:
    """Up to ``MAX_LOOKED_AT`` of ``gaps``, and whether that was all of them.

    The rest are never asked for: a rule's check is a generator (a schema
    rule's errors come from jsonschema one by one), so they are never made.
    """
    try:
        found = list(islice(gaps, MAX_LOOKED_AT + 1))
    finally:
        close = getattr(gaps, "close", None)
        if close is not None:
            close()  # now, not whenever it is collected: a check may hold a context open
    complete = len(found) <= MAX_LOOKED_AT
    return found[:MAX_LOOKED_AT], complete


def cap(result: RuleResult, complete: bool = True) -> RuleResult:
    """``result`` listing at most ``MAX_SHOWN`` open and waived findings, and saying so.

    ``complete`` is False when the rule was stopped at ``MAX_LOOKED_AT`` gaps:
    then more may exist than anyone counted, and the rule is failed by a
    finding that says so even when every gap looked at was waived.
    """
    findings, waived = list(result.findings), list(result.waived)
    unconfirmed = list(result.unconfirmed)
    hidden = len(findings) - MAX_SHOWN
    looked_at = [*findings, *(w.finding for w in waived), *(u.finding for u in unconfirmed)]
    if hidden > 0 or (not complete and looked_at):
        first = findings[0] if findings else min(looked_at, key=_order)
        findings = [*findings[:MAX_SHOWN], _more(first, max(hidden, 0), complete)]
    if len(waived) > MAX_SHOWN:
        rest = waived[MAX_SHOWN:]
        summary = _more(rest[0].finding, len(rest), True, "waived ")
        waived = [*waived[:MAX_SHOWN], Waived(summary, rest[0].waiver)]
    if len(unconfirmed) > MAX_SHOWN:
        others = unconfirmed[MAX_SHOWN:]
        summary = _more(others[0].finding, len(others), True, "unconfirmed ")
        unconfirmed = [*unconfirmed[:MAX_SHOWN], Unconfirmed(summary, others[0].confirm)]
    # In file order, as every result is (a cached one too): the summary sits by the first.
    findings.sort(key=_order)
    waived.sort(key=lambda item: _order(item.finding))
    unconfirmed.sort(key=lambda item: _order(item.finding))
    return replace(
        result, findings=tuple(findings), waived=tuple(waived), unconfirmed=tuple(unconfirmed)
    )


def _order(finding: Finding) -> tuple[int, int, str]:
    return (finding.line, finding.column, finding.message)


def _more(first: Finding, count: int, complete: bool, kind: str = "") -> Finding:
    if complete:
        message = (
            f"{count:,} more {kind}finding{'' if count == 1 else 's'} of {first.rule} in this "
            f"file {'is' if count == 1 else 'are'} not listed: icscheck lists the first "
            f"{MAX_SHOWN} of each rule in each file"
        )
    else:
        message = (
            f"at least {count:,} more findings of {first.rule} in this file are not listed: "
            f"icscheck lists the first {MAX_SHOWN} of each rule in each file and stops "
            f"looking after {MAX_LOOKED_AT:,}"
        )
    return replace(first, message=message)
