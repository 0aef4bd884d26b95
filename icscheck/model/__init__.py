"""One typed, lenient model of what a constitution sets up, built once per file.

The rules written in Python, the map, the diff and the board-paper reports
all read this model rather than the raw data: ``build`` makes it from a
parsed Document's data (entities.py says what it holds, build.py how it is
read).
"""

from __future__ import annotations

from icscheck.model.build import build
from icscheck.model.entities import (
    BOARD,
    Board,
    Committee,
    Conflicts,
    Delegation,
    Entity,
    Icb,
    Model,
    Person,
    Place,
    Quorum,
    Record,
    Seat,
)

__all__ = [
    "BOARD",
    "Board",
    "Committee",
    "Conflicts",
    "Delegation",
    "Entity",
    "Icb",
    "Model",
    "Person",
    "Place",
    "Quorum",
    "Record",
    "Seat",
    "build",
]
