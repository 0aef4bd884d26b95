"""Keyed matching: which elements were removed, added or changed, attribute by attribute.

Generic over the element type: a ``Spec`` says how one type (people,
committees, places, delegations; icscheck/diff/elements.py) is keyed, which
attributes (``Field``) are compared and how they read. A key given twice is
matched occurrence by occurrence; list fields are compared as sets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from icscheck.diff.model import Change, Element, Kind
from icscheck.diff.words import as_text, list_detail, plain, words
from icscheck.model import Model

UNKNOWN = "unknown"
"""How a diff shows a value the file marks ``{unknown: ...}``, before the note."""

ENTITY_FIELDS = frozenset({"node", "invalid", "unknown"})
"""What every entity has that is not a fact of the file: never compared."""


class _Item(Protocol):
    @property
    def pointer(self) -> str: ...


T = TypeVar("T", bound=_Item)


def keyed(items: Iterable[T], key: Callable[[T], str | None]) -> dict[tuple[str, int], T]:
    """Items by (key, occurrence): a key given twice keeps both entries apart."""
    seen: dict[str, int] = {}
    found: dict[tuple[str, int], T] = {}
    for item in items:
        k = key(item) or ""
        seen[k] = seen.get(k, -1) + 1
        found[(k, seen[k])] = item
    return found


Show = Callable[[Model, Any], str]
"""A value as a reader sees it, given the file (old or new) whose ids it names."""


@dataclass(frozen=True)
class Field:
    """An attribute compared between matched elements."""

    name: str
    show: Show
    is_list: bool = False
    """Compared as a set; the change lists what was added and removed."""
    title: str | None = None
    """What a reader's line starts with; None: the name in words."""
    attribute: str | None = None
    """The model's attribute to compare, where it is not ``name``."""
    get: Callable[[Any], Any] | None = None
    """How to read the value from the element, where it is not an attribute as it stands
    (a nested entity read as text, so that it compares by what it says, not where it is)."""

    @property
    def words(self) -> str:
        return words(self.name) if self.title is None else self.title

    def value(self, item: Any) -> Any:
        if self.get is not None:
            return self.get(item)
        return plain(getattr(item, self.attribute or self.name))

    def unknown(self, item: Any) -> str | None:
        """The note of the file's ``{unknown: ...}`` for this field, if it marks it so."""
        notes: dict[str, str] = getattr(item, "unknown", {})
        # The file's key, which is the field's name (``from``), or the model's attribute.
        return notes.get(self.name, notes.get(self.attribute or self.name))

    @property
    def covers(self) -> frozenset[str]:
        """The model attributes this field compares."""
        return frozenset({self.attribute or self.name})


@dataclass(frozen=True)
class Spec(Generic[T]):
    """How one element type is matched, compared and described."""

    element: Callable[[T], Element]
    key: Callable[[T], str | None]
    fields: Sequence[Field]
    label: Callable[[Model, T], str]
    """The element for a reader, e.g. ``committee Audit Committee (audit)``."""
    describe: Callable[[Model, T], str]
    """An added or removed element's main attributes."""
    of: type | None = None
    """The model's class of the element: every attribute of it that no field names and
    ``keys`` does not list is compared too, so a field added to the model is never missed."""
    keys: frozenset[str] = frozenset()
    """Attributes not compared as fields: the key (a changed key is a removal and an
    addition) and those another field reads (``members`` through ``member_ids``)."""

    @property
    def compared(self) -> tuple[Field, ...]:
        """The explicit fields, then one for each other attribute of the model's class."""
        if self.of is None:
            return tuple(self.fields)
        named = frozenset().union(*(f.covers for f in self.fields)) | self.keys | ENTITY_FIELDS
        rest = tuple(
            Field(f.name, _show_plain, is_list=f.type.startswith("tuple"))
            for f in fields(self.of)
            if f.name not in named
        )
        return (*self.fields, *rest)


def _show_plain(model: Model, value: Any) -> str:
    return as_text(model, value)


def match(
    spec: Spec[T], old: Sequence[T], new: Sequence[T], before: Model, after: Model
) -> Iterator[Change]:
    """Removed, then added and changed elements of one type."""
    was, now = keyed(old, spec.key), keyed(new, spec.key)
    compared = spec.compared  # Worked out once, not once per element.

    def whole(kind: Kind, key: str, item: T, structure: Model) -> Change:
        """An element added or removed as a whole, described as it stands in ``structure``."""
        label, description = spec.label(structure, item), spec.describe(structure, item)
        return Change(spec.element(item), kind, key, label, description, node=item.pointer)

    for k, item in was.items():
        if k not in now:
            yield whole(Kind.REMOVED, k[0], item, before)
    for k, item in now.items():
        if k not in was:
            yield whole(Kind.ADDED, k[0], item, after)
            continue
        for field in compared:
            a, b = field.value(was[k]), field.value(item)
            detail = _detail(field, (a, field.unknown(was[k])), (b, field.unknown(item)),
                             before, after)  # fmt: skip
            if detail is not None:
                yield Change(
                    spec.element(item),
                    Kind.CHANGED,
                    k[0],
                    spec.label(after, item),
                    f"{field.words} {detail}".lstrip(),
                    field.name,
                    a,
                    b,
                    item.pointer,
                )


def _detail(
    field: Field, old: tuple[Any, str | None], new: tuple[Any, str | None], before: Model,
    after: Model,
) -> str | None:  # fmt: skip
    """How ``a`` became ``b``, or None if that is no change. A value marked unknown (format 2)
    is read as it stands in the file, ``unknown (note)``, not as one that is not given."""
    (a, was_unknown), (b, now_unknown) = old, new
    if was_unknown is not None or now_unknown is not None:
        if (a, was_unknown) == (b, now_unknown):
            return None
        return f"{_as_given(field, before, a, was_unknown)} → {_as_given(field, after, b, now_unknown)}"
    if not field.is_list:
        return None if a == b else f"{field.show(before, a)} → {field.show(after, b)}"
    if set(a) == set(b):
        return None
    return list_detail(a, b, partial(field.show, before), partial(field.show, after))


def _as_given(field: Field, structure: Model, value: Any, unknown: str | None) -> str:
    if unknown is not None:
        return f"{UNKNOWN} ({unknown})" if unknown else UNKNOWN
    if not field.is_list:
        return field.show(structure, value)
    return ", ".join(field.show(structure, item) for item in value) or "none"
