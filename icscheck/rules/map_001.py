"""A functions and decision map is present.

The design framework expects every ICB "to maintain a 'functions and
decision map'" showing where functions are decided: by the board, a
committee, at place or jointly. Real ICBs publish it with a scheme of
reservation and delegation. Checks that `decision_map` has at least one
entry.

Fails:

    icscheck: 1
    committees:
      - id: audit
        name: Audit Committee
        type: audit

Passes:

    icscheck: 1
    decision_map:
      - function: Approve the annual operating plan
        decided_by: board
        kind: reserved
        accountable: board
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "MAP-001"
AREA = Area.MAP
SEVERITY = Severity.WARNING
SOURCE = "ICS design framework (NHS England, June 2021): every ICS NHS body is expected to maintain a 'functions and decision map'"
FIX = "Add a decision_map listing each function, who decides it and who stays accountable."
SCHEMA = "decision-map.schema.json"
