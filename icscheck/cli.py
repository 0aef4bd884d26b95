"""The command line: parse options, run the engine, hand the report to a reporter.

Option parsing (Typer) stays here; the work is in ``engine``; output is the
reporters'. Every error a user can cause ends as one line on stderr and an
exit code from ``errors.ExitCode``, never as a traceback.
"""

from __future__ import annotations

import io
import re
import sys
from enum import StrEnum
from typing import Annotated

import typer

from icscheck import __version__
from icscheck.errors import ExitCode, IcscheckError
from icscheck.reader import MAX_BYTES

app = typer.Typer(
    name="icscheck",
    help="Check an NHS integrated care board constitution against the statutory minimum "
    "and NHS England's guide rails.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str | int) -> int:
    """Parse ``--max-file-size``: bytes, or a number with K, M or G (binary multiples)."""
    if isinstance(text, int):  # Typer passes the default through the parser too
        return text
    match = re.fullmatch(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", text, re.IGNORECASE)
    if match is None or int(match[1]) == 0:
        raise typer.BadParameter(f"{text!r} is not a size such as 10M, 512K or 1048576")
    return int(match[1]) * _UNITS[match[2].lower()]


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


@app.command()
def validate(
    files: Annotated[
        list[str],
        typer.Argument(help="Constitution files (YAML) to check.", show_default=False),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = OutputFormat.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings as well as errors.")
    ] = False,
    max_file_size: Annotated[
        int,
        typer.Option(
            "--max-file-size",
            parser=_size,
            metavar="SIZE",
            help="Refuse files larger than SIZE (bytes, or e.g. 512K, 10M). [default: 10M]",
            show_default=False,
        ),
    ] = MAX_BYTES,
) -> None:
    """Check each FILE and report every gap, with its location, rule, severity and source.

    Exit codes: 0 no error-level findings; 1 error-level findings (or warnings
    with --strict); 2 usage error, or a file that cannot be read or parsed.
    """
    from icscheck.engine import check_files
    from icscheck.reporters import REPORTERS

    report = check_files(files, strict=strict, max_bytes=max_file_size)
    for result in report.files:
        if result.error is not None:
            typer.echo(f"icscheck: error: {result.error}", err=True)
    REPORTERS[output_format.value](sys.stdout).write(report)
    raise typer.Exit(report.exit_code)


def main() -> None:
    """Console-script entry point: map every icscheck error to its exit code."""
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
