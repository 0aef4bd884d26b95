"""The SVG drawing primitives: sizes, colours, escaping, and one box drawn at a time.

to_svg.py lays the picture out with these. Every string from the file goes
through ``escape``/``quoteattr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from icscheck.diagram import measure
from icscheck.diagram.boxes import Box, Line
from icscheck.untrusted import text as shown

FONT = 13
LINE = 17
PAD = 8
COL = 224
GAP = 16
COLS = 3
"""Three boxes a row keeps the picture 784 wide: printed across A4's 180 mm (680 CSS px)
its 13 px text is 11.3 px, 8.5 pt, over the 8 pt a printed page needs to be read."""
MARGIN = 40
RAIL = MARGIN - 4
"""x of the trunk the top-level committees hang from: inside the board's frame (which
starts at MARGIN - 8), left of every box below it."""
INDENT = 18
MAX_DEPTH = 4
WIDTH = 2 * MARGIN + COLS * COL + (COLS - 1) * GAP
CONTENT = WIDTH - 2 * MARGIN

TEXT = "#1f2328"
GAP_TEXT = "#8c1d18"
LINES = "#57606a"
PAGE = "#ffffff"
# (fill, stroke) per kind of box. Text (TEXT, or GAP_TEXT on the gap fill) has
# a contrast ratio of at least 4.5:1 on every fill (WCAG AA; tests check it).
KINDS = {
    "frame": ("#f3f6fb", "#1d4f91"),
    "board": ("#dbe7f6", "#1d4f91"),
    "group": ("#ffffff", "#57606a"),
    "committee": ("#e8f1fb", "#1d5fa8"),
    "place": ("#eaf6ec", "#2f7d3b"),
    "decisions": ("#fff8e6", "#9a6700"),
    "gap": ("#fdecea", "#b3261e"),
}

# Every string from the file is shown as icscheck.untrusted shows text (control
# characters, which XML cannot hold or a reader should not be sent, as escapes).


def escape(text: str) -> str:
    return _escape(shown(text))


def quoteattr(text: str) -> str:
    return _quoteattr(shown(text))


def wrap(text: str, width: float, bold: bool = False, indent: float = 0) -> list[str]:
    # Measured as shown: an escape is wider than the character it stands for.
    return measure.wrap(shown(text), width - 2 * PAD, FONT, bold, indent)


@dataclass
class Canvas:
    """The drawing so far: SVG fragments, and how far down it reaches."""

    parts: list[str] = field(default_factory=list)
    bottom: float = 0

    def text(self, x: float, y: float, text: str, bold: bool = False, fill: str = TEXT) -> None:
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text x="{x:g}" y="{y:g}" font-size="{FONT}"{weight} fill="{fill}">'
            f"{escape(text)}</text>"
        )

    def line(self, *points: tuple[float, float]) -> None:
        path = " ".join(f"{x:g},{y:g}" for x, y in points)
        self.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{LINES}" stroke-width="1.5"/>'
        )

    def rect(self, x: float, y: float, w: float, h: float, kind: str, width: float = 1) -> None:
        fill, stroke = KINDS[kind]
        self.parts.append(
            f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="6" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width:g}"/>'
        )
        self.bottom = max(self.bottom, y + h)


def _tooltip(box: Box | Line) -> str:
    messages = [escape(f"{f.rule}: {f.message}") for f in box.gaps]
    return f"<title>{chr(10).join(messages)}</title>" if messages else ""


def open_group(canvas: Canvas, box: Box | Line, kind: str, gap: bool) -> None:
    attrs = f" class={quoteattr('gap' if gap else kind)}"
    if box.node:
        attrs += f" data-node={quoteattr(box.node)}"
    canvas.parts.append(f"<g{attrs}>{_tooltip(box)}")


def box_height(box: Box, width: float, bullet: bool = False) -> float:
    lines = len(wrap(box.title, width, bold=True))
    lines += sum(len(_lines(line, width, bullet)) for line in box.lines)
    lines += 1 if box.note else 0
    return 2 * PAD + lines * LINE


BULLET = "\u2022 "


def _lines(line: Line, width: float, bullet: bool) -> list[str]:
    """``line`` wrapped; after a bullet, the lines after the first are indented past it."""
    if not bullet:
        return wrap(line.shown, width)
    return wrap(BULLET + line.shown, width, indent=measure.width(BULLET, FONT))


def draw_box(canvas: Canvas, box: Box, x: float, y: float, w: float, bullet: bool = False) -> None:
    """``box`` at (x, y), ``w`` wide: title, lines (gap lines tinted), its own gap note."""
    gap = box.is_gap
    open_group(canvas, box, box.kind, gap)
    kind = "gap" if gap and box.kind != "frame" else box.kind
    canvas.rect(x, y, w, box_height(box, w, bullet), kind, 3 if gap else 1)
    baseline = y + PAD + FONT
    for part in wrap(box.title, w, bold=True):
        canvas.text(x + PAD, baseline, part, bold=True)
        baseline += LINE
    for line in box.lines:
        parts = _lines(line, w, bullet)
        if line.gaps:
            open_group(canvas, line, "line", True)
            top = baseline - FONT - 2
            canvas.rect(x + 3, top, w - 6, len(parts) * LINE + 1, "gap")
        for number, part in enumerate(parts):
            dx = measure.width(BULLET, FONT) if bullet and number else 0
            canvas.text(x + PAD + dx, baseline, part, fill=GAP_TEXT if line.gaps else TEXT)
            baseline += LINE
        if line.gaps:
            canvas.parts.append("</g>")
    if box.note:
        canvas.text(x + PAD, baseline, box.note, bold=True, fill=GAP_TEXT)
    canvas.parts.append("</g>")
