"""What every entity of the model has, and where a fact comes from (format 2's ``source``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from icscheck.composer import NodePath
from icscheck.loader import pointer

BOARD = "board"
"""The word that stands for the board itself in ``reports_to``, ``decided_by`` and ``accountable``."""
NHS_ENGLAND = "nhs_england"
"""The code for NHS England where the format names a body (``accountable``, ``appointed_by``)."""


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a clause of a document, a page, a web address."""

    text: str | None = None
    """A source given as plain text (``"constitution s.2.1.6"``)."""
    document: str | None = None
    clause: str | None = None
    page: int | None = None
    url: str | None = None
    version: str | None = None
    date: str | None = None
    quote: str | None = None

    def __str__(self) -> str:
        """``constitution.pdf p12 §2.1.6``: what a report shows beside a finding."""
        if self.text is not None:
            return self.text
        parts = [self.document, f"v{self.version}" if self.version else None]
        parts += [
            f"p{self.page}" if self.page else None,
            f"§{self.clause}" if self.clause else None,
        ]
        shown = " ".join(p for p in parts if p) or (self.url or "")
        if self.url and shown != self.url:
            shown += f" <{self.url}>"
        return shown + (f" ({self.date})" if self.date else "")


@dataclass(frozen=True, kw_only=True)
class Entity:
    """Where an entity is, which of its fields could not be read, and which are unknown."""

    node: NodePath = ()
    invalid: frozenset[str] = frozenset()
    """Fields given with a value of the wrong type (FMT-001 reports them)."""
    unknown: dict[str, str] = field(default_factory=dict, hash=False)
    """Format 2: fields the file marks ``{unknown: ...}``, with the note of where the reader looked."""
    source: Source | None = None
    """Format 2: where this entry's facts come from."""

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the entity (``/board/members/2``), as findings carry it."""
        return pointer(self.node)

    def at(self, *fields: str | int) -> NodePath:
        """The node path of one of the entity's fields."""
        return (*self.node, *fields)

    def missing(self, name: str) -> bool:
        """The field is not given at all (rather than given wrongly, or marked unknown)."""
        value: Any = getattr(self, name)
        return value is None and name not in self.invalid and name not in self.unknown

    def is_unknown(self, name: str) -> bool:
        return name in self.unknown
