"""The model constitution's structure in a document's blocks: sections, clauses, appendices.

NHS England's model has nine numbered sections, then appendices with the
standing orders; ICBs keep its headings nearly word for word
(shared research: documents-in-use.md), so a section is known by its
heading's words even where it is not numbered, or numbered differently.
A clause is a numbered paragraph (2.1.3) with the list items, table rows
and unnumbered paragraphs that follow it; where a document numbers nothing
(a web page in prose), each paragraph is a clause of its section, labelled
by the section and its place in it (``2¶3``). A clause in an appendix is
labelled by it: ``SO 4.2`` in the standing orders, ``A1 1.2`` elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from icscheck.documents.blocks import APPENDIX, NUMBERED, Block

SECTIONS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: ("introduction", ("introduction", "about this constitution")),
    2: (
        "composition of the board",
        ("composition", "membership of the board", "board membership", "who sits on"),
    ),
    3: ("appointments process", ("appoint",)),
    4: (
        "exercise of functions",
        ("exercise of", "carry out our functions", "carrying out our functions"),
    ),
    5: (
        "procedures for making decisions",
        ("making decisions", "decision-making", "decision making", "how we make decisions"),
    ),
    6: ("conflicts of interest", ("conflict of interest", "conflicts of interest")),
    7: ("accountability and transparency", ("accountab", "transparen")),
    8: ("terms and conditions of employees", ("terms and conditions",)),
    9: (
        "public involvement",
        (
            "public involvement",
            "involving the public",
            "involving people",
            "involvement of the public",
        ),
    ),
}
"""Each section's name, and the words by which its heading is known."""


@dataclass(frozen=True)
class Clause:
    """A numbered paragraph (or, unnumbered, a paragraph) and what follows it."""

    document: str
    label: str
    """As the document numbers it: "2.1.3", "SO 4.2", or "2¶3" when it numbers nothing."""
    text: str
    section: int | None = None
    """The model section (1 to 9) it is in, where known."""
    appendix: str | None = None
    """The appendix it is in: "standing orders" or the appendix's heading."""
    heading: str = ""
    page: int | None = None
    items: tuple[str, ...] = ()
    """List items, table rows and unnumbered paragraphs that belong to it."""

    @property
    def body(self) -> str:
        """Its text with its items, as one text to search."""
        return " ".join((self.text, *self.items))

    def where(self) -> str:
        """``constitution.pdf p12 §2.1.6``: how a reader finds it."""
        page = f" p{self.page}" if self.page is not None else ""
        return f"{self.document}{page} §{self.label}"


@dataclass
class Structure:
    """A document's (or several documents') clauses, and which sections were found."""

    clauses: list[Clause] = field(default_factory=list)
    sections: dict[int, Clause] = field(default_factory=dict)
    """Each model section found, by number: its heading, as a clause."""
    standing_orders: Clause | None = None

    def in_section(self, *numbers: int) -> list[Clause]:
        return [c for c in self.clauses if c.section in numbers and c.appendix is None]

    def in_standing_orders(self) -> list[Clause]:
        return [c for c in self.clauses if c.appendix == "standing orders"]


def section_of(heading: str) -> int | None:
    """The model section a heading names, by its words (and then its number)."""
    words = " " + re.sub(r"[^a-z ]", " ", heading.lower().replace("-", " ")) + " "
    words = " ".join(words.split())
    for number, (_, phrases) in SECTIONS.items():
        if any(" ".join(phrase.replace("-", " ").split()) in words for phrase in phrases):
            return number
    return None


def structure(blocks: Iterable[Block]) -> Structure:
    """The clauses of ``blocks`` (one document after another), with their sections."""
    found = Structure()
    by_document: dict[str, list[Block]] = {}
    for block in blocks:
        by_document.setdefault(block.document, []).append(block)
    for document in by_document.values():
        _Builder(found).run(document)
    return found


