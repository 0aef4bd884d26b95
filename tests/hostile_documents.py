"""Hostile documents: PDF, Word, web and text files broken by accident or crafted on purpose.

Each is built at test time (tests/hostile.py's ``Case``) and must get exit 2 and
one line naming the file, never a traceback, a hang, a fetch or a macro run
(docs/documents.md, docs/security.md). The libraries that read documents are
the documents extra, which the test extra includes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pypdf import PdfWriter

from tests.hostile import Build, Case

SAMPLES = Path(__file__).resolve().parent.parent / "sample_documents"


def _pdf(name: str, *, password: str | None = None) -> Build:
    """A one-page PDF with no text on it: what a scan looks like to a text reader."""

    def build(directory: Path) -> Path:
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        if password is not None:
            writer.encrypt(password)
        path = directory / name
        with path.open("wb") as stream:
            writer.write(stream)
        return path

    return build


def _raw(name: str, data: bytes) -> Build:
    def build(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data)
        return path

    return build


def _zip_bomb(directory: Path) -> Path:
    """A .docx whose document part expands 1,000 times over: 40 MB from 40 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * 40_000_000)
    path = directory / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    return path


def _macros(directory: Path) -> Path:
    """A real sample document with a VBA project added, as a .docm saved as .docx is."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(SAMPLES / "eastbrook.docx") as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run")
    path = directory / "macros.docx"
    path.write_bytes(buffer.getvalue())
    return path


def _unknown_filter(directory: Path) -> Path:
    """A sample PDF whose streams name a filter pypdf does not know (found by fuzzing)."""
    path = directory / "filter.pdf"
    path.write_bytes(
        (SAMPLES / "eastbrook.pdf").read_bytes().replace(b"/FlateDecode", b"/FlXteDecode")
    )
    return path


def _corrupt_member(directory: Path) -> Path:
    """A sample .docx with its document part's compressed bytes damaged (found by fuzzing)."""
    raw = bytearray((SAMPLES / "eastbrook.docx").read_bytes())
    with zipfile.ZipFile(SAMPLES / "eastbrook.docx") as archive:
        entry = archive.getinfo("word/document.xml")
    start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra)
    for offset in range(start + 10, start + min(entry.compress_size, 400), 7):
        raw[offset] ^= 0x5A
    path = directory / "corrupt.docx"
    path.write_bytes(bytes(raw))
    return path


def _big(directory: Path) -> Path:
    path = directory / "huge.pdf"
    with path.open("wb") as stream:
        stream.write(b"%PDF-1.7\n")
        stream.truncate(11 * 1024 * 1024)
    return path


REMOTE = (
    b"<html><head><script src='https://tracker.example/a.js'></script>"
    b"<link rel='stylesheet' href='https://cdn.example/s.css'>"
    b"<script>document.write('<h1>1. Introduction</h1>')</script></head>"
    b"<body><img src='https://images.example/x.png'><p>Cookies: we use them.</p>"
    b"<iframe src='https://frame.example/'></iframe></body></html>"
)
"""Scripts and remote resources only: nothing is fetched or run, so no constitution is read."""

DOCUMENTS = [
    Case("encrypted PDF", _pdf("locked.pdf", password="secret"), 2, r": is an encrypted PDF"),
    Case(
        "image-only PDF",
        _pdf("scan.pdf"),
        2,
        r": has no text layer: this PDF needs OCR first",
    ),
    Case(
        "not a PDF",
        _raw("fake.pdf", b"<html>a web page saved as .pdf</html>"),
        2,
        r": is not a PDF",
    ),
    Case(
        "malformed PDF",
        _raw("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ntrailer"),
        2,
        r": is not a readable PDF",
    ),
    Case("PDF with an unknown filter", _unknown_filter, 2, r": is not a readable PDF"),
    Case(
        "DOCX with a damaged member",
        _corrupt_member,
        2,
        r": is not a (readable )?Word document",
    ),
    Case("DOCX zip bomb", _zip_bomb, 2, r": .*a zip bomb, not a document"),
    Case("DOCX with macros", _macros, 2, r": contains macros \(word/vbaProject\.bin\)"),
    Case(
        "DOCX that is no zip",
        _raw("plain.docx", b"just text"),
        2,
        r": is not a Word document \(\.docx\): it is not a zip archive",
    ),
    Case(
        "web page of scripts and remote resources",
        _raw("remote.html", REMOTE),
        2,
        r": (holds no text|has no recognisable constitution structure)",
    ),
    Case("document over the size limit", _big, 2, r": is 11 MiB, over the 10 MiB limit"),
    Case(
        "text with no constitution structure",
        _raw("letter.txt", b"Dear colleague,\n\nThank you for your letter.\n"),
        2,
        r": has no recognisable constitution structure",
    ),
]
