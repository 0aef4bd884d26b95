"""A PDF, read with pypdf: its text layer, line by line, with each line's page,
position and size, joined into blocks.

pypdf hands out the text as drawn, in fragments with their transformation
matrix and font size. Fragments on one baseline are a line; a wider space
between lines than the body's line spacing is a paragraph break; a larger
font than the body's is a heading; a line indented past the left margin is
in a list (a list's bullets are often drawn, not written); fragments far
apart on one line are table cells. A PDF with no text at all is a scan, and
needs OCR, which icscheck does not do. An encrypted PDF is refused, even one
that opens with an empty password: its text may be withheld or garbled.
Running headers and footers (the same line on most pages, or a page number)
are dropped.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from icscheck.documents.blocks import Block, DocumentError, Line, MissingExtra, clean, join_lines

MAX_PAGES = 2_000
"""Far more than any constitution; a bound on the work a hostile file can ask for."""
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)


@dataclass
class _Line:
    page: int
    y: float
    size: float
    bold: bool = False
    parts: list[tuple[float, str]] = field(default_factory=list)


def read(path: str, raw: bytes) -> list[Block]:
    try:
        import pypdf
        from pypdf.errors import PyPdfError
    except ImportError:
        raise MissingExtra(path, "pypdf") from None
    # pypdf words what it mends in a broken file as log warnings; they are not the user's.
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            raise DocumentError(path, "is an encrypted PDF; icscheck reads unencrypted PDFs only")
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(path, f"has {len(reader.pages):,} pages, over {MAX_PAGES:,}")
        lines = [
            line for number, page in enumerate(reader.pages, 1) for line in _page(page, number)
        ]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise DocumentError(path, f"is not a readable PDF ({_reason(error)})") from None
    except RecursionError:
        raise DocumentError(path, "is not a readable PDF (its objects nest too deep)") from None
    except Exception as error:
        # pypdf raises what its parser meets on a damaged file: NotImplementedError for
        # an unknown filter name, IndexError, ZeroDivisionError... (found by
        # fuzz/fuzz_validate.py). Each is a file that cannot be read, never a traceback.
        raise DocumentError(path, f"is not a readable PDF ({_reason(error)})") from None
    if not any(clean(text) for line in lines for _, text in line.parts):
        raise DocumentError(path, "has no text layer: this PDF needs OCR first")
    return list(join_lines(path, _shape(_drop_furniture(lines))))


def _reason(error: Exception) -> str:
    return clean(str(error))[:120] or type(error).__name__


def _page(page: Any, number: int) -> list[_Line]:
    """The page's lines, top to bottom, each its fragments left to right."""
    found: dict[tuple[int, int], _Line] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        a, b, c, d = (
            tm[0] * cm[0] + tm[1] * cm[2],
            tm[0] * cm[1] + tm[1] * cm[3],
            tm[2] * cm[0] + tm[3] * cm[2],
            tm[2] * cm[1] + tm[3] * cm[3],
        )
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        key = (number, round(y))
        line = found.setdefault(key, _Line(number, y, round(size * scale, 1)))
        line.parts.append((x, text))
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        line.bold = line.bold or "bold" in name.lower()

    page.extract_text(visitor_text=visit)
    return sorted(found.values(), key=lambda line: -line.y)


def _drop_furniture(lines: list[_Line]) -> list[_Line]:
    """Without page numbers, and without lines printed on most pages (running headers)."""
    pages = {line.page for line in lines}
    texts = Counter(text for _, text in {(line.page, _text(line)) for line in lines})
    repeated = {text for text, count in texts.items() if len(pages) >= 3 and count > len(pages) / 2}
    return [
        line
        for line in lines
        if not PAGE_NUMBER.fullmatch(_text(line)) and _text(line) not in repeated
    ]


def _text(line: _Line) -> str:
    return clean(" ".join(text for _, text in sorted(line.parts)))


def _shape(lines: list[_Line]) -> Iterator[Line]:
    """Each line with what its position and size say: gap before, indent, heading, cells."""
    if not lines:
        return
    body = Counter(line.size for line in lines).most_common(1)[0][0]
    margin = Counter(round(min(x for x, _ in line.parts)) for line in lines).most_common(1)[0][0]
    steps = Counter(
        round(before.y - after.y)
        for before, after in itertools.pairwise(lines)
        if before.page == after.page and before.size == after.size == body
    )
    spacing = steps.most_common(1)[0][0] if steps else body * 1.2
    columns = _columns(lines)
    previous: _Line | None = None
    for index, line in enumerate(lines):
        gap = (
            previous is None
            or previous.page != line.page
            or previous.y - line.y > spacing * max(line.size / body, 1.0) * 1.35 + 0.5
        )
        left = min(x for x, _ in line.parts)
        yield Line(
            _text(line),
            page=line.page,
            gap=gap,
            indent=left > margin + body,
            # Larger than the body: a heading. Bold: perhaps, as the words say.
            heading=True if line.size > body * 1.1 else (None if line.bold else False),
            cells=_cells(line, columns[index]),
        )
        previous = line


def _starts(line: _Line) -> set[int]:
    """Where the fragments after the first begin, to the point."""
    return {round(x) for x, _ in sorted(line.parts)[1:]}


def _columns(lines: list[_Line]) -> list[set[int]]:
    """For each line, the fragment starts it shares with the line above or below: the
    columns of a table (a sentence's fragments rarely start at the same points twice)."""
    starts = [_starts(line) for line in lines]
    found: list[set[int]] = []
    for index, line in enumerate(lines):
        shared: set[int] = set()
        for other in (index - 1, index + 1):
            if 0 <= other < len(lines) and lines[other].page == line.page:
                shared |= {x for x in starts[index] if any(abs(x - y) <= 1 for y in starts[other])}
        found.append(shared)
    return found


def _cells(line: _Line, columns: set[int]) -> tuple[str, ...]:
    """Table cells: fragments that start on a column shared with the next or last line,
    or further apart than their text could reach (a generous estimate of its width),
    so that words in bold or a link are not split."""
    parts = sorted(line.parts)
    cells = [parts[0][1]]
    for (x0, text0), (x1, text1) in itertools.pairwise(parts):
        reach = x0 + len(text0) * line.size * 0.6
        if round(x1) in columns or x1 > reach + 2 * line.size:
            cells.append(text1)
        else:
            cells[-1] += text1
    return tuple(clean(c) for c in cells) if len(cells) > 1 else ()
