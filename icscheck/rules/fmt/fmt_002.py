"""No key appears twice in the same mapping.

YAML requires the keys of a mapping to be unique (YAML 1.2.2 specification,
section 3.2.1.1, "Nodes"). Many YAML readers quietly keep the last value of a
repeated key, others the first, so a constitution that repeats `quorum:` or
`chair:` means different things to different tools, and an edit can be
silently lost. icscheck reads the first value and reports each repeat at its
own line, naming the line of the first, instead of refusing the whole file.

Fails:

    icscheck: 1
    board:
      members:
        - {id: chair, role: chair}
    board:
      members:
        - {id: ceo, role: chief_executive}

Passes:

    icscheck: 1
    icb:
      name: NHS Example Integrated Care Board
      local_authorities: [Example County Council]
    board:
      members:
        - id: chair
          name: Jane Doe
          role: chair
        - {id: ceo, name: John Roe, role: chief_executive}
    committees:
      - {id: audit, name: Audit Committee, type: audit, members: [chair]}
"""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.finding import Severity
from icscheck.loader import field_name
from icscheck.model import Model
from icscheck.rules.base import Context, Gap

ID = "FMT-002"
SEVERITY = Severity.ERROR
SOURCE = "YAML 1.2.2 specification, section 3.2.1.1 (Nodes): the keys of a mapping are unique"
FIX = "Remove or merge the repeated key; icscheck reads only the first."


def check(model: Model, context: Context) -> Iterator[Gap]:
    for duplicate in context.duplicates:
        key = duplicate.node[-1]
        yield Gap(
            duplicate.node,
            f"the key '{key}' in {field_name(duplicate.node[:-1])} was already given at line "
            f"{duplicate.first[0]}; only that first one is read, this one is ignored",
            at=duplicate.again,
        )
