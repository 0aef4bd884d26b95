"""Every id the file refers to exists and is of the right kind.

A constitution is only checkable if its cross-references hold: a committee
chaired by someone who is not on the board, or a decision delegated to a
committee that does not exist, would make the committee and decision-map
rules meaningless. Checked references:

- `board.deputy_chair`, `board.senior_non_executive`, `committees[].chair`,
  and in format 2 `board.mental_health_member` and `committees[].icb_member`:
  a voting board member;
- `committees[].place` (format 2): a place partnership, and only on a
  committee of `type: place` (on any other committee it would be silently
  ignored: MAP-003 counts only place committees);
- `committees[].members[]` (when an id): a board member or participant;
- `committees[].quorum.must_include[]` (format 2), unless a kind of member
  (`chair_or_deputy`, say): a board member or participant (whether they sit
  on the committee is COMM-010's question);
- `committees[].reports_to`: `board` or a committee;
- `decision_map[].decided_by`: `board`, a committee or a place partnership;
- `decision_map[].accountable`: an id that exists (whether it may hold
  accountability is MAP-002's question), or `nhs_england` for a function NHS
  England delegates (format 2, MAP-005); where the entry's `delegated_function`
  is marked unknown, `nhs_england` is a question to confirm;
- `decision_map[].delegated_function` (format 2): one of the functions in
  `icb.delegated_functions` (MAP-004 asks the other way round);
- `shared_with[]` of a member or participant (format 2): one of the ICBs of
  `icb.cluster.icbs`, by name, so a post shared outside the cluster, or
  with no cluster given, is seen.

A reference that rests on a list marked unknown, or on an item of it marked
unknown (`icb.delegated_functions`, `icb.cluster`, its `icbs`), is a question
to confirm.

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

from collections.abc import Iterable, Iterator, Set

from icscheck.finding import Severity
from icscheck.loader import NodePath, field_name
from icscheck.model import BOARD, NHS_ENGLAND, QUORUM_KINDS, Model
from icscheck.model.base import Entity
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
    # So may an entry whose own id is unknown, and a board marked unknown as a whole.
    board = model.board
    unknown_members = model.unknown_at("board") + board.unknown_at("members") + _ids(board.members)
    unknown_people = unknown_members + board.unknown_at("participants") + _ids(board.participants)
    unknown_committees = model.unknown_at("committees") + _ids(model.committees)
    unknown_deciders = (
        unknown_committees + model.unknown_at("place_partnerships") + _ids(model.places)
    )
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
        if committee.place is not None and committee.type not in (None, "place"):
            yield Gap(
                committee.at("place"),
                f"{field_name(committee.at('place'))}: '{committee.place}' is given on a "
                f"committee of type {committee.type}; only a place committee (type: place) "
                "serves a place partnership",
            )
        for seat in committee.members:
            yield from ref(seat.node, seat.id, people, anyone, unknown_people)
        quorum = committee.quorum
        for index, name in enumerate(quorum.must_include if quorum is not None else ()):
            if quorum is not None and name not in QUORUM_KINDS:
                node = quorum.at("must_include", index)
                yield from ref(node, name, people, f"{anyone}, or a kind of member", unknown_people)
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
        # An entry whose delegated_function is unknown may be a delegated function, for
        # which nhs_england is the right accountable body (MAP-005): a question.
        unknown_function = entry.is_unknown("delegated_function")
        yield from ref(
            entry.at("accountable"),
            entry.accountable,
            delegated if unknown_function else accountable,
            "the board or a committee",
            unknown_any,
        )
        if unknown_function and entry.accountable == NHS_ENGLAND:
            yield Gap(
                entry.at("accountable"),
                f"{field_name(entry.at('accountable'))}: '{NHS_ENGLAND}' is accountable only "
                "for a function delegated to the ICB (delegated_function)",
                rests_on=(entry.at("delegated_function"),),
            )
    yield from _delegated_functions(model)
    yield from _shared_posts(model)


def _delegated_functions(model: Model) -> Iterator[Gap]:
    icb = model.icb
    held = {item.function for item in icb.delegated_functions if item.function is not None}
    # The list marked unknown, an item of it marked unknown, or an item's function marked
    # unknown: each may be the function a decision names.
    unknown = (
        model.unknown_at("icb")
        + icb.unknown_at("delegated_functions")
        + tuple(
            item.at("function") for item in icb.delegated_functions if item.is_unknown("function")
        )
    )
    for entry in model.decisions:
        function = entry.delegated_function
        if function is None or function in held:
            continue
        node = entry.at("delegated_function")
        yield Gap(
            node,
            f"{field_name(node)}: '{function}' is not one of icb.delegated_functions; "
            "expected a function delegated to the ICB",
            rests_on=unknown,
        )


def _ids(entries: Iterable[Entity]) -> tuple[NodePath, ...]:
    """The ids marked unknown among ``entries``: any of them may be the id a reference names."""
    return tuple(entry.at("id") for entry in entries if entry.is_unknown("id"))


def _shared_posts(model: Model) -> Iterator[Gap]:
    icb, cluster = model.icb, model.icb.cluster
    icbs = set(cluster.icbs) if cluster is not None else set()
    # The ICB, its cluster, the cluster's list or an ICB in it may be what is unknown.
    unknown: tuple[NodePath, ...] = model.unknown_at("icb") + icb.unknown_at("cluster")
    if cluster is not None:
        unknown += cluster.unknown_at("icbs")
    expected = (
        "one of icb.cluster.icbs"
        if cluster is not None or unknown
        else "one of icb.cluster.icbs, but the file gives no icb.cluster"
    )
    for person in (*model.board.members, *model.board.participants):
        if "shared_with" in person.invalid:
            continue  # an item that is not a name shifts the others (FMT-001 reports it)
        for index, name in enumerate(person.shared_with):
            if name in icbs:
                continue
            node = person.at("shared_with", index)
            yield Gap(
                node,
                f"{field_name(node)}: '{name}' is not an ICB of this ICB's cluster; expected {expected}",
                rests_on=unknown,
            )
