"""How a diff words values for a reader: roles, ids, numbers and lists.

Codes read as icscheck.vocabulary spells them, in every report format (the
JSON report's ``label`` and ``detail`` too), so a reviewer sees one
spelling everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from icscheck.model import Model, Source
from icscheck.vocabulary import NOT_GIVEN, words

NO_ROLE = "(no role)"
"""How a diff names a role that is not given (FMT-001 reports it)."""


def who(structure: Model, ident: str | None) -> str:
    """An id as a reader knows it: ``Priya Shah (ned-audit)``, ``the board``, or the bare id."""
    label = structure.label(ident)
    return label if ident is None or label in (ident, "the board") else f"{label} ({ident})"


def number(value: int | None) -> str:
    return NOT_GIVEN if value is None else f"{value:,}"


def list_detail(
    old: tuple[str, ...],
    new: tuple[str, ...],
    show_old: Callable[[str], str] = words,
    show_new: Callable[[str], str] = words,
) -> str:
    """``added X, Y; removed Z``: a list's change, ignoring order."""
    # Sets to look in: a list of thousands compared item by item with another is quadratic.
    was, now = set(old), set(new)
    added = [show_new(item) for item in dict.fromkeys(new) if item not in was]
    removed = [show_old(item) for item in dict.fromkeys(old) if item not in now]
    parts = [f"added {', '.join(added)}"] if added else []
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return "; ".join(parts)


# Shown the same in either file: they name no ids (icscheck/diff/matching.py's Show).


def as_words(_: Model, value: Any) -> str:
    return words(value)


def as_role(_: Model, value: Any) -> str:
    return words(value or NO_ROLE)


def as_text(_: Model, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return number(value)
    return NOT_GIVEN if value is None else str(value)


def plain(value: Any) -> Any:
    """A model value as the diff compares and reports it: a source, or a list of sources, as
    the text a report shows for it; anything else as it is."""
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if isinstance(value, Source):
        return str(value)
    return value


__all__ = ["as_role", "as_text", "as_words", "list_detail", "number", "plain", "who", "words"]
