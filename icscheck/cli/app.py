"""The Typer application every command registers on, and the console-script entry point.

Each command lives in a module of its own under icscheck/cli/; option parsing
stays there and the work is done by the core. Every error a user can cause
ends as one line on stderr and an exit code from ``errors.ExitCode``, never as
a traceback.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn, TextIO

import typer

from icscheck import __version__
from icscheck.errors import ExitCode, IcscheckError

app = typer.Typer(
    name="icscheck",
    help="Check an NHS integrated care board constitution against the statutory minimum "
    "and NHS England's guide rails.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icscheck {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check ICB constitutions kept as YAML."""


def fail(error: IcscheckError) -> NoReturn:
    """Report ``error`` as one line on stderr and exit with its code."""
    typer.echo(f"icscheck: error: {error}", err=True)
    raise typer.Exit(error.exit_code)


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the output to this file instead of stdout; - means stdout.",
        # No dir_okay=False: icscheck.writer refuses a directory in one line, as errors go.
    ),
]
"""``--output FILE``, as every command that prints a report or a picture takes it."""


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a buffer that becomes ``path`` whole once the command has succeeded.

    ``-`` is stdout too, as for every input. A run that fails half-way leaves
    an existing report as it was (``icscheck.writer``).
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    from icscheck.writer import write_text

    buffer = io.StringIO()
    yield buffer
    write_text(str(path), buffer.getvalue(), overwrite=True)


def main() -> None:
    """Console-script entry point: map every icscheck error to its exit code."""
    # Imported for their side effect: each module registers its command on ``app``.
    from icscheck.cli import commands  # noqa: F401

    # A terminal or pipe that cannot encode a character (LANG=C, a legacy code
    # page) gets an escape for it rather than a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        app()
    except IcscheckError as error:
        typer.echo(f"icscheck: error: {error}", err=True)
        sys.exit(error.exit_code)
