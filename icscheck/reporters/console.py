"""The Rich console every terminal report writes through (``validate``'s text, ``diff``'s).

One place decides colour: plain text when the stream is not a terminal or
NO_COLOR is set, unless the caller forces it. Rich is imported only here, when
a report is written.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

from icscheck.untrusted import log

if TYPE_CHECKING:
    from rich.console import Console


def console(stream: TextIO, color: bool | None = None, width: int | None = None) -> Console:
    """A Rich console on ``stream``; ``color`` True or False forces colour, None decides."""
    from rich.console import Console

    no_color = "NO_COLOR" in os.environ if color is None else not color
    return Console(
        file=stream,
        width=width,
        no_color=no_color,
        # NO_COLOR asks for plain text: no bold or underline either.
        color_system=None if no_color else "auto",
        force_terminal=True if color else None,
        highlight=False,
        emoji=False,
    )


def plain_lines(text: str) -> list[str]:
    """Captured console output, line by line, without the padding Rich adds, safe for a log.

    Rich pads every line to the full width; trailing spaces help no reader and
    make a copied report ragged, so they go. Each line as wrapped is what a
    CI log reads, so it is checked there (``untrusted.log``): a long value
    wrapped onto a line of its own must not begin a workflow command.
    """
    return [log(line.rstrip()) + "\n" for line in text.splitlines()]
