"""How wide text will be in a sans-serif face, and wrapping it to a width, for the SVG.

There are no font metrics without a browser, so widths are estimated per
character class from Helvetica/Arial's advance widths (in em), rounded up so
that a line errs towards fitting: a box a little too wide reads better than
text running out of it.
"""

from __future__ import annotations

import unicodedata

_NARROW = dict.fromkeys("ijlI.,;:!|'`", 0.28)
_THIN = dict.fromkeys('frt()[]{}-/\\ "', 0.36)
_WIDE = dict.fromkeys("mwMW@%", 0.92)
EM = {**_NARROW, **_THIN, **_WIDE}
BOLD = 1.08
"""Bold glyphs are about this much wider."""


def em(char: str) -> float:
    """The advance width of ``char``, in em."""
    if char in EM:
        return EM[char]
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char.isupper():
        return 0.72
    if char.isdigit():
        return 0.56
    return 0.56


def width(text: str, size: float, bold: bool = False) -> float:
    """The estimated width of ``text`` at ``size`` pixels."""
    return sum(em(c) for c in text) * size * (BOLD if bold else 1)


def wrap(text: str, room: float, size: float, bold: bool = False, indent: float = 0) -> list[str]:
    """``text`` as lines no wider than ``room`` (the lines after the first: ``room - indent``).

    Breaks between words; a word wider than a whole line is broken where it
    must be. Never an empty list.
    """
    lines: list[str] = []
    current, used = "", 0.0
    scale = size * (BOLD if bold else 1)
    space = em(" ") * scale

    def limit() -> float:
        return room - (indent if lines else 0)

    # Widths add up character by character, so each is measured once: a word of a
    # million characters is broken in one pass, not re-measured for every line.
    for word in text.split():
        wide = width(word, size, bold)
        if current and used + space + wide <= limit():
            current, used = f"{current} {word}", used + space + wide
            continue
        if not current and wide <= limit():
            current, used = word, wide
            continue
        if current:
            lines.append(current)
        start, used = 0, 0.0
        for at, char in enumerate(word):
            step = em(char) * scale
            if at > start and used + step > limit():
                lines.append(word[start:at])
                start, used = at, 0.0
            used += step
        current = word[start:]
    if current or not lines:
        lines.append(current)
    return lines
