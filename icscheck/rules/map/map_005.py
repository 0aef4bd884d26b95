"""A function {nhs_england} delegates is decided by an ICB body, with {nhs_england} accountable.

NHS England "still retains overall accountability for the discharge of
these delegated functions" and "will remain the accountable commissioner"
of the specialised services it delegates (NHS England's delegation pages,
read), while the ICB decides them through its board, a committee or a joint
committee. A decision map entry with `delegated_function` must therefore
give `accountable: nhs_england`, and a `decided_by` that is the board or one
of the ICB's committees (joint committees included). Each entry that does
not is one finding per point.

Fails:

    icscheck: 2
    decision_map:
      - {function: Commission primary medical services, decided_by: board, kind: delegated, accountable: board, delegated_function: primary_medical_services}

Passes:

    icscheck: 2
    committees:
      - {id: primary-care, name: Primary Care Committee, type: primary_care, reports_to: board}
    decision_map:
      - {function: Commission primary medical services, decided_by: primary-care, kind: delegated, accountable: nhs_england, delegated_function: primary_medical_services}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import BOARD, Model
from icscheck.model import NHS_ENGLAND as NHS_ENGLAND_CODE
from icscheck.rules.base import Context, Gap
from icscheck.vocabulary import NHS_ENGLAND, words

ID = "MAP-005"
SEVERITY = Severity.ERROR
SOURCE = "NHS England, 'Delegation of primary medical, pharmaceutical, ophthalmic and dental functions': NHS England retains overall accountability; NHS England, specialised commissioning 2024/25 and 2025/26: NHS England remains the accountable commissioner"
FIX = "Set accountable: nhs_england on the entry, and decided_by to the board or the ICB committee that decides it."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    bodies = {BOARD, *model.committees_by_id}
    for entry in model.decisions:
        if entry.delegated_function is None:
            continue
        function = words(entry.delegated_function)
        if entry.accountable != NHS_ENGLAND_CODE and "accountable" not in entry.invalid:
            held = f"given to '{entry.accountable}'" if entry.accountable else "not given"
            yield Gap(
                entry.at("accountable") if entry.accountable else entry.node,
                f"accountability for {function}, delegated by {NHS_ENGLAND}, is {held}; "
                f"it stays with {NHS_ENGLAND} (accountable: {NHS_ENGLAND_CODE})",
                rests_on=(entry.at("accountable"),) if entry.is_unknown("accountable") else (),
            )
        known = model.places_by_id.keys() | model.people.keys()
        if entry.decided_by not in bodies and entry.decided_by in known:
            # An id that names nothing is REF-001's.
            yield Gap(
                entry.at("decided_by"),
                f"{function} is decided by '{entry.decided_by}', which is not the board or one "
                "of the ICB's committees",
            )
