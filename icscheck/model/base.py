"""What every entity of the model has, and where a fact comes from (format 2's ``source``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from icscheck.composer import NodePath
from icscheck.loader import pointer

BOARD = "board"
"""The word that stands for the board itself in ``reports_to``, ``decided_by`` and ``accountable``."""
NHS_ENGLAND = "nhs_england"
"""The code for NHS England where the format names a body (``accountable``, ``appointed_by``)."""


@dataclass
class Asked:
    """The unknown facts a rule has read while it ran, and those it judged itself."""

    read: dict[NodePath, None] = field(default_factory=dict)
    """Each unknown field or list item read, in the order first read."""
    judged: set[NodePath] = field(default_factory=set)
    """The unknown fields the rule asked about itself (``is_unknown``): it says in its
    gaps' ``rests_on`` whether its outcome turns on them."""


_ASKED: ContextVar[Asked | None] = ContextVar("asked", default=None)


@contextmanager
def asking() -> Iterator[Asked]:
    """Record the unknown facts read in the block (the engine, around one rule's check)."""
    asked = Asked()
    token = _ASKED.set(asked)
    try:
        yield asked
    finally:
        _ASKED.reset(token)


@contextmanager
def unasked() -> Iterator[None]:
    """Reads in the block are not the rule's questions: the model's own lookups (by id)
    and labels, or a rule that reads an unknown it knows cannot change its outcome."""
    token = _ASKED.set(None)
    try:
        yield
    finally:
        _ASKED.reset(token)


def open_entries(owner: Tracked, name: str) -> tuple[NodePath, ...]:
    """The unknown facts of ``owner``'s list field ``name`` (the list itself, or its items),
    read without being asked for."""
    node = object.__getattribute__(owner, "node")
    if name in object.__getattribute__(owner, "unknown"):
        return ((*node, name),)
    items = object.__getattribute__(owner, "unknown_items").get(name, ())
    return tuple((*node, name, index) for index in items)


class Lookup(dict[str, Any]):
    """Entries by id, as the model's lookups hold them. Where the list they come from is
    marked unknown, or has unknown items, a look-up that finds nothing is a question the
    asking rule cannot answer: it is recorded as a read of those unknown facts."""

    def __init__(self, found: dict[str, Any], unknown: tuple[NodePath, ...]) -> None:
        super().__init__(found)
        self.unknown = unknown

    def _missed(self) -> None:
        asked = _ASKED.get()
        if asked is not None:
            for node in self.unknown:
                asked.read.setdefault(node)

    def get(self, key: Any, default: Any = None) -> Any:
        if self.unknown and not super().__contains__(key):
            self._missed()
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        found = super().__contains__(key)
        if not found and self.unknown:
            self._missed()
        return found

    def __missing__(self, key: str) -> Any:
        self._missed()
        raise KeyError(key)


class Tracked:
    """Records each read of a field marked unknown, or of a list with unknown items, in
    the running rule's ``Asked``: a rule that asks for an unknown fact is unconfirmed by
    default, never passed because the field reads as not given (icscheck/checker.py)."""

    node: NodePath
    unknown: dict[str, str]
    unknown_items: dict[str, tuple[int, ...]]

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name[0] != "_":
            asked = _ASKED.get()
            if asked is not None:
                unknown = object.__getattribute__(self, "unknown")
                items = object.__getattribute__(self, "unknown_items")
                if name in unknown or name in items:
                    node = object.__getattribute__(self, "node")
                    if name in unknown:
                        asked.read.setdefault((*node, name))
                    for index in items.get(name, ()):
                        asked.read.setdefault((*node, name, index))
        return value

    def is_unknown(self, name: str) -> bool:
        """The field is marked unknown. Asking is the rule's word that it judges the
        unknown itself: its gaps' ``rests_on`` say whether its outcome turns on it."""
        unknown = object.__getattribute__(self, "unknown")
        asked = _ASKED.get()
        if asked is not None and name in unknown:
            asked.judged.add((*object.__getattribute__(self, "node"), name))
        return name in unknown

    def unknown_at(self, name: str) -> tuple[NodePath, ...]:
        """The unknown facts of field ``name``: the field itself, or its unknown items."""
        node = object.__getattribute__(self, "node")
        if self.is_unknown(name):
            return ((*node, name),)
        items = object.__getattribute__(self, "unknown_items").get(name, ())
        asked = _ASKED.get()
        found = tuple((*node, name, index) for index in items)
        if asked is not None:
            asked.judged.update(found)
        return found


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
class Entity(Tracked):
    """Where an entity is, which of its fields could not be read, and which are unknown."""

    node: NodePath = ()
    invalid: frozenset[str] = frozenset()
    """Fields given with a value of the wrong type (FMT-001 reports them)."""
    unknown: dict[str, str] = field(default_factory=dict, hash=False)
    """Format 2: fields the file marks ``{unknown: ...}``, with the note of where the reader looked."""
    unknown_items: dict[str, tuple[int, ...]] = field(default_factory=dict, hash=False)
    """Format 2: for a list field, the indices of its items marked ``{unknown: ...}`` (left
    out of the entity's list)."""
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
