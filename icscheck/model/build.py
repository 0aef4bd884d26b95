"""Build the Model from a parsed constitution, tolerating any shape (read.py says how)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from icscheck.composer import NodePath
from icscheck.model.board import Board, Person, Quorum
from icscheck.model.bodies import Committee, Delegation, Partnership, Place, Relationship, Seat
from icscheck.model.constitution import Model
from icscheck.model.icb import (
    Authority,
    Cluster,
    Conflicts,
    DelegatedFunction,
    Icb,
    Predecessor,
    Provisions,
    Record,
)
from icscheck.model.read import Fields, Unknowns, group, read_source


def build(data: Mapping[str, Any], unknowns: Mapping[NodePath, str] | None = None) -> Model:
    """The Model of a constitution's plain data (``Document.data``) and its unknown facts."""
    known = group(unknowns or {})
    top = Fields(data, (), known)
    version = data.get("icscheck")

    def part(key: str) -> Fields | None:
        value = top.mapping(key)
        return None if value is None else Fields(value, (key,), known)

    board, conflicts, provisions, icp = (
        part(k)
        for k in ("board", "conflicts_of_interest", "provisions", "integrated_care_partnership")
    )
    return Model(
        icb=_icb(part("icb") or Fields({}, ("icb",), known), known),
        board=_board(board or Fields({}, ("board",), known), known),
        committees=tuple(
            _committee(Fields(c, n, known), known) for n, c in top.entries("committees")
        ),
        places=tuple(_place(Fields(p, n, known)) for n, p in top.entries("place_partnerships")),
        decisions=tuple(
            _delegation(Fields(d, n, known), known) for n, d in top.entries("decision_map")
        ),
        principles=top.texts("principles"),
        conflicts=None if conflicts is None else _conflicts(conflicts),
        provisions=None if provisions is None else _provisions(provisions),
        partnership=None if icp is None else _partnership(icp),
        version=version if isinstance(version, int) and not isinstance(version, bool) else 1,
        unknown=top.unknown,
        unknown_items=top.unknown_items,
    )


def _icb(read: Fields, known: Unknowns) -> Icb:
    record = read.mapping("constitution")
    cluster = read.mapping("cluster")
    authorities = []
    for at, item in read.items("local_authorities"):
        if isinstance(item, str):
            authorities.append(Authority(name=item, node=at))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            entry = Fields(item, at, known)
            authorities.append(
                Authority(name=item["name"], kind=entry.text("kind"), **entry.common())
            )
    return Icb(
        name=read.text("name"),
        ods_code=read.text("ods_code"),
        established=read.text("established"),
        authorities=tuple(authorities),
        constitution=None
        if record is None
        else _record(Fields(record, (*read.node, "constitution"), known)),
        predecessors=tuple(
            _predecessor(Fields(item, at, known)) for at, item in read.entries("predecessors")
        ),
        cluster=None
        if cluster is None
        else _cluster(Fields(cluster, (*read.node, "cluster"), known)),
        delegated_functions=tuple(
            _delegated(Fields(item, at, known)) for at, item in read.entries("delegated_functions")
        ),
        **read.common(),
    )


def _record(read: Fields) -> Record:
    return Record(
        version=read.text("version"),
        approved=read.text("approved"),
        approved_by=read.text("approved_by"),
        published_url=read.text("published_url"),
        **read.common(),
    )


def _predecessor(read: Fields) -> Predecessor:
    return Predecessor(
        name=read.text("name"),
        ods_code=read.text("ods_code"),
        ended=read.text("ended"),
        **read.common(),
    )


def _cluster(read: Fields) -> Cluster:
    return Cluster(name=read.text("name"), icbs=read.texts("icbs"), **read.common())


def _delegated(read: Fields) -> DelegatedFunction:
    return DelegatedFunction(
        function=read.text("function"),
        delegated_by=read.text("delegated_by"),
        start=read.text("from"),
        agreement=read.text("agreement"),
        **read.common(),
    )


