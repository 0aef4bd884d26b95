"""Build the Model from a parsed constitution, tolerating any shape.

Rules run even when the file breaks the format schema (FMT-001 reports that),
so nothing here assumes a type: a list entry that is not a mapping is
skipped, a value of the wrong type becomes ``None`` (or is left out of a
list) and its field is named in the entity's ``invalid``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from icscheck.composer import NodePath
from icscheck.model.entities import (
    Board,
    Committee,
    Conflicts,
    Delegation,
    Icb,
    Model,
    Person,
    Place,
    Quorum,
    Record,
    Seat,
)


class _Fields:
    """Typed reads of one mapping, remembering which fields had the wrong type."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.invalid: set[str] = set()

    def _typed(self, key: str, kind: type | tuple[type, ...]) -> Any:
        value = self.data.get(key)
        if value is None:
            return None
        # bool is an int to Python, never to the format.
        if isinstance(value, kind) and not (isinstance(value, bool) and bool not in _kinds(kind)):
            return value
        self.invalid.add(key)
        return None

    def text(self, key: str) -> str | None:
        value: str | None = self._typed(key, str)
        return value

    def integer(self, key: str) -> int | None:
        value: int | None = self._typed(key, int)
        return value

    def flag(self, key: str) -> bool | None:
        value: bool | None = self._typed(key, bool)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of text; other items are left out (and the field marked invalid)."""
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.invalid.add(key)
            return ()
        if not all(isinstance(item, str) for item in value):
            self.invalid.add(key)
        return tuple(item for item in value if isinstance(item, str))

    def mapping(self, key: str) -> Mapping[str, Any] | None:
        value: Mapping[str, Any] | None = self._typed(key, dict)
        return value

    def done(self) -> frozenset[str]:
        return frozenset(self.invalid)


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _entries(data: Any, node: NodePath) -> Iterator[tuple[NodePath, Mapping[str, Any]]]:
    """Each mapping in the list ``data``, with its node path."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict):
                yield (*node, index), item


def build(data: Mapping[str, Any]) -> Model:
    """The Model of a constitution's plain data (``Document.data``)."""
    top = _Fields(data)
    board = top.mapping("board")
    conflicts = top.mapping("conflicts_of_interest")
    return Model(
        icb=_icb(top.mapping("icb") or {}),
        board=_board(board or {}),
        committees=tuple(
            _committee(n, c) for n, c in _entries(data.get("committees"), ("committees",))
        ),
        places=tuple(
            _place(n, p)
            for n, p in _entries(data.get("place_partnerships"), ("place_partnerships",))
        ),
        decisions=tuple(
            _delegation(n, d) for n, d in _entries(data.get("decision_map"), ("decision_map",))
        ),
        principles=top.texts("principles"),
        conflicts=None if conflicts is None else _conflicts(conflicts),
    )


def _icb(data: Mapping[str, Any]) -> Icb:
    read = _Fields(data)
    record = read.mapping("constitution")
    return Icb(
        name=read.text("name"),
        ods_code=read.text("ods_code"),
        established=read.text("established"),
        local_authorities=read.texts("local_authorities"),
        constitution=None if record is None else _record(record),
        node=("icb",),
        invalid=read.done(),
    )


def _record(data: Mapping[str, Any]) -> Record:
    read = _Fields(data)
    return Record(
        version=read.text("version"),
        approved=read.text("approved"),
        published_url=read.text("published_url"),
        node=("icb", "constitution"),
        invalid=read.done(),
    )


def _board(data: Mapping[str, Any]) -> Board:
    read = _Fields(data)
    quorum = read.mapping("quorum")
    return Board(
        members=tuple(
            _person(n, p, voting=True)
            for n, p in _entries(data.get("members"), ("board", "members"))
        ),
        participants=tuple(
            _person(n, p, voting=False)
            for n, p in _entries(data.get("participants"), ("board", "participants"))
        ),
        deputy_chair=read.text("deputy_chair"),
        senior_non_executive=read.text("senior_non_executive"),
        quorum=None if quorum is None else _quorum(quorum),
        node=("board",),
        invalid=read.done(),
    )


def _quorum(data: Mapping[str, Any]) -> Quorum:
    read = _Fields(data)
    return Quorum(
        minimum=read.integer("minimum"),
        must_include=read.texts("must_include"),
        node=("board", "quorum"),
        invalid=read.done(),
    )


def _person(node: NodePath, data: Mapping[str, Any], *, voting: bool) -> Person:
    read = _Fields(data)
    return Person(
        id=read.text("id"),
        role=read.text("role"),
        name=read.text("name"),
        organisation=read.text("organisation"),
        nominated_by=read.text("nominated_by"),
        sector=read.text("sector"),
        clinical=read.flag("clinical"),
        mental_health_expertise=read.flag("mental_health_expertise"),
        other_positions=read.texts("other_positions"),
        voting=voting,
        node=node,
        invalid=read.done(),
    )


def _committee(node: NodePath, data: Mapping[str, Any]) -> Committee:
    read = _Fields(data)
    seats: list[Seat] = []
    listed = data.get("members")
    if isinstance(listed, list):
        for index, item in enumerate(listed):
            where = (*node, "members", index)
            if isinstance(item, str):
                seats.append(Seat(id=item, node=where))
            elif isinstance(item, dict):
                name = item.get("name")
                seats.append(Seat(name=name if isinstance(name, str) else None, node=where))
    elif listed is not None:
        read.invalid.add("members")
    return Committee(
        id=read.text("id"),
        name=read.text("name"),
        type=read.text("type"),
        chair=read.text("chair"),
        members=tuple(seats),
        reports_to=read.text("reports_to"),
        node=node,
        invalid=read.done(),
    )


def _place(node: NodePath, data: Mapping[str, Any]) -> Place:
    read = _Fields(data)
    return Place(
        id=read.text("id"),
        name=read.text("name"),
        population=read.integer("population"),
        participants=read.texts("participants"),
        node=node,
        invalid=read.done(),
    )


def _delegation(node: NodePath, data: Mapping[str, Any]) -> Delegation:
    read = _Fields(data)
    return Delegation(
        function=read.text("function"),
        decided_by=read.text("decided_by"),
        kind=read.text("kind"),
        accountable=read.text("accountable"),
        node=node,
        invalid=read.done(),
    )


def _conflicts(data: Mapping[str, Any]) -> Conflicts:
    read = _Fields(data)
    return Conflicts(
        register_published=read.flag("register_published"),
        policy=read.text("policy"),
        register_url=read.text("register_url"),
        node=("conflicts_of_interest",),
        invalid=read.done(),
    )
