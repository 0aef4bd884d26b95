"""The board has an audit committee.

The design framework says each board "will be required to establish an
audit committee and a remuneration committee"; ICB constitutions call them
the two statutory committees (Lincolnshire ICB). At least one entry of
`committees` must have `type: audit`.

The audit committee gives the board independent assurance on governance,
risk management and internal control, and oversees the external audit of the
accounts.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}

Passes:

    icscheck: 1
    committees:
      - id: audit
        name: Audit Committee
        type: audit
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "COMM-001"
AREA = Area.COMMITTEES
SEVERITY = Severity.ERROR
SOURCE = "ICS design framework (NHS England, June 2021), committees: each board establishes an audit committee and a remuneration committee; Lincolnshire ICB constitution: 'two statutory committees - Audit and Remuneration'"
FIX = "Add a committee with type: audit."
SCHEMA = "committees.schema.json"
