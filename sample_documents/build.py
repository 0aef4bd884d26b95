"""Build the sample documents from their sources: Word, PDF, web pages and text.

Each constitution in sources/ is written once, in a small markup (``=`` a
title, ``#`` a section heading, ``##`` a sub-heading, ``- `` a list item,
``|`` a table row, any other line a paragraph), and rendered here in the four
forms ICBs publish: a Word document (python-docx), a PDF (the print HTML,
printed by headless Chromium), web pages inside a site's template with
navigation, a cookie banner and scripts (which icscheck must ignore), and
text. The built files are committed, so the tests never need Chromium; run
this after changing a source:

    .venv/bin/python sample_documents/build.py

The words are icscheck's own, written for these samples, not any ICB's.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
SPLIT_WEB = {"northmoor"}
"""Published as one web page per section, to be drafted from together."""


@dataclass
class Part:
    kind: str  # title, section, sub, para, item, row
    text: str
    cells: tuple[str, ...] = ()


def parse(text: str) -> list[Part]:
    parts: list[Part] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("= "):
            parts.append(Part("title", line[2:]))
        elif line.startswith("## "):
            parts.append(Part("sub", line[3:]))
        elif line.startswith("# "):
            parts.append(Part("section", line[2:]))
        elif line.startswith("- "):
            parts.append(Part("item", line[2:]))
        elif line.startswith("|"):
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            parts.append(Part("row", " | ".join(cells), cells))
        else:
            parts.append(Part("para", line))
    return parts


def body_html(parts: list[Part]) -> str:
    out: list[str] = []
    open_list = open_table = False
    for index, part in enumerate(parts):
        if open_list and part.kind != "item":
            out.append("</ul>")
            open_list = False
        if open_table and part.kind != "row":
            out.append("</table>")
            open_table = False
        text = html.escape(part.text)
        if part.kind == "title":
            out.append(f"<h1>{text}</h1>")
        elif part.kind == "section":
            out.append(f'<h2 class="section">{text}</h2>')
        elif part.kind == "sub":
            out.append(f"<h3>{text}</h3>")
        elif part.kind == "item":
            if not open_list:
                out.append("<ul>")
                open_list = True
            out.append(f"<li>{text}</li>")
        elif part.kind == "row":
            first = not open_table
            if first:
                out.append("<table>")
                open_table = True
            tag = (
                "th"
                if first and index + 1 < len(parts) and parts[index + 1].kind == "row"
                else "td"
            )
            if all(c in ("Chair", "Members", "Reports to") for c in part.cells[:1]):
                tag = "td"
            cells = "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in part.cells)
            out.append(f"<tr>{cells}</tr>")
        else:
            out.append(f"<p>{text}</p>")
    if open_list:
        out.append("</ul>")
    if open_table:
        out.append("</table>")
    return "\n".join(out)


PRINT_CSS = """
@page { size: A4; margin: 20mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 11pt; line-height: 1.35; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 13pt; }
h2.section { break-before: page; }
table { border-collapse: collapse; margin: 6pt 0; }
td, th { border: 1px solid #444; padding: 3pt 10pt; text-align: left; }
"""

SITE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="https://cdn.example.org/site.css">
<script src="https://analytics.example.org/tag.js"></script>
<script>window.dataLayer = [{{"page": "constitution"}}]; document.write("Board Committees Chair");</script>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve this website. The Board would like
your consent.</p><button>Accept all cookies</button><button>Reject</button></div>
<a class="skip-link" href="#content">Skip to main content</a>
<header class="site-header"><img src="https://cdn.example.org/logo.png" alt="NHS logo">
<nav aria-label="Main menu"><ul><li><a href="/">Home</a></li><li><a href="/board">Our Board</a></li>
<li><a href="/committees">Committees of the Board</a></li><li><a href="/constitution">Constitution</a></li></ul></nav></header>
<nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li>About us</li><li>Constitution</li></ol></nav>
<main id="content">
{body}
</main>
<aside class="related"><h2>Related pages</h2><ul><li>Board meetings and papers</li><li>Register of interests</li></ul></aside>
<footer class="site-footer"><p>© NHS example ICB. The Board meets in public.</p><ul><li>Accessibility</li>
<li>Privacy and cookies</li></ul></footer>
<iframe src="https://video.example.org/embed/1"></iframe>
<script>fetch("https://tracker.example.org/beacon");</script>
</body></html>
"""


def web_pages(name: str, parts: list[Part]) -> dict[str, str]:
    """One page, or (SPLIT_WEB) one page per section, the title on the first."""
    if name not in SPLIT_WEB:
        return {
            f"{name}.html": SITE.format(title=html.escape(parts[0].text), body=body_html(parts))
        }
    pages: list[list[Part]] = [[]]
    for part in parts:
        if part.kind == "section" and pages[-1] and any(p.kind == "section" for p in pages[-1]):
            pages.append([])
        pages[-1].append(part)
    return {
        f"{name}-{number:02d}.html": SITE.format(
            title=html.escape(page[0].text), body=body_html(page)
        )
        for number, page in enumerate(pages, 1)
    }


def text_form(parts: list[Part]) -> str:
    lines: list[str] = []
    for part in parts:
        if part.kind in ("title", "section"):
            lines += [
                "",
                part.text,
                "=" * min(len(part.text), 72) if part.kind == "title" else "",
                "",
            ]
        elif part.kind == "sub":
            lines += ["", part.text, ""]
        elif part.kind == "item":
            lines.append(f"  \u2022 {part.text}")
        elif part.kind == "row":
            lines.append(" | ".join(part.cells))
        else:
            lines += ["", part.text, ""]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def word_form(parts: list[Part], path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.author = "icscheck sample"
    table = None
    for part in parts:
        if part.kind != "row":
            table = None
        if part.kind == "title":
            document.add_heading(part.text, level=0)
        elif part.kind == "section":
            document.add_heading(part.text, level=1)
        elif part.kind == "sub":
            document.add_heading(part.text, level=2)
        elif part.kind == "item":
            document.add_paragraph(part.text, style="List Bullet")
        elif part.kind == "row":
            if table is None:
                table = document.add_table(rows=0, cols=len(part.cells))
                table.style = "Table Grid"
            cells = table.add_row().cells
            for cell, text in zip(cells, part.cells, strict=False):
                cell.text = text
        else:
            document.add_paragraph(part.text)
    document.save(str(path))


def pdf_form(title: str, parts: list[Part], path: Path) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    page = f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title><style>{PRINT_CSS}</style></head><body>{body_html(parts)}</body></html>'
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "print.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={path}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def build(name: str) -> None:
    parts = parse((SOURCES / f"{name}.md").read_text(encoding="utf-8"))
    (HERE / "web").mkdir(exist_ok=True)
    for page, text in web_pages(name, parts).items():
        (HERE / "web" / page).write_text(text, encoding="utf-8")
    (HERE / f"{name}.txt").write_text(text_form(parts), encoding="utf-8")
    word_form(parts, HERE / f"{name}.docx")
    pdf_form(parts[0].text, parts, HERE / f"{name}.pdf")


def main() -> None:
    names = sys.argv[1:] or sorted(p.stem for p in SOURCES.glob("*.md"))
    for name in names:
        build(name)
        print(f"built {name}")


if __name__ == "__main__":
    main()
