"""A director of public health takes part in the board.

The design framework expects the board to include all parts of the local
system, public health among them, with "directors of public health having an
official role". Passes when a participant has
`role: director_of_public_health` or a voting member is marked
`director_of_public_health: true` (for example a local authority partner
member who is a director of public health).

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
        - {id: pm-la, role: partner_member, nominated_by: local_authorities}
      participants:
        - {id: healthwatch, role: healthwatch}

Passes:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
      participants:
        - {id: healthwatch, role: healthwatch}
        - {id: dph, name: Dr Stuart Keeble, role: director_of_public_health}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "BOARD-010"
AREA = Area.BOARD
SEVERITY = Severity.WARNING
SOURCE = "ICS design framework (NHS England, June 2021), board membership: directors of public health having an official role"
FIX = "Add a participant with role: director_of_public_health, or mark the member who is one."
SCHEMA = "board.schema.json"
