"""``icscheck draft``: read the constitution an ICB publishes and write a format 2 draft of it.

The reading and drafting are the core's (``icscheck.documents``); the safe
write is ``icscheck.writer``'s, as for ``init``. The draft goes to stdout
unless ``-o`` names a file, and the summary (facts found per section, facts
unknown, sections not found) always to stderr, so a redirect catches only YAML.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from icscheck.cli.options import WORDS
from icscheck.errors import UsageError

STDOUT = "-"


def _size(text: str) -> int:
    from icscheck.config import parse_size

    try:
        return parse_size(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def draft(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="The constitution and any governance handbook: .pdf, .docx, .html/.htm "
            "(a saved page, or several section pages) or .txt files, in any mix.",
            metavar="SOURCE...",
            click_type=WORDS,
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help="Write the draft here; - is stdout."),
    ] = STDOUT,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite FILE if it already exists.")
    ] = False,
    max_file_size: Annotated[
        int | None,
        typer.Option(
            "--max-file-size",
            parser=_size,
            metavar="SIZE",
            help="Refuse documents larger than SIZE (bytes, or e.g. 512K, 10M). \\[default: 10M]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft a format 2 constitution from the documents an ICB publishes.

    Every fact cites its document, clause and page, with a short quotation;
    what the documents do not say readably is {unknown: "where it looked"}.
    Nothing is fetched or run. Exit codes: 0 drafted; 2 a document that cannot
    be read, or a usage error.
    """
    from icscheck.documents import read
    from icscheck.documents.draft import draft as make
    from icscheck.reader import MAX_BYTES
    from icscheck.writer import write_text

    if not output:
        raise UsageError("--output is empty: give the name of the file to write, or - for stdout")
    drafted = make(read(sources, max_file_size or MAX_BYTES), sources)
    if output == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(drafted.text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        write_text(output, drafted.text, overwrite=force)
    for line in drafted.summary():
        typer.echo(line, err=True)
    if output != STDOUT:
        typer.echo(f"Wrote {output}. Check it: icscheck validate {output}", err=True)
