"""The integrated care partnership includes every responsible local authority in the ICB's area.

"Each responsible local authority whose area coincides with or falls wholly
or partly within the board's area must establish a joint committee" with the
ICB, the integrated care partnership (Local Government and Public
Involvement in Health Act 2007 s.116ZA(1), inserted by the Health and Care
Act 2022 s.26; read). The responsible authorities are the county councils,
the district councils where there is no county council (unitary and
metropolitan), the London boroughs, the City of London and the Isles of
Scilly (s.103; that s.103's list applies here is icscheck's reading of the
Act's structure). Shire district councils are not among them.

In format 2, `integrated_care_partnership.local_authorities` must name every
authority of `icb.local_authorities` whose `kind` makes it responsible. An
authority listed by name only (its kind not given) is a question to confirm;
a missing partnership is one finding. Where the partnership's
`local_authorities` is marked unknown, or has items marked unknown, each
responsible authority it does not name is a question to confirm, located at
the unknown. Where `icb.local_authorities` is marked unknown, or has items
marked unknown, whether the partnership includes every responsible authority
is a question to confirm, located at the unknown.

Fails:

    icscheck: 2
    icb:
      name: NHS Example Integrated Care Board
      local_authorities:
        - {name: Example County Council, kind: county}
        - {name: Example City Council, kind: unitary}
        - {name: Example District Council, kind: district}
    integrated_care_partnership:
      name: Example Integrated Care Partnership
      local_authorities: [Example County Council]

Passes:

    icscheck: 2
    icb:
      name: NHS Example Integrated Care Board
      local_authorities:
        - {name: Example County Council, kind: county}
        - {name: Example City Council, kind: unitary}
        - {name: Example District Council, kind: district}
    integrated_care_partnership:
      name: Example Integrated Care Partnership
      local_authorities: [Example County Council, Example City Council]
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "PLACE-002"
SEVERITY = Severity.ERROR
SOURCE = "Local Government and Public Involvement in Health Act 2007 s.116ZA(1) and (2), inserted by the Health and Care Act 2022 s.26; s.103 (responsible local authorities)"
FIX = "Record the integrated care partnership with every responsible local authority in its local_authorities."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    partnership = model.partnership
    if partnership is None:
        unknown = ("integrated_care_partnership",) in context.unknowns
        yield Gap(
            (),
            "no integrated care partnership is recorded (integrated_care_partnership)",
            rests_on=(("integrated_care_partnership",),) if unknown else (),
        )
        return
    members = set(partnership.local_authorities)
    # A list marked unknown, or with unknown items, may name the authority: a question.
    not_known = partnership.unknown_at("local_authorities")
    for authority in model.icb.authorities:
        if authority.name in members or authority.responsible is False:
            continue
        if authority.responsible is None:
            yield Gap(
                authority.node,
                f"is {authority.name} a responsible local authority that must be in the "
                "integrated care partnership? (its kind is not given)",
                rests_on=(authority.at("kind"),),
            )
        else:
            yield Gap(
                partnership.at("local_authorities"),
                f"does the integrated care partnership include {authority.name}, a "
                "responsible local authority in the ICB's area? (its local_authorities are "
                "not all known)"
                if not_known
                else f"the integrated care partnership does not include {authority.name}, a "
                "responsible local authority in the ICB's area",
                rests_on=not_known,
            )
    # An authority of the ICB's area marked unknown (or the whole list) may be a
    # responsible one the partnership leaves out: a question, never a pass.
    area_unknown = model.icb.unknown_at("local_authorities")
    if area_unknown:
        yield Gap(
            partnership.at("local_authorities"),
            "does the integrated care partnership include every responsible local authority "
            "in the ICB's area? (icb.local_authorities are not all known)",
            rests_on=area_unknown,
        )
