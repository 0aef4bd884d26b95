"""Every function {nhs_england} delegates to the ICB appears in the decision map.

From 1 July 2022 all ICBs took delegated responsibility for primary medical
services, from 1 April 2023 pharmaceutical, general ophthalmic and dental
services, and from April 2024 or April 2025 many specialised services,
under a delegation agreement with NHS England, which "retains overall
accountability" (NHS England, delegation of primary medical, pharmaceutical,
ophthalmic and dental functions; specialised commissioning papers). The
decision map should show where each is decided. Each of
`icb.delegated_functions` with no decision map entry whose
`delegated_function` names it is one finding (a warning: the map itself is
guidance, MAP-001). Where the decision map is marked unknown, has entries
marked unknown, or an entry whose `delegated_function` is marked unknown, a
function not found is a question to confirm, located at the unknown.

Fails:

    icscheck: 2
    icb:
      name: NHS Example Integrated Care Board
      local_authorities: [Example County Council]
      delegated_functions:
        - {function: primary_medical_services, delegated_by: nhs_england}
        - {function: specialised_services, delegated_by: nhs_england}
    decision_map:
      - {function: Commission primary medical services, decided_by: board, kind: delegated, accountable: nhs_england, delegated_function: primary_medical_services}

Passes:

    icscheck: 2
    icb:
      name: NHS Example Integrated Care Board
      local_authorities: [Example County Council]
      delegated_functions:
        - {function: primary_medical_services, delegated_by: nhs_england}
    decision_map:
      - {function: Commission primary medical services, decided_by: board, kind: delegated, accountable: nhs_england, delegated_function: primary_medical_services}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.model.base import unasked
from icscheck.rules.base import Context, Gap
from icscheck.vocabulary import NHS_ENGLAND, words

ID = "MAP-004"
SEVERITY = Severity.WARNING
SOURCE = "NHS England, 'Delegation of primary medical, pharmaceutical, ophthalmic and dental functions' (delegation agreement; NHS England retains overall accountability); NHS England Board papers on delegating specialised services (2023/24 to 2025/26); ICS design framework (June 2021): the functions and decision map"
FIX = (
    "Add a decision_map entry with delegated_function set to each function {nhs_england} delegates."
)
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    # Judged here: the decision map marked unknown, an entry of it marked unknown, or an
    # entry whose delegated_function is marked unknown may be the missing entry, so each
    # function not found is a question resting on them (and one all found is not).
    with unasked():
        mapped = {entry.delegated_function for entry in model.decisions}
    not_known = model.unknown_at("decision_map") + tuple(
        entry.at("delegated_function")
        for entry in model.decisions
        if entry.is_unknown("delegated_function")
    )
    for item in model.icb.delegated_functions:
        if item.function is not None and item.function not in mapped:
            yield Gap(
                item.node,
                f"does {words(item.function)}, delegated by {NHS_ENGLAND}, appear in the "
                "decision map? (its entries are not all known)"
                if not_known
                else f"{words(item.function)}, delegated by {NHS_ENGLAND}, does not appear in "
                "the decision map (delegated_function)",
                rests_on=not_known,
            )
