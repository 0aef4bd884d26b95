"""The board has a director of nursing.

NHS England's policy on board membership requires three executive members
besides the chief executive: a director of finance, a medical director and a
director of nursing (as adopted in the Hertfordshire and West Essex ICB
constitution s.2.1.5; the design framework's executive roles). At least one
voting member must have `role: director_of_nursing`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: dof, role: director_of_finance}
        - {id: md, role: medical_director}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: don, name: Claire Dunn, role: director_of_nursing, clinical: true}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-008"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS England policy on board membership (Hertfordshire and West Essex ICB constitution s.2.1.5); ICS design framework (NHS England, June 2021), board membership: executive roles"
FIX = "Add a voting board member with role: director_of_nursing."
SCHEMA = "board.schema.json"
