"""Whether a schema rule's outcome could turn on an unknown fact: try values in its place.

An unknown field is taken out of the data (icscheck/annotations.py), so a
schema that constrains a value only where it is given (``maxItems: 0`` on the
chair's ``other_positions``, BOARD-014) passes, as if the file had said the
value was fine. ``asks`` puts each of a few values in the unknown's place in
turn: the values the schema itself names (``const``, ``enum``) and a handful
of plain ones; for a list item marked unknown (an entry nobody could read), a
copy of each other item of its list, and the plain ones. A value the format
schema accepts there that gives the rule a gap the file does not have, or
clears one it has, shows the outcome turns on the unknown, which is then a
question to confirm (icscheck/checker.py), not a pass or a gap.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from icscheck.composer import NodePath
    from icscheck.loader import Document

FORMAT = "urn:icscheck:schema:constitution:2"
"""The format schema unknowns are written in. A rule that checks the file against it (FMT-001)
is not probed: a value it accepts gives it no gap, by definition."""

PLAIN: tuple[Any, ...] = ("", "x", 0, 1, -1, 1_000_000, True, False, [], ["x"], ["x", "y"], {})
"""Values tried in every unknown's place, beside those the rule's schema names."""


def turns(
    key: str, reads: frozenset[str], validator: Callable[[], Validator], document: Document
) -> dict[NodePath, frozenset[NodePath]]:
    """The unknown fields of ``document`` the schema's outcome (canonical JSON ``key``) turns
    on: those where some value the format accepts in their place gives a gap at a node the
    file has none at, or clears one of its gaps. Each with the nodes of the gaps it could
    clear, which then rest on it (a member's unknown role, for a rule that follows a
    committee's chair to that member)."""
    from icscheck.fastcheck import surely_valid
    from icscheck.keywords import following, uses_references
    from icscheck.schemas import schema_gaps

    candidates = [at for at in document.unknowns if at and _named(at) in reads]
    found: dict[NodePath, frozenset[NodePath]] = {}
    if not candidates or FORMAT in key:
        return found
    data = document.data

    def gaps() -> set[NodePath]:
        if surely_valid(key, data, whole_float=lambda: document.whole_float):
            return set()
        return {gap.node for gap in schema_gaps(validator(), data)}

    scope: AbstractContextManager[Any] = following(data) if uses_references(key) else nullcontext()
    with scope:
        baseline = gaps()
        for at in candidates:
            parent = _find(data, at[:-1])
            index = at[-1]
            if isinstance(index, int):
                if not isinstance(parent, list) or not 0 <= index < len(parent):
                    continue
                marker = parent[index]
                # An entry nobody could read may be like any entry the list has (a second
                # chair, for BOARD-001's "exactly one"), or a plain value.
                values = (*_siblings(parent, index), *PLAIN)
            elif isinstance(parent, dict) and index not in parent:
                marker, values = None, _values(key)
            else:
                continue
            turned, cleared = False, set()
            for value in values:
                parent[index] = value
                try:
                    nodes = gaps()
                    accepted = nodes != baseline and _formats(data, at)
                finally:
                    if isinstance(index, int):
                        parent[index] = marker
                    else:
                        del parent[index]
                if accepted:
                    turned = turned or bool(nodes - baseline)
                    cleared |= baseline - nodes
                    if turned and cleared == baseline:
                        break
            if turned or cleared:
                found[at] = frozenset(cleared)
    return found


def _named(at: NodePath) -> str | int:
    """The field an unknown is of: its own name, or its list's for a list item."""
    return at[-2] if isinstance(at[-1], int) and len(at) > 1 else at[-1]


def _siblings(items: list[Any], index: int) -> list[Any]:
    """Copies of the list's readable items other than the one at ``index``."""
    from copy import deepcopy

    from icscheck.annotations import is_marker

    return [deepcopy(item) for at, item in enumerate(items) if at != index and not is_marker(item)]


def _find(data: Any, node: NodePath) -> Any:
    for part in node:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _formats(data: Any, at: NodePath) -> bool:
    """The format schema accepts the value now at ``at`` (no format gap at or inside it)."""
    from icscheck.schemas import schema_gaps

    depth = len(at)
    return not any(gap.node[:depth] == at for gap in schema_gaps(_format(), data))


@cache
def _format() -> Validator:
    from icscheck.schemas import compile_schema

    return compile_schema({"$ref": FORMAT})


@cache
def _values(key: str) -> tuple[Any, ...]:
    """The values the schema names (``const``, ``enum``), then the plain ones."""
    named: list[Any] = []
    stack: list[Any] = [json.loads(key)]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "const" in node:
                named.append(node["const"])
            if isinstance(node.get("enum"), list):
                named.extend(node["enum"])
            stack.extend(v for k, v in node.items() if k not in ("const", "enum"))
    seen: set[str] = set()
    values: list[Any] = []
    for value in (*named, *PLAIN):
        text = json.dumps(value, sort_keys=True)
        if text not in seen:
            seen.add(text)
            values.append(value)
    return tuple(values)
