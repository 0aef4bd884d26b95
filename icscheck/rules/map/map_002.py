"""Accountability for delegated functions stays with the board or its committees.

The ICB "will remain accountable for NHS resources deployed at place level"
(design framework), and its board "remains accountable for all of its
functions including those that it has delegated" (South West London ICB).
A decision-map entry delegated to a place partnership must name who stays
accountable, and any entry's `accountable` must be `board` or one of the
ICB's committees, never a place partnership or a person.

Fails:

    icscheck: 1
    place_partnerships:
      - id: north-place
        name: North Place Partnership
    decision_map:
      - function: Allocate the North community services budget
        decided_by: north-place
        kind: delegated
        accountable: north-place

Passes:

    icscheck: 1
    place_partnerships:
      - id: north-place
        name: North Place Partnership
    decision_map:
      - function: Allocate the North community services budget
        decided_by: north-place
        kind: delegated
        accountable: board
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import BOARD, Model
from icscheck.rules.base import Context, Gap

ID = "MAP-002"
SEVERITY = Severity.ERROR
SOURCE = "ICS design framework (NHS England, June 2021): the ICS NHS body remains accountable for NHS resources deployed at place; South West London ICB, 'About our board': the board remains accountable for functions it has delegated"
FIX = "Set accountable to board, or to the ICB committee that oversees the delegation."


def check(model: Model, context: Context) -> Iterator[Gap]:
    groups = model.committees_by_id
    places = model.places_by_id
    others = places.keys() | model.people.keys()
    for entry in model.decisions:
        accountable = entry.accountable
        if "accountable" in entry.invalid:
            continue  # a reference that is not text: FMT-001's finding
        if accountable is None:
            if entry.decided_by in places:
                yield Gap(
                    entry.node,
                    f"'{entry.function}' is delegated to place partnership '{entry.decided_by}' "
                    "without saying who stays accountable (accountable)",
                )
        elif accountable != BOARD and accountable not in groups and accountable in others:
            yield Gap(
                entry.at("accountable"),
                f"accountability for '{entry.function}' is given to '{accountable}'; "
                "it must stay with the board or one of the ICB's committees",
            )
