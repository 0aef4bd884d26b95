"""The Model: everything a constitution sets up, with the lookups the rules and views share.

Every entity keeps its node path in the file (``node``), so a rule can point a
finding at it and a picture or a diff can tie findings to it. Values of the
wrong type are left out (``None``, or skipped in a list) and their field is
named in ``invalid``: the format schema (FMT-001) reports them, and a rule
that needs the field can tell "not given" from "given wrongly" or "marked
unknown" with ``missing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any

from icscheck.composer import NodePath
from icscheck.model.base import BOARD, Lookup, Tracked, open_entries, unasked
from icscheck.model.base import NHS_ENGLAND as NHS_ENGLAND_CODE
from icscheck.model.board import Board, Person
from icscheck.model.bodies import Committee, Delegation, Partnership, Place
from icscheck.model.icb import Conflicts, Icb, Provisions
from icscheck.vocabulary import NHS_ENGLAND


@dataclass(frozen=True)
class Model(Tracked):
    """Everything a constitution sets up, in file order.

    Like every entity, it records a rule's reads of what the file marks unknown
    (here, a top-level list such as ``committees``, or items of one): the lookups
    below are the model's own, not the rule's questions, so they read unasked.
    """

    icb: Icb = field(default_factory=Icb)
    board: Board = field(default_factory=Board)
    committees: tuple[Committee, ...] = ()
    places: tuple[Place, ...] = ()
    decisions: tuple[Delegation, ...] = ()
    principles: tuple[str, ...] = ()
    conflicts: Conflicts | None = None
    provisions: Provisions | None = None
    """Format 2: where the constitution makes each required provision."""
    partnership: Partnership | None = None
    """Format 2: the integrated care partnership."""
    version: int = 1
    """The format version the file is written in."""
    unknown: dict[str, str] = field(default_factory=dict, hash=False)
    """Format 2: the top-level fields the file marks unknown (``committees``, say)."""
    unknown_items: dict[str, tuple[int, ...]] = field(default_factory=dict, hash=False)
    """Format 2: the indices of top-level lists' items marked unknown."""
    node: NodePath = ()

    def __getstate__(self) -> dict[str, Any]:
        # Only the fields cross a process boundary; the lookups below are rebuilt on use.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    # Worked out once per Model, on first use: a diff or a map asks for a label
    # per element, and rebuilding these each time made both quadratic in board
    # size. cached_property keeps them in the instance's __dict__, outside the
    # fields, so equality and the codec never see them.
    @cached_property
    def members(self) -> dict[str, Person]:
        """Voting members by id (the first of a repeated id: REF-002 reports the others).
        Like every lookup here, one that finds nothing where members are marked unknown
        is a read of those unknown facts (base.Lookup)."""
        with unasked():
            return Lookup(_by_id(self.board.members), open_entries(self.board, "members"))

    @cached_property
    def participants(self) -> dict[str, Person]:
        """Non-voting participants by id."""
        with unasked():
            found = _by_id(self.board.participants)
            return Lookup(found, open_entries(self.board, "participants"))

    @cached_property
    def people(self) -> dict[str, Person]:
        """Members and participants by id; a member wins over a participant of the same id."""
        with unasked():
            found = dict(self.members)
            for ident, person in self.participants.items():
                found.setdefault(ident, person)
            board = self.board
            unknown = open_entries(board, "members") + open_entries(board, "participants")
            return Lookup(found, unknown)

    @cached_property
    def committees_by_id(self) -> dict[str, Committee]:
        with unasked():
            return Lookup(_by_id(self.committees), open_entries(self, "committees"))

    @cached_property
    def places_by_id(self) -> dict[str, Place]:
        with unasked():
            return Lookup(_by_id(self.places), open_entries(self, "place_partnerships"))

    @cached_property
    def identified(self) -> Model:
        """Only the entries a reader can name: people, committees and places with an id,
        delegations with a function. What the map and the diff show."""
        board = self.board
        return replace(
            self,
            board=replace(
                board,
                members=tuple(p for p in board.members if p.id is not None),
                participants=tuple(p for p in board.participants if p.id is not None),
            ),
            committees=tuple(c for c in self.committees if c.id is not None),
            places=tuple(p for p in self.places if p.id is not None),
            decisions=tuple(d for d in self.decisions if d.function is not None),
        )

    def role_of(self, ident: str | None) -> str | None:
        """The role of the voting member ``ident``, or None if there is no such member."""
        member = self.members.get(ident) if ident is not None else None
        return member.role if member is not None else None

    def holders(self, role: str) -> tuple[Person, ...]:
        """The voting members known to hold ``role``. A member whose role is unknown, or a
        member marked unknown, is not the asking rule's question: who holds a post is the
        composition rules' (BOARD-001 to BOARD-008), which are unconfirmed on it."""
        with unasked():
            return tuple(p for p in self.board.members if p.role == role)

    def committees_of_type(self, kind: str) -> tuple[Committee, ...]:
        return tuple(c for c in self.committees if c.type == kind)

    @cached_property
    def _labels(self) -> dict[str, str]:
        # The board first, then people, committees and places: the first to use an id names it.
        labels = {BOARD: "the board", NHS_ENGLAND_CODE: NHS_ENGLAND}
        for group in (self.people, self.committees_by_id, self.places_by_id):
            for ident, item in group.items():
                labels.setdefault(ident, item.label)
        return labels

    def label(self, ident: str | None) -> str:
        """A readable name for any id the file uses: the board, a person, a committee, a place."""
        if ident is None:
            return "(not given)"
        with unasked():
            return self._labels.get(ident, ident)


def _by_id(items: tuple[Any, ...]) -> dict[str, Any]:
    # Read-only by convention: callers look up, never change.
    found: dict[str, Any] = {}
    for item in items:
        if item.id is not None:
            found.setdefault(item.id, item)
    return found
