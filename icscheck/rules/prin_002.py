"""The register of interests is published and a conflicts of interest policy is named.

The model constitution publishes the conflicts of interest policy and the
registers of interests (Hertfordshire and West Essex ICB constitution
s.7.3). Checks that `conflicts_of_interest.register_published` is true and
`conflicts_of_interest.policy` names a policy.

Managing conflicts of interest is a section of its own in the model
constitution; a register nobody can read protects no decision, so the file
should say both that the register is published and which policy governs
declarations.

Fails:

    icscheck: 1
    principles: [selflessness, integrity, objectivity, accountability, openness, honesty, leadership]

Passes:

    icscheck: 1
    conflicts_of_interest:
      register_published: true
      policy: Conflicts of Interest Policy
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "PRIN-002"
AREA = Area.PRINCIPLES
SEVERITY = Severity.WARNING
SOURCE = "Hertfordshire and West Essex ICB constitution s.7.3: the conflicts of interest policy and registers of interests are published"
FIX = "Set conflicts_of_interest.register_published: true and name the policy."
SCHEMA = "principles.schema.json"
