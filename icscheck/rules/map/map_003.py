"""Every place partnership appears in the decision map.

The functions and decision map exists to show where functions are decided,
at place among others (design framework). A place partnership that decides
nothing in the map is either missing from it or not a decision-making
partnership at all. Each partnership whose id is nobody's `decided_by` is
one finding; when there is no decision map at all, MAP-001 reports that
instead.

Fails:

    icscheck: 1
    place_partnerships:
      - id: north-place
        name: North Place Partnership
      - id: south-place
        name: South Place Partnership
    decision_map:
      - function: Allocate the North community services budget
        decided_by: north-place
        kind: delegated
        accountable: board

Passes:

    icscheck: 1
    place_partnerships:
      - id: north-place
        name: North Place Partnership
      - id: south-place
        name: South Place Partnership
    decision_map:
      - function: Approve the annual operating plan
        decided_by: board
        kind: reserved
        accountable: board
      - function: Allocate the South community services budget
        decided_by: south-place
        kind: delegated
        accountable: board
      - function: Allocate the North community services budget
        decided_by: north-place
        kind: delegated
        accountable: board
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "MAP-003"
SEVERITY = Severity.WARNING
SOURCE = "ICS design framework (NHS England, June 2021): the functions and decision map shows arrangements at place"
FIX = "Add decision_map entries for what each place partnership decides, or remove the partnership."


def check(model: Model, context: Context) -> Iterator[Gap]:
    if not model.decisions:
        return  # no map at all: MAP-001's finding
    used = {entry.decided_by for entry in model.decisions}
    for place in model.places:
        if place.id is not None and place.id not in used:
            yield Gap(
                place.node,
                f"place partnership '{place.id}' does not appear in the decision map (decided_by)",
            )
