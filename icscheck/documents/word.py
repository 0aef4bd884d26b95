"""A Word document (.docx), read with python-docx after its zip is checked.

A .docx is a zip: before python-docx opens it, its directory is read to
refuse a zip bomb (more entries or more expanded bytes than any document
needs, or an entry that expands hundreds of times over) and a document with
macros (a ``vbaProject.bin``, or a macro-enabled content type), which is
never opened, let alone run. python-docx parses the XML without resolving
entities and fetches nothing (linked images and templates are never
followed).

Word numbers clauses itself: the "2.1.3" of a numbered paragraph is not in
its text but in the numbering definitions, so it is counted here, level by
level, as Word would for the decimal and lettered formats; a bullet makes a
list item.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from icscheck.documents.blocks import Block, DocumentError, MissingExtra, clean, row
from icscheck.reader import human_size

MAX_ENTRIES = 2_000
MAX_EXPANDED = 256 * 1024 * 1024
MAX_RATIO = 200
"""An entry may expand this many times over (XML compresses about 10 times)
once it is past a megabyte; a zip bomb's entries expand thousands of times."""
MACROS = re.compile(r"(^|/)vbaProject\.bin$|(^|/)vbaData\.xml$", re.IGNORECASE)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: str, raw: bytes) -> list[Block]:
    _check_zip(path, raw)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise MissingExtra(path, "python-docx") from None
    try:
        document = docx.Document(io.BytesIO(raw))
        return list(_blocks(path, document))
    except (PackageNotFoundError, KeyError, *BROKEN_ZIP) as error:
        raise DocumentError(
            path, f"is not a readable Word document ({clean(str(error))[:120]})"
        ) from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: the XML inside is broken
        if type(error).__module__.startswith(("lxml", "docx")):
            raise DocumentError(
                path, f"is not a readable Word document ({clean(str(error))[:120]})"
            ) from None
        raise


BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError)
"""What zipfile raises on a damaged archive: a bad header or CRC, a member that fails as
it is inflated, an unknown zip version (each found by fuzz/fuzz_validate.py)."""


def _check_zip(path: str, raw: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except BROKEN_ZIP:
        raise DocumentError(
            path, "is not a Word document (.docx): it is not a zip archive"
        ) from None
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise DocumentError(
            path, f"holds {len(entries):,} files, over {MAX_ENTRIES:,}: not a document"
        )
    total = 0
    for entry in entries:
        if MACROS.search(entry.filename):
            raise DocumentError(
                path,
                f"contains macros ({entry.filename}); icscheck never opens or runs them: "
                "save it as a Word document without macros (.docx)",
            )
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if total > MAX_EXPANDED or (entry.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise DocumentError(
                path,
                f"expands to more than {human_size(max(total, entry.file_size))} "
                f"({entry.filename} is compressed {ratio:,.0f} times over): a zip bomb, not a document",
            )
    try:
        types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except KeyError:
        raise DocumentError(
            path, "is not a Word document (.docx): it has no [Content_Types].xml"
        ) from None
    except BROKEN_ZIP as error:
        raise DocumentError(
            path, f"is not a readable Word document ({clean(str(error))[:120]})"
        ) from None
    if "macroenabled" in types.lower():
        raise DocumentError(
            path,
            "is macro-enabled; icscheck never opens or runs macros: "
            "save it as a Word document without macros (.docx)",
        )


def _blocks(path: str, document: Any) -> Iterator[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            block = _paragraph(path, Paragraph(element, document), numbering)
            if block is not None:
                yield block
        elif element.tag == f"{W}tbl":
            for table_row in Table(element, document).rows:
                cells: list[str] = []
                for cell in table_row.cells:
                    text = clean(cell.text)
                    if not cells or text != cells[-1]:  # a merged cell is repeated
                        cells.append(text)
                found = row(path, cells)
                if found is not None:
                    yield found


def _paragraph(path: str, paragraph: Any, numbering: _Numbering) -> Block | None:
    text = clean(paragraph.text)
    if not text:
        return None
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    label, bullet = numbering.label(paragraph)
    if style.startswith(("Heading", "Title")):
        return Block(path, "heading", f"{label} {text}".strip())
    if bullet or (style.startswith("List") and not label):
        return Block(path, "item", text)
    if label and not re.fullmatch(r"\d+(\.\d+)*\.?", label):
        return Block(path, "item", text)  # (a), (i): a lettered sub-paragraph
    return Block(path, "paragraph", f"{label} {text}".strip())


class _Numbering:
    """Word's list numbering, counted as the paragraphs come: "%1.%2.%3" -> "2.1.3"."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {
            node.get(f"{W}abstractNumId"): {
                int(level.get(f"{W}ilvl") or 0): (
                    _value(level, "numFmt") or "decimal",
                    _value(level, "lvlText") or "",
                    int(_value(level, "start") or 1),
                )
                for level in node.iterchildren(f"{W}lvl")
            }
            for node in root.iterchildren(f"{W}abstractNum")
        }
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{W}numId") or ""] = abstract.get(ref.get(f"{W}val"), {})

    def label(self, paragraph: Any) -> tuple[str, bool]:
        """The paragraph's number ("2.1.3", "(a)") and whether it is a bullet."""
        num_id, level = _num_pr(paragraph)
        if num_id is None or num_id not in self.levels:
            return "", False
        formats = self.levels[num_id]
        if level not in formats:
            return "", False
        kind, pattern, _ = formats[level]
        if kind == "bullet":
            return "", True
        counts = self.counts.setdefault(num_id, [])
        while len(counts) <= level:
            counts.append(formats.get(len(counts), ("", "", 1))[2] - 1)
        counts[level] += 1
        del counts[level + 1 :]
        text = pattern
        for at, count in enumerate(counts):
            text = text.replace(
                f"%{at + 1}", _format(formats.get(at, ("decimal", "", 1))[0], count)
            )
        return text.strip(), False


def _num_pr(paragraph: Any) -> tuple[str | None, int]:
    for holder in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
        node = None if holder is None else holder.find(f".//{W}numPr")
        if node is not None:
            num = node.find(f"{W}numId")
            level = node.find(f"{W}ilvl")
            if num is not None and num.get(f"{W}val") not in (None, "0"):
                return num.get(f"{W}val"), int(
                    level.get(f"{W}val") or 0
                ) if level is not None else 0
    return None, 0


def _value(node: Any, name: str) -> str | None:
    child = node.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


def _format(kind: str, count: int) -> str:
    if kind == "lowerLetter":
        return chr(ord("a") + (count - 1) % 26)
    if kind == "upperLetter":
        return chr(ord("A") + (count - 1) % 26)
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(count)
        return roman if kind == "upperRoman" else roman.lower()
    return str(count)


def _roman(count: int) -> str:
    text = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while count >= value:
            text, count = text + letters, count - value
    return text
