"""What every reader produces: one sequence of text blocks, each with its kind and page.

A PDF, a Word file, a saved web page and a text file all come down to the
same thing: headings, paragraphs, list items and table rows, in reading
order. Everything after reading (clauses, the draft) works on blocks alone,
so a fact is read the same way whatever form the constitution came in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from icscheck.errors import LoadError, UsageError

Kind = Literal["heading", "paragraph", "item", "row"]

EXTRA_HINT = "pip install 'icscheck[documents]'"


class DocumentError(LoadError):
    """A document cannot be read as a constitution; the message names the file and page."""

    def __init__(self, path: str, message: str, page: int | None = None) -> None:
        self.page = page
        super().__init__(path, message)

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str, int | None]]:  # type: ignore[override]
        return (DocumentError, (self.path, self.message, self.page))

    def location(self) -> str:
        return self.path if self.page is None else f"{self.path}:p{self.page}"


class MissingExtra(UsageError):
    """The libraries that read documents are not installed."""

    def __init__(self, path: str, library: str) -> None:
        super().__init__(
            f"{path}: reading this document needs {library}, in the documents extra: {EXTRA_HINT}"
        )


@dataclass(frozen=True)
class Block:
    """One unit of text in reading order: a heading, paragraph, list item or table row."""

    document: str
    kind: Kind
    text: str
    page: int | None = None
    cells: tuple[str, ...] = ()
    """A table row's cells (``text`` joins them with " | ")."""


LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
    }
)
"""A PDF's typeset ligatures (\ufb01 for "fi") as letters, so that "office" is found."""


def clean(text: str) -> str:
    """``text`` on one line: runs of white space as one space, ligatures as letters."""
    return " ".join(text.translate(LIGATURES).split())


def row(document: str, cells: Iterable[str], page: int | None = None) -> Block | None:
    found = tuple(cell for cell in (clean(c) for c in cells) if cell)
    if not found:
        return None
    return Block(document, "row", " | ".join(found), page, found)


BULLET = re.compile(
    r"^(?:[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7\u2013\u2014*\-o\uf0b7\uf0a7])\s+"
)
LETTERED = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})\)\s+")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){0,4})\.?\s+(\S.*)$")
APPENDIX = re.compile(
    r"^(?:appendix|annex|schedule)(?:\s+\w+\b|\s*[:\u2013\u2014-])", re.IGNORECASE
)
TERMINAL = (".", ";", ":", ",", ")")


def looks_like_heading(text: str) -> bool:
    """A short line that does not read as a sentence: a heading, when nothing else says so."""
    if APPENDIX.match(text):
        return len(text) <= 120
    numbered = NUMBERED.match(text)
    body = numbered.group(2) if numbered else text
    if numbered and numbered.group(1).count(".") > 1:
        return False  # 2.1.3 is a clause, not a heading
    words = body.split()
    return (
        0 < len(words) <= 14
        and len(body) <= 100
        and not body.endswith(TERMINAL)
        and body[0].isupper()
        and not BULLET.match(text)
    )


@dataclass
class Line:
    """A line of a text file or a PDF page, before lines are joined into blocks."""

    text: str
    page: int | None = None
    gap: bool = False
    """A blank line, or a wider space than between the lines of a paragraph, comes before it."""
    indent: bool = False
    """Indented past the body's left margin (a list, in a PDF)."""
    heading: bool | None = None
    """Known to be a heading (a larger font) or not; None: judge by the words."""
    cells: tuple[str, ...] = ()


def join_lines(document: str, lines: Iterable[Line]) -> Iterator[Block]:
    """Join wrapped lines into blocks: a new block starts at a gap, a clause number,
    a bullet or a heading; an indented line starts a list item where the one before
    ended its own (";", ".", "and")."""
    kind: Kind | None = None
    parts: list[str] = []
    page: int | None = None
    last: Line | None = None

    def flush() -> Iterator[Block]:
        if kind is not None and parts:
            yield Block(document, kind, clean(" ".join(parts)), page)

    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        if line.cells:
            yield from flush()
            kind, parts, last = None, [], line
            found = row(document, line.cells, line.page)
            if found is not None:
                yield found
            continue
        starts = _starts(text, line, last, kind)
        if starts is not None:
            yield from flush()
            kind, parts, page = starts, [BULLET.sub("", text)], line.page
        else:
            parts.append(text)
        last = line
    yield from flush()


def _starts(text: str, line: Line, last: Line | None, kind: Kind | None) -> Kind | None:
    """The kind of block ``line`` starts, or None when it continues the block before."""
    if BULLET.match(text) or LETTERED.match(text):
        return "item"
    if line.heading:
        # A heading too long for one line goes on, at the same size, with no space between.
        wrapped = kind == "heading" and not line.gap and last is not None and last.heading
        return None if wrapped and not NUMBERED.match(text) else "heading"
    numbered = NUMBERED.match(text)
    if numbered or APPENDIX.match(text):
        return "heading" if looks_like_heading(text) and line.heading is not False else "paragraph"
    ended = last is not None and clean(last.text).endswith((".", ";", ":", " and", " or"))
    if line.indent:
        return "item" if kind != "item" or ended or line.gap else None
    if kind is None or line.gap or (last is not None and last.indent) or kind == "heading":
        if line.heading is None and looks_like_heading(text) and (line.gap or kind is None):
            return "heading"
        return "paragraph"
    return None
