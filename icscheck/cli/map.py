"""``icscheck map FILE``: a picture of the governance structure, as Mermaid or SVG.

The file is checked the way ``validate`` checks it (the engine, every rule,
default settings), so that the picture can mark each gap; the drawing is
icscheck/diagram/. docs/map.md describes it.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from icscheck.cli.app import OutputOption, app, fail, output_stream
from icscheck.errors import IcscheckError, UsageError


class MapFormat(StrEnum):
    MERMAID = "mermaid"
    SVG = "svg"


@app.command("map")
def map_(
    file: Annotated[
        str,
        typer.Argument(
            help="A constitution file (YAML), or - for standard input.", show_default=False
        ),
    ],
    output_format: Annotated[
        MapFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = MapFormat.MERMAID,
    output: OutputOption = None,
) -> None:
    """Draw the board and its members, the committees, the places and the decision map, gaps in red.

    Mermaid (the default) renders on GitHub and in markdown; SVG is one
    standalone image. Exit codes: 0 the picture was made (the map shows gaps
    but is not a gate: use validate for that); 2 usage error, or a file that
    cannot be read or parsed.
    """
    try:
        picture = _draw(file, output_format)
        with output_stream(output) as stream:
            stream.write(picture)
    except IcscheckError as error:
        fail(error)


def _draw(path: str, output_format: MapFormat) -> str:
    from icscheck.config import Settings
    from icscheck.diagram import mermaid, svg
    from icscheck.engine import STDIN, check_files

    if path != STDIN and Path(path).is_dir():
        raise UsageError(f"{path}: is a directory; map draws one file")
    settings = Settings()
    stdin = sys.stdin.buffer.read(settings.max_bytes + 1) if path == STDIN else b""
    result = check_files([path], settings, stdin=stdin).files[0]
    if result.error is not None:
        raise result.error
    if output_format is MapFormat.SVG:
        return svg(result) + "\n"
    return mermaid(result)
