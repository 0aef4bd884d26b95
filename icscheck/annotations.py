"""Format 2's annotations: facts marked unknown, and where facts come from.

"unknown" is a fact the constitution (or its reader) does not state.

In a version 2 file any value may be written as ``{unknown: "where the reader
looked"}``: the post exists but its holder's role is not published, the
quorum is in standing orders nobody has seen. That is not the same as leaving
the field out, which says the constitution does not provide it. A rule that
needs an unknown fact cannot say it is met or missed, so its outcome is
*unconfirmed*: a question to confirm, not a gap (docs/format.md).

``take_unknowns`` lifts every such marker out of the parsed data, so the format
schema and the schema rules see the field as not given, and returns where each
was, with its note; the engine then turns a gap that rests on one of them into
an unconfirmed outcome, and the model records them per entity. A marker must
be a mapping with exactly the key ``unknown`` and a non-empty text; anything
else (``{unknown: 5}``) stays in the data, for the format schema to report.
A marker as a list item (an entry nobody could read) is returned too but
stays in its list, since taking it out would renumber the items after it:
the model leaves it out of the list, and the engine sets aside the gaps found
inside it (icscheck/checker.py).
"""

from __future__ import annotations

from typing import Any

from icscheck.composer import NodePath

MARKER = "unknown"


def is_marker(value: Any) -> bool:
    """``value`` is an unknown marker: ``{unknown: "a non-empty note"}``."""
    return (
        isinstance(value, dict)
        and len(value) == 1
        and isinstance(value.get(MARKER), str)
        and bool(value[MARKER].strip())
    )


def find_sources(data: dict[str, Any]) -> dict[NodePath, Any]:
    """Format 2's provenance: the ``source`` of every mapping that gives one, by the
    mapping's node path (the value as written; icscheck.model.read reads it)."""
    found: dict[NodePath, Any] = {}
    seen: set[int] = set()
    stack: list[tuple[NodePath, Any]] = [((), data)]
    while stack:
        at, value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            if "source" in value and at[:1] != ("provisions",):
                found[at] = value["source"]
            stack.extend(((*at, key), item) for key, item in value.items() if key != "source")
        elif isinstance(value, list):
            stack.extend(((*at, index), item) for index, item in enumerate(value))
    return found


def take_unknowns(data: dict[str, Any]) -> dict[NodePath, str]:
    """Remove every unknown marker from ``data`` (in place); each one's node path and note."""
    found: dict[NodePath, str] = {}
    seen: set[int] = set()
    stack: list[tuple[NodePath, Any]] = [((), data)]
    while stack:
        at, value = stack.pop()
        # An alias shares its anchor's value: walk it once.
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            for key in [k for k, item in value.items() if is_marker(item)]:
                found[(*at, key)] = value.pop(key)[MARKER].strip()
            stack.extend(((*at, key), item) for key, item in value.items())
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if is_marker(item):
                    found[(*at, index)] = item[MARKER].strip()
                else:
                    stack.append(((*at, index), item))
    return dict(sorted(found.items(), key=lambda item: [str(part) for part in item[0]]))
