"""What a constitution sets up, as typed, frozen values.

Every entity keeps its node path in the file (``node``), so a rule can point a
finding at it and a picture or a diff can tie findings to it. Values of the
wrong type are left out (``None``, or skipped in a list) and their field is
named in ``invalid``: the format schema (FMT-001) reports them, and a rule
that needs the field can tell "not given" from "given wrongly" with
``missing``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import Any

from icscheck.composer import NodePath
from icscheck.loader import pointer

BOARD = "board"
"""The word that stands for the board itself in ``reports_to``, ``decided_by`` and ``accountable``."""


@dataclass(frozen=True, kw_only=True)
class Entity:
    """What every entity has: where it is, and which of its fields were unreadable."""

    node: NodePath = ()
    invalid: frozenset[str] = frozenset()
    """Fields given with a value of the wrong type (FMT-001 reports them)."""

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the entity (``/board/members/2``), as findings carry it."""
        return pointer(self.node)

    def at(self, *fields: str | int) -> NodePath:
        """The node path of one of the entity's fields."""
        return (*self.node, *fields)

    def missing(self, name: str) -> bool:
        """The field is not given at all (rather than given with the wrong type)."""
        value: Any = getattr(self, name)
        return value is None and name not in self.invalid


@dataclass(frozen=True, kw_only=True)
class Person(Entity):
    """A voting board member or a non-voting participant."""

    id: str | None
    role: str | None = None
    name: str | None = None
    organisation: str | None = None
    nominated_by: str | None = None
    sector: str | None = None
    clinical: bool | None = None
    mental_health_expertise: bool | None = None
    other_positions: tuple[str, ...] = ()
    voting: bool = True

    @property
    def label(self) -> str:
        """The name, or the id where no name is given."""
        return self.name or self.id or "(no id)"


@dataclass(frozen=True, kw_only=True)
class Seat(Entity):
    """One entry of a committee's ``members``: a board member's id, or someone from outside."""

    id: str | None = None
    """The id of the board member or participant, when the entry is one."""
    name: str | None = None
    """The name of a member from outside the board, when the entry is one."""


@dataclass(frozen=True, kw_only=True)
class Committee(Entity):
    """A committee of the board (or a sub-committee of another committee)."""

    id: str | None
    name: str | None = None
    type: str | None = None
    chair: str | None = None
    members: tuple[Seat, ...] = ()
    reports_to: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.id or "(no id)"

    @property
    def member_ids(self) -> tuple[str, ...]:
        """The ids of the board members and participants who sit on it."""
        return tuple(seat.id for seat in self.members if seat.id is not None)

    @property
    def external(self) -> tuple[str, ...]:
        """The names of its members from outside the board."""
        return tuple(seat.name for seat in self.members if seat.name is not None)


@dataclass(frozen=True, kw_only=True)
class Place(Entity):
    """A place-based partnership."""

    id: str | None
    name: str | None = None
    population: int | None = None
    participants: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.id or "(no id)"


@dataclass(frozen=True, kw_only=True)
class Delegation(Entity):
    """One entry of the functions and decision map."""

    function: str | None
    decided_by: str | None = None
    kind: str | None = None
    accountable: str | None = None


@dataclass(frozen=True, kw_only=True)
class Quorum(Entity):
    """The board's quorum."""

    minimum: int | None = None
    must_include: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Board(Entity):
    """The unitary board: its voting members, participants, named posts and quorum."""

    members: tuple[Person, ...] = ()
    participants: tuple[Person, ...] = ()
    deputy_chair: str | None = None
    senior_non_executive: str | None = None
    quorum: Quorum | None = None


@dataclass(frozen=True, kw_only=True)
class Record(Entity):
    """The constitution document itself: its version, approval and publication."""

    version: str | None = None
    approved: str | None = None
    published_url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Icb(Entity):
    """The integrated care board: its name and area."""

    name: str | None = None
    ods_code: str | None = None
    established: str | None = None
    local_authorities: tuple[str, ...] = ()
    constitution: Record | None = None


@dataclass(frozen=True, kw_only=True)
class Conflicts(Entity):
    """The conflicts of interest arrangements."""

    register_published: bool | None = None
    policy: str | None = None
    register_url: str | None = None


@dataclass(frozen=True)
class Model:
    """Everything a constitution sets up, in file order."""

    icb: Icb = Icb()
    board: Board = Board()
    committees: tuple[Committee, ...] = ()
    places: tuple[Place, ...] = ()
    decisions: tuple[Delegation, ...] = ()
    principles: tuple[str, ...] = ()
    conflicts: Conflicts | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Only the fields cross a process boundary; the lookups below are rebuilt on use.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    # Worked out once per Model, on first use: a diff or a map asks for a label
    # per element, and rebuilding these each time made both quadratic in board
    # size. cached_property keeps them in the instance's __dict__, outside the
    # fields, so equality and the codec never see them.
    @cached_property
    def members(self) -> dict[str, Person]:
        """Voting members by id (the first of a repeated id: REF-002 reports the others)."""
        return _by_id(self.board.members)

    @cached_property
    def participants(self) -> dict[str, Person]:
        """Non-voting participants by id."""
        return _by_id(self.board.participants)

    @cached_property
    def people(self) -> dict[str, Person]:
        """Members and participants by id; a member wins over a participant of the same id."""
        found = dict(self.members)
        for ident, person in self.participants.items():
            found.setdefault(ident, person)
        return found

    @cached_property
    def committees_by_id(self) -> dict[str, Committee]:
        return _by_id(self.committees)

    @cached_property
    def places_by_id(self) -> dict[str, Place]:
        return _by_id(self.places)

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

    def committees_of_type(self, kind: str) -> tuple[Committee, ...]:
        return tuple(c for c in self.committees if c.type == kind)

    @cached_property
    def _labels(self) -> dict[str, str]:
        # The board first, then people, committees and places: the first to use an id names it.
        labels = {BOARD: "the board"}
        for group in (self.people, self.committees_by_id, self.places_by_id):
            for ident, item in group.items():
                labels.setdefault(ident, item.label)
        return labels

    def label(self, ident: str | None) -> str:
        """A readable name for any id the file uses: the board, a person, a committee, a place."""
        if ident is None:
            return "(not given)"
        return self._labels.get(ident, ident)


def _by_id(items: tuple[Any, ...]) -> dict[str, Any]:
    # Read-only by convention: callers look up, never change.
    found: dict[str, Any] = {}
    for item in items:
        if item.id is not None:
            found.setdefault(item.id, item)
    return found
