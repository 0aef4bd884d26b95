"""The quorum requires the chair or deputy, an executive, a non-executive and a partner member.

NHS England's guidance says local quorum rules should let the board meet
without the chair, hence "chair or deputy" rather than "chair". The design
framework's unitary board shares accountability between non-executives,
executives and partner members, so a quorate meeting should include each.
Each of `chair_or_deputy`, `executive_member`, `non_executive_member` and
`partner_member` missing from `board.quorum.must_include` is one finding.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
      quorum:
        minimum: 1
        must_include: [chair_or_deputy, non_executive_member, clinical_member]

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
      quorum:
        minimum: 1
        must_include:
          - chair_or_deputy
          - executive_member
          - non_executive_member
          - partner_member
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "QUORUM-003"
AREA = Area.BOARD
SEVERITY = Severity.WARNING
SOURCE = "NHS England, Guidance on integrated care board constitutions and governance (updated model constitution): local quorum rules should let the board meet without the chair; ICS design framework (NHS England, June 2021): a unitary board of non-executives, executives and partner members"
FIX = "List chair_or_deputy, executive_member, non_executive_member and partner_member in board.quorum.must_include."
SCHEMA = "board.schema.json"
