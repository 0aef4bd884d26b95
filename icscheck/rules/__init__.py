"""The registry of rules: every rule icscheck runs, by public ID, in report order.

Adding a rule means adding its module here; tests/test_meta.py then insists on
its citation, its documentation and its pass and fail cases.
"""

from __future__ import annotations

from icscheck.rules import (
    board_001,
    board_002,
    board_003,
    board_004,
    board_005,
    board_006,
    board_007,
    board_008,
    board_009,
    board_010,
    board_011,
    board_012,
    board_013,
    board_014,
    comm_001,
    comm_002,
    comm_003,
    comm_004,
    comm_005,
    fmt_001,
    fmt_002,
    map_001,
    map_002,
    map_003,
    place_001,
    prin_001,
    prin_002,
    prin_003,
    quorum_001,
    quorum_002,
    quorum_003,
    ref_001,
    ref_002,
    waive_001,
    waive_002,
    waive_003,
)
from icscheck.rules.base import Area, Gap, Outcome, Rule

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in map(
        Rule.from_module,
        (
            fmt_001,
            fmt_002,
            ref_001,
            ref_002,
            board_001,
            board_002,
            board_003,
            board_004,
            board_005,
            board_006,
            board_007,
            board_008,
            board_009,
            board_010,
            board_011,
            board_012,
            board_013,
            board_014,
            quorum_001,
            quorum_002,
            quorum_003,
            comm_001,
            comm_002,
            comm_003,
            comm_004,
            comm_005,
            place_001,
            map_001,
            map_002,
            map_003,
            prin_001,
            prin_002,
            prin_003,
            waive_001,
            waive_002,
            waive_003,
        ),
    )
}

__all__ = ["RULES", "Area", "Gap", "Outcome", "Rule"]
