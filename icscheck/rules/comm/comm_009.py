"""The ICB chair does not chair the audit committee.

The audit committee gives the board assurance on its own governance, risk
and finances, including on how the chair leads it. No source read forbids
the ICB chair to chair it (the Lincolnshire ICB page asks only for "an
independent board member", which the chair is), so this is icscheck's
convention, a warning: boards in practice give the role to a non-executive
member other than the chair, as NHS England asks for the deputy chair
(BOARD-011). An executive or a partner member in the chair is COMM-003's
error.

Fails:

    icscheck: 1
    board:
      members:
        - {id: icb-chair, role: chair}
        - {id: ned-1, role: non_executive_member}
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        chair: icb-chair

Passes:

    icscheck: 1
    board:
      members:
        - {id: icb-chair, role: chair}
        - {id: ned-1, role: non_executive_member}
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        chair: ned-1
        members: [ned-1, icb-chair]
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "COMM-009"
SEVERITY = Severity.WARNING
SOURCE = "icscheck convention (no source read forbids it); Lincolnshire ICB, 'Committees' web page: the audit committee is chaired by an independent board member"
FIX = "Make a non-executive member other than the ICB chair the audit committee's chair."


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees_of_type("audit"):
        if committee.chair is not None and model.role_of(committee.chair) == "chair":
            yield Gap(
                committee.at("chair"),
                f"the audit committee is chaired by '{committee.chair}', the ICB chair; "
                "boards give the role to a non-executive member other than the chair",
            )
