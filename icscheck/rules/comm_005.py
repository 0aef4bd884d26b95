"""Every committee reports to the board, directly or through other committees.

"The Board remains accountable for all of its functions including those
that it has delegated" (South West London ICB): a committee whose reporting
line does not reach the board leaves that accountability without a route.
Each committee's `reports_to` must be `board` or a committee whose own line
reaches the board; a missing `reports_to`, a loop or a line ending at a
committee that reports nowhere is one finding.

Fails:

    icscheck: 1
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        reports_to: board
      - id: quality
        name: Quality Committee
        type: quality

Passes:

    icscheck: 1
    committees:
      - id: audit
        name: Audit Committee
        type: audit
        reports_to: board
      - id: remuneration
        name: Remuneration Committee
        type: remuneration
        reports_to: board
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.loader import Document
from icscheck.rules import model
from icscheck.rules.base import Area, Gap

ID = "COMM-005"
AREA = Area.COMMITTEES
SEVERITY = Severity.WARNING
SOURCE = "South West London ICB, 'About our board': the board remains accountable for all of its functions, including those it has delegated"
FIX = "Set reports_to to board, or to a committee that reports to the board."


def check(document: Document) -> Iterator[Gap]:
    groups = model.committees(document)
    for node, committee in model.entries(document, "committees"):
        name = model.ident(committee)
        target = committee.get("reports_to")
        if target is None:
            yield Gap(node, f"committee '{name}' does not say whom it reports to (reports_to)")
            continue
        chain: list[str | None] = [name]
        while isinstance(target, str) and target != model.BOARD and target in groups:
            if target in chain:
                loop = " -> ".join(str(step) for step in [*chain, target])
                yield Gap(
                    (*node, "reports_to"),
                    f"committee '{name}' has a reporting loop ({loop}) that never reaches the board",
                )
                break
            chain.append(target)
            target = groups[target].get("reports_to")
            if target is None:
                yield Gap(
                    (*node, "reports_to"),
                    f"committee '{name}' reports to '{chain[-1]}', which reports to no one",
                )
                break
        else:
            # A line that ends at an unknown id further up never reaches the board;
            # an unknown direct target is REF-001's finding alone.
            if isinstance(target, str) and target != model.BOARD and len(chain) > 1:
                yield Gap(
                    (*node, "reports_to"),
                    f"committee '{name}' reports through '{chain[-1]}' to '{target}', "
                    "which is not a committee, so the line never reaches the board",
                )
