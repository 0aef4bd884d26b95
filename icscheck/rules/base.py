"""What every rule module provides, and the wrapper the engine runs.

A rule module (yamllint's model) holds module-level constants and either a
``check()`` generator or a ``SCHEMA`` naming the packaged JSON Schema file whose
``$defs`` entry for the rule ID says the rule in JSON Schema:

``ID``        stable public rule ID, e.g. ``BOARD-003``
``AREA``      the report section the rule belongs to
``SEVERITY``  ``error`` (statutory or NHS England mandatory) or ``warning`` (guidance)
``SOURCE``    the citation: document and paragraph or section
``FIX``       a one-line hint on how to close the gap
docstring     first line: the rule's title (what a compliant constitution does);
              then its documentation, from which docs/rules.md is generated;
              then a failing and a passing example (``Fails:``, ``Passes:``;
              the form is in icscheck/ruledoc.py)

A rule that judges the other rules' findings (WAIVE-003: a waiver that waives
nothing) sets ``REVIEW = True``; its ``check(document, outcome)`` runs after
every other rule, with their findings in ``outcome``.

Both kinds yield ``Gap`` objects (node path and message); ``Rule.check``
locates them in the file and turns them into ``Finding``s, so schema rules and
Python rules produce exactly the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType

from icscheck.finding import Finding, Severity
from icscheck.loader import Document, NodePath, pointer
from icscheck.ruledoc import parse_docstring


class Area(StrEnum):
    """The sections of the report, in the order they are shown."""

    FORMAT = "File format and references"
    BOARD = "Board composition"
    COMMITTEES = "Committees"
    PLACE = "Place-based partnerships"
    MAP = "Functions and decision map"
    PRINCIPLES = "Principles and transparency"
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
    at: tuple[int, int] | None = None
    """An explicit ``(line, column)``, for what is not a node (a waiver comment)."""


@dataclass(frozen=True)
class Outcome:
    """What the other rules found, for a rule that reviews them."""

    findings: Sequence[Finding] = ()
    ran: frozenset[str] = field(default_factory=frozenset)
    """IDs of the rules that ran on this file."""


Check = Callable[[Document, Outcome], Iterator[Gap]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its metadata, its documentation and how to run it."""

    id: str
    title: str
    area: Area
    severity: Severity
    source: str
    fix: str
    doc: str
    """What the rule checks and why: the docstring's prose, without title or examples."""
    schema: str | None
    gaps: Check

    fails: str = ""
    """A whole constitution (YAML) that gives at least one finding of this rule."""
    passes: str = ""
    """A whole constitution (YAML) that gives none."""

    review: bool = False
    """Runs after the other rules, on their findings (see ``Outcome``)."""

    @property
    def checked_by(self) -> str:
        """How the rule is said: its JSON Schema file, or Python."""
        return f"JSON Schema (schemas/{self.schema})" if self.schema else "Python check"

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        schema: str | None = getattr(module, "SCHEMA", None)
        review: bool = getattr(module, "REVIEW", False)
        gaps: Check
        if schema is not None:
            rule_id: str = module.ID

            def gaps(document: Document, outcome: Outcome) -> Iterator[Gap]:
                # Imported here: schemas needs Gap from this package (a cycle at import time).
                from icscheck.schemas import schema_gaps

                return schema_gaps(schema, rule_id, document)

        elif review:
            gaps = module.check
        else:
            check: Callable[[Document], Iterator[Gap]] = module.check

            def gaps(document: Document, outcome: Outcome) -> Iterator[Gap]:
                return check(document)

        try:
            doc = parse_docstring(module.__doc__ or "")
        except ValueError as error:
            raise ValueError(f"{module.ID}: docstring: {error}") from None
        return cls(
            id=module.ID,
            title=doc.title,
            area=module.AREA,
            severity=module.SEVERITY,
            source=module.SOURCE,
            fix=module.FIX,
            doc=doc.prose,
            schema=schema,
            gaps=gaps,
            fails=doc.fails,
            passes=doc.passes,
            review=review,
        )

    def check(self, document: Document, outcome: Outcome | None = None) -> Iterator[Finding]:
        """Run the rule on one document and yield its located findings."""
        for gap in self.gaps(document, outcome or Outcome()):
            line, column = gap.at or document.locate(gap.node)
            yield Finding(
                path=document.path,
                line=line,
                column=column,
                rule=self.id,
                severity=self.severity,
                message=gap.message,
                source=self.source,
                node=pointer(gap.node),
            )
