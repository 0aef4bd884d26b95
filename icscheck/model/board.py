"""The unitary board: its members, participants, named posts and quorum."""

from __future__ import annotations

from dataclasses import dataclass

from icscheck.model.base import Entity, unasked

EXECUTIVE_ROLES = frozenset(
    {
        "chief_executive",
        "director_of_finance",
        "medical_director",
        "director_of_nursing",
        "executive_member",
    }
)
"""Roles held by the ICB's executives, who are its employees (Sch. 1B para 7(2) for the chief
executive; the executive directors are employed officers)."""


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
    director_of_public_health: bool | None = None
    other_positions: tuple[str, ...] = ()
    voting: bool = True
    appointed_by: str | None = None
    approved_by: str | None = None
    term_start: str | None = None
    term_end: str | None = None
    acting: bool | None = None
    employee: bool | None = None
    """Format 2: an employee of the ICB (a secondee counts, Sch. 1B para 19(4))."""
    shared_with: tuple[str, ...] = ()
    expertise: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name, or the id where no name is given (a label, not a rule's question)."""
        with unasked():
            return self.name or self.id or "(no id)"

    @property
    def employed(self) -> bool | None:
        """Whether the ICB employs the holder: as stated (format 2), else True for an
        executive role, else not known (None)."""
        if self.employee is not None:
            return self.employee
        return True if self.role in EXECUTIVE_ROLES else None


@dataclass(frozen=True, kw_only=True)
class Quorum(Entity):
    """A quorum: the board's, or a committee's."""

    minimum: int | None = None
    must_include: tuple[str, ...] = ()


QUORUM_KINDS = frozenset(
    {
        "chair_or_deputy",
        "executive_member",
        "non_executive_member",
        "partner_member",
        "clinical_member",
    }
)
"""The kinds of member a quorum's ``must_include`` may name instead of ids (the board's
quorum vocabulary, schemas/constitution-2.schema.json)."""


@dataclass(frozen=True, kw_only=True)
class Board(Entity):
    """The unitary board: its voting members, participants, named posts and quorum."""

    members: tuple[Person, ...] = ()
    participants: tuple[Person, ...] = ()
    deputy_chair: str | None = None
    senior_non_executive: str | None = None
    mental_health_member: str | None = None
    """Format 2: the id of the member designated for mental health knowledge and experience."""
    quorum: Quorum | None = None
