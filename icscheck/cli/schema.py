"""``icscheck schema``: print the constitution format's JSON Schema, for editors and tools.

The schema is self-contained (its only references point inside it), so an
editor can use the printed file on its own: docs/editors.md.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from icscheck.cli.options import OutputOption, check_output, output_stream


def schema(
    output: OutputOption = None,
    format_version: Annotated[
        int,
        typer.Option(
            "--format-version",
            metavar="VERSION",
            min=1,
            max=2,
            help="The format version whose schema to print: 1 or 2. \\[default: 2]",
            show_default=False,
        ),
    ] = 2,
) -> None:
    """Print the JSON Schema of the constitution format (Draft 2020-12).

    Point the YAML language server at it for completion and inline errors
    while editing; icscheck validate checks the rules a schema cannot say.
    """
    from icscheck.schemas import FORMAT_SCHEMA, LATEST_SCHEMA, load_schema

    check_output(output)
    name = FORMAT_SCHEMA if format_version == 1 else LATEST_SCHEMA
    text = json.dumps(load_schema(name), indent=2, ensure_ascii=False) + "\n"
    with output_stream(output) as stream:
        stream.write(text)
