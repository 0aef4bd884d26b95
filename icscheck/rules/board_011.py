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
from icscheck.loader import Document
from icscheck.rules import model
from icscheck.rules.base import Area, Gap

ID = "BOARD-011"
AREA = Area.BOARD
SEVERITY = Severity.WARNING
SOURCE = "NHS England, Guidance on integrated care board constitutions and governance (updated model constitution): deputy chair"
FIX = "Name a non-executive member who does not chair the audit committee in board.deputy_chair."


def check(document: Document) -> Iterator[Gap]:
    deputy = model.get(document, "board", "deputy_chair")
    if deputy is None:
        yield Gap(("board",), "no deputy chair is named (board.deputy_chair)")
        return
    role = model.role_of(document, deputy)
    if role is None:
        return  # not a board member: REF-001's finding
    where = ("board", "deputy_chair")
    if role != "non_executive_member":
        yield Gap(
            where,
            f"the deputy chair '{deputy}' is the {role.replace('_', ' ')}, not a non-executive member",
        )
    for _, committee in model.committees_of_type(document, "audit"):
        if committee.get("chair") == deputy:
            name = model.ident(committee)
            which = f" '{name}'" if name else ""
            yield Gap(where, f"the deputy chair '{deputy}' also chairs the audit committee{which}")
