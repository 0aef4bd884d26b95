"""The audit committee's chair has finance or audit expertise.

The audit committee is chaired by "an independent board member who has
qualifications, expertise or experience to enable them to express credible
opinions on finance and audit matters" (Lincolnshire ICB, its committees web
page). That page is not Lincolnshire's constitution, but it is the same page
COMM-001 and COMM-003 cite as errors, and it states what ICBs are required
to establish, in one sentence with the chair's independence that COMM-003
checks: so this is an error too (icscheck's citations review found the
expertise part of that requirement unchecked, not of lesser weight). In
format 2 the chair's `expertise` must include `finance` or `audit`;
expertise marked unknown is a question to confirm.

Fails:

    icscheck: 2
    board:
      members:
        - {id: ned-1, role: non_executive_member, expertise: [clinical]}
    committees:
      - {id: audit, name: Audit Committee, type: audit, chair: ned-1}

Passes:

    icscheck: 2
    board:
      members:
        - {id: ned-1, role: non_executive_member, expertise: [finance, audit]}
    committees:
      - {id: audit, name: Audit Committee, type: audit, chair: ned-1}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "COMM-007"
SEVERITY = Severity.ERROR
SOURCE = "Lincolnshire ICB, 'Committees' web page (not its constitution): the audit committee chair has qualifications, expertise or experience in finance and audit matters"
FIX = "Record the audit committee chair's finance or audit expertise (expertise: [finance] or [audit]), or choose a chair who has it."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees_of_type("audit"):
        chair = model.members.get(committee.chair) if committee.chair is not None else None
        if chair is None or {"finance", "audit"} & set(chair.expertise):
            continue  # no chair (COMM-003) or one who is not a member (REF-001)
        if chair.is_unknown("expertise"):
            yield Gap(
                committee.at("chair"),
                f"does the audit committee chair '{chair.id}' have finance or audit expertise?",
                rests_on=(chair.at("expertise"),),
            )
        else:
            yield Gap(
                committee.at("chair"),
                f"the audit committee chair '{chair.id}' is not recorded as having finance or "
                "audit expertise (expertise: finance or audit)",
            )
