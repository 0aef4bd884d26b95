"""Every committee reports to the board, directly or through other committees.

"The Board remains accountable for all of its functions including those
that it has delegated" (South West London ICB): a committee whose reporting
line does not reach the board leaves that accountability without a route.
Each committee's `reports_to` must be `board` or a committee whose own line
reaches the board; a missing `reports_to`, a loop or a line ending at a
committee that reports nowhere is one finding.

Fails:

    icscheck: 1
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        reports_to: board
      - id: quality
        name: Quality Committee
        type: quality

Passes:

    icscheck: 1
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        reports_to: board
      - id: remuneration
        name: Remuneration Committee
        type: remuneration
        reports_to: board
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from icscheck.finding import Severity
from icscheck.model import BOARD, Committee, Model
from icscheck.rules.base import Context, Gap

ID = "COMM-005"
SEVERITY = Severity.WARNING
SOURCE = "South West London ICB, 'About our board': the board remains accountable for all of its functions, including those it has delegated"
FIX = "Set reports_to to board, or to a committee that reports to the board."


Outcome = tuple[str, str | None, str | None]
"""Where a reporting line ends: (how, the last committee on it, what that one reports to).

How: ``board`` (reaches the board, or a ``reports_to`` that is no id: FMT-001's),
``none`` (the last committee reports to no one), ``unknown`` (it reports to an
id that is no committee) or ``loop``.
"""
_BOARD: Outcome = ("board", None, None)
_LOOP: Outcome = ("loop", None, None)

SHOWN = 8
"""Committees a loop's message names before "...": every committee on a loop of
thousands gets a finding, and each naming the whole loop would make the report
(and the work) grow with the square of its length."""
WALKED = 64
"""Steps a repeated id's own line is followed before it is taken as the line of
the committee it has reached (below)."""


Groups = Mapping[str, Committee]


def _target(committee: Committee) -> str | None:
    """What the committee reports to; a ``reports_to`` that is not text counts as the board
    (FMT-001 reports it)."""
    if committee.reports_to is None and "reports_to" in committee.invalid:
        return BOARD
    return committee.reports_to


def check(model: Model, context: Context) -> Iterator[Gap]:
    groups = model.committees_by_id
    # Each committee's outcome, worked out once: a line through a committee ends
    # where that committee's own line ends, so every line is walked once (a
    # 5,000-deep line was a walk per committee, and a list search per step).
    outcomes: dict[str, Outcome] = {}
    for committee in model.committees:
        name = committee.id
        target = _target(committee)
        if target is None:
            # Format 2: a reporting line marked unknown is a question, not a gap.
            unknown = committee.is_unknown("reports_to")
            yield Gap(
                committee.node,
                f"committee '{name}' does not say whom it reports to (reports_to)",
                rests_on=(committee.at("reports_to"),) if unknown else (),
            )
            continue
        if target == BOARD or target not in groups:
            # An unknown direct target is REF-001's finding alone.
            continue
        chain: Sequence[str | None]
        if name is not None and groups.get(name) is committee:
            how, last, end = _resolve(name, groups, outcomes)
            chain = _loop(name, groups) if how == "loop" else []
        else:
            # A repeated id (REF-002's) or none: its own line, walked as written,
            # since it may loop back to the first committee of that id.
            how, last, end, chain = _walk(name, target, groups, outcomes)
        if how == "loop":
            loop = " -> ".join(str(step) for step in chain)
            yield Gap(
                committee.at("reports_to"),
                f"committee '{name}' has a reporting loop ({loop}) that never reaches the board",
            )
        elif how == "none":
            yield Gap(
                committee.at("reports_to"),
                f"committee '{name}' reports to '{last}', which reports to no one",
            )
        elif how == "unknown":
            yield Gap(
                committee.at("reports_to"),
                f"committee '{name}' reports through '{last}' to '{end}', "
                "which is not a committee, so the line never reaches the board",
            )


def _step(ident: str, groups: Groups) -> Outcome | str:
    """Where the committee ``ident`` leads: the end of its line, or the next committee."""
    target = _target(groups[ident])
    if target is None:
        return ("none", ident, None)
    if target == BOARD:
        return _BOARD
    return target if target in groups else ("unknown", ident, target)


def _resolve(start: str, groups: Groups, outcomes: dict[str, Outcome]) -> Outcome:
    """The outcome of ``start``'s line, and of every committee on it not yet known."""
    path: list[str] = []
    on_path: set[str] = set()
    ident = start
    while ident not in outcomes:
        if ident in on_path:
            outcome = _LOOP  # back on this walk: every committee on it leads into the loop
            break
        path.append(ident)
        on_path.add(ident)
        step = _step(ident, groups)
        if not isinstance(step, str):
            outcome = step
            break
        ident = step
    else:
        outcome = outcomes[ident]
    for ident in path:
        outcomes[ident] = outcome
    return outcome


def _loop(start: str, groups: Groups) -> list[str]:
    """A line known to loop, from ``start`` to the first committee it meets again,
    or its first ``SHOWN`` committees and "..."."""
    chain, seen = [start], {start}
    ident = groups[start].reports_to
    while ident is not None and ident not in seen:
        if len(chain) == SHOWN:
            return [*chain, "..."]
        chain.append(ident)
        seen.add(ident)
        ident = groups[ident].reports_to
    return [*chain, str(ident)]


def _walk(
    name: str | None, target: str, groups: Groups, outcomes: dict[str, Outcome]
) -> tuple[str, str | None, str | None, list[str | None]]:
    """One committee's line step by step: (how, last, end, the loop's chain).

    After ``WALKED`` steps the line is the line of the committee reached: many
    repeated ids on one long line would otherwise be a walk of it each. (Only
    a loop back to the repeated id itself, further on than that, goes unseen;
    REF-002 reports the repeated id as an error anyway.)
    """
    chain: list[str | None] = [name]
    seen: set[str | None] = {name}
    ident = target
    while len(chain) <= WALKED:
        if ident in seen:
            shown = chain if len(chain) <= SHOWN else [*chain[:SHOWN], "..."]
            return ("loop", None, None, [*shown, ident] if len(chain) <= SHOWN else shown)
        chain.append(ident)
        seen.add(ident)
        step = _step(ident, groups)
        if not isinstance(step, str):
            return (*step, [])
        ident = step
    how, last, end = _resolve(ident, groups, outcomes)
    return how, last, end, [*chain[:SHOWN], "..."] if how == "loop" else []
