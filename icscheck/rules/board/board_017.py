"""The chair is appointed by {nhs_england}, with the Secretary of State's approval.

"The constitution must provide for the chair to be appointed by NHS England,
with the approval of the Secretary of State" (NHS Act 2006 Sch. 1B para 5,
read). Chairs of merged or clustered ICBs are appointed the same way. In
format 2, where the chair's `appointed_by` or `approved_by` is given, it
must say so; leaving them out is no finding here (PROV-003 asks for the
constitution's clause), and one marked unknown is a question to confirm.

Fails:

    icscheck: 2
    board:
      members:
        - {id: chair, role: chair, appointed_by: board}

Passes:

    icscheck: 2
    board:
      members:
        - {id: chair, role: chair, appointed_by: nhs_england, approved_by: secretary_of_state}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import NHS_ENGLAND, Model
from icscheck.rules.appointments import wrongly
from icscheck.rules.base import Context, Gap

ID = "BOARD-017"
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B para 5, inserted by the Health and Care Act 2022"
FIX = "Record the chair as appointed by nhs_england with the approval of secretary_of_state."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    for person in model.holders("chair"):
        yield from wrongly(person, "the chair", NHS_ENGLAND, "secretary_of_state")
