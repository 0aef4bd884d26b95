"""The file follows the constitution format, version 1.

Every field is checked against `schemas/constitution.schema.json`: required
fields are present, values have the right type and come from the allowed
lists, and no unknown field appears, so a misspelt key (`rol:` for `role:`)
cannot pass silently. Each violation is a separate finding at its own node,
naming the field and, where there is a fixed list, the allowed values.

The Act requires a constitution that names the ICB and its area (Sch. 1B
paras 1 and 2); the format therefore requires `icb.name` and
`icb.local_authorities`. Everything else in the format serves the guide-rail
rules, which can only judge what they can read.

YAML reads unquoted `1.10` as the number 1.1 and `2022-07-01` as a date.
Dates are accepted where the format asks for one; where it asks for text,
put numbers in quotes.

Fails:

    icscheck: 1
    icb:
      name: NHS Example Integrated Care Board
      local_authorities: [Example County Council]
    board:
      members:
        - {id: pm-la, role: partner_member, nominted_by: local_authorities}

Passes:

    icscheck: 1
    icb:
      name: NHS Example Integrated Care Board
      local_authorities: [Example County Council]
    board:
      members:
        - {id: chair, role: chair}
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "FMT-001"
AREA = Area.FORMAT
SEVERITY = Severity.ERROR
SOURCE = "icscheck constitution format, version 1 (docs/format.md); NHS Act 2006 Sch. 1B paras 1 and 2 (an ICB has a constitution that names it and its area)"
FIX = "Correct the field as the message says; docs/format.md lists every field and its allowed values."
SCHEMA = "constitution.schema.json"
