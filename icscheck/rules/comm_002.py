"""The board has a remuneration committee.

The design framework says each board "will be required to establish an
audit committee and a remuneration committee"; ICB constitutions call them
the two statutory committees (Lincolnshire ICB). At least one entry of
`committees` must have `type: remuneration`.

The remuneration committee decides the pay and terms of the chief executive
and other senior staff, under Sch. 1B paras 18 to 20 as cited by the
Hertfordshire and West Essex ICB constitution (s.8.1.5).

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}

Passes:

    icscheck: 1
    committees:
      - id: remuneration
        name: Remuneration Committee
        type: remuneration
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "COMM-002"
AREA = Area.COMMITTEES
SEVERITY = Severity.ERROR
SOURCE = "ICS design framework (NHS England, June 2021), committees: each board establishes an audit committee and a remuneration committee; Lincolnshire ICB constitution: 'two statutory committees - Audit and Remuneration'"
FIX = "Add a committee with type: remuneration."
SCHEMA = "committees.schema.json"
