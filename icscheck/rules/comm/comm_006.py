"""No employee of the ICB is a member of the remuneration committee.

"No employees may be a member of the Remuneration Committee" (Hertfordshire
and West Essex ICB constitution s.8.1.3, web version; its version date could not be read); South West
London's and Lancashire and South Cumbria's terms of reference call it "a
non-executive committee". The committee decides executives' pay, so none of
them may sit on it.

A member is an employee when format 2 says so (`employee: true`; a secondee
counts, NHS Act 2006 Sch. 1B para 19(4)), or, in either version, when they
hold an executive role: the chief executive and the executive directors are
the ICB's employees. Each such member of a remuneration committee is one
finding; one whose employment is marked unknown is a question to confirm.
An executive recorded `employee: false` is a finding too: the committee is
"a non-executive committee", whatever the executive's contract.
(Lancashire and South Cumbria also keep a separate panel, chaired by the ICB
chair, for non-executive members' pay: a committee of another `type`.)

Fails:

    icscheck: 1
    board:
      members:
        - {id: ned-1, role: non_executive_member}
        - {id: ceo, role: chief_executive}
    committees:
      - id: remuneration
        name: Remuneration Committee
        type: remuneration
        chair: ned-1
        members: [ned-1, ceo]

Passes:

    icscheck: 1
    board:
      members:
        - {id: ned-1, role: non_executive_member}
        - {id: ned-2, role: non_executive_member}
    committees:
      - id: remuneration
        name: Remuneration Committee
        type: remuneration
        chair: ned-1
        members: [ned-1, ned-2, {name: Independent pay adviser, external: true}]
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import EXECUTIVE_ROLES, Model
from icscheck.rules.base import Context, Gap
from icscheck.vocabulary import words

ID = "COMM-006"
SEVERITY = Severity.ERROR
SOURCE = "Hertfordshire and West Essex ICB constitution (web version; version date not readable, see docs/rules.md) s.8.1.3: no employees may be a member of the remuneration committee; South West London and Lancashire and South Cumbria ICBs, remuneration committee terms of reference s.1.3: a non-executive committee"
FIX = "Take the ICB's employees off the remuneration committee; they may attend to advise, not as members."


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees_of_type("remuneration"):
        for seat in committee.members:
            person = model.people.get(seat.id) if seat.id is not None else None
            if person is None:
                continue  # an outside member, or an id REF-001 reports
            what = words(person.role) if person.role else "member"
            if person.employed:
                yield Gap(
                    seat.node,
                    f"'{seat.id}', the {what}, is an employee of the ICB and a member of the "
                    f"remuneration committee '{committee.id}'",
                )
            elif person.role in EXECUTIVE_ROLES:
                yield Gap(
                    seat.node,
                    f"'{seat.id}', the {what}, is an executive and a member of the "
                    f"remuneration committee '{committee.id}', a non-executive committee",
                )
            elif person.is_unknown("employee"):
                yield Gap(
                    seat.node,
                    f"'{seat.id}', the {what}, sits on the remuneration committee "
                    f"'{committee.id}': is the {what} an employee of the ICB?",
                    rests_on=(person.at("employee"),),
                )
