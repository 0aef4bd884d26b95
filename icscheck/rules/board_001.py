"""The board has exactly one chair.

The Act constitutes the board of a chair, a chief executive and at least
three ordinary members (Sch. 1B para 3(1)). NHS England appoints the chair
with the Secretary of State's approval (para 5). Exactly one entry of
`board.members` must have `role: chair`; a post recorded as vacant
(`name: vacant`) still counts, since the constitution defines the post.

Fails:

    icscheck: 1
    board:
      members:
        - {id: ceo, role: chief_executive}
        - {id: ned-1, role: non_executive_member}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, name: Alex Morgan, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: ned-1, role: non_executive_member}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-001"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B para 3(1)(a), inserted by the Health and Care Act 2022"
FIX = "Give exactly one voting board member role: chair."
SCHEMA = "board.schema.json"
