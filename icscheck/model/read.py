"""Typed, lenient reads of one mapping of the data: what build.py is made of.

Rules run even when the file breaks the format schema (FMT-001 reports that),
so nothing here assumes a type: a value of the wrong type becomes ``None``
(or is left out of a list) and its field is named in ``invalid``; a field
the file marks unknown (format 2) is named in ``unknown`` with its note, and a
list item marked unknown is left out of its list and its index named in
``unknown_items``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from icscheck.annotations import is_marker
from icscheck.composer import NodePath
from icscheck.model.base import Source

Unknowns = Mapping[NodePath, Mapping[str | int, str]]
"""Unknown facts grouped by the node path of what holds them: a mapping's fields by
name, a list's items by index."""


def group(unknowns: Mapping[NodePath, str]) -> dict[NodePath, dict[str | int, str]]:
    """The file's unknown facts by the mapping or list that holds each."""
    grouped: dict[NodePath, dict[str | int, str]] = {}
    for at, note in unknowns.items():
        if at:
            grouped.setdefault(at[:-1], {})[at[-1]] = note
    return grouped


class Fields:
    """Reads of one mapping at ``node``, remembering which fields were unreadable or unknown."""

    def __init__(self, data: Mapping[str, Any], node: NodePath, unknowns: Unknowns) -> None:
        self.data = data
        self.node = node
        self.invalid: set[str] = set()
        self.unknown: dict[str, str] = {
            key: note for key, note in unknowns.get(node, {}).items() if isinstance(key, str)
        }
        self.unknown_items: dict[str, tuple[int, ...]] = {}
        for key, value in data.items():
            if isinstance(value, list):
                held = unknowns.get((*node, key), {})
                items = tuple(index for index in held if isinstance(index, int))
                if items:
                    self.unknown_items[key] = items

    def _typed(self, key: str, kind: type) -> Any:
        value = self.data.get(key)
        if value is None:
            return None
        # bool is an int to Python, never to the format.
        if isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool):
            return value
        self.invalid.add(key)
        return None

    def text(self, key: str) -> str | None:
        value: str | None = self._typed(key, str)
        return value

    def integer(self, key: str) -> int | None:
        value: int | None = self._typed(key, int)
        return value

    def flag(self, key: str) -> bool | None:
        value: bool | None = self._typed(key, bool)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of text; other items are left out (and the field marked invalid)."""
        items = [item for _, item in self.items(key)]
        if not all(isinstance(item, str) for item in items):
            self.invalid.add(key)
        return tuple(item for item in items if isinstance(item, str))

    def items(self, key: str) -> Iterator[tuple[NodePath, Any]]:
        """Each item of the list at ``key``, with its node path; a non-list is invalid. An
        item marked unknown is left out (``unknown_items`` names it)."""
        value = self.data.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.invalid.add(key)
            return
        for index, item in enumerate(value):
            if not is_marker(item):
                yield (*self.node, key, index), item

    def entries(self, key: str) -> Iterator[tuple[NodePath, Mapping[str, Any]]]:
        """Each mapping in the list at ``key``, with its node path."""
        for at, item in self.items(key):
            if isinstance(item, dict):
                yield at, item

    def mapping(self, key: str) -> Mapping[str, Any] | None:
        value: Mapping[str, Any] | None = self._typed(key, dict)
        return value

    def source(self) -> Source | None:
        """Format 2: the entry's ``source``, as text or a mapping."""
        return read_source(self.data.get("source"))

    def common(self) -> dict[str, Any]:
        """What every entity takes: its node, unreadable and unknown fields, and source."""
        return {
            "node": self.node,
            "invalid": frozenset(self.invalid),
            "unknown": self.unknown,
            "unknown_items": self.unknown_items,
            "source": self.source(),
        }


def read_source(value: Any) -> Source | None:
    """A source given as text, or as a mapping of its parts; anything else is not one."""
    if isinstance(value, str) and value.strip():
        return Source(text=value.strip())
    if not isinstance(value, dict):
        return None
    parts = {
        key: value[key]
        for key in ("document", "clause", "url", "version", "date", "quote")
        if isinstance(value.get(key), str)
    }
    page = value.get("page")
    if isinstance(page, int) and not isinstance(page, bool):
        parts["page"] = page
    return Source(**parts) if parts else None
