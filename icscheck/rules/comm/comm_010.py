"""A committee's quorum can be met by its members.

Format 2 records a committee's own quorum (`committees[].quorum`), as its
terms of reference set it. No source read for icscheck says what a
committee's quorum must be: that is for its terms of reference. So
this is icscheck's consistency check, a warning, as QUORUM-002 is for the
board: a quorum the committee's members cannot make means it could never
meet quorate, or that its members or its quorum are recorded wrongly. Where
the committee lists its `members` (board members, participants and outside
members alike count), each of these is one finding:

- a `quorum.minimum` above the number of its members;
- a `quorum.must_include` id of a board member or participant who is not one
  of its members. A kind of member (`chair_or_deputy`, `executive_member`,
  `non_executive_member`, `partner_member`, `clinical_member`) is not checked
  here, and an id that names nothing is REF-001's error.

Members marked unknown (the list or some of its items) may be more members:
the quorum is then a question to confirm, not a gap, where counting them
could change the answer. A committee that lists no members is not checked.

Fails:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive}
        - {id: cfo, role: director_of_finance}
        - {id: cmo, role: medical_director}
    committees:
      - id: specialised
        name: Specialised Services Joint Committee
        type: joint
        members: [cfo, cmo]
        quorum: {minimum: 3, must_include: [ceo]}

Passes:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive}
        - {id: cfo, role: director_of_finance}
        - {id: cmo, role: medical_director}
    committees:
      - id: specialised
        name: Specialised Services Joint Committee
        type: joint
        members: [cfo, cmo, {name: NHS England regional director, external: true}]
        quorum: {minimum: 2, must_include: [cfo]}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.loader import NodePath
from icscheck.model import QUORUM_KINDS, Committee, Model, Quorum
from icscheck.model.base import unasked
from icscheck.rules.base import Context, Gap

ID = "COMM-010"
SEVERITY = Severity.WARNING
SOURCE = "icscheck's consistency check: no source read sets a committee's quorum, which its terms of reference give; a quorum its members cannot make means the committee could never meet quorate"
FIX = "Make the committee's quorum.minimum no more than its members, and name only its members in quorum.must_include (or correct its members)."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees:
        quorum = committee.quorum
        if quorum is None:
            continue
        if committee.is_unknown("members"):
            yield Gap(
                committee.at("members"),
                f"can the members of the committee '{committee.id}' meet its quorum?",
                rests_on=(committee.at("members"),),
            )
            continue
        unknown = committee.unknown_at("members")
        if not committee.members and not unknown:
            continue  # no members listed: nothing to meet the quorum with
        yield from _minimum(committee, quorum, unknown)
        yield from _must_include(model, committee, quorum, unknown)


def _minimum(committee: Committee, quorum: Quorum, unknown: tuple[NodePath, ...]) -> Iterator[Gap]:
    minimum, count = quorum.minimum, len(committee.members)
    if minimum is None or minimum <= count:
        return
    most = count + len(unknown)
    what = f"{count} member{'' if count == 1 else 's'}"
    if unknown and minimum <= most:
        yield Gap(
            quorum.at("minimum"),
            f"the quorum of {minimum} of the committee '{committee.id}' is more than its "
            f"{count} known member{'' if count == 1 else 's'}: could the {len(unknown)} marked "
            "unknown make it up?",
            rests_on=unknown,
        )
        return
    yield Gap(
        quorum.at("minimum"),
        f"the quorum of {minimum} of the committee '{committee.id}' is more than its "
        f"{what}: it could never meet quorate",
    )


def _must_include(
    model: Model, committee: Committee, quorum: Quorum, unknown: tuple[NodePath, ...]
) -> Iterator[Gap]:
    members = set(committee.member_ids)
    for index, name in enumerate(quorum.must_include):
        if name in QUORUM_KINDS or name in members:
            continue
        with unasked():
            person = model.people.get(name)
        if person is None:
            continue  # not a board member or participant: REF-001's
        where = quorum.at("must_include", index)
        gap = f"the quorum of the committee '{committee.id}' must include '{name}', who is not "
        if unknown:
            yield Gap(
                where,
                f"{gap}one of its known members: is '{name}' among those marked unknown?",
                rests_on=unknown,
            )
        else:
            yield Gap(where, f"{gap}one of its members")
