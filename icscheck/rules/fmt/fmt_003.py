"""No value still holds a placeholder from the starter constitution.

`icscheck init` writes a starter that meets every other rule, with each value
a board secretary must supply marked `[TO COMPLETE: ...]` and each web address
given as an example (`https://example.org/TO-COMPLETE`), so that it can be
checked from the first day. A constitution adopted with a placeholder still in
it names no one, or points readers nowhere, while every other rule passes.
Each text value that still holds `[TO COMPLETE` or is one of the starter's
example addresses is one finding at its own place (a note in a comment is
not a value, and is left alone). It is a warning: a draft passes the gate
by default and fails it under `--strict`, which a gate for an adopted
constitution should use.

Fails:

    icscheck: 1
    icb:
      name: "[TO COMPLETE: the ICB's name]"
      local_authorities: [Example County Council]
      constitution:
        published_url: https://example.org/TO-COMPLETE

Passes:

    icscheck: 1
    icb:
      name: NHS Example Integrated Care Board   # [TO COMPLETE: check the name]
      local_authorities: [Example County Council]
      constitution:
        published_url: https://www.example.nhs.uk/about-us/constitution/
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from icscheck.finding import Severity
from icscheck.loader import NodePath, field_name
from icscheck.model import Entity, Model, Seat
from icscheck.model.base import Source
from icscheck.rules.base import Context, Gap
from icscheck.starter import EXAMPLE_URLS, PLACEHOLDER

ID = "FMT-003"
SEVERITY = Severity.WARNING
SOURCE = "icscheck convention: icscheck init's starter marks what is still to be supplied with [TO COMPLETE: ...] and example web addresses"
FIX = "Replace the placeholder with the real value (grep -n 'TO COMPLETE' lists them), or remove the field if it does not apply."
UNKNOWNS_JUDGED = True


def check(model: Model, context: Context) -> Iterator[Gap]:
    for node, value in _values(model):
        if PLACEHOLDER in value:
            yield Gap(
                node, f"{field_name(node)}: '{value}' is still a placeholder from the starter"
            )
        elif value in EXAMPLE_URLS:
            yield Gap(
                node, f"{field_name(node)}: {value} is still the starter's example web address"
            )


def _values(model: Model) -> Iterator[tuple[NodePath, str]]:
    """Every text value the model reads, with its node: each entity's text and lists of
    text, every entity the model holds (format 2's too), found by walking its fields."""
    for index, principle in enumerate(model.principles):
        yield ("principles", index), principle
    stack: list[object] = [getattr(model, f.name) for f in fields(model)]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            stack.extend(reversed(item))
        elif isinstance(item, Entity):
            yield from _texts(item)
            for name in _entity_fields(type(item)):
                value = getattr(item, name)
                if isinstance(value, Source):
                    yield from _source(item.at(name), value)
                elif isinstance(value, dict):  # format 2's provisions: code -> where it is made
                    for code, found in value.items():
                        if isinstance(found, Source):
                            yield from _source(item.at(code), found)
                else:
                    stack.append(value)


def _source(node: NodePath, source: Source) -> Iterator[tuple[NodePath, str]]:
    """A source's text: written as one string, or as a mapping of its parts."""
    if isinstance(source.text, str):
        yield node, source.text
        return
    for part in fields(source):
        value = getattr(source, part.name)
        if isinstance(value, str):
            yield (*node, part.name), value


def _texts(entity: Entity) -> Iterator[tuple[NodePath, str]]:
    seat = isinstance(entity, Seat)
    for name in _text_fields(type(entity)):
        value = getattr(entity, name)
        if isinstance(value, str):
            # A member given by id is the list item itself; every other field is its key.
            yield (entity.node if seat and name == "id" else entity.at(name)), value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield entity.at(name, index), item


_FIELDS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_TEXT_TYPES = frozenset({"str", "str | None", "tuple[str, ...]"})
"""How the model's dataclasses annotate text and lists of text (as strings: postponed)."""


def _kinds(kind: type[Entity]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An entity type's fields that can hold text, and the rest: looked up once per type."""
    if kind not in _FIELDS:
        own = [f for f in fields(kind) if f.name not in ("node", "invalid")]
        text = [f.name for f in own if str(f.type) in _TEXT_TYPES]
        _FIELDS[kind] = (tuple(text), tuple(f.name for f in own if f.name not in text))
    return _FIELDS[kind]


def _text_fields(kind: type[Entity]) -> tuple[str, ...]:
    return _kinds(kind)[0]


def _entity_fields(kind: type[Entity]) -> tuple[str, ...]:
    return _kinds(kind)[1]
