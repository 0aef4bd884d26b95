"""The board has at least two non-executive members besides the chair.

NHS England's policy on board membership requires at least two non-executive
members in addition to the chair (as adopted in the Hertfordshire and West
Essex ICB constitution s.2.1.5); the design framework asks for the "chair
plus a minimum of two other independent non-executive directors". At least
two voting members must have `role: non_executive_member`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
        - {id: ceo, role: chief_executive}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ned-1, role: non_executive_member}
        - {id: ned-2, role: non_executive_member}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-005"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS England policy on board membership (Hertfordshire and West Essex ICB constitution s.2.1.5); ICS design framework (NHS England, June 2021), board membership: independent non-executives"
FIX = "Add non-executive members (role: non_executive_member) until there are at least two."
SCHEMA = "board.schema.json"
