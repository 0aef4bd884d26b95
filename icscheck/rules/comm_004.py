"""The remuneration committee is chaired by a non-executive member other than the ICB chair and the audit committee chair.

The remuneration committee is chaired by a non-executive member other than
the chair or the audit committee chair, and no employee of the ICB is a
member (Hertfordshire and West Essex ICB constitution s.8.1.2 to s.8.1.4;
Lincolnshire ICB). The committee's `chair` must name a member with
`role: non_executive_member` who does not also chair an audit committee.

Fails:

    icscheck: 1
    board:
      members:
        - {id: icb-chair, role: chair}
        - {id: ned-1, role: non_executive_member}
    committees:
      - id: remuneration
        name: Remuneration Committee
        type: remuneration
        chair: icb-chair

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
        - {id: ned-2, role: non_executive_member}
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        chair: ned-1
      - id: remuneration
        name: Remuneration Committee
        type: remuneration
        chair: ned-2
        members: [ned-2, ned-1, chair]
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.loader import Document
from icscheck.rules import model
from icscheck.rules.base import Area, Gap

ID = "COMM-004"
AREA = Area.COMMITTEES
SEVERITY = Severity.ERROR
SOURCE = "Hertfordshire and West Essex ICB constitution s.8.1.2 to s.8.1.4; Lincolnshire ICB constitution: remuneration committee chaired by a non-executive member other than the chair or the audit committee chair"
FIX = "Make a non-executive member who chairs neither the board nor the audit committee the remuneration committee's chair."


def check(document: Document) -> Iterator[Gap]:
    audit_chairs = {model.text(c, "chair") for _, c in model.committees_of_type(document, "audit")}
    for node, committee in model.committees_of_type(document, "remuneration"):
        chair = committee.get("chair")
        if chair is None:
            yield Gap(node, f"the remuneration committee '{model.ident(committee)}' names no chair")
            continue
        role = model.role_of(document, chair)
        if role is None:
            continue  # not a board member: REF-001's finding
        if role != "non_executive_member":
            yield Gap(
                (*node, "chair"),
                f"the remuneration committee is chaired by '{chair}', the {role.replace('_', ' ')}; "
                "it must be a non-executive member",
            )
        elif chair in audit_chairs:
            yield Gap(
                (*node, "chair"),
                f"the remuneration committee chair '{chair}' also chairs the audit committee",
            )
