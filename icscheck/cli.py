"""The command line: parse options, run the engine, hand the report to a reporter.

Option parsing (Typer) stays here; the work is in ``engine``; output is the
reporters'. Every error a user can cause ends as one line on stderr and an
exit code from ``errors.ExitCode``, never as a traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

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


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


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
) -> None:
    """Check each FILE and report every gap, with its location, rule, severity and source.

    Exit codes: 0 no error-level findings; 1 error-level findings (or warnings
    with --strict); 2 usage error, or a file that cannot be read or parsed.
    """
    from icscheck.engine import check_files
    from icscheck.reporters import REPORTERS

    report = check_files(files, strict=strict)
    for result in report.files:
        if result.error is not None:
            typer.echo(f"icscheck: error: {result.error}", err=True)
    REPORTERS[output_format.value](sys.stdout).write(report)
    raise typer.Exit(report.exit_code)


def main() -> None:
    """Console-script entry point: map every icscheck error to its exit code."""
    try:
        app()
    except IcscheckError as error:
        typer.echo(f"icscheck: error: {error}", err=True)
        sys.exit(error.exit_code)
