"""The quorum is at least half of the voting members, and no more than all of them.

No statute or NHS England document read for icscheck sets a minimum quorum,
so this is icscheck's own convention and only a warning: below half, a
minority of the board could take decisions that bind it; above the number
of voting members, the board could never meet. Compares
`board.quorum.minimum` with the number of `board.members`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
        - {id: ned-2, role: non_executive_member}
        - {id: ceo, role: chief_executive}
        - {id: pm-1, role: partner_member}
        - {id: pm-2, role: partner_member}
        - {id: pm-3, role: partner_member}
      quorum:
        minimum: 3

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
        - {id: ned-2, role: non_executive_member}
        - {id: ceo, role: chief_executive}
        - {id: pm-1, role: partner_member}
        - {id: pm-2, role: partner_member}
        - {id: pm-3, role: partner_member}
      quorum:
        minimum: 4
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "QUORUM-002"
SEVERITY = Severity.WARNING
SOURCE = "icscheck convention: no statutory or NHS England minimum quorum has been found; a quorum below half the voting members lets a minority decide"
FIX = (
    "Set board.quorum.minimum to at least half of the voting members, and no more than all of them."
)


def check(model: Model, context: Context) -> Iterator[Gap]:
    quorum = model.board.quorum
    minimum = quorum.minimum if quorum is not None else None
    voting = len(model.board.members)
    if quorum is None or minimum is None or voting == 0:
        return
    half = (voting + 1) // 2
    where = quorum.at("minimum")
    if minimum < half:
        yield Gap(
            where,
            f"the quorum of {minimum} is less than half of the {voting} voting member{'' if voting == 1 else 's'} (at least {half})",
        )
    elif minimum > voting:
        yield Gap(
            where,
            f"the quorum of {minimum} is more than the {voting} voting member{'' if voting == 1 else 's'}: the board could never meet",
        )
