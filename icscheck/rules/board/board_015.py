"""The chief executive is an employee of the ICB.

"The constitution must provide that a person is eligible to become or remain
the chief executive only if the person is an employee of the integrated care
board" (NHS Act 2006 Sch. 1B para 7(2), read); a civil servant or other
person seconded to the ICB counts as its employee (para 19(4), read). Where
ICBs share a chief executive in a cluster, the post holder must still be
each ICB's employee (or secondee). In format 2 the chief executive's
`employee` must be true; PROV-006 checks the constitution's clause.

Fails:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive, employee: false, shared_with: [NHS Example North ICB]}

Passes:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive, employee: true, shared_with: [NHS Example North ICB]}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "BOARD-015"
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B para 7(2), inserted by the Health and Care Act 2022; para 19(4): secondees count as employees"
FIX = "Record the chief executive as an employee of the ICB (employee: true; a secondment counts), or appoint one who is."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    for person in model.holders("chief_executive"):
        if person.employee is True:
            continue
        if person.is_unknown("employee"):
            yield Gap(
                person.node,
                f"is the chief executive '{person.id}' an employee of the ICB (or seconded to it)?",
                rests_on=(person.at("employee"),),
            )
        elif "employee" not in person.invalid:
            said = "is recorded as not" if person.employee is False else "is not recorded as"
            yield Gap(
                person.at("employee") if person.employee is False else person.node,
                f"the chief executive '{person.id}' {said} an employee of the ICB (employee: true)",
            )
