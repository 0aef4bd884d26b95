"""The chair holds no post in another health or care body in the area.

The Government's answer on ICB appointments is that "individuals with a role
in any health and care organisation in a particular area are not eligible
for these independent chair roles" (UK Parliament written answer HL6183,
23 February 2022), and the Act forbids appointments that could undermine the
independence of the health service (Sch. 1B para 4). Stricter than the
"normally" of BOARD-009, so an error: the chair's `other_positions` must be
empty.

Fails:

    icscheck: 1
    board:
      members:
        - id: chair
          name: Alex Morgan
          role: chair
          other_positions:
            - Non-executive director, East Suffolk and North Essex NHS Foundation Trust
        - {id: ned-1, role: non_executive_member, other_positions: []}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, name: Alex Morgan, role: chair, other_positions: []}
        - {id: ned-1, role: non_executive_member, other_positions: []}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-014"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "UK Parliament written answer HL6183, 23 February 2022 (chair eligibility); NHS Act 2006 Sch. 1B para 4"
FIX = "The chair must give up the other post, or another person must be appointed chair."
SCHEMA = "board.schema.json"
