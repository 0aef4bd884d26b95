"""Non-executive members hold no post in another health or care body in the area.

The design framework says the independent non-executives "will normally not
hold positions or offices in other health and care organisations within the
ICS footprint". "Normally" makes this guidance, so a warning: each
non-executive member whose `other_positions` is not empty is one finding.
The chair is held to a stricter standard by BOARD-014.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair, other_positions: []}
        - id: ned-1
          role: non_executive_member
          other_positions:
            - Governor, Norfolk and Suffolk NHS Foundation Trust
        - {id: ned-2, role: non_executive_member, other_positions: []}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair, other_positions: []}
        - {id: ned-1, role: non_executive_member, other_positions: []}
        - id: ned-2
          role: non_executive_member
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-009"
AREA = Area.BOARD
SEVERITY = Severity.WARNING
SOURCE = "ICS design framework (NHS England, June 2021), board membership: independent non-executives 'will normally not hold positions or offices in other health and care organisations within the ICS footprint'"
FIX = "Move the post to a partner member, or record why the conflict is managed and accept the warning."
SCHEMA = "board.schema.json"
