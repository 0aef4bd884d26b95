"""The comparisons of what a file has once, or beside the board: the ICB, its history and
cluster, its delegated functions, its provisions, the partnership, principles and conflicts.

Each element a file has once (the ICB's details, its constitution record, the cluster, the
partnership, the conflicts arrangements) is matched as a list of none or one, so that one
given or taken away is an addition or a removal, and one kept is compared field by field
like any other (icscheck/diff/matching.py). Every ``Spec`` names its model class: an
attribute the model gains is compared without a change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from icscheck.diff.matching import Field, Spec, match
from icscheck.diff.model import Change, Element, Kind
from icscheck.diff.words import as_text, as_words, list_detail, plain, words
from icscheck.loader import pointer
from icscheck.model import (
    Authority,
    Cluster,
    Conflicts,
    DelegatedFunction,
    Entity,
    Icb,
    Model,
    Partnership,
    Predecessor,
    Record,
    Source,
)
from icscheck.vocabulary import NOT_GIVEN

E = TypeVar("E", bound=Entity)


def _once(item: E | None) -> tuple[E, ...]:
    return () if item is None else (item,)


def _single(
    element: Element,
    name: str,
    label: str,
    of: type[E],
    describe: Callable[[E], str],
    fields: tuple[Field, ...] = (),
    keys: frozenset[str] = frozenset(),
) -> Spec[E]:
    """The Spec of an element a file has at most once, compared attribute by attribute."""
    return Spec(
        lambda _: element,
        lambda _: name,
        fields,
        lambda _model, _item: label,
        lambda _model, item: describe(item),
        of=of,
        keys=keys,
    )


def _given(value: str | None) -> str:
    return NOT_GIVEN if value is None else value


def _named(name: str | None, items: Sequence[str], what: str) -> str:
    listed = f"{what} {', '.join(items)}" if items else f"no {what}"
    return listed if name is None else f"{name}, {listed}"


ICB: Spec[Icb] = _single(
    Element.ICB,
    "icb",
    "the ICB",
    Icb,
    lambda i: i.name or NOT_GIVEN,
    (Field("ods_code", as_text, title="ODS code"),),
    # Compared as elements of their own, below.
    frozenset({"authorities", "constitution", "predecessors", "cluster", "delegated_functions"}),
)
CONSTITUTION: Spec[Record] = _single(
    Element.CONSTITUTION,
    "constitution",
    "the constitution",
    Record,
    lambda r: f"version {_given(r.version)}, approved {_given(r.approved)}",
    (Field("approved_by", as_words), Field("published_url", as_text, title="published at")),
)
CLUSTER: Spec[Cluster] = _single(
    Element.CLUSTER,
    "cluster",
    "the cluster",
    Cluster,
    lambda c: _named(c.name, c.icbs, "with"),
    (Field("icbs", as_text, is_list=True, title="ICBs"),),
)
PARTNERSHIP: Spec[Partnership] = _single(
    Element.PARTNERSHIP,
    "partnership",
    "the integrated care partnership",
    Partnership,
    lambda p: _named(p.name, p.local_authorities, "local authorities"),
    (Field("local_authorities", as_text, is_list=True),),
)
CONFLICTS: Spec[Conflicts] = _single(
    Element.CONFLICTS,
    "conflicts_of_interest",
    "conflicts of interest",
    Conflicts,
    lambda c: f"policy {_given(c.policy)}",
)

AUTHORITIES: Spec[Authority] = Spec(
    lambda _: Element.AUTHORITY,
    lambda a: a.name,
    (Field("kind", as_words),),
    lambda _, a: f"local authority {a.name}",
    lambda _, a: words(a.kind) if a.kind else "kind not given",
    of=Authority,
    keys=frozenset({"name"}),
)

PREDECESSORS: Spec[Predecessor] = Spec(
    lambda _: Element.PREDECESSOR,
    lambda p: p.name,
    (Field("ended", as_text), Field("ods_code", as_text, title="ODS code")),
    lambda _, p: f"predecessor {as_text(_, p.name)}",
    lambda _, p: f"ended {as_text(_, p.ended)}",
    of=Predecessor,
    keys=frozenset({"name"}),
)

DELEGATED: Spec[DelegatedFunction] = Spec(
    lambda _: Element.DELEGATED_FUNCTION,
    lambda d: d.function,
    (
        Field("delegated_by", as_words),
        # The format's key is ``from``; the model's attribute cannot be.
        Field("from", as_text, title="delegated from", attribute="start"),
        Field("agreement", as_text),
    ),
    lambda _, d: f"delegated function {words(d.function)}",
    lambda _, d: f"delegated by {words(d.delegated_by)}, from {as_text(_, d.start)}",
    of=DelegatedFunction,
    keys=frozenset({"function"}),
)


@dataclass(frozen=True)
class Provision:
    """One provision the constitution makes, and the clause that makes it."""

    code: str
    clause: Source
    node: tuple[str | int, ...]

    @property
    def pointer(self) -> str:
        return pointer(self.node)


PROVISIONS: Spec[Provision] = Spec(
    lambda _: Element.PROVISION,
    lambda p: p.code,
    (Field("clause", as_text),),
    lambda _, p: f"provision {words(p.code)}",
    lambda _, p: f"made by {p.clause}",
    of=Provision,
    keys=frozenset({"code", "node"}),
)


def _provisions(model: Model) -> tuple[Provision, ...]:
    if model.provisions is None:
        return ()
    at = model.provisions.node
    return tuple(
        Provision(code, clause, (*at, code)) for code, clause in model.provisions.made.items()
    )


def icb(before: Model, after: Model) -> Iterator[Change]:
    """The format version, the ICB's details, local authorities, constitution record,
    predecessors, cluster and the functions delegated to it by NHS England."""
    if before.version != after.version:
        yield Change(
            Element.FORMAT, Kind.CHANGED, "icscheck", "format",
            f"version {before.version} → {after.version}",
            "icscheck", before.version, after.version, "/icscheck",
        )  # fmt: skip
    old, new = before.icb, after.icb
    yield from match(ICB, (old,), (new,), before, after)
    yield from match(AUTHORITIES, old.authorities, new.authorities, before, after)
    yield from _pair(CONSTITUTION, old.constitution, new.constitution, before, after)
    yield from match(PREDECESSORS, old.predecessors, new.predecessors, before, after)
    yield from _pair(CLUSTER, old.cluster, new.cluster, before, after)
    yield from match(DELEGATED, old.delegated_functions, new.delegated_functions, before, after)


def beside(before: Model, after: Model) -> Iterator[Change]:
    """The partnership, the provisions, the principles and the conflicts arrangements."""
    yield from _pair(PARTNERSHIP, before.partnership, after.partnership, before, after)
    yield from match(PROVISIONS, _provisions(before), _provisions(after), before, after)
    old, new = (plain(m.provisions.source if m.provisions else None) for m in (before, after))
    if old != new:
        yield Change(
            Element.PROVISION, Kind.CHANGED, "provisions", "the provisions",
            f"source {as_text(before, old)} → {as_text(after, new)}",
            "source", old, new, "/provisions",
        )  # fmt: skip
    was, now = before.principles, after.principles
    if set(was) != set(now):
        yield Change(
            Element.PRINCIPLES, Kind.CHANGED, "principles", "principles",
            list_detail(was, now, str, str), "principles", was, now, "/principles",
        )  # fmt: skip
    yield from _pair(CONFLICTS, before.conflicts, after.conflicts, before, after)


def _pair(
    spec: Spec[E], old: E | None, new: E | None, before: Model, after: Model
) -> Iterator[Change]:
    return match(spec, _once(old), _once(new), before, after)


__all__: Sequence[str] = ("beside", "icb")
