"""The quorum is at least half of the voting members, and no more than all of them.

No statute or NHS England document read for icscheck sets a minimum quorum,
so this is icscheck's own convention and only a warning: below half, a
minority of the board could take decisions that bind it; above the number
of voting members, the board could never meet. Compares
`board.quorum.minimum` with the number of `board.members`. Members marked
unknown (format 2) may be voting members or not: the quorum is a question to
confirm only where counting them changes the answer.

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
    # Members marked unknown (format 2) may be more voting members: the quorum is judged
    # against both counts, and is a question only where the two answers differ.
    unknown = model.board.unknown_at("members")
    most = voting + len(unknown)
    half, most_half = (voting + 1) // 2, (most + 1) // 2
    where = quorum.at("minimum")
    if minimum < most_half:
        if minimum < half:
            yield Gap(
                where,
                f"the quorum of {minimum} is less than half of the {voting} voting member{'' if voting == 1 else 's'} (at least {half})",
            )
        else:
            yield Gap(
                where,
                f"the quorum of {minimum} is less than half of the {most} voting members (at "
                f"least {most_half}) if the {len(unknown)} marked unknown are voting members",
                rests_on=unknown,
            )
    elif minimum > voting:
        yield Gap(
            where,
            f"the quorum of {minimum} is more than the {voting} voting member{'' if voting == 1 else 's'}: the board could never meet",
            rests_on=unknown if minimum <= most else (),
        )
