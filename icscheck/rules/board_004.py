"""Partner members are nominated by trusts, primary medical services and local authorities.

The ordinary members must include at least one member nominated jointly by
the NHS trusts and foundation trusts providing services in the area, one by
the providers of primary medical services, and one by the local authorities
whose area falls wholly or partly in the ICB's (Sch. 1B Part 1, as set out
in the Hertfordshire and West Essex ICB constitution s.2.1.6; the design
framework's partner members). Each sector with no partner member
`nominated_by` it is one finding.

Fails:

    icscheck: 1
    board:
      members:
        - {id: pm-acute, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}
        - {id: pm-mh, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}
        - {id: pm-primary, role: partner_member, nominated_by: primary_medical_services}

Passes:

    icscheck: 1
    board:
      members:
        - {id: pm-trusts, role: partner_member, nominated_by: nhs_trusts_and_foundation_trusts}
        - {id: pm-primary, role: partner_member, nominated_by: primary_medical_services}
        - {id: pm-la, role: partner_member, nominated_by: local_authorities}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-004"
AREA = Area.BOARD
SEVERITY = Severity.ERROR
SOURCE = "NHS Act 2006 Sch. 1B Part 1, nominations of ordinary members (Hertfordshire and West Essex ICB constitution s.2.1.6); ICS design framework (NHS England, June 2021), board membership: partner members"
FIX = "Add a partner member with nominated_by set to each missing sector."
SCHEMA = "board.schema.json"