def _board(read: Fields, known: Unknowns) -> Board:
    return Board(
        members=tuple(
            _person(Fields(p, n, known), voting=True) for n, p in read.entries("members")
        ),
        participants=tuple(
            _person(Fields(p, n, known), voting=False) for n, p in read.entries("participants")
        ),
        deputy_chair=read.text("deputy_chair"),
        senior_non_executive=read.text("senior_non_executive"),
        mental_health_member=read.text("mental_health_member"),
        quorum=_quorum(read, "quorum", known),
        **read.common(),
    )


def _quorum(read: Fields, key: str, known: Unknowns) -> Quorum | None:
    value = read.mapping(key)
    if value is None:
        return None
    quorum = Fields(value, (*read.node, key), known)
    return Quorum(
        minimum=quorum.integer("minimum"),
        must_include=quorum.texts("must_include"),
        **quorum.common(),
    )


def _person(read: Fields, *, voting: bool) -> Person:
    return Person(
        id=read.text("id"),
        role=read.text("role"),
        name=read.text("name"),
        organisation=read.text("organisation"),
        nominated_by=read.text("nominated_by"),
        sector=read.text("sector"),
        clinical=read.flag("clinical"),
        mental_health_expertise=read.flag("mental_health_expertise"),
        director_of_public_health=read.flag("director_of_public_health"),
        other_positions=read.texts("other_positions"),
        voting=voting,
        appointed_by=read.text("appointed_by"),
        approved_by=read.text("approved_by"),
        term_start=read.text("term_start"),
        term_end=read.text("term_end"),
        acting=read.flag("acting"),
        employee=read.flag("employee"),
        shared_with=read.texts("shared_with"),
        expertise=read.texts("expertise"),
        **read.common(),
    )


def _committee(read: Fields, known: Unknowns) -> Committee:
    seats: list[Seat] = []
    for at, item in read.items("members"):
        if isinstance(item, str):
            seats.append(Seat(id=item, node=at))
        elif isinstance(item, dict):
            seat = Fields(item, at, known)
            seats.append(Seat(name=seat.text("name"), role=seat.text("role"), **seat.common()))
    return Committee(
        id=read.text("id"),
        name=read.text("name"),
        type=read.text("type"),
        chair=read.text("chair"),
        members=tuple(seats),
        reports_to=read.text("reports_to"),
        place=read.text("place"),
        quorum=_quorum(read, "quorum", known),
        form=read.text("form"),
        partners=read.texts("partners"),
        legal_basis=read.text("legal_basis"),
        icb_member=read.text("icb_member"),
        **read.common(),
    )


def _place(read: Fields) -> Place:
    return Place(
        id=read.text("id"),
        name=read.text("name"),
        population=read.integer("population"),
        participants=read.texts("participants"),
        **read.common(),
    )


def _delegation(read: Fields, known: Unknowns) -> Delegation:
    return Delegation(
        function=read.text("function"),
        decided_by=read.text("decided_by"),
        kind=read.text("kind"),
        accountable=read.text("accountable"),
        delegated_function=read.text("delegated_function"),
        relationships=tuple(
            Relationship(body=r.text("body"), kind=r.text("kind"), **r.common())
            for r in (Fields(item, at, known) for at, item in read.entries("relationships"))
        ),
        **read.common(),
    )


def _conflicts(read: Fields) -> Conflicts:
    return Conflicts(
        register_published=read.flag("register_published"),
        policy=read.text("policy"),
        register_url=read.text("register_url"),
        **read.common(),
    )


def _provisions(read: Fields) -> Provisions:
    made = {}
    for code, value in read.data.items():
        if code == "source":
            continue
        source = read_source(value)
        if source is not None:
            made[code] = source
        else:
            read.invalid.add(code)
    return Provisions(made=made, **read.common())


def _partnership(read: Fields) -> Partnership:
    return Partnership(
        name=read.text("name"), local_authorities=read.texts("local_authorities"), **read.common()
    )
