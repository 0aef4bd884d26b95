"""The board has a chief executive.

The board includes a chief executive (Sch. 1B para 3(1)(b)), appointed by
the chair with NHS England's approval and employed by the ICB (para 7).
The design framework makes the chief executive the accountable officer for
the ICB's allocation. Exactly one voting member must have
`role: chief_executive`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: dof, role: director_of_finance}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, name: Sam Whitfield, role: chief_executive}
        - {id: dof, role: director_of_finance}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-002"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B para 3(1)(b) and para 7, inserted by the Health and Care Act 2022"
FIX = "Add one voting board member with role: chief_executive."
SCHEMA = "board.schema.json"
