"""Every id the file refers to exists and is of the right kind.

A constitution is only checkable if its cross-references hold: a committee
chaired by someone who is not on the board, or a decision delegated to a
committee that does not exist, would make the committee and decision-map
rules meaningless. Checked references:

- `board.deputy_chair`, `board.senior_non_executive`, `committees[].chair`,
  and in format 2 `board.mental_health_member` and `committees[].icb_member`:
  a voting board member;
- `committees[].place` (format 2): a place partnership;
- `committees[].members[]` (when an id): a board member or participant;
- `committees[].reports_to`: `board` or a committee;
- `decision_map[].decided_by`: `board`, a committee or a place partnership;
- `decision_map[].accountable`: an id that exists (whether it may hold
  accountability is MAP-002's question), or `nhs_england` for a function NHS
  England delegates (format 2, MAP-005).

In format 2, an id that names nothing known, where the list that would hold
it (`committees`, say) is marked unknown or has items marked unknown, is a
question to confirm located at the unknown, not a gap. A reference itself
marked unknown names nothing, so this rule has nothing to check in it.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
      deputy_chair: ned-9

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
      deputy_chair: ned-1
"""

from __future__ import annotations

from collections.abc import Iterator, Set

from icscheck.finding import Severity
from icscheck.loader import NodePath, field_name
from icscheck.model import BOARD, NHS_ENGLAND, Model
from icscheck.rules.base import Context, Gap

ID = "REF-001"
SEVERITY = Severity.ERROR
SOURCE = "icscheck constitution format, versions 1 and 2: references between entries (docs/format.md#ids-and-references)"
FIX = "Use the id of an existing entry of the right kind, or add the missing entry."
UNKNOWNS_JUDGED = True


def check(model: Model, context: Context) -> Iterator[Gap]:
    # Each set is built once: a rebuild per reference made large files quadratic.
    voting = model.members.keys()
    people = model.people.keys()
    groups = model.committees_by_id.keys()
    places = model.places_by_id.keys()
    kinds = {
        **{key: "a place partnership" for key in places},
        **{key: "a committee" for key in groups},
        **{key: "a participant" for key in model.participants},
        **{key: "a board member" for key in voting},
        BOARD: "the board",
    }
    reporting = {BOARD} | groups
    deciders = reporting | places
    known = set(kinds)
    # NHS England stays accountable for what it delegates (MAP-005).
    delegated = known | {NHS_ENGLAND}
    # A list marked unknown, or with unknown items, may hold the entry an id names: a
    # reference to nothing known is then a question about the list, not a gap.
    board = model.board
    unknown_members = board.unknown_at("members")
    unknown_people = unknown_members + board.unknown_at("participants")
    unknown_committees = model.unknown_at("committees")
    unknown_deciders = unknown_committees + model.unknown_at("place_partnerships")
    unknown_any = unknown_people + unknown_deciders

    def ref(
        node: NodePath,
        value: str | None,
        allowed: Set[str],
        expected: str,
        unknown: tuple[NodePath, ...],
    ) -> Iterator[Gap]:
        if value is None or value in allowed:
            return
        kind = kinds.get(value)
        where = field_name(node)
        if kind is None:
            yield Gap(
                node,
                f"{where}: '{value}' is not the id of anything in this file; expected {expected}",
                rests_on=unknown,
            )
        else:
            yield Gap(node, f"{where}: '{value}' is {kind}; expected {expected}")

    member, anyone = "a board member", "a board member or participant"
    for post in ("deputy_chair", "senior_non_executive", "mental_health_member"):
        yield from ref(board.at(post), getattr(board, post), voting, member, unknown_members)
    for committee in model.committees:
        yield from ref(committee.at("chair"), committee.chair, voting, member, unknown_members)
        yield from ref(
            committee.at("icb_member"), committee.icb_member, voting, member, unknown_members
        )
        yield from ref(
            committee.at("place"),
            committee.place,
            places,
            "a place partnership",
            model.unknown_at("place_partnerships"),
        )
        for seat in committee.members:
            yield from ref(seat.node, seat.id, people, anyone, unknown_people)
        yield from ref(
            committee.at("reports_to"),
            committee.reports_to,
            reporting,
            "the board or a committee",
            unknown_committees,
        )
    for entry in model.decisions:
        yield from ref(
            entry.at("decided_by"),
            entry.decided_by,
            deciders,
            "the board, a committee or a place partnership",
            unknown_deciders,
        )
        accountable = delegated if entry.delegated_function else known
        yield from ref(
            entry.at("accountable"),
            entry.accountable,
            accountable,
            "the board or a committee",
            unknown_any,
        )
