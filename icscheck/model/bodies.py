"""The bodies the board works through: committees, place partnerships, the decision map."""

from __future__ import annotations

from dataclasses import dataclass

from icscheck.model.base import Entity, unasked
from icscheck.model.board import Quorum


@dataclass(frozen=True, kw_only=True)
class Seat(Entity):
    """One entry of a committee's ``members``: a board member's id, or someone from outside."""

    id: str | None = None
    """The id of the board member or participant, when the entry is one."""
    name: str | None = None
    """The name of a member from outside the board, when the entry is one."""
    role: str | None = None
    """An outside member's role on the committee (an independent adviser)."""


@dataclass(frozen=True, kw_only=True)
class Committee(Entity):
    """A committee of the board, a sub-committee, a place committee or a joint committee."""

    id: str | None
    name: str | None = None
    type: str | None = None
    chair: str | None = None
    members: tuple[Seat, ...] = ()
    reports_to: str | None = None
    place: str | None = None
    """Format 2, ``type: place``: the id of the place partnership it serves."""
    quorum: Quorum | None = None
    form: str | None = None
    """Format 2, ``type: joint``: joint_committee or committees_in_common."""
    partners: tuple[str, ...] = ()
    legal_basis: str | None = None
    icb_member: str | None = None

    @property
    def label(self) -> str:
        with unasked():
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
        with unasked():
            return self.name or self.id or "(no id)"


@dataclass(frozen=True, kw_only=True)
class Relationship(Entity):
    """Format 2: one body's part in a function (the BNSSG operating model's key)."""

    body: str | None = None
    kind: str | None = None


@dataclass(frozen=True, kw_only=True)
class Delegation(Entity):
    """One entry of the functions and decision map."""

    function: str | None
    decided_by: str | None = None
    kind: str | None = None
    accountable: str | None = None
    delegated_function: str | None = None
    """Format 2: the NHS England-delegated function this entry decides."""
    relationships: tuple[Relationship, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Partnership(Entity):
    """Format 2: the integrated care partnership (LGPIHA 2007 s.116ZA)."""

    name: str | None = None
    local_authorities: tuple[str, ...] = ()
