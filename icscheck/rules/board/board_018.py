"""The chief executive is appointed by the chair, with {nhs_england}'s approval.

"The constitution must provide for the chief executive to be appointed by
the chair, with the approval of NHS England" (NHS Act 2006 Sch. 1B para
7(1), read). In format 2, where the chief executive's `appointed_by` or
`approved_by` is given, it must say so; leaving them out is no finding here
(PROV-005 asks for the constitution's clause), and one marked unknown is a
question to confirm.

Fails:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive, appointed_by: nhs_england, approved_by: secretary_of_state}

Passes:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive, appointed_by: chair, approved_by: nhs_england}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import NHS_ENGLAND, Model
from icscheck.rules.appointments import wrongly
from icscheck.rules.base import Context, Gap

ID = "BOARD-018"
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B para 7(1), inserted by the Health and Care Act 2022"
FIX = "Record the chief executive as appointed by the chair with the approval of nhs_england."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    for person in model.holders("chief_executive"):
        yield from wrongly(person, "the chief executive", "chair", NHS_ENGLAND)
