"""What a rule is: its metadata as plain data, and the check that runs it.

A rule is said once, in one of two ways (docs/house-rules.md has the record
format):

- a **schema rule** is one YAML record, ``rules/<family>/<family>_NNN.yaml``:
  its metadata, documentation and examples beside the JSON Schema that says it
  (icscheck/rules/record.py). House rules an ICB or region writes are records
  of the same kind.
- a **Python rule** is one module beside them (yamllint's model): the
  docstring is its title, documentation and examples (icscheck/ruledoc.py),
  module constants ``ID``, ``SEVERITY``, ``SOURCE`` and ``FIX`` its metadata,
  and ``check(model, context)`` yields its gaps. ``REVIEW = True`` makes it run
  after the other rules, with their findings in ``context.findings``
  (WAIVE-003: a waiver that waives nothing).

A rule's area follows from its family (the folder it is in: registry.py).
Both kinds yield ``Gap`` objects (node path and message); the engine locates
them in the file, so schema rules and Python rules produce exactly the same
findings.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from icscheck.finding import Finding, Severity

if TYPE_CHECKING:
    from icscheck.composer import Duplicate, NodePath, Position
    from icscheck.loader import Document
    from icscheck.model import Model
    from icscheck.overrides import GateOff, Lapsed
    from icscheck.waivers import Waiver


class Area(StrEnum):
    """The sections of the report, in the order they are shown."""

    FORMAT = "File format and references"
    CONSTITUTION = "The ICB and its constitution"
    """The constitution's own provisions, and the ICB's name, area and history (format 2)."""
    BOARD = "Board composition"
    COMMITTEES = "Committees"
    PLACE = "Place-based partnerships"
    MAP = "Functions and decision map"
    PRINCIPLES = "Principles and transparency"
    HOUSE = "House rules"
    """Rules an ICB or region adds itself (docs/house-rules.md)."""
    WAIVERS = "Waivers"

    @property
    def key(self) -> str:
        """The short name ``icscheck rules --area`` takes: ``board``, ``committees``, ..."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Gap:
    """A rule's raw result: which node falls short, and how."""

    node: NodePath
    message: str
    at: Position | None = None
    """An explicit ``(line, column)``, for what is not a node (a waiver comment)."""
    decided: bool = False
    """Whatever the file's unknown facts turn out to be, this is a gap (never unconfirmed)."""
    rests_on: tuple[NodePath, ...] = ()
    """For a Python rule: the unknown facts (format 2) this gap rests on, which make it
    an unconfirmed outcome rather than a gap. A schema rule's are worked out by the
    engine from the facts its schema reads."""


@dataclass(frozen=True)
class Context:
    """What a Python rule may know beyond the model: the file's parse and the run."""

    on: _dt.date
    """The date the file is checked as on (``--date``; waivers expire against it)."""
    known: frozenset[str] = frozenset()
    """Every rule ID this run knows, built-in and house (whether or not it runs)."""
    duplicates: tuple[Duplicate, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    locate: Callable[[NodePath], Position] = lambda node: (1, 1)
    unknowns: dict[NodePath, str] = field(default_factory=dict)
    """Format 2: the facts the file marks unknown, by node path, with the note."""
    findings: Sequence[Finding] = ()
    """For a review rule: the other rules' findings on this file."""
    ran: frozenset[str] = frozenset()
    """For a review rule: the IDs of the rules that ran on this file."""
    incomplete: frozenset[str] = frozenset()
    """For a review rule: the rules stopped before all their gaps were looked at
    (icscheck/bounded.py), whose findings are not all in ``findings``."""
    lapsed: tuple[Lapsed, ...] = ()
    """The run's configuration overrides past their end date (``[overrides.RULE]``)."""
    lapsed_gate: GateOff | None = None
    """The run's ``fail-on = "never"`` past its end date, if it has lapsed."""


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and documentation: plain data, as every report shows it."""

    id: str
    title: str
    area: Area
    severity: Severity
    source: str
    fix: str
    doc: str = ""
    """What the rule checks and why (Markdown prose)."""
    fails: str = ""
    """A whole constitution (YAML) that gives at least one finding of this rule."""
    passes: str = ""
    """A whole constitution (YAML) that gives none."""
    checked_by: str = "Python check"
    """How the rule is said: its record's JSON Schema, or Python."""
    since: int = 1
    """The first format version that can state the facts the rule needs; on an
    older file the rule does not run, and the report says so."""
    origin: str | None = None
    """For a house rule: the record file that defines it."""
    default_severity: Severity | None = None
    """The severity the rule is written with, when configuration changed it."""

    @property
    def house(self) -> bool:
        return self.origin is not None

    @property
    def label(self) -> str:
        """The ID as a one-line output names it: a house rule says that it is one."""
        return f"{self.id} (house rule)" if self.house else self.id

    def with_severity(self, severity: Severity) -> Rule:
        """The rule at another severity, remembering the one it is written with."""
        if severity is self.severity:
            return self
        return replace(
            self, severity=severity, default_severity=self.default_severity or self.severity
        )


class Check(Protocol):
    """How a rule finds its gaps in one file."""

    def __call__(self, document: Document, model: Model, context: Context) -> Iterator[Gap]: ...


@dataclass(frozen=True)
class Checker:
    """A rule and the check that runs it (what the engine is given)."""

    rule: Rule
    check: Check
    review: bool = False
    """Runs after the other rules, on their findings (``Context.findings``)."""

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def reads(self) -> frozenset[str] | None:
        """The field names a schema rule's schema reads (None for a Python rule), which
        decide whether an unknown fact below a gap's node is one the gap rests on."""
        reads: frozenset[str] | None = getattr(self.check, "reads", None)
        return reads

    def with_severity(self, severity: Severity) -> Checker:
        return replace(self, rule=self.rule.with_severity(severity))

    @property
    def identity(self) -> tuple[str, str, str]:
        """What decides this rule's findings, for the result cache's key: its ID, its
        severity, and for a schema rule its schema (a house rule's may change any day)."""
        schema: str = getattr(self.check, "key", "")
        return (self.id, str(self.rule.severity), schema)
