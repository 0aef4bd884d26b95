"""Each place partnership includes the design framework's minimum participants.

"At a minimum, these partnerships should involve primary care provider
leadership, local authorities, including directors of public health,
providers of acute, community and mental health services and
representatives of people who access care and support" (design framework).
Each of `primary_care_providers`, `local_authority`,
`director_of_public_health`, `acute_provider`, `community_provider`,
`mental_health_provider` and `people_and_communities` missing from a
partnership's `participants` is one finding.

Fails:

    icscheck: 1
    place_partnerships:
      - id: north-place
        name: North Place Partnership
        population: 300000

Passes:

    icscheck: 1
    place_partnerships:
      - id: north-place
        name: North Place Partnership
        participants: [primary_care_providers, local_authority, director_of_public_health, acute_provider,
                       community_provider, mental_health_provider, people_and_communities]
"""

from icscheck.finding import Severity
from icscheck.rules.base import Area

ID = "PLACE-001"
AREA = Area.PLACE
SEVERITY = Severity.WARNING
SOURCE = "ICS design framework (NHS England, June 2021), place-based partnerships: at a minimum primary care provider leadership, local authorities including directors of public health, acute, community and mental health providers, and representatives of people who access care and support"
FIX = "Add the missing participants to the place partnership's participants list."
SCHEMA = "place.schema.json"
