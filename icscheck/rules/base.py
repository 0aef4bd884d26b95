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
              the rest: its documentation, from which docs/rules.md is generated

Both kinds yield ``Gap`` objects (node path and message); ``Rule.check``
locates them in the file and turns them into ``Finding``s, so schema rules and
Python rules produce exactly the same thing.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from types import ModuleType

from icscheck.finding import Finding, Severity
from icscheck.loader import Document, NodePath, pointer


class Area(StrEnum):
    """The sections of the report, in the order they are shown."""

    FORMAT = "File format and references"
    BOARD = "Board composition"
    COMMITTEES = "Committees"
    PLACE = "Place-based partnerships"
    MAP = "Functions and decision map"
    PRINCIPLES = "Principles and transparency"


@dataclass(frozen=True, slots=True)
class Gap:
    """A rule's raw result: which node falls short, and how."""

    node: NodePath
    message: str


Check = Callable[[Document], Iterator[Gap]]


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
    schema: str | None
    gaps: Check

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        schema: str | None = getattr(module, "SCHEMA", None)
        gaps: Check
        if schema is not None:
            rule_id: str = module.ID

            def gaps(document: Document) -> Iterator[Gap]:
                # Imported here: schemas needs Gap from this package (a cycle at import time).
                from icscheck.schemas import schema_gaps

                return schema_gaps(schema, rule_id, document)

        else:
            gaps = module.check
        title, _, doc = inspect.cleandoc(module.__doc__ or "").partition("\n")
        return cls(
            id=module.ID,
            title=title.strip(),
            area=module.AREA,
            severity=module.SEVERITY,
            source=module.SOURCE,
            fix=module.FIX,
            doc=doc.strip(),
            schema=schema,
            gaps=gaps,
        )

    def check(self, document: Document) -> Iterator[Finding]:
        """Run the rule on one document and yield its located findings."""
        for gap in self.gaps(document):
            line, column = document.locate(gap.node)
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
