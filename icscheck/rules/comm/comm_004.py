"""The remuneration committee is chaired by a non-executive member other than the ICB chair and the audit committee chair.

The remuneration committee is chaired by a non-executive member other than
the chair or the audit committee chair (Hertfordshire and West Essex ICB
constitution s.8.1.2; Lincolnshire ICB). That no employee of the ICB is a
member (s.8.1.3) is COMM-006's check. The committee's `chair` must name a member with
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
from icscheck.model import Model
from icscheck.rules.base import Context, Gap
from icscheck.vocabulary import words

ID = "COMM-004"
SEVERITY = Severity.ERROR
SOURCE = "Hertfordshire and West Essex ICB constitution (web version; version date not readable, see docs/rules.md) s.8.1.2; Lincolnshire ICB, 'Committees' web page: the remuneration committee is chaired by a non-executive member other than the ICB chair or the chair of the audit committee"
FIX = "Make a non-executive member who chairs neither the board nor the audit committee the remuneration committee's chair."


def check(model: Model, context: Context) -> Iterator[Gap]:
    audit_chairs = {c.chair for c in model.committees_of_type("audit")}
    for committee in model.committees_of_type("remuneration"):
        chair = committee.chair
        if chair is None:
            if committee.missing("chair"):
                yield Gap(
                    committee.node, f"the remuneration committee '{committee.id}' names no chair"
                )
            continue
        role = model.role_of(chair)
        if role is None:
            continue  # not a board member: REF-001's finding
        if role != "non_executive_member":
            yield Gap(
                committee.at("chair"),
                f"the remuneration committee is chaired by '{chair}', the {words(role)}; "
                "it must be a non-executive member",
            )
        elif chair in audit_chairs:
            yield Gap(
                committee.at("chair"),
                f"the remuneration committee chair '{chair}' also chairs the audit committee",
            )
