"""The Typer application, every command registered on it, and the console-script entry point.

Each command lives in a module of its own under icscheck/cli/ and is a plain
function; this module registers them all, explicitly, in the order ``--help``
lists them, each wrapped in the one error boundary (``guarded``): every error
a user can cause ends as one line on stderr and an exit code from
``errors.ExitCode``, never as a traceback, and shown as
``untrusted.line`` shows text (a message names files and quotes values, which
a pull request chooses). Command modules import only Typer
and the core's light modules at import time; whatever a command needs to do
its work (the parser, the validators, Rich) it imports when it runs, so
``icscheck --version`` stays cheap.
"""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from icscheck import __version__
from icscheck.cli import config, diff, draft, init, map, migrate, rules, schema, validate
from icscheck.errors import ExitCode, IcscheckError
from icscheck.untrusted import line

F = TypeVar("F", bound=Callable[..., Any])


def guarded(command: F) -> F:
    """``command``, with every IcscheckError it raises reported as one line and its exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except IcscheckError as error:
            typer.echo(line(f"icscheck: error: {error}"), err=True)
            raise typer.Exit(error.exit_code) from None

    return run  # type: ignore[return-value]


app = typer.Typer(
    name="icscheck",
    help="Check an NHS integrated care board constitution against the statutory minimum "
    "and NHS England's guide rails.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EPILOGS = {"validate": validate.EPILOG}
"""Examples shown at the end of a command's --help."""

COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("validate", validate.validate),
    ("rules", rules.list_rules),
    ("rule", rules.show_rule),
    ("init", init.init),
    ("schema", schema.schema),
    ("map", map.map_),
    ("diff", diff.diff),
    ("migrate", migrate.migrate),
    ("draft", draft.draft),
    ("config", config.show_config),
)
for _name, _command in COMMANDS:
    app.command(_name, epilog=EPILOGS.get(_name))(guarded(_command))


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


def main() -> None:
    """Console-script entry point."""
    # A terminal or pipe that cannot encode a character (LANG=C, a legacy code
    # page) gets an escape for it rather than a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    app()
