"""A merged ICB's predecessors ended before it was established.

From 1 April 2026 NHS England has merged ICBs into larger ones (a written
ministerial statement of 9 September 2025 named the first new footprints,
to take effect on that day); a merged ICB's constitution records the ICBs it
replaced. Each predecessor must have ended no later than the day before the
merged ICB was established, or two boards would hold the same functions for
the same people. Each predecessor whose `ended` date is on or after
`icb.established` is one finding (a warning: the dates come from
establishment orders icscheck has not read).

Fails:

    icscheck: 2
    icb:
      name: NHS Example Merged Integrated Care Board
      local_authorities: [Example County Council]
      established: 2026-04-01
      predecessors:
        - {name: NHS Example North Integrated Care Board, ended: 2026-03-31}
        - {name: NHS Example South Integrated Care Board, ended: 2026-04-30}

Passes:

    icscheck: 2
    icb:
      name: NHS Example Merged Integrated Care Board
      local_authorities: [Example County Council]
      established: 2026-04-01
      predecessors:
        - {name: NHS Example North Integrated Care Board, ended: 2026-03-31}
        - {name: NHS Example South Integrated Care Board, ended: 2026-03-31}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "ICB-001"
SEVERITY = Severity.WARNING
SOURCE = "Written ministerial statement, ICB running costs and boundary alignment with strategic authorities (House of Commons, 9 September 2025): the new ICBs take effect on 1 April 2026"
FIX = "Correct icb.established or the predecessor's ended date: a predecessor ends the day before the merged ICB begins."
SINCE = 2


def check(model: Model, context: Context) -> Iterator[Gap]:
    established = model.icb.established
    if established is None:
        return
    for predecessor in model.icb.predecessors:
        # ISO dates compare as text.
        if predecessor.ended is not None and predecessor.ended >= established:
            yield Gap(
                predecessor.at("ended"),
                f"{predecessor.name} ended on {predecessor.ended}, not before the ICB was "
                f"established on {established}",
            )
