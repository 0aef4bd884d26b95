"""The audit committee is chaired by a non-executive member who is not the ICB chair.

ICB constitutions have the audit committee chaired by an independent
non-executive member with financial or audit expertise (Lincolnshire ICB),
so that the board's assurance does not rest on those it assures. The
committee's `chair` must name a member with `role: non_executive_member`:
the ICB chair, an executive or a partner member fails.

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
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
        - {id: dof, role: director_of_finance}
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        chair: ned-1
        members: [ned-1, chair, dof]
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap
from icscheck.vocabulary import words

ID = "COMM-003"
SEVERITY = Severity.ERROR
SOURCE = "Lincolnshire ICB constitution: the audit committee is chaired by an independent non-executive member"
FIX = "Make a non-executive member (not the ICB chair) the audit committee's chair."


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees_of_type("audit"):
        chair = committee.chair
        if chair is None:
            if committee.missing("chair"):
                yield Gap(committee.node, f"the audit committee '{committee.id}' names no chair")
            continue
        role = model.role_of(chair)
        if role is not None and role != "non_executive_member":
            yield Gap(
                committee.at("chair"),
                f"the audit committee is chaired by '{chair}', the {words(role)}; "
                "it must be a non-executive member other than the ICB chair",
            )
