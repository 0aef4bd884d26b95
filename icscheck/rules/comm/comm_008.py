"""Every joint committee names its partners, its legal basis and the ICB's member on it.

An ICB may arrange for its functions to be exercised jointly with other
bodies (NHS England, other ICBs, trusts, local authorities) under NHS Act
2006 ss.65Z5 and 65Z6: joint committees, or committees in common that meet
together (the Nottingham and Nottinghamshire ICB's governance page pairs
them with those sections; the sections' own text could not be read, so this
is a warning). A reviewer of such a committee asks who the other bodies are,
under which power it is made, and who speaks for the ICB on it. Each of
`partners`, `legal_basis` and `icb_member` missing from a committee of
`type: joint` is one finding.

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

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "COMM-008"
SEVERITY = Severity.WARNING
SOURCE = "NHS Act 2006 ss.65Z5 and 65Z6, inserted by the Health and Care Act 2022 (text not read; paired with joint committees by Nottingham and Nottinghamshire ICB's governance page); NHS England, Arrangements for delegation and joint exercise of statutory functions (statutory guidance under s.65Z7)"
FIX = "Give the joint committee's partners, legal_basis and icb_member."
SINCE = 2

_ASKED = (
    ("partners", "the other bodies on it"),
    ("legal_basis", "the power it is made under"),
    ("icb_member", "the ICB's member on it"),
)


def check(model: Model, context: Context) -> Iterator[Gap]:
    for committee in model.committees_of_type("joint"):
        for name, what in _ASKED:
            value = getattr(committee, name)
            if value in (None, ()) and name not in committee.invalid:
                gap = f"the joint committee '{committee.id}' does not name {what} ({name})"
                unknown = (committee.at(name),) if committee.is_unknown(name) else ()
                yield Gap(committee.node, gap, rests_on=unknown)
