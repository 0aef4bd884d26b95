"""A deputy chair is named, is a non-executive member and does not chair the audit committee.

NHS England's guidance on ICB constitutions says one non-executive member
should be deputy chair, and that the audit committee chair may not be the
deputy chair. Checks that `board.deputy_chair` is set, names a member with
`role: non_executive_member`, and that no audit committee has that member
as its chair.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-audit, role: non_executive_member}
        - {id: ned-people, role: non_executive_member}
      deputy_chair: ned-people
    committees:
      - {id: audit, name: Audit Committee, type: audit, chair: ned-audit, reports_to: board}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap
from icscheck.vocabulary import words

ID = "BOARD-011"
SEVERITY = Severity.WARNING
SOURCE = "NHS England, Guidance on integrated care board constitutions and governance (updated model constitution): deputy chair"
FIX = "Name a non-executive member who does not chair the audit committee in board.deputy_chair."


def check(model: Model, context: Context) -> Iterator[Gap]:
    board = model.board
    deputy = board.deputy_chair
    if deputy is None:
        if board.missing("deputy_chair"):
            # With the whole board marked unknown, whether one is named is the question.
            yield Gap(
                board.node,
                "no deputy chair is named (board.deputy_chair)",
                rests_on=model.unknown_at("board"),
            )
        return
    role = model.role_of(deputy)
    if role is None:
        return  # not a board member (or a member with no role): REF-001's and FMT-001's
    where = board.at("deputy_chair")
    if role != "non_executive_member":
        yield Gap(
            where, f"the deputy chair '{deputy}' is the {words(role)}, not a non-executive member"
        )
    for committee in model.committees_of_type("audit"):
        if committee.chair == deputy:
            which = f" '{committee.id}'" if committee.id else ""
            yield Gap(where, f"the deputy chair '{deputy}' also chairs the audit committee{which}")