class _Builder:
    def __init__(self, found: Structure) -> None:
        self.found = found
        self.section: int | None = None
        self.appendix: str | None = None
        self.prefix = ""
        self.heading = ""
        self.current: Clause | None = None
        self.items: list[str] = []
        self.unnumbered: dict[str, int] = {}
        self.numbered_heading: str | None = None
        self.constitution = True

    def run(self, blocks: Sequence[Block]) -> None:
        # A governance handbook numbers its own parts: they are not the model's sections.
        first = blocks[0].text.lower() if blocks else ""
        self.constitution = not any(
            word in first for word in ("handbook", "terms of reference", "scheme of reservation")
        )
        for block in blocks:
            if block.kind == "heading":
                self._heading(block)
            elif block.kind in ("item", "row") and self.current is not None:
                self.items.append(block.text)
            else:
                self._paragraph(block)
        self._close()

    def _close(self) -> None:
        if self.current is not None:
            self.found.clauses.append(replace(self.current, items=tuple(self.items)))
        self.current, self.items = None, []

    def _heading(self, block: Block) -> None:
        self._close()
        text = block.text
        number = NUMBERED.match(text)
        label = number.group(1) if number else None
        if APPENDIX.match(text):
            self.appendix = "standing orders" if "standing order" in text.lower() else text
            code = re.match(r"\w+\s+(\w+)", text)
            self.prefix = (
                "SO "
                if self.appendix == "standing orders"
                else f"A{code.group(1) if code else ''} "
            )
            self.section = None
            self.heading = text
            self.numbered_heading = None
            if self.appendix == "standing orders":
                self.found.standing_orders = Clause(
                    block.document,
                    self.prefix.strip(),
                    text,
                    heading=text,
                    page=block.page,
                    appendix=self.appendix,
                )
            return
        self.numbered_heading = label.split(".")[0] if label else None
        if self.appendix is None and self.constitution:
            named = section_of(text)
            top = int(label.split(".")[0]) if label else None
            if named is not None and (label is None or "." not in label):
                self.section = named
                self.heading = text
                self.found.sections.setdefault(
                    named,
                    Clause(
                        block.document, label or str(named), text, named, None, text, block.page
                    ),
                )
                return
            if top is not None and label is not None and "." not in label and 1 <= top <= 9:
                self.section = top
        self.heading = text
        if label is not None and "." in label:
            # A numbered sub-heading ("2.1 Board membership") is a clause of its own too.
            self.current = Clause(
                block.document,
                self.prefix + label,
                text,
                self.section,
                self.appendix,
                text,
                block.page,
            )

    def _paragraph(self, block: Block) -> None:
        text = block.text
        number = NUMBERED.match(text)
        if number and self._plausible(number.group(1)):
            self._close()
            label = number.group(1)
            if self.appendix is None and self.section is None and self.constitution:
                top = int(label.split(".")[0])
                self.section = top if 1 <= top <= 9 else None
            self.current = Clause(
                block.document,
                self.prefix + label,
                number.group(2),
                self.section,
                self.appendix,
                self.heading,
                block.page,
            )
            return
        # In a numbered document an unnumbered paragraph goes on with the clause before it.
        if self.current is not None and (
            "¶" not in self.current.label or self.current.text.endswith(":") or text[:1].islower()
        ):
            self.items.append(text)
            return
        self._close()
        where = str(self.section) if self.section is not None else None
        where = where or self.prefix.strip() or self.numbered_heading or "0"
        self.unnumbered[where] = self.unnumbered.get(where, 0) + 1
        self.current = Clause(
            block.document,
            f"{where}¶{self.unnumbered[where]}",
            text,
            self.section,
            self.appendix,
            self.heading,
            block.page,
        )

    def _plausible(self, label: str) -> bool:
        """A clause number, not a sum of money or a year that starts a sentence."""
        return "." in label or (label.isdigit() and int(label) <= 30)
