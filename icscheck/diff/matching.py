"""Keyed matching: which elements were removed, added or changed, attribute by attribute.

Generic over the element type: a ``Spec`` says how one type (people,
committees, places, delegations; icscheck/diff/elements.py) is keyed, which
attributes (``Field``) are compared and how they read. A key given twice is
matched occurrence by occurrence; list fields are compared as sets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from icscheck.diff.model import Change, Element, Kind
from icscheck.diff.words import list_detail, words
from icscheck.model import Model


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

    @property
    def words(self) -> str:
        return words(self.name) if self.title is None else self.title


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


def match(
    spec: Spec[T], old: Sequence[T], new: Sequence[T], before: Model, after: Model
) -> Iterator[Change]:
    """Removed, then added and changed elements of one type."""
    was, now = keyed(old, spec.key), keyed(new, spec.key)

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
        for field in spec.fields:
            attribute = field.attribute or field.name
            a, b = getattr(was[k], attribute), getattr(item, attribute)
            detail = _detail(field, a, b, before, after)
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


def _detail(field: Field, a: Any, b: Any, before: Model, after: Model) -> str | None:
    """How ``a`` became ``b``, or None if that is no change."""
    if not field.is_list:
        return None if a == b else f"{field.show(before, a)} → {field.show(after, b)}"
    if set(a) == set(b):
        return None
    return list_detail(a, b, partial(field.show, before), partial(field.show, after))
