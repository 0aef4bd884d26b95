"""The audit committee is chaired by an independent non-executive member.

The audit committee is "chaired by an independent board member who has
qualifications, expertise or experience to enable them to express credible
opinions on finance and audit matters" (Lincolnshire ICB, its committees web
page; not its constitution), so that the board's assurance does not rest on
those it assures. An executive or a partner member in the chair fails: the
committee's `chair` must name a member with `role: non_executive_member`.

The ICB chair is an independent member too, and no source read forbids the
chair this role, so a chair in the chair is COMM-009's warning, not this
rule's error. The chair's expertise is COMM-007's (format 2).

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: dof, role: director_of_finance}
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        chair: dof

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
SOURCE = "Lincolnshire ICB, 'Committees' web page (not its constitution): the audit committee is chaired by an independent board member with finance and audit expertise"
FIX = "Make a non-executive member the audit committee's chair."


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees_of_type("audit"):
        chair = committee.chair
        if chair is None:
            if committee.missing("chair"):
                yield Gap(committee.node, f"the audit committee '{committee.id}' names no chair")
            continue
        role = model.role_of(chair)
        if role is not None and role not in ("non_executive_member", "chair"):
            yield Gap(
                committee.at("chair"),
                f"the audit committee is chaired by '{chair}', the {words(role)}; "
                "it must be an independent non-executive member",
            )
