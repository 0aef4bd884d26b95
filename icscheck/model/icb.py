"""The ICB itself: its name and area, history, cluster, delegations and constitution."""

from __future__ import annotations

from dataclasses import dataclass, field

from icscheck.model.base import Entity, Source

RESPONSIBLE = frozenset(
    {
        "county",
        "unitary",
        "metropolitan_district",
        "london_borough",
        "city_of_london",
        "isles_of_scilly",
    }
)
"""Kinds of council that are "responsible local authorities" (LGPIHA 2007 s.103): every one but a
district council in a county that has a county council."""


@dataclass(frozen=True, kw_only=True)
class Authority(Entity):
    """A local authority in the ICB's area; its kind where format 2 gives one."""

    name: str
    kind: str | None = None

    @property
    def responsible(self) -> bool | None:
        """One of the responsible local authorities (s.103), or None where the kind is not given."""
        return None if self.kind is None else self.kind in RESPONSIBLE


@dataclass(frozen=True, kw_only=True)
class Predecessor(Entity):
    """Format 2: an ICB that a merged ICB replaced."""

    name: str | None = None
    ods_code: str | None = None
    ended: str | None = None


@dataclass(frozen=True, kw_only=True)
class Cluster(Entity):
    """Format 2: ICBs sharing leadership while remaining separate bodies."""

    name: str | None = None
    icbs: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DelegatedFunction(Entity):
    """Format 2: a function NHS England delegated to the ICB."""

    function: str | None = None
    delegated_by: str | None = None
    start: str | None = None
    agreement: str | None = None


@dataclass(frozen=True, kw_only=True)
class Record(Entity):
    """The constitution document itself: its version, approval and publication."""

    version: str | None = None
    approved: str | None = None
    approved_by: str | None = None
    published_url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Icb(Entity):
    """The integrated care board: its name and area."""

    name: str | None = None
    ods_code: str | None = None
    established: str | None = None
    authorities: tuple[Authority, ...] = ()
    constitution: Record | None = None
    predecessors: tuple[Predecessor, ...] = ()
    cluster: Cluster | None = None
    delegated_functions: tuple[DelegatedFunction, ...] = ()

    @property
    def local_authorities(self) -> tuple[str, ...]:
        return tuple(authority.name for authority in self.authorities)


@dataclass(frozen=True, kw_only=True)
class Provisions(Entity):
    """Format 2: where the constitution makes each provision, by code (``chair_appointment``)."""

    made: dict[str, Source] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, kw_only=True)
class Conflicts(Entity):
    """The conflicts of interest arrangements."""

    register_published: bool | None = None
    policy: str | None = None
    register_url: str | None = None
