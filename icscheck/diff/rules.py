"""Rule changes: which rules newly fail, newly pass, or fail with other findings.

A finding is recognised in the other version by what it says about which
element, never by where it sits (docs/diff.md, "How versions are matched"):

- a list index in its JSON Pointer that points at a member, participant,
  committee, place or decision-map entry becomes that entry's identity as the
  governance diff matches it (its id or ``function``, and which occurrence of
  a repeated one), so inserting, removing or reordering entries moves no
  finding;
- any other list index (an entry without an id, a place in a committee's
  ``members``) is ignored, as are positions quoted in the message (``[3]`` in
  ``committees[3].chair``, ``line 42``), which move with the same edits;
- what is left (rule, identity, path, message) is counted, not just compared:
  a finding given twice before and three times after is one new finding.

Which of several findings with the same key is "the" new one is the last in
file order: the count is what matters for ``--fail-on-new``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from icscheck.diff.elements import COMMITTEES, DECISIONS, PEOPLE, PLACES
from icscheck.diff.matching import Spec, T, keyed
from icscheck.diff.model import RuleChange, RuleKind
from icscheck.finding import Finding
from icscheck.model import Model
from icscheck.result import RuleResult, Status
from icscheck.rules.base import Rule

Anchor = tuple[str, str, int]
"""An element's identity: its type, its key (id or function) and the occurrence of that key."""
Key = tuple[str, Anchor | None, tuple[str, ...], str]
"""What makes two findings the same finding: rule, element, path below it, message."""

_POSITION = re.compile(r"\[\d+\]|\bline \d+")


def anchors(structure: Model) -> dict[str, Anchor]:
    """Each element's JSON Pointer in this version, mapped to its identity."""
    found: dict[str, Anchor] = {}

    def add(kind: str, spec: Spec[T], items: Iterable[T]) -> None:
        for (key, occurrence), item in keyed(items, spec.key).items():
            found[item.pointer] = (kind, key, occurrence)

    # People as one list, as the governance diff matches them: a member who
    # becomes a participant keeps the findings about them.
    add("person", PEOPLE, (*structure.board.members, *structure.board.participants))
    add("committee", COMMITTEES, structure.committees)
    add("place", PLACES, structure.places)
    add("delegation", DECISIONS, structure.decisions)
    return found


def identity(finding: Finding, where: dict[str, Anchor]) -> Key:
    """``finding`` without its positions: the key it is matched by."""
    parts = finding.node.split("/")
    anchor: Anchor | None = None
    # Elements never nest, so the first (shortest) pointer that is one is the one.
    for end in range(2, len(parts) + 1):
        anchor = where.get("/".join(parts[:end]))
        if anchor is not None:
            parts = parts[end:]
            break
    path = tuple("*" if part.isdigit() else part for part in parts)
    return (finding.rule, anchor, path, _POSITION.sub("#", finding.message))


def _unmatched(
    findings: Sequence[Finding], keys: list[Key], other: Counter[Key]
) -> tuple[Finding, ...]:
    """The findings whose key ``other`` has fewer of: beyond its count, in file order."""
    seen: Counter[Key] = Counter()
    out = []
    for finding, key in zip(findings, keys, strict=True):
        seen[key] += 1
        if seen[key] > other[key]:
            out.append(finding)
    return tuple(out)


def rule_changes(
    old: Sequence[RuleResult],
    new: Sequence[RuleResult],
    before: Model,
    after: Model,
    rules: Mapping[str, Rule],
) -> Iterator[RuleChange]:
    """Each rule (in the new file's order) whose status or open findings differ.

    ``before`` and ``after`` are the two versions' models: they give list
    entries the identity their findings are matched by.
    """
    was_at, now_at = anchors(before), anchors(after)
    results = {result.rule: result for result in old}
    for result in new:
        previous = results.get(result.rule)
        if previous is None:  # not run on the old file: nothing to compare with
            continue
        was_keys = [identity(f, was_at) for f in previous.findings]
        now_keys = [identity(f, now_at) for f in result.findings]
        added = _unmatched(result.findings, now_keys, Counter(was_keys))
        resolved = _unmatched(previous.findings, was_keys, Counter(now_keys))
        if previous.status is result.status and not added and not resolved:
            continue
        if result.status is Status.FAIL and previous.status is not Status.FAIL:
            kind = RuleKind.NEWLY_FAILING
        elif previous.status is Status.FAIL and result.status is not Status.FAIL:
            kind = RuleKind.NEWLY_PASSING
        else:
            kind = RuleKind.CHANGED
        yield RuleChange(
            rule=result.rule,
            title=rules[result.rule].title,
            severity=rules[result.rule].severity,
            kind=kind,
            old=previous.status,
            new=result.status,
            old_findings=len(previous.findings),
            new_findings=len(result.findings),
            added=added,
            resolved=resolved,
        )
