"""The map as one standalone SVG element, laid out here: no network, no layout engine.

Top down: a key; the board as a frame holding its members by role; the
committees hanging from it by reporting line (top-level committees in rows
on a rail from the board, sub-committees indented under their parent); the
committees attached to nothing; the place partnerships; the decision map as
one card per decider. Widths come from a character-count estimate, generous
for a sans-serif face, since no font metrics are available without a browser.

Every string from the file is shown as ``icscheck.untrusted`` shows text (control
characters as escapes, before it is measured) and goes through
``escape``/``quoteattr``; styling is
presentation attributes only (no <style>, no external reference), so the
element can be embedded in any page or opened on its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from icscheck.diagram import measure
from icscheck.diagram.boxes import PARTICIPANTS, Box, Picture, plural, rules
from icscheck.diagram.canvas import (
    COL,
    COLS,
    CONTENT,
    FONT,
    GAP,
    GAP_TEXT,
    INDENT,
    LINE,
    MARGIN,
    MAX_DEPTH,
    PAGE,
    RAIL,
    TEXT,
    WIDTH,
    Canvas,
    box_height,
    draw_box,
    escape,
    open_group,
    wrap,
)


def render(picture: Picture, name: str = "") -> str:
    """The whole SVG element."""
    canvas = Canvas()
    y = _heading(canvas, picture)
    y = _board(canvas, picture, y)
    y = _committees(canvas, picture, y)
    y = _places(canvas, picture, y)
    _decisions(canvas, picture, y)
    title = "Governance structure: " + picture.icb
    return _svg(canvas, _ident(picture, name), title, describe(picture))


PARTS = (
    ("committees", "the committees by reporting line"),
    ("places", "the place partnerships"),
    ("decisions", "the decision map, by decider"),
)


def render_pages(picture: Picture, name: str = "") -> list[str]:
    """The same picture as one SVG element per part (the heading and the board, then
    each of the committees, the places and the decision map that has anything to
    show), so a printed report can give each part a page of its own at a legible size
    rather than shrink the whole picture onto one."""
    ident = _ident(picture, name)
    title = "Governance structure: " + picture.icb
    canvas = Canvas()
    _board(canvas, picture, _heading(canvas, picture))
    pages = [_svg(canvas, f"{ident}-board", title, describe(picture))]
    steps = {"committees": _committees, "places": _places, "decisions": _decisions}
    for key, words in PARTS:
        canvas = Canvas()
        steps[key](canvas, picture, 0)
        if canvas.parts:
            pages.append(
                _svg(canvas, f"{ident}-{key}", f"{title}: {words}", f"Continued: {words}.")
            )
    return pages


def _ident(picture: Picture, name: str) -> str:
    digest = hashlib.sha256((name + picture.icb).encode(errors="replace")).hexdigest()
    return "icscheck-map-" + digest[:10]


def _svg(canvas: Canvas, ident: str, title: str, description: str) -> str:
    height = canvas.bottom + MARGIN
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        f'width="{WIDTH}" height="{height:g}" viewBox="0 0 {WIDTH} {height:g}" '
        f'style="max-width:100%;height:auto" font-family="sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f'<rect width="100%" height="100%" fill="{PAGE}"/>' + "".join(canvas.parts) + "</svg>"
    )


def describe(picture: Picture) -> str:
    """The picture in words, for screen readers (the SVG's <desc>)."""
    voting = [g for g in picture.groups if g.key != PARTICIPANTS]
    count = sum(len(g.lines) for g in voting)
    text = f"The board of {picture.icb} has {plural(count, 'voting member')}"
    if voting:
        text += " (" + "; ".join(f"{g.title}: {len(g.lines)}" for g in voting) + ")"
    for group in picture.groups:
        if group.key == PARTICIPANTS:
            text += f" and {plural(len(group.lines), 'non-voting participant')}"
    text += (
        f". {plural(len(picture.committees), 'committee')}, "
        f"{len(picture.children.get('board', []))} reporting to the board"
    )
    if picture.detached:
        text += f", {len(picture.detached)} attached to nothing"
    functions = sum(len(box.lines) for _, box in picture.decisions)
    text += (
        f". {plural(len(picture.places), 'place partnership')}. "
        f"The decision map has {plural(functions, 'function')}, "
        f"decided by {plural(len(picture.decisions), 'decider')}. "
    )
    gaps = picture.gap_count
    text += f"{plural(gaps, 'box', 'boxes')} marked as having gaps." if gaps else "No gaps marked."
    if picture.other_gaps:
        text += f" Gaps not shown on one box: {rules(picture.other_gaps)}."
    return text


KEY = (
    ("committee", "no gap found"),
    ("gap", "\u26a0 gap: a rule found a problem here (see the report)"),
    ("line", "reports to (a committee hangs from what it reports to)"),
)


def _section(canvas: Canvas, y: float, title: str) -> float:
    canvas.text(MARGIN, y + FONT, title, bold=True)
    return y + LINE + 6


def _heading(canvas: Canvas, picture: Picture) -> float:
    y = MARGIN / 2
    heading = "Governance structure: " + picture.icb
    for part in measure.wrap(heading, CONTENT, 18, bold=True):
        canvas.parts.append(
            f'<text x="{MARGIN}" y="{y + 18:g}" font-size="18" font-weight="bold" '
            f'fill="{TEXT}">{escape(part)}</text>'
        )
        y += 24
    y += 8
    # The key: what a plain box, a gap and the lines mean, as many to a line as fit.
    x: float = MARGIN
    for kind, label in KEY:
        width = 36 + measure.width(label, FONT) + 24
        if x > MARGIN and x + width > MARGIN + CONTENT:
            x, y = MARGIN, y + LINE + 6
        if kind == "line":
            canvas.line((x, y + LINE / 2), (x + 28, y + LINE / 2))
        else:
            canvas.rect(x, y, 28, LINE, kind, 3 if kind == "gap" else 1)
        canvas.text(x + 36, y + FONT, label)
        x += width
    y += LINE + 8
    if picture.other_gaps:
        note = "\u26a0 Gaps not shown on one box: " + rules(picture.other_gaps)
        for part in wrap(note, CONTENT):
            canvas.text(MARGIN, y + FONT, part, fill=GAP_TEXT)
            y += LINE
    return y + 12


def _grid(boxes: list[Box]) -> Iterator[tuple[list[Box], float]]:
    """Rows of up to COLS boxes, each with its tallest box's height."""
    for start in range(0, len(boxes), COLS):
        row = boxes[start : start + COLS]
        yield row, max(box_height(b, COL) for b in row)


def _board(canvas: Canvas, picture: Picture, y: float) -> float:
    """The board as a frame: its own box across the top, then its members by role."""
    board = picture.board
    head = box_height(board, CONTENT)
    groups = list(_grid(list(picture.groups)))
    inner = head + sum(GAP + h for _, h in groups) + 8
    frame = Box("frame", "frame", "")
    open_group(canvas, frame, "frame", False)
    canvas.rect(MARGIN - 8, y - 8, CONTENT + 16, inner + 8, "frame", 2)
    canvas.parts.append("</g>")
    draw_box(canvas, board, MARGIN, y, CONTENT)
    row_y = y + head + GAP
    for row, height in groups:
        for column, group in enumerate(row):
            draw_box(canvas, group, MARGIN + column * (COL + GAP), row_y, COL)
        row_y += height + GAP
    return y + inner


def _unit(picture: Picture, key: str) -> list[tuple[str, str | None, int]]:
    """A committee and, below it, every committee reporting to it: (key, parent, depth)."""
    return [(key, None, 0), *picture.below(key)]


def _draw_unit(canvas: Canvas, picture: Picture, key: str, x: float, y: float) -> float:
    """One committee with its sub-committees hanging below; returns the bottom.

    Each box goes 10 below the one drawn before it, indented by its depth (up to
    MAX_DEPTH), with a line from the bottom of its parent.
    """
    placed: dict[str, tuple[float, float]] = {}
    y -= 10
    for child, parent, depth in _unit(picture, key):
        y += 10
        shift = min(depth, MAX_DEPTH) * INDENT
        box = picture.committees[child]
        if parent is not None:
            px, pbottom = placed[parent]
            canvas.line((px + INDENT / 2, pbottom), (px + INDENT / 2, y + 14), (x + shift, y + 14))
        draw_box(canvas, box, x + shift, y, COL - shift)
        y += box_height(box, COL - shift)
        placed[child] = (x + shift, y)
    return y


def _unit_height(picture: Picture, key: str) -> float:
    return (
        sum(
            box_height(picture.committees[child], COL - min(depth, MAX_DEPTH) * INDENT) + 10
            for child, _, depth in _unit(picture, key)
        )
        - 10
    )


def _committees(canvas: Canvas, picture: Picture, y: float) -> float:
    top = picture.children.get("board", [])
    board_bottom = y
    if top:
        y = _section(canvas, y + 24, "Committees, hanging from what they report to")
        rail_top = board_bottom
        for start in range(0, len(top), COLS):
            row = top[start : start + COLS]
            bus = y + 4
            centres = [MARGIN + i * (COL + GAP) + COL / 2 for i in range(len(row))]
            canvas.line((RAIL, rail_top), (RAIL, bus), (centres[-1], bus))
            rail_top = bus
            for centre in centres:
                canvas.line((centre, bus), (centre, bus + 16))
            y = bus + 16
            height = max(_unit_height(picture, key) for key in row)
            for column, key in enumerate(row):
                _draw_unit(canvas, picture, key, MARGIN + column * (COL + GAP), y)
            y += height + 20
    if picture.detached:
        y = _section(
            canvas,
            y + 12,
            "\u26a0 Committees attached to nothing (reporting line missing, unknown or a loop)",
        )
        for start in range(0, len(picture.detached), COLS):
            row = list(picture.detached[start : start + COLS])
            height = max(_unit_height(picture, key) for key in row)
            for column, key in enumerate(row):
                _draw_unit(canvas, picture, key, MARGIN + column * (COL + GAP), y)
            y += height + 20
    return y


def _places(canvas: Canvas, picture: Picture, y: float) -> float:
    if not picture.places:
        return y
    y = _section(canvas, y + 12, "Place partnerships")
    for row, height in _grid(list(picture.places)):
        for column, place in enumerate(row):
            draw_box(canvas, place, MARGIN + column * (COL + GAP), y, COL)
        y += height + GAP
    return y


def _decisions(canvas: Canvas, picture: Picture, y: float) -> float:
    """One card per decider, in two columns, each card going in the shorter one."""
    if not picture.decisions:
        return y
    y = _section(canvas, y + 12, "Decision map: who decides what")
    width = (CONTENT - GAP) / 2
    bottoms = [y, y]
    for _, box in picture.decisions:
        column = bottoms.index(min(bottoms))
        draw_box(canvas, box, MARGIN + column * (width + GAP), bottoms[column], width, bullet=True)
        bottoms[column] += box_height(box, width, bullet=True) + GAP
    return max(bottoms)
