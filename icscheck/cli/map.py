"""``icscheck map FILE``: a picture of the governance structure, as Mermaid or SVG.

The file is checked the way ``validate`` checks it (the engine, and the same
configuration and flags), so that the picture can mark each gap; the drawing is
icscheck/diagram/. docs/map.md describes it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from icscheck.cli.options import (
    WORDS,
    ConfigOption,
    DateOption,
    IsolatedOption,
    OutputOption,
    check_output,
    format_option,
    output_stream,
    prepare,
    read_stdin,
)
from icscheck.errors import UsageError


class MapFormat(StrEnum):
    MERMAID = "mermaid"
    SVG = "svg"


def map_(
    file: Annotated[
        str,
        typer.Argument(
            help="A constitution file (YAML), or - for standard input.",
            show_default=False,
            metavar="FILE",
            click_type=WORDS,
        ),
    ],
    output_format: Annotated[
        MapFormat,
        format_option(MapFormat, "mermaid"),
    ] = MapFormat.MERMAID,
    output: OutputOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    date: DateOption = None,
) -> None:
    """Draw the board and its members, the committees, the places and the decision map, gaps in red.

    Mermaid (the default) renders on GitHub and in markdown; SVG is one
    standalone image. Exit codes: 0 the picture was made (the map shows gaps
    but is not a gate: use validate for that); 2 usage error, or a file that
    cannot be read or parsed.
    """
    from icscheck.diagram import mermaid, svg
    from icscheck.engine import STDIN, check_files

    if file != STDIN and Path(file).is_dir():
        raise UsageError(f"{file}: is a directory; map draws one file")
    check_output(output, [file])
    run = prepare(config, isolated, date)
    stdin = read_stdin(run.settings.max_bytes) if file == STDIN else b""
    result = check_files([file], run, stdin=stdin).files[0]
    if result.error is not None:
        raise result.error
    picture = svg(result) + "\n" if output_format is MapFormat.SVG else mermaid(result)
    with output_stream(output) as stream:
        stream.write(picture)
