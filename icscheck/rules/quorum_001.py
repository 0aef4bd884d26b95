"""The board's quorum is defined.

NHS England's guidance on ICB constitutions leaves quorum to local rules,
which it expects to exist (they "should let the board meet without the
chair"); the constitution is where decision-making arrangements are set out.
No statutory quorum wording has been found, so this is a warning, not an
error (the rule catalogue first proposed an error). Checks that
`board.quorum` is present.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
      deputy_chair: chair

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: ned-1, role: non_executive_member}
      quorum:
        minimum: 2
        must_include: [chair_or_deputy, executive_member, non_executive_member, partner_member]
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "QUORUM-001"
AREA = Area.BOARD
SEVERITY = Severity.WARNING
SOURCE = "NHS England, Guidance on integrated care board constitutions and governance (updated model constitution): local quorum rules"
FIX = "Add board.quorum with minimum (and must_include)."
SCHEMA = "board.schema.json"
