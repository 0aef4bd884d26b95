"""A picture of the governance structure a checked constitution sets up, gaps highlighted.

``mermaid(result)`` gives Mermaid flowchart source (GitHub and the markdown
report render it); ``svg(result)`` gives one standalone ``<svg>`` element (the
HTML report embeds it). Both draw the same picture (icscheck/diagram/picture.py):
the board and its members by role, the committees by reporting line, the place
partnerships and the decision map per decider. An element is highlighted when
an open finding's node is that element's node or below it; board-level
findings highlight the board; any other finding is named in the key.

The drawings are in to_mermaid.py and to_svg.py (not mermaid.py and svg.py:
a submodule of that name would replace the function of the same name here).
Pure Python, no network, no layout engine.
"""

from __future__ import annotations

from icscheck.result import FileResult

__all__ = ["mermaid", "svg", "svg_pages"]


def mermaid(result: FileResult) -> str:
    """Mermaid flowchart source (``flowchart TD``, no ``` fences).

    ValueError if ``result`` has no structure (the file could not be checked).
    """
    from icscheck.diagram import to_mermaid
    from icscheck.diagram.picture import picture

    return to_mermaid.render(picture(result))


def svg(result: FileResult) -> str:
    """One standalone ``<svg>`` element: no XML prolog, no external reference.

    ValueError if ``result`` has no structure (the file could not be checked).
    """
    from icscheck.diagram import to_svg
    from icscheck.diagram.picture import picture

    return to_svg.render(picture(result), result.path)


def svg_pages(result: FileResult) -> list[str]:
    """The picture ``svg`` draws, as one ``<svg>`` element per part (board, committees,
    places, decision map), for a printed page each (the HTML report).

    ValueError if ``result`` has no structure (the file could not be checked).
    """
    from icscheck.diagram import to_svg
    from icscheck.diagram.picture import picture

    return to_svg.render_pages(picture(result), result.path)
