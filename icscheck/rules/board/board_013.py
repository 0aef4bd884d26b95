"""A senior non-executive member is named and is a non-executive member.

NHS England's guidance on ICB constitutions says one non-executive member
should be named as the senior non-executive member (who may also be the
deputy chair, unless they chair the audit committee, which BOARD-011
covers). Checks that `board.senior_non_executive` is set and names a member
with `role: non_executive_member`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
      deputy_chair: ned-1

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-audit, role: non_executive_member}
        - {id: ned-people, role: non_executive_member}
      senior_non_executive: ned-audit
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap
from icscheck.vocabulary import words

ID = "BOARD-013"
SEVERITY = Severity.WARNING
SOURCE = "NHS England, Guidance on integrated care board constitutions and governance (updated model constitution): senior non-executive member"
FIX = "Name a non-executive member in board.senior_non_executive."


def check(model: Model, context: Context) -> Iterator[Gap]:
    board = model.board
    senior = board.senior_non_executive
    if senior is None:
        if board.missing("senior_non_executive"):
            # With the whole board marked unknown, whether one is named is the question.
            yield Gap(
                board.node,
                "no senior non-executive member is named (board.senior_non_executive)",
                rests_on=model.unknown_at("board"),
            )
        return
    role = model.role_of(senior)
    if role is not None and role != "non_executive_member":
        yield Gap(
            board.at("senior_non_executive"),
            f"the senior non-executive member '{senior}' is the {words(role)}, not a non-executive member",
        )
