"""icscheck.model: one lenient, typed model of what a constitution sets up."""

from __future__ import annotations

import pickle

import pytest

from icscheck.loader import parse
from icscheck.model import Model, Source, build
from tests.conftest import SUFFOLK

V2 = """\
icscheck: 2
icb:
  name: NHS Example ICB
  local_authorities:
    - Example Borough Council
    - {name: Example County Council, kind: county}
    - {name: Example District Council, kind: district}
board:
  members:
    - {id: chair, role: chair, source: {document: constitution.pdf, clause: "3.3", page: 7}}
    - {id: ceo, role: chief_executive, employee: {unknown: "the board page does not say"}}
    - {id: ned-1, role: non_executive_member, clinical: "yes", other_positions: [a, 5]}
    - not a mapping
  mental_health_member: {unknown: "not published"}
committees:
  - {id: north-pc, type: place, place: north, members: [chair, {name: Outsider}, 7]}
provisions:
  chair_appointment: constitution s.3.3
  independence: 12
"""


def model_of(text: str) -> Model:
    document = parse("c.yaml", text)
    return build(document.data, document.unknowns)


def test_types_are_read_leniently_and_wrong_ones_are_named() -> None:
    model = model_of(V2)
    chair, _, ned = model.board.members  # the string entry is not a member
    assert ned.clinical is None and ned.invalid == frozenset({"clinical", "other_positions"})
    assert ned.other_positions == ("a",)
    assert ned.missing("acting") and not ned.missing("clinical")
    assert chair.source == Source(document="constitution.pdf", clause="3.3", page=7)
    assert str(chair.source) == "constitution.pdf p7 §3.3"
    (committee,) = model.committees
    assert committee.member_ids == ("chair",) and committee.external == ("Outsider",)
    assert committee.place == "north"


def test_unknown_facts_are_told_apart_from_missing_ones() -> None:
    model = model_of(V2)
    ceo = model.board.members[1]
    assert ceo.employee is None and ceo.is_unknown("employee") and not ceo.missing("employee")
    assert ceo.unknown == {"employee": "the board page does not say"}
    assert model.board.unknown == {"mental_health_member": "not published"}
    assert model.board.mental_health_member is None


def test_local_authorities_with_and_without_kind() -> None:
    authorities = model_of(V2).icb.authorities
    assert [(a.name, a.kind, a.responsible) for a in authorities] == [
        ("Example Borough Council", None, None),
        ("Example County Council", "county", True),
        ("Example District Council", "district", False),
    ]


def test_provisions_keep_their_sources_and_name_wrong_ones() -> None:
    provisions = model_of(V2).provisions
    assert provisions is not None
    assert provisions.made == {"chair_appointment": Source(text="constitution s.3.3")}
    assert provisions.invalid == frozenset({"independence"})


def test_the_model_pickles_without_its_lookups_and_they_come_back() -> None:
    model = model_of(SUFFOLK.read_text(encoding="utf-8"))
    assert model.label("ned-audit") == "Priya Shah"  # fills the cached lookups
    copied = pickle.loads(pickle.dumps(model))
    assert copied == model
    assert "_labels" not in vars(copied)
    assert copied.label("ned-audit") == "Priya Shah"


def test_labels_prefer_the_board_then_people_then_committees_then_places() -> None:
    model = model_of(
        "icscheck: 1\nboard:\n  members:\n"
        "    - {id: x, role: chair, name: Person X}\n    - {id: board, role: chair, name: Bo}\n"
        "  participants:\n    - {id: x, role: other, name: Participant X}\n"
        "committees:\n  - {id: x, name: Committee X}\n  - {id: c, name: ''}\n  - {id: c, name: Second}\n"
        "place_partnerships:\n  - {id: c, name: Place C}\n  - {id: p}\n"
    )
    assert [model.label(i) for i in ("board", "x", "c", "p", None, "nhs_england")] == [
        "the board", "Person X", "c", "p", "(not given)", "NHS England",
    ]  # fmt: skip
    assert list(model.people) == ["x", "board"]


@pytest.mark.parametrize("data", [{}, {"board": "x"}, {"board": {"members": "x"}}, {"icb": []}])
def test_any_shape_builds(data: dict[str, object]) -> None:
    model = build(data)
    assert (model.board.members, model.committees, model.icb.name) == ((), (), None)
