"""icscheck's dialect of Draft 2020-12: two rules of its own for what plain JSON Schema cannot say.

- **Whole numbers are integers.** Draft 2020-12 counts ``10.0`` as an integer,
  so ``population: 1e1`` would pass where the format asks for a count. In
  icscheck's format a count is written as one: the ``integer`` type takes
  Python ints only (never a float, never true or false).
- **References can be followed.** A constitution names people and committees by
  id (``chair: ned-2``), and a rule often cares about what the id names: "the
  finance committee is chaired by a non-executive member". JSON Schema has no
  joins, so ``x-member``, ``x-participant``, ``x-committee`` and ``x-place`` take
  a subschema that the entry the id names must meet::

      chair:
        x-message: the finance committee's chair is not a non-executive member
        x-member:
          properties:
            role: {const: non_executive_member}

  An id that names nothing of that kind is left to REF-001; a value that is
  not an id is left to the format schema.

The entries an id can name come from the document being validated; they are
handed to the keywords for the length of one validation through
``following(data)`` (a context variable: jsonschema passes keywords only the
validator, the value and the schema).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

REFERENCES = {
    "x-member": ("board", "members"),
    "x-participant": ("board", "participants"),
    "x-committee": ("committees",),
    "x-place": ("place_partnerships",),
}
"""Each keyword, and where in a constitution the entries it follows are listed."""

Entries = Mapping[str, Mapping[str, Mapping[str, Any]]]
_ENTRIES: ContextVar[Entries | None] = ContextVar("icscheck_entries", default=None)


def uses_references(schema_text: str) -> bool:
    """Whether a schema (as JSON text) follows any id, so the entries must be looked up."""
    return any(f'"{keyword}"' in schema_text for keyword in REFERENCES)


@contextmanager
def following(data: Any) -> Iterator[None]:
    """Make the entries of ``data`` (a constitution) what the reference keywords follow."""
    token = _ENTRIES.set(entries(data))
    try:
        yield
    finally:
        _ENTRIES.reset(token)


def current_entries() -> Entries:
    """The entries ``following`` made current (none outside it)."""
    return _ENTRIES.get() or {}


def entries(data: Any) -> Entries:
    """For each keyword, the entries of ``data`` by id (the first of a repeated id)."""
    found: dict[str, dict[str, Mapping[str, Any]]] = {}
    for keyword, path in REFERENCES.items():
        listed: Any = data
        for step in path:
            listed = listed.get(step) if isinstance(listed, dict) else None
        by_id: dict[str, Mapping[str, Any]] = {}
        for item in listed if isinstance(listed, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                by_id.setdefault(item["id"], item)
        found[keyword] = by_id
    return found


def _follow(keyword: str) -> Any:
    def check(
        validator: Validator, subschema: Any, instance: Any, schema: Any
    ) -> Iterator[ValidationError]:
        from jsonschema import ValidationError

        found = _ENTRIES.get() or {}
        target = found.get(keyword, {}).get(instance) if isinstance(instance, str) else None
        if target is None:
            return
        if not validator.evolve(schema=subschema).is_valid(target):
            yield ValidationError(f"{instance!r} does not meet what {keyword} asks of it")

    return check


def _is_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def dialect() -> type[Validator]:
    """Draft 2020-12 with icscheck's integer type and reference keywords."""
    from jsonschema import Draft202012Validator, validators

    types = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    keywords = {keyword: _follow(keyword) for keyword in REFERENCES}
    extended: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, validators=keywords, type_checker=types
    )
    return extended
