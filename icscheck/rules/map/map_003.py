"""Every place partnership appears in the decision map, directly or through its ICB place committee.

The functions and decision map exists to show where functions are decided,
at place among others (design framework). ICBs do not delegate to the
partnerships themselves, which are not ICB bodies: they delegate to their
own place committees, as West Yorkshire's map does ("delegation to ICB place
committees"), or to other bodies and joint committees under NHS Act 2006
ss.65Z5 and 65Z6. A partnership is covered when the map names it as
`decided_by`, or names a committee of `type: place` whose `place` is the
partnership (format 2). Each partnership covered neither way is one finding;
when there is no decision map at all, MAP-001 reports that instead.

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
from typing import TYPE_CHECKING

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

if TYPE_CHECKING:
    from icscheck.composer import NodePath

ID = "MAP-003"
SEVERITY = Severity.WARNING
SOURCE = "ICS design framework (NHS England, June 2021): the functions and decision map shows arrangements at place; West Yorkshire ICB, governance page: delegation to ICB place committees"
FIX = "Add decision_map entries for what is decided at each place: by its ICB place committee (type: place, place: its id) or by the partnership."


def check(model: Model, context: Context) -> Iterator[Gap]:
    if not model.decisions:
        return  # no map at all: MAP-001's finding
    used = {entry.decided_by for entry in model.decisions}
    # A place committee deciding in the map covers the partnership it serves.
    covered = used | {c.place for c in model.committees if c.type == "place" and c.id in used}
    for place in model.places:
        if place.id is not None and place.id not in covered:
            yield Gap(
                place.node,
                f"place partnership '{place.id}' does not appear in the decision map (decided_by)",
                rests_on=_could_cover(model, used),
            )


def _could_cover(model: Model, used: set[str | None]) -> tuple[NodePath, ...]:
    """A committee marked unknown, or a deciding one whose type or place is, may be the
    place committee that covers a partnership: its gap is then a question to confirm.
    Asked only for a gap, so a file with no gap keeps the engine's own question."""
    return model.unknown_at("committees") + tuple(
        node
        for c in model.committees
        if c.id in used
        for node in (*c.unknown_at("type"), *c.unknown_at("place"))
    )
