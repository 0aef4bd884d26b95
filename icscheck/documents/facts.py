"""What the draft reads: facts, each with the clause it rests on, or unknown with where it looked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from icscheck.documents.clauses import Clause

QUOTE = 160
"""Characters of a clause quoted beside a fact: enough to recognise it."""


@dataclass(frozen=True)
class Fact:
    """One thing the document says (``value``), where it says it, or what could not be read."""

    field: str
    """Dotted, as the benchmark and the summary name it: "board.quorum.minimum"."""
    value: Any = None
    clause: Clause | None = None
    unknown: str | None = None
    """Where the reader looked, when the document does not say it readably."""

    @property
    def known(self) -> bool:
        return self.unknown is None


def quote(clause: Clause) -> str:
    text = clause.text if len(clause.text) > 40 or not clause.items else clause.body
    return text if len(text) <= QUOTE else text[: QUOTE - 1].rsplit(" ", 1)[0] + "\u2026"


def source(clause: Clause) -> dict[str, Any]:
    """Format 2's provenance for ``clause``: document, clause, page, a short quotation."""
    found: dict[str, Any] = {"document": clause.document, "clause": clause.label}
    if clause.page is not None:
        found["page"] = clause.page
    found["quote"] = quote(clause)
    return found


@dataclass(frozen=True)
class Post:
    """A seat on the board (or a participant's), as the composition clause describes it."""

    id: str
    role: str
    title: str
    clause: Clause
    nominated_by: str | None = None
    sector: str | None = None
    qualifier: str = ""
    at_least: bool = False
    participant: bool = False
    observer: bool = False
    said: str = ""
    """The words of the list item, row or sentence that describes the seat."""


@dataclass
class Found:
    """Everything read from a set of documents."""

    facts: list[Fact] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    """The board's seats; empty when the composition could not be read whole."""
    participants: list[Post] = field(default_factory=list)

    def add(self, name: str, value: Any, clause: Clause) -> Fact:
        fact = Fact(name, value, clause)
        self.facts.append(fact)
        return fact

    def unknown(self, name: str, note: str) -> Fact:
        fact = Fact(name, None, None, note)
        self.facts.append(fact)
        return fact

    def get(self, name: str) -> Fact | None:
        return next((fact for fact in self.facts if fact.field == name), None)
