"""Every id the file refers to exists and is of the right kind.

A constitution is only checkable if its cross-references hold: a committee
chaired by someone who is not on the board, or a decision delegated to a
committee that does not exist, would make the committee and decision-map
rules meaningless. Checked references:

- `board.deputy_chair`, `board.senior_non_executive`, `committees[].chair`:
  a voting board member;
- `committees[].members[]` (when an id): a board member or participant;
- `committees[].reports_to`: `board` or a committee;
- `decision_map[].decided_by`: `board`, a committee or a place partnership;
- `decision_map[].accountable`: an id that exists (whether it may hold
  accountability is MAP-002's question).

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
      deputy_chair: ned-9

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
      deputy_chair: ned-1
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from icscheck.finding import Severity
from icscheck.loader import Document, NodePath, field_name
from icscheck.rules import model
from icscheck.rules.base import Area, Gap

ID = "REF-001"
AREA = Area.FORMAT
SEVERITY = Severity.ERROR
SOURCE = "icscheck constitution format, version 1: references between entries (docs/format.md#ids-and-references)"
FIX = "Use the id of an existing entry of the right kind, or add the missing entry."


def check(document: Document) -> Iterator[Gap]:
    voting = set(model.members(document))
    people = voting | set(model.participants(document))
    groups = set(model.committees(document))
    places = set(model.places(document))
    kinds = {
        **{key: "a place partnership" for key in places},
        **{key: "a committee" for key in groups},
        **{key: "a participant" for key in model.participants(document)},
        **{key: "a board member" for key in voting},
        model.BOARD: "the board",
    }

    def ref(node: NodePath, value: Any, allowed: set[str], expected: str) -> Iterator[Gap]:
        if not isinstance(value, str) or value in allowed:
            return
        kind = kinds.get(value)
        where = field_name(node)
        if kind is None:
            yield Gap(
                node,
                f"{where}: '{value}' is not the id of anything in this file; expected {expected}",
            )
        else:
            yield Gap(node, f"{where}: '{value}' is {kind}; expected {expected}")

    for key in ("deputy_chair", "senior_non_executive"):
        yield from ref(("board", key), model.get(document, "board", key), voting, "a board member")
    for node, committee in model.entries(document, "committees"):
        yield from ref((*node, "chair"), committee.get("chair"), voting, "a board member")
        listed = committee.get("members")
        for index, member in enumerate(listed if isinstance(listed, list) else []):
            yield from ref(
                (*node, "members", index), member, people, "a board member or participant"
            )
        yield from ref(
            (*node, "reports_to"),
            committee.get("reports_to"),
            {model.BOARD} | groups,
            "the board or a committee",
        )
    for node, entry in model.entries(document, "decision_map"):
        yield from ref(
            (*node, "decided_by"),
            entry.get("decided_by"),
            {model.BOARD} | groups | places,
            "the board, a committee or a place partnership",
        )
        yield from ref(
            (*node, "accountable"), entry.get("accountable"), set(kinds), "the board or a committee"
        )
