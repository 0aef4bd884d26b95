"""An ordinary member has knowledge and experience of mental health services.

The Act requires one ordinary member, that is not the chair or the chief
executive, to have "knowledge and experience in connection with services
relating to the prevention, diagnosis and treatment of mental illness"
(quoted in UK Parliament written answer HL9462, 22 July 2025, and by
Capsticks, 13 April 2022). At least one voting member other than the chair
and chief executive must have `mental_health_expertise: true`.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: ceo, role: chief_executive}
        - {id: ned-1, role: non_executive_member, mental_health_expertise: false}
        - {id: pm-trusts, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts, sector: mental_health}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair, mental_health_expertise: false}
        - {id: ned-1, role: non_executive_member, mental_health_expertise: true}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-012"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B Part 1, mental health member (UK Parliament written answer HL9462, 22 July 2025; Capsticks, 13 April 2022)"
FIX = "Set mental_health_expertise: true on the ordinary member who holds this knowledge and experience, or add one."
SCHEMA = "board.schema.json"
