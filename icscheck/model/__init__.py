"""One typed, lenient model of what a constitution sets up, built once per file.

The rules written in Python, the map, the diff and the board-paper reports
all read this model rather than the raw data: ``build`` makes it from a
parsed Document's data and its unknown facts. The parts: base.py (what every
entity has, ``Source``, and the record of the unknown facts a rule reads,
which the engine makes unconfirmed outcomes), board.py, bodies.py
(committees, places, the decision map, the partnership), icb.py (the ICB, its
area, history and constitution), constitution.py (the whole Model and its
lookups), build.py (how the data is read).
"""

from __future__ import annotations

from icscheck.model.base import BOARD, NHS_ENGLAND, Entity, Source
from icscheck.model.board import EXECUTIVE_ROLES, QUORUM_KINDS, Board, Person, Quorum
from icscheck.model.bodies import Committee, Delegation, Partnership, Place, Relationship, Seat
from icscheck.model.build import build
from icscheck.model.constitution import Model
from icscheck.model.icb import (
    RESPONSIBLE,
    Authority,
    Cluster,
    Conflicts,
    DelegatedFunction,
    Icb,
    Predecessor,
    Provisions,
    Record,
)

__all__ = [
    "BOARD",
    "EXECUTIVE_ROLES",
    "NHS_ENGLAND",
    "QUORUM_KINDS",
    "RESPONSIBLE",
    "Authority",
    "Board",
    "Cluster",
    "Committee",
    "Conflicts",
    "DelegatedFunction",
    "Delegation",
    "Entity",
    "Icb",
    "Model",
    "Partnership",
    "Person",
    "Place",
    "Predecessor",
    "Provisions",
    "Quorum",
    "Record",
    "Relationship",
    "Seat",
    "Source",
    "build",
]
