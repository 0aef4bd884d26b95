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
from icscheck.loader import Document, NodePath
from icscheck.rules import model
from icscheck.rules.base import Area, Gap

ID = "REF-002"
AREA = Area.FORMAT
SEVERITY = Severity.ERROR
SOURCE = "icscheck constitution format, version 1: ids (docs/format.md#ids-and-references)"
FIX = "Give each member, participant, committee and place partnership an id used nowhere else in the file."


def check(document: Document) -> Iterator[Gap]:
    first: dict[str, NodePath] = {}
    for path in (
        ("board", "members"),
        ("board", "participants"),
        ("committees",),
        ("place_partnerships",),
    ):
        for node, item in model.entries(document, *path):
            key = model.ident(item)
            if key is None:
                continue
            here = (*node, "id")
            if key == model.BOARD:
                yield Gap(here, "the id 'board' is reserved for the board itself")
            elif key in first:
                line = document.locate(first[key])[0]
                yield Gap(here, f"the id '{key}' is already used at line {line}")
            else:
                first[key] = here
