"""How a diff words values for a reader: roles, ids, numbers and lists.

The same words serve every report format (the JSON report's ``label`` and
``detail`` too), so a reviewer sees one spelling everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from icscheck.structure import Structure


def words(value: str | None) -> str:
    """A role, kind or category as words: ``non_executive_member`` -> ``non-executive member``."""
    if value is None:
        return "(not given)"
    text = " ".join(_SPELLING.get(word, word) for word in value.split("_"))
    # The hyphen is how the Act and every constitution spell it.
    return text.replace("non executive", "non-executive")


_SPELLING = {"nhs": "NHS", "ics": "ICS", "icb": "ICB", "vcse": "VCSE"}


def who(structure: Structure, ident: str | None) -> str:
    """An id as a reader knows it: ``Priya Shah (ned-audit)``, ``the board``, or the bare id."""
    label = structure.label(ident)
    return label if ident is None or label in (ident, "the board") else f"{label} ({ident})"


def number(value: int | None) -> str:
    return "(not given)" if value is None else f"{value:,}"


def list_detail(
    old: tuple[str, ...],
    new: tuple[str, ...],
    show_old: Callable[[str], str] = words,
    show_new: Callable[[str], str] = words,
) -> str:
    """``added X, Y; removed Z``: a list's change, ignoring order."""
    added = [show_new(item) for item in dict.fromkeys(new) if item not in old]
    removed = [show_old(item) for item in dict.fromkeys(old) if item not in new]
    parts = [f"added {', '.join(added)}"] if added else []
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return "; ".join(parts)


# Shown the same in either file: they name no ids (icscheck/diff/matching.py's Show).


def as_words(_: Structure, value: Any) -> str:
    return words(value)


def as_text(_: Structure, value: Any) -> str:
    return "(not given)" if value is None else str(value)
