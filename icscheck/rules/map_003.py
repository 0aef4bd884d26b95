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
from icscheck.loader import Document
from icscheck.rules import model
from icscheck.rules.base import Area, Gap

ID = "MAP-003"
AREA = Area.MAP
SEVERITY = Severity.WARNING
SOURCE = "ICS design framework (NHS England, June 2021): the functions and decision map shows arrangements at place"
FIX = "Add decision_map entries for what each place partnership decides, or remove the partnership."


def check(document: Document) -> Iterator[Gap]:
    decisions = list(model.entries(document, "decision_map"))
    if not decisions:
        return  # no map at all: MAP-001's finding
    used = {model.text(entry, "decided_by") for _, entry in decisions}
    for node, place in model.entries(document, "place_partnerships"):
        key = model.ident(place)
        if key is not None and key not in used:
            yield Gap(
                node, f"place partnership '{key}' does not appear in the decision map (decided_by)"
            )
