""" "Did you mean": the known names closest to a mistyped one, closest first.

difflib's ratio ranks ``BOARD-013`` above ``BOARD-003`` for ``BOARD-03``, though one
keystroke makes the second and two the first; people mistype by keystrokes, so
the suggestions are ranked by edit distance first and by difflib's ratio after.
A word with no number (``BORD``) is matched against the families (``BOARD``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` of ``choices`` near ``word`` (case ignored), the closest first."""
    wanted = word.strip().upper()
    pool = sorted(set(choices))
    if "-" not in wanted:
        # A family, or a rule ID's family: BORD -> BOARD.
        pool = sorted({choice.rsplit("-", 1)[0] for choice in pool} | set(pool))
    ranked = sorted(
        (
            _distance(wanted, choice.upper()),
            -difflib.SequenceMatcher(None, wanted, choice.upper()).ratio(),
            choice,
        )
        for choice in pool
    )
    most = max(1, len(wanted) // 3)
    return [choice for distance, _, choice in ranked if distance <= most][:limit]


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), in O(len(a) * len(b))."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
