"""icscheck.model: unknown facts a rule reads are recorded, so the rule cannot pass on them."""

from __future__ import annotations

from icscheck.loader import parse
from icscheck.model import Model, build
from icscheck.model.base import asking, unasked

V2 = """\
icscheck: 2
board:
  members:
    - {id: chair, role: chair, other_positions: {unknown: "register not seen"}}
    - {unknown: "a member the annual report lists, not named"}
    - {id: ned-1, role: non_executive_member}
  deputy_chair: {unknown: "not named"}
committees: {unknown: "not published"}
"""


def model_of(text: str) -> Model:
    document = parse("c.yaml", text)
    return build(document.data, document.unknowns)


def test_an_unknown_list_item_is_left_out_and_its_index_kept() -> None:
    model = model_of(V2)
    assert [p.id for p in model.board.members] == ["chair", "ned-1"]
    assert model.board.unknown_items == {"members": (1,)}
    assert model.unknown == {"committees": "not published"}


def test_reads_of_unknown_facts_are_recorded_in_the_order_read() -> None:
    model = model_of(V2)
    with asking() as asked:
        assert model.board.deputy_chair is None
        assert model.board.members[0].other_positions == ()
        assert model.committees == ()
        assert model.board.members[0].role == "chair"  # known: not recorded
    assert list(asked.read) == [
        ("board", "deputy_chair"),
        ("board", "members", 1),
        ("board", "members", 0, "other_positions"),
        ("committees",),
    ]
    assert asked.judged == set()


def test_lookups_labels_and_unasked_reads_are_not_a_rules_questions() -> None:
    model = model_of(V2)
    with asking() as asked:
        assert sorted(model.members) == ["chair", "ned-1"]
        assert model.label("chair") == "chair"
        assert [p.id for p in model.holders("chair")] == ["chair"]
        with unasked():
            assert model.board.deputy_chair is None
    assert list(asked.read) == []


def test_asking_whether_a_fact_is_unknown_is_judging_it() -> None:
    model = model_of(V2)
    with asking() as asked:
        assert model.board.is_unknown("deputy_chair")
        assert model.board.unknown_at("members") == (("board", "members", 1),)
        assert model.unknown_at("committees") == (("committees",),)
    assert asked.judged == {("board", "deputy_chair"), ("board", "members", 1), ("committees",)}


def test_outside_a_rule_nothing_is_recorded() -> None:
    model = model_of(V2)
    assert model.board.deputy_chair is None
    with asking() as asked:
        pass
    assert list(asked.read) == []


def test_a_lookup_that_finds_nothing_where_entries_are_unknown_is_a_read_of_them() -> None:
    model = model_of(V2)
    with asking() as asked:
        assert model.members.get("chair") is not None  # found: nothing unknown asked
        assert list(asked.read) == []
        assert model.role_of("ned-9") is None
        assert "audit" not in model.committees_by_id
    assert list(asked.read) == [("board", "members", 1), ("committees",)]
