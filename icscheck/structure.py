"""The governance structure a constitution sets out, as plain, typed data.

The rules ask "is this compliant?"; the board-paper reports, ``icscheck map``
and ``icscheck diff`` ask "what does this constitution set up?": the board
and its members by role, the committees with their chairs and reporting
lines, the place partnerships and the decision map's delegations. This module
answers that once, from a parsed Document, for all three.

Like the Python rules (icscheck/rules/model.py), it tolerates any shape: an
entry of the wrong type is left out (FMT-001 reports it), never a crash. Each
element keeps its JSON Pointer (``node``), so a picture or a report can tie a
rule's findings (``Finding.node``) to the element they are about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

from icscheck.loader import Document, pointer
from icscheck.rules import model

BOARD = model.BOARD


@dataclass(frozen=True, slots=True)
class Person:
    """A voting board member or a non-voting participant."""

    id: str
    role: str
    name: str | None = None
    organisation: str | None = None
    nominated_by: str | None = None
    voting: bool = True
    node: str = ""

    @property
    def label(self) -> str:
        """The name, or the id where no name is given."""
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Committee:
    """A committee of the board (or a sub-committee of another committee)."""

    id: str
    name: str | None = None
    type: str | None = None
    chair: str | None = None
    members: tuple[str, ...] = ()
    """Ids of the board members and participants who sit on it."""
    external: tuple[str, ...] = ()
    """Names of members from outside the board."""
    reports_to: str | None = None
    node: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Place:
    """A place-based partnership."""

    id: str
    name: str | None = None
    population: int | None = None
    participants: tuple[str, ...] = ()
    node: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Delegation:
    """One entry of the functions and decision map."""

    function: str
    decided_by: str | None = None
    kind: str | None = None
    accountable: str | None = None
    node: str = ""


@dataclass(frozen=True)
class Structure:
    """Everything the constitution sets up, in file order."""

    icb: str | None = None
    members: tuple[Person, ...] = ()
    participants: tuple[Person, ...] = ()
    deputy_chair: str | None = None
    senior_non_executive: str | None = None
    quorum_minimum: int | None = None
    quorum_must_include: tuple[str, ...] = ()
    committees: tuple[Committee, ...] = ()
    places: tuple[Place, ...] = ()
    decisions: tuple[Delegation, ...] = ()

    @classmethod
    def from_document(cls, document: Document) -> Structure:
        quorum = model.get(document, "board", "quorum")
        quorum = quorum if isinstance(quorum, dict) else {}
        minimum = quorum.get("minimum")
        return cls(
            icb=_str(model.get(document, "icb", "name")),
            members=_people(document, "members", voting=True),
            participants=_people(document, "participants", voting=False),
            deputy_chair=_str(model.get(document, "board", "deputy_chair")),
            senior_non_executive=_str(model.get(document, "board", "senior_non_executive")),
            quorum_minimum=minimum
            if isinstance(minimum, int) and not isinstance(minimum, bool)
            else None,
            quorum_must_include=_strs(quorum.get("must_include")),
            committees=tuple(
                Committee(
                    id=ident,
                    name=model.text(item, "name"),
                    type=model.text(item, "type"),
                    chair=model.text(item, "chair"),
                    members=_strs(item.get("members")),
                    external=tuple(
                        m["name"]
                        for m in _list(item.get("members"))
                        if isinstance(m, dict) and isinstance(m.get("name"), str)
                    ),
                    reports_to=model.text(item, "reports_to"),
                    node=pointer(node),
                )
                for node, item in model.entries(document, "committees")
                if (ident := model.ident(item)) is not None
            ),
            places=tuple(
                Place(
                    id=ident,
                    name=model.text(item, "name"),
                    population=_int(item.get("population")),
                    participants=_strs(item.get("participants")),
                    node=pointer(node),
                )
                for node, item in model.entries(document, "place_partnerships")
                if (ident := model.ident(item)) is not None
            ),
            decisions=tuple(
                Delegation(
                    function=function,
                    decided_by=model.text(item, "decided_by"),
                    kind=model.text(item, "kind"),
                    accountable=model.text(item, "accountable"),
                    node=pointer(node),
                )
                for node, item in model.entries(document, "decision_map")
                if (function := model.text(item, "function")) is not None
            ),
        )

    # Computed once per Structure, on first use (a diff or a map asks for a label
    # per element: rebuilding these each time made both quadratic in board size).
    # cached_property keeps them in the instance's __dict__, outside the fields,
    # so equality, hashing and asdict (to_data) never see them.
    @cached_property
    def people(self) -> Mapping[str, Person]:
        """Members and participants by id (the first of a duplicated id); read-only."""
        found: dict[str, Person] = {}
        for person in (*self.members, *self.participants):
            found.setdefault(person.id, person)
        return MappingProxyType(found)

    @cached_property
    def _labels(self) -> dict[str, str]:
        # The board first, then people, committees and places: the first to use an id names it.
        labels = {BOARD: "the board"}
        for group in (self.people.values(), self.committees, self.places):
            for item in group:
                labels.setdefault(item.id, item.label)
        return labels

    def label(self, ident: str | None) -> str:
        """A readable name for any id the file uses: the board, a person, a committee, a place."""
        if ident is None:
            return "(not given)"
        return self._labels.get(ident, ident)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data (for the cache, worker processes and JSON output)."""
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Structure:
        """The Structure ``to_data`` gave."""

        def tuples(item: dict[str, Any]) -> dict[str, Any]:
            return {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}

        return cls(
            icb=data["icb"],
            members=tuple(Person(**p) for p in data["members"]),
            participants=tuple(Person(**p) for p in data["participants"]),
            deputy_chair=data["deputy_chair"],
            senior_non_executive=data["senior_non_executive"],
            quorum_minimum=data["quorum_minimum"],
            quorum_must_include=tuple(data["quorum_must_include"]),
            committees=tuple(Committee(**tuples(c)) for c in data["committees"]),
            places=tuple(Place(**tuples(p)) for p in data["places"]),
            decisions=tuple(Delegation(**d) for d in data["decisions"]),
        )


def _people(document: Document, key: str, *, voting: bool) -> tuple[Person, ...]:
    return tuple(
        Person(
            id=ident,
            role=model.text(item, "role") or "(no role)",
            name=model.text(item, "name"),
            organisation=model.text(item, "organisation"),
            nominated_by=model.text(item, "nominated_by"),
            voting=voting,
            node=pointer(node),
        )
        for node, item in model.entries(document, "board", key)
        if (ident := model.ident(item)) is not None
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(v for v in _list(value) if isinstance(v, str))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
