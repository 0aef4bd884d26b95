"""Format 2 references that rest on a list marked unknown are questions to confirm.

tests/rules/cases/ holds the gaps; these assert the exact unconfirmed outcomes,
which a case file's pass case only shows to be no gap.
"""

from __future__ import annotations

from tests.conftest import check_text

HEAD = """icscheck: 2
icb:
  name: NHS Example Integrated Care Board
  local_authorities: [Example County Council]
"""


def questions(text: str, rule: str) -> list[tuple[int, int, str]]:
    result = check_text(text)
    assert [f for f in result.findings if f.rule == rule] == []
    return [
        (u.finding.line, u.finding.column, u.finding.message)
        for u in result.unconfirmed
        if u.finding.rule == rule
    ]


def test_a_post_shared_while_the_clusters_icbs_are_unknown_is_a_question() -> None:
    text = HEAD + (
        "  cluster: {name: Example cluster, icbs: {unknown: not yet published}}\n"
        "board:\n"
        "  members:\n"
        "    - {id: chair, role: chair, shared_with: [NHS Example North ICB]}\n"
    )
    assert questions(text, "REF-001") == [
        (
            5,
            36,
            "board.members[0].shared_with[0]: 'NHS Example North ICB' is not an ICB of this "
            "ICB's cluster; expected one of icb.cluster.icbs",
        )
    ]


def test_a_map_entry_for_a_function_whose_delegation_is_unknown_is_a_question() -> None:
    text = HEAD + (
        "  delegated_functions:\n"
        "    - {function: {unknown: the agreement is not published}, delegated_by: nhs_england}\n"
        "decision_map:\n"
        "  - {function: Commission specialised services, decided_by: board, kind: delegated,"
        " accountable: nhs_england, delegated_function: specialised_services}\n"
    )
    assert questions(text, "REF-001") == [
        (
            6,
            8,
            "decision_map[0].delegated_function: 'specialised_services' is not one of "
            "icb.delegated_functions; expected a function delegated to the ICB",
        )
    ]


PLACES = """icscheck: 2
place_partnerships:
  - {id: north, name: North Place}
decision_map:
  - {function: Plan services in the north, decided_by: north-pc, kind: delegated, accountable: board}
"""


def test_a_place_decided_through_a_committee_whose_place_is_unknown_is_a_question() -> None:
    text = PLACES + (
        "committees:\n"
        "  - {id: north-pc, name: North Committee, type: place, place: {unknown: not stated}}\n"
    )
    # Located at the fact to confirm: the committee's place.
    assert questions(text, "MAP-003") == [
        (7, 56, "place partnership 'north' does not appear in the decision map (decided_by)")
    ]


def test_a_place_whose_committees_are_unknown_is_a_question() -> None:
    text = PLACES + "committees: {unknown: the committee pages are not published}\n"
    assert questions(text, "MAP-003") == [
        (6, 1, "place partnership 'north' does not appear in the decision map (decided_by)")
    ]


def test_a_place_no_committee_could_serve_is_still_a_gap() -> None:
    text = PLACES + (
        "committees:\n  - {id: north-pc, name: North Committee, type: audit, chair: x}\n"
    )
    result = check_text(text)
    assert [(f.line, f.column) for f in result.findings if f.rule == "MAP-003"] == [(3, 5)]


def test_a_reference_to_an_entry_whose_id_is_unknown_is_a_question() -> None:
    text = (
        "icscheck: 2\n"
        "committees:\n"
        "  - {id: {unknown: not stated}, name: Audit Committee, type: audit}\n"
        "decision_map:\n"
        "  - {function: Approve the accounts, decided_by: audit, kind: delegated, accountable: board}\n"
    )
    assert questions(text, "REF-001") == [
        (
            3,
            6,
            "decision_map[0].decided_by: 'audit' is not the id of anything in this file; "
            "expected the board, a committee or a place partnership",
        )
    ]


def test_a_delegated_function_named_while_the_icb_is_unknown_is_a_question() -> None:
    text = (
        "icscheck: 2\n"
        "icb: {unknown: the ICB's page is not published}\n"
        "decision_map:\n"
        "  - {function: Commission dental services, decided_by: board, kind: delegated,\n"
        "     accountable: nhs_england, delegated_function: dental_services}\n"
    )
    assert questions(text, "REF-001") == [
        (
            2,
            1,
            "decision_map[0].delegated_function: 'dental_services' is not one of "
            "icb.delegated_functions; expected a function delegated to the ICB",
        )
    ]


def test_no_deputy_chair_named_while_the_board_is_unknown_is_a_question() -> None:
    text = "icscheck: 2\nboard: {unknown: the board page is not published}\n"
    assert questions(text, "BOARD-011") == [(2, 1, "no deputy chair is named (board.deputy_chair)")]
    assert questions(text, "BOARD-013") == [
        (2, 1, "no senior non-executive member is named (board.senior_non_executive)")
    ]
