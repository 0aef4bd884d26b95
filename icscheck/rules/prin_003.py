"""The constitution's publication address is given.

Each ICB must publish its constitution (Capsticks, on the Bill; the model
constitution's s.7.3). Publishing is the ICB's duty, not the file's, so a
missing address is a warning: it asks the file to say where the public can
read it, in `icb.constitution.published_url`.

Fails:

    icscheck: 1
    icb:
      name: NHS Example Integrated Care Board
      local_authorities: [Example County Council]

Passes:

    icscheck: 1
    icb:
      name: NHS Example Integrated Care Board
      local_authorities: [Example County Council]
      constitution:
        version: "1.0"
        published_url: https://example.nhs.uk/about-us/constitution/
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "PRIN-003"
AREA = Area.PRINCIPLES
SEVERITY = Severity.WARNING
SOURCE = "Capsticks on the Health and Care Bill: 'Each ICB must publish its constitution'; Hertfordshire and West Essex ICB constitution s.7.3"
FIX = "Set icb.constitution.published_url to the address where the constitution is published."
SCHEMA = "principles.schema.json"
