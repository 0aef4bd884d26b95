"""The seven principles of public life are adopted.

Board members must uphold the Seven Principles of Public Life (the Nolan
principles), as the model constitution requires of every member
(Hertfordshire and West Essex ICB constitution s.3.1), and ICS governance
frameworks adopt them to "underpin how we will work" (Suffolk and North
East Essex). Each of `selflessness`, `integrity`, `objectivity`,
`accountability`, `openness`, `honesty` and `leadership` missing from
`principles` is one finding; other local principles may be listed too.

Fails:

    icscheck: 1
    principles: [selflessness, integrity, objectivity, accountability, openness]

Passes:

    icscheck: 1
    principles: [selflessness, integrity, objectivity, accountability, openness, honesty, leadership]
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "PRIN-001"
AREA = Area.PRINCIPLES
SEVERITY = Severity.WARNING
SOURCE = "The Seven Principles of Public Life (Nolan principles); Hertfordshire and West Essex ICB constitution s.3.1: board members uphold them; Suffolk and North East Essex ICS governance framework"
FIX = "List all seven principles in principles."
SCHEMA = "principles.schema.json"
