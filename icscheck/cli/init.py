"""``icscheck init``: write a commented starter constitution, to be completed.

The starter and the safe write are the core's (``icscheck.starter``, ``icscheck.writer``); this
module parses options and tells the user what to do next.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from icscheck.cli.options import WORDS
from icscheck.errors import UsageError

STDOUT = "-"


def init(
    path: Annotated[
        str,
        typer.Argument(
            help="The file to write, or - for standard output.", metavar="PATH", click_type=WORDS
        ),
    ] = "constitution.yaml",
    icb: Annotated[
        str | None,
        typer.Option(
            "--icb", metavar="NAME", help="The ICB's name, for icb.name.", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite PATH if it already exists.")
    ] = False,
) -> None:
    """Write a commented starter constitution that passes icscheck by default.

    Each value to fill in is marked [TO COMPLETE: ...], and FMT-003 warns of
    each one left, so the starter fails --strict until it is complete. An
    existing PATH is left alone unless --force is given.
    """
    from icscheck import starter
    from icscheck.writer import write_text

    if not path:
        raise UsageError("PATH is empty: give the name of the file to write, or - for stdout")
    text = starter.render(icb)
    if path == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    if not path.endswith(("/", os.sep)):  # a name ending so is refused by write_text
        _make_folder(Path(path).parent)
    write_text(path, text, overwrite=force)
    schema = str(Path(path).parent / starter.SCHEMA_FILE)
    typer.echo(
        f"Wrote {path}: a starter constitution that passes icscheck; until every value marked"
        " [TO COMPLETE: ...] is filled in, FMT-003 warns of each, so --strict fails it.\n"
        "Next:\n"
        f"  1. Fill in the {starter.placeholders(text)} lines marked [TO COMPLETE: ...]:"
        f" grep -n 'TO COMPLETE' {_argument(path)}\n"
        f"  2. For completion and inline errors in your editor:"
        f" icscheck schema -o {_argument(schema)}\n"
        f"  3. Check it: icscheck validate {_argument(path)}"
    )


def _make_folder(folder: Path) -> None:
    """The folder to write into, made if missing (``init governance/constitution.yaml``)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"{folder}: cannot make the folder: a file has that name") from None
    except OSError as error:
        raise UsageError(f"{folder}: cannot make the folder: {error.strerror}") from None


def _argument(path: str) -> str:
    """``path`` as one shell word that no command takes for an option."""
    return shlex.quote(f"./{path}" if path.startswith("-") else path)
