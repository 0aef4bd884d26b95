"""The board has at least three partner members.

The Act requires at least three ordinary members besides the chair and the
chief executive (Sch. 1B para 3(1)(c)), and requires members nominated by
three different sectors (see BOARD-004). The design framework asks for "a
minimum of three" partner members. At least three voting members must have
`role: partner_member`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: pm-1, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}
        - {id: pm-2, role: partner_member, nominated_by: primary_medical_services}

Passes:

    icscheck: 1
    board:
      members:
        - {id: pm-1, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}
        - {id: pm-2, role: partner_member, nominated_by: primary_medical_services}
        - {id: pm-3, role: partner_member, nominated_by: local_authorities}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-003"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B para 3(1)(c); ICS design framework (NHS England, June 2021), board membership: partner members"
FIX = "Add partner members (role: partner_member) until there are at least three."
SCHEMA = "board.schema.json"
