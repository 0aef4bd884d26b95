"""Read the constitution an ICB publishes (PDF, Word, web page, text) and draft format 2 from it.

``read`` turns each source into text blocks (``blocks``: one reader per form,
each built on a maintained library: pypdf, python-docx, lxml), ``clauses``
finds the model constitution's structure in them, and ``draft`` reads the
facts from the clauses, each with the clause, page and words it came from,
into a format 2 constitution (``emit`` writes it as commented YAML).

The libraries are the ``documents`` extra: they are imported only when a
document is read, and a missing one is one line saying what to install.
Nothing here fetches, runs or writes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import PurePath

from icscheck.documents.blocks import Block, DocumentError, MissingExtra
from icscheck.reader import MAX_BYTES, read_bytes

__all__ = ["SUFFIXES", "Block", "DocumentError", "MissingExtra", "is_document", "read", "read_one"]

SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")
MAX_TEXT = 5_000
"""Characters of one paragraph that are read: a clause is rarely a tenth as long, and
every pattern then does bounded work."""
MAX_BLOCKS = 50_000
"""Paragraphs, items and rows one document may hold: a long constitution has a few
thousand. A bound on the work drafting does, whatever a hostile file holds."""


def is_document(path: str) -> bool:
    """``path`` names a document icscheck drafts from (by its suffix), not a YAML file."""
    return PurePath(path).suffix.lower() in SUFFIXES


def read(paths: Sequence[str], max_bytes: int = MAX_BYTES) -> list[Block]:
    """Every source's blocks, one source after another, in the order given."""
    return [block for path in paths for block in read_one(path, read_bytes(path, max_bytes))]


def read_one(path: str, raw: bytes) -> list[Block]:
    """The blocks of one document's bytes; ``path`` names it (and its suffix, its form)."""
    suffix = PurePath(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError(
            path, "is not a document icscheck reads: give a .pdf, .docx, .html, .htm or .txt file"
        )
    if suffix == ".pdf" and b"%PDF-" not in raw[:1024]:
        raise DocumentError(path, "is not a PDF: it does not start with %PDF-")
    blocks = [
        block if len(block.text) <= MAX_TEXT else replace(block, text=block.text[:MAX_TEXT])
        for block in _reader(suffix)(path, raw)
    ]
    if not blocks:
        raise DocumentError(path, "holds no text")
    if len(blocks) > MAX_BLOCKS:
        raise DocumentError(
            path, f"holds {len(blocks):,} paragraphs, over {MAX_BLOCKS:,}: not a constitution"
        )
    return blocks


def _reader(suffix: str) -> Callable[[str, bytes], list[Block]]:
    if suffix == ".pdf":
        from icscheck.documents import pdf

        return pdf.read
    if suffix == ".docx":
        from icscheck.documents import word

        return word.read
    if suffix in (".html", ".htm"):
        from icscheck.documents import web

        return web.read
    from icscheck.documents import plain

    return plain.read
