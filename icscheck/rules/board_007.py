"""The board has a medical director.

NHS England's policy on board membership requires three executive members
besides the chief executive: a director of finance, a medical director and a
director of nursing (as adopted in the Hertfordshire and West Essex ICB
constitution s.2.1.5; the design framework's executive roles). At least one
voting member must have `role: medical_director`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: dof, role: director_of_finance}
        - {id: don, role: director_of_nursing}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: md, name: Dr Ravi Menon, role: medical_director, clinical: true}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-007"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS England policy on board membership (Hertfordshire and West Essex ICB constitution s.2.1.5); ICS design framework (NHS England, June 2021), board membership: executive roles"
FIX = "Add a voting board member with role: medical_director."
SCHEMA = "board.schema.json"
