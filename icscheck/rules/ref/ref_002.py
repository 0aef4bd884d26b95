"""Ids are unique across the file.

Members, participants, committees and place partnerships share one id
space, because the decision map can name any of them. A repeated id would
make a reference ambiguous. `board` is reserved: it means the board itself.
Each repeat is reported at its own line, naming the line of the first use.

Fails:

    icscheck: 1
    board:
      members:
        - {id: ned-1, role: non_executive_member}
        - {id: ned-2, role: non_executive_member}
        - {id: ned-1, role: non_executive_member}

Passes:

    icscheck: 1
    board:
      members:
        - {id: ned-1, role: non_executive_member}
        - {id: ned-2, role: non_executive_member}
        - {id: ned-3, role: non_executive_member}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.loader import NodePath
from icscheck.model import BOARD, Committee, Model, Person, Place
from icscheck.rules.base import Context, Gap

ID = "REF-002"
SEVERITY = Severity.ERROR
SOURCE = "icscheck constitution format, version 1: ids (docs/format.md#ids-and-references)"
FIX = "Give each member, participant, committee and place partnership an id used nowhere else in the file."
UNKNOWNS_JUDGED = True


def check(model: Model, context: Context) -> Iterator[Gap]:
    first: dict[str, NodePath] = {}
    board = model.board
    items: list[Person | Committee | Place] = [
        *board.members,
        *board.participants,
        *model.committees,
        *model.places,
    ]
    for item in items:
        key = item.id
        if key is None:
            continue
        here = item.at("id")
        if key == BOARD:
            yield Gap(here, "the id 'board' is reserved for the board itself")
        elif key in first:
            line = context.locate(first[key])[0]
            yield Gap(here, f"the id '{key}' is already used at line {line}")
        else:
            first[key] = here
