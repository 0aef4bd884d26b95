"""``icscheck schema``: print the constitution format's JSON Schema, for editors and tools.

The schema is self-contained (its only references point inside it), so an
editor can use the printed file on its own: docs/editors.md.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from icscheck.cli.app import app, fail
from icscheck.errors import IcscheckError


@app.command()
def schema(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the schema to FILE (replacing it), not stdout.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the constitution format (Draft 2020-12).

    Point the YAML language server at it for completion and inline errors
    while editing; icscheck validate checks the rules a schema cannot say.
    """
    from icscheck.schemas import FORMAT_SCHEMA, load_schema
    from icscheck.writer import write_text

    text = json.dumps(load_schema(FORMAT_SCHEMA), indent=2, ensure_ascii=False) + "\n"
    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    try:
        write_text(output, text, overwrite=True)
    except IcscheckError as error:
        fail(error)
