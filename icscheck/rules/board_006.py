"""The board has a director of finance.

NHS England's policy on board membership requires three executive members
besides the chief executive: a director of finance, a medical director and a
director of nursing (as adopted in the Hertfordshire and West Essex ICB
constitution s.2.1.5; the design framework's executive roles). At least one
voting member must have `role: director_of_finance`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: md, role: medical_director}
        - {id: don, role: director_of_nursing}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: dof, name: Helen Park, role: director_of_finance}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-006"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS England policy on board membership (Hertfordshire and West Essex ICB constitution s.2.1.5); ICS design framework (NHS England, June 2021), board membership: executive roles"
FIX = "Add a voting board member with role: director_of_finance."
SCHEMA = "board.schema.json"
