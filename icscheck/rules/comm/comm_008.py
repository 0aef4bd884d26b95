"""Every joint committee names its partners, its legal basis and the ICB's member on it.

An ICB may arrange for its functions to be exercised jointly with other
bodies (NHS England, other ICBs, trusts, local authorities) under NHS Act
2006 ss.65Z5 and 65Z6: joint committees, or committees in common that meet
together (the Nottingham and Nottinghamshire ICB's governance page pairs
them with those sections; the sections' own text could not be read, so this
is a warning). A reviewer of such a committee asks who the other bodies are,
under which power it is made, and who speaks for the ICB on it. Each of
`partners`, `legal_basis` and `icb_member` missing from a committee of
`type: joint` is one finding. So is each of these:

- a committee with a `form` (joint_committee, committees_in_common) whose
  `type` is not `joint`: it is checked as a joint committee, and the type
  is reported, since other rules count joint committees by type;
- an `icb_member` who is not among the committee's `members`, where they
  are listed: the ICB's member sits on it;
- a `form: joint_committee` whose `legal_basis` names neither s.65Z5 nor
  s.65Z6, the sections Nottingham and Nottinghamshire's page gives for
  joint committees. Committees in common are each body's own committee, so
  their legal basis is not checked.

Fails:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive}
    committees:
      - id: specialised
        name: Specialised Services Joint Committee
        type: joint
        partners: [NHS England]

Passes:

    icscheck: 2
    board:
      members:
        - {id: ceo, role: chief_executive}
    committees:
      - id: specialised
        name: Specialised Services Joint Committee
        type: joint
        form: joint_committee
        partners: [NHS England, NHS Example North ICB]
        legal_basis: NHS Act 2006 s.65Z5
        icb_member: ceo
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Committee, Model
from icscheck.rules.base import Context, Gap

ID = "COMM-008"
SEVERITY = Severity.WARNING
SOURCE = "NHS Act 2006 ss.65Z5 and 65Z6, inserted by the Health and Care Act 2022 (text not read; paired with joint committees by Nottingham and Nottinghamshire ICB's governance page); NHS England, Arrangements for delegation and joint exercise of statutory functions (statutory guidance under s.65Z7)"
FIX = "Give the joint committee's partners, legal_basis and icb_member."
SINCE = 2

_SECTIONS = re.compile(r"65Z[56](?![0-9A-Za-z])", re.IGNORECASE)
"""s.65Z5 or s.65Z6 (not s.65Z50, were there one)."""

_ASKED = (
    ("partners", "the other bodies on it"),
    ("legal_basis", "the power it is made under"),
    ("icb_member", "the ICB's member on it"),
)


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees:
        if committee.type != "joint" and committee.form is None:
            continue
        if committee.type not in ("joint", None):
            yield Gap(
                committee.at("form"),
                f"the committee '{committee.id}' has form: {committee.form} but type: "
                f"{committee.type}; a joint committee or committee in common has type: joint",
            )
        for name, what in _ASKED:
            value = getattr(committee, name)
            if value in (None, ()) and name not in committee.invalid:
                gap = f"the joint committee '{committee.id}' does not name {what} ({name})"
                unknown = (committee.at(name),) if committee.is_unknown(name) else ()
                yield Gap(committee.node, gap, rests_on=unknown)
        yield from _member_on_it(committee)
        yield from _legal_basis(committee)


def _member_on_it(committee: Committee) -> Iterator[Gap]:
    member = committee.icb_member
    if member is None or member in committee.member_ids:
        return
    if committee.members or committee.is_unknown("members"):
        unknown = (committee.at("members"),) if committee.is_unknown("members") else ()
        yield Gap(
            committee.at("icb_member"),
            f"the ICB's member '{member}' on the joint committee '{committee.id}' is not "
            "one of its members",
            rests_on=unknown,
        )


def _legal_basis(committee: Committee) -> Iterator[Gap]:
    basis = committee.legal_basis
    if committee.form != "joint_committee" or basis is None:
        return
    if not _SECTIONS.search(basis):
        yield Gap(
            committee.at("legal_basis"),
            f"the joint committee '{committee.id}' gives its legal basis as '{basis}', "
            "which names neither s.65Z5 nor s.65Z6 of the NHS Act 2006",
        )
