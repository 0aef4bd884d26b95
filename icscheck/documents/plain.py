"""A text file (.txt): paragraphs separated by blank lines, lists by their bullets.

Tables written with ``|`` between cells (as a Markdown or plain-text export
writes them) are rows; a line of only ``-``, ``=`` or ``|`` is a rule drawn
under a heading or a table's header and says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from icscheck.documents.blocks import Block, Line, join_lines
from icscheck.reader import LINE_BREAK, decode

RULE = re.compile(r"^[\s|:=+\-_*]+$")


def read(path: str, raw: bytes) -> list[Block]:
    return list(join_lines(path, _lines(decode(path, raw))))


def _lines(text: str) -> Iterator[Line]:
    gap = True
    for raw in LINE_BREAK.split(text.replace("\f", "\n")):
        stripped = raw.strip()
        if not stripped or RULE.fullmatch(stripped):
            gap = True
            continue
        cells: tuple[str, ...] = ()
        if stripped.count("|") >= 2 or (stripped.count("|") == 1 and not stripped.startswith("|")):
            cells = tuple(cell.strip() for cell in stripped.strip("|").split("|"))
        indent = raw[: len(raw) - len(raw.lstrip())].expandtabs(4)
        yield Line(stripped, gap=gap, indent=len(indent) >= 2 and not cells, cells=cells)
        gap = False
