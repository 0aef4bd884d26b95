"""What a diff is made of: governance changes, rule changes, and the ``Diff`` holding both.

Plain frozen values, built by icscheck/diff/elements.py and
icscheck/diff/rules.py and read by the reporters; nothing here compares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from icscheck.finding import Finding, Severity
from icscheck.result import FileResult, Status
from icscheck.rules.base import Rule

Value = str | int | bool | tuple[str, ...] | None
"""An element's attribute: text, a number, a flag or a list of ids or names."""


class Section(StrEnum):
    """The headings of a diff report, in the order they are shown."""

    ICB = "ICB"
    BOARD = "Board"
    QUORUM = "Quorum"
    COMMITTEES = "Committees"
    PLACES = "Place partnerships"
    DECISIONS = "Decision map"
    PARTNERSHIP = "Integrated care partnership"
    PROVISIONS = "Provisions"
    PRINCIPLES = "Principles"
    CONFLICTS = "Conflicts of interest"


class Element(StrEnum):
    """What a change is about."""

    FORMAT = "format"
    """The format version the file is written in."""
    ICB = "icb"
    """The ICB's own details: name, ODS code, establishment, source."""
    AUTHORITY = "local authority"
    CONSTITUTION = "constitution"
    """The constitution document's record: version, approval, publication."""
    PREDECESSOR = "predecessor"
    CLUSTER = "cluster"
    DELEGATED_FUNCTION = "delegated function"
    MEMBER = "member"
    PARTICIPANT = "participant"
    BOARD = "board"
    """The board's own settings: deputy chair and senior non-executive member."""
    QUORUM = "quorum"
    COMMITTEE = "committee"
    PLACE = "place"
    DELEGATION = "delegation"
    PARTNERSHIP = "partnership"
    PROVISION = "provision"
    PRINCIPLES = "principles"
    CONFLICTS = "conflicts of interest"

    @property
    def section(self) -> Section:
        return _SECTIONS[self]


_SECTIONS = {
    Element.FORMAT: Section.ICB,
    Element.ICB: Section.ICB,
    Element.AUTHORITY: Section.ICB,
    Element.CONSTITUTION: Section.ICB,
    Element.PREDECESSOR: Section.ICB,
    Element.CLUSTER: Section.ICB,
    Element.DELEGATED_FUNCTION: Section.ICB,
    Element.MEMBER: Section.BOARD,
    Element.PARTICIPANT: Section.BOARD,
    Element.BOARD: Section.BOARD,
    Element.QUORUM: Section.QUORUM,
    Element.COMMITTEE: Section.COMMITTEES,
    Element.PLACE: Section.PLACES,
    Element.DELEGATION: Section.DECISIONS,
    Element.PARTNERSHIP: Section.PARTNERSHIP,
    Element.PROVISION: Section.PROVISIONS,
    Element.PRINCIPLES: Section.PRINCIPLES,
    Element.CONFLICTS: Section.CONFLICTS,
}


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Change:
    """One governance change between the old and the new file."""

    element: Element
    kind: Kind
    subject: str
    """The element's key: an id, a function, a name, a provision's code, or the element's
    own name where a file has it once (``board``, ``quorum``, ``cluster``)."""
    label: str
    """The element for a reader: ``member Kim Lee (ned-finance)``."""
    detail: str
    """What changed, for a reader: ``chair Priya Shah (ned-audit) → Alex Morgan (chair)``."""
    field: str | None = None
    """The attribute that changed (``role``, ``chair``, ``members``); None when added or removed."""
    old: Value = None
    new: Value = None
    node: str = ""
    """JSON Pointer of the element: in the new file, or in the old one when removed."""

    @property
    def section(self) -> Section:
        return self.element.section


class RuleKind(StrEnum):
    NEWLY_FAILING = "newly_failing"
    NEWLY_PASSING = "newly_passing"
    CHANGED = "changed"
    """Failing before and after with other findings, or between passing and waived."""


@dataclass(frozen=True, slots=True)
class RuleChange:
    """A rule whose outcome differs between the old and the new file."""

    rule: str
    title: str
    severity: Severity
    kind: RuleKind
    old: Status
    new: Status
    old_findings: int
    new_findings: int
    added: tuple[Finding, ...] = ()
    """Open findings of the new file that the old one did not have (new file's positions)."""
    resolved: tuple[Finding, ...] = ()
    """Open findings of the old file that the new one no longer has (old file's positions)."""


@dataclass(frozen=True)
class Diff:
    """What changed from ``old`` to ``new``."""

    old: FileResult
    new: FileResult
    changes: tuple[Change, ...]
    rules: tuple[RuleChange, ...]
    catalogue: Mapping[str, Rule] = field(default_factory=dict)
    """The rules that ran, by ID (titles and fixes for the reports)."""

    @property
    def empty(self) -> bool:
        return not self.changes and not self.rules

    @property
    def newly_failing(self) -> tuple[RuleChange, ...]:
        return tuple(r for r in self.rules if r.kind is RuleKind.NEWLY_FAILING)

    @property
    def newly_passing(self) -> tuple[RuleChange, ...]:
        return tuple(r for r in self.rules if r.kind is RuleKind.NEWLY_PASSING)

    @property
    def new_findings(self) -> int:
        """Open findings the amendment brings in (what ``--fail-on-new`` gates on)."""
        return sum(len(r.added) for r in self.rules)
