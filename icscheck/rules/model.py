"""Tolerant accessors over a constitution, for the rules written in Python.

Python rules run even when the file breaks the format schema (FMT-001 reports
that), so they must never assume a shape: these helpers skip whatever is not
the expected type instead of raising.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from icscheck.loader import Document, NodePath

BOARD = "board"
"""The word that stands for the board itself in ``reports_to``, ``decided_by`` and ``accountable``."""


def get(document: Document, *path: str) -> Any:
    """The value at ``path``, or None where any step is missing or not a mapping."""
    node: Any = document.data
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def entries(document: Document, *path: str) -> Iterator[tuple[NodePath, dict[str, Any]]]:
    """Each mapping in the list at ``path``, with its node path."""
    items = get(document, *path)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield (*path, index), item


def ident(item: dict[str, Any]) -> str | None:
    """An item's ``id`` if it is a string."""
    return text(item, "id")


def text(item: dict[str, Any], key: str) -> str | None:
    """``item[key]`` if it is a string; a reference of another type is FMT-001's to report."""
    value = item.get(key)
    return value if isinstance(value, str) else None


def members(document: Document) -> dict[str, dict[str, Any]]:
    """Voting board members by id."""
    return _by_id(entries(document, "board", "members"))


def participants(document: Document) -> dict[str, dict[str, Any]]:
    """Non-voting participants by id."""
    return _by_id(entries(document, "board", "participants"))


def committees(document: Document) -> dict[str, dict[str, Any]]:
    """Committees by id."""
    return _by_id(entries(document, "committees"))


def places(document: Document) -> dict[str, dict[str, Any]]:
    """Place-based partnerships by id."""
    return _by_id(entries(document, "place_partnerships"))


def committees_of_type(document: Document, kind: str) -> Iterator[tuple[NodePath, dict[str, Any]]]:
    """Each committee whose ``type`` is ``kind``, with its node path."""
    for node, committee in entries(document, "committees"):
        if committee.get("type") == kind:
            yield node, committee


def role_of(document: Document, member_id: Any) -> str | None:
    """The role of the voting member ``member_id``, or None if there is none."""
    if not isinstance(member_id, str):
        return None
    member = members(document).get(member_id)
    role = member.get("role") if member else None
    return role if isinstance(role, str) else None


def _by_id(items: Iterator[tuple[NodePath, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    # The first of duplicate ids wins; REF-002 reports the others.
    found: dict[str, dict[str, Any]] = {}
    for _, item in items:
        key = ident(item)
        if key is not None and key not in found:
            found[key] = item
    return found
