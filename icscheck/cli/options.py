"""Options several commands share, and the one way they become a run context.

``validate``, ``map`` and ``diff`` all read the configuration (files, then
flags) through ``prepare``, so a setting means the same in each; ``--date``
is read here and nowhere else, so the clock is consulted once per run.
``--output`` is checked here before anything runs (``check_output``): never
an input, never a folder, never an empty name.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

# Typer (pinned below 0.29, pyproject.toml) carries its own click; its string type is the
# one a plain str argument gets, so only its --help metavar changes here.
from typer._click.types import StringParamType

from icscheck.errors import UsageError
from icscheck.untrusted import line

if TYPE_CHECKING:
    from icscheck.config import Flags
    from icscheck.run import Run


class _Words(StringParamType):
    """Text, shown in --help by its metavar alone: Typer otherwise adds ``<str>`` beside
    every argument's metavar (issue 12: "metavars in three casings, with <str> everywhere")."""

    def get_metavar(self, param: Any, ctx: Any = None) -> str:
        return ""


WORDS: Any = _Words()
"""The ``click_type`` of every command's positional arguments."""

# The help's option groups, the same in every command.
OUTPUT, SELECTION, FILES, CACHE, SETTINGS = "Output", "Rule selection", "Files", "Cache", "Settings"


def format_option(choices: type[StrEnum], default: str) -> Any:
    """``--format/-f``, as every command that has one shows it: FORMAT, its choices in
    words (a list of choices as a metavar breaks mid-word at 80 columns), its default."""
    names = [str(choice) for choice in choices]
    listed = ", ".join(names[:-1]) + " or " + names[-1]
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {listed}. \\[default: {default}]",
        case_sensitive=False,
        show_default=False,
        rich_help_panel=OUTPUT,
    )


def select_option(help: str) -> Any:
    """``--select RULES``: IDs or families, completed from the catalogue."""
    from icscheck.cli import complete

    return typer.Option(
        "--select",
        metavar="RULES",
        help=help,
        rich_help_panel=SELECTION,
        autocompletion=complete.selectors,
    )


def ignore_option(help: str) -> Any:
    """``--ignore RULES``: IDs or families, completed from the catalogue."""
    from icscheck.cli import complete

    return typer.Option(
        "--ignore",
        metavar="RULES",
        help=help,
        rich_help_panel=SELECTION,
        autocompletion=complete.selectors,
    )


def strict_option(help: str) -> Any:
    """``--strict``, the same as ``--fail-on warning``."""
    return typer.Option("--strict", help=help, rich_help_panel=SELECTION)


def fail_on_option(help: str) -> Any:
    """``--fail-on LEVEL``: error, warning or never (icscheck/result.py ``FailOn``)."""
    return typer.Option(
        "--fail-on",
        metavar="LEVEL",
        help=help,
        case_sensitive=False,
        show_default=False,
        rich_help_panel=SELECTION,
    )


OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the output to this file instead of stdout; - means stdout.",
        rich_help_panel=OUTPUT,
        # Text, not a Path: a Path drops a trailing "/" and reads "" as ".", and the
        # name must be judged as given (check_output). No dir_okay=False either:
        # a directory is refused in one line, as errors go.
    ),
]
"""``--output FILE``, as every command that prints a report or a picture takes it."""

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Read settings from this file (.icscheck.toml or pyproject.toml).",
        dir_okay=False,
        rich_help_panel=SETTINGS,
    ),
]
IsolatedOption = Annotated[
    bool,
    typer.Option("--isolated", help="Ignore every configuration file.", rich_help_panel=SETTINGS),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Check as on this date (waivers expire against it). \\[default: today]",
        show_default=False,
        rich_help_panel=SETTINGS,
    ),
]


def check_date(text: str | None) -> _dt.date:
    """``--date``, or today when it is not given."""
    if text is None:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date: {text!r} is not a date (YYYY-MM-DD)") from None


def prepare(
    config: Path | None, isolated: bool, date: str | None, flags: Flags | None = None
) -> Run:
    """The run context: the configuration from the working directory, the flags, the date."""
    from icscheck.config import Flags
    from icscheck.config_file import resolve
    from icscheck.run import Run

    settings = resolve(Path.cwd(), config=config, isolated=isolated, flags=flags or Flags())
    # The environment is read here, once: whether this is CI, where the cache and its key are.
    run = Run.prepare(settings, check_date(date), os.environ)
    for warning in run.warnings:
        typer.echo(line(f"icscheck: warning: {warning}"), err=True)
    return run


def read_stdin(limit: int) -> bytes:
    """Standard input, at most one byte over ``limit`` (so "too big" can be told)."""
    return sys.stdin.buffer.read(limit + 1)


STDOUT = "-"


def check_output(output: str | None, inputs: Iterable[str] = ()) -> None:
    """Refuse an ``--output`` that could only do harm, before anything runs.

    An empty name or one ending in a separator names no file; and the output
    may never be one of ``inputs`` (the files the command reads, a folder's
    files included), or a run would replace the constitution it reports on.
    """
    if output is None or output == STDOUT:
        return
    if not output.strip():
        raise UsageError("--output is empty: give the name of the file to write, or - for stdout")
    if output.endswith(("/", os.sep)):
        raise UsageError(f"{output} names a directory; give the name of the file to write")
    for path in inputs:
        if path != STDOUT and same_file(output, path):
            raise UsageError(
                f"--output {output} is also a file to read ({path}): the output would replace "
                "it; write the output to another file"
            )


def same_file(one: str, other: str) -> bool:
    """The same file (through links too), or, where either does not exist, the same name."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return os.path.normcase(os.path.abspath(one)) == os.path.normcase(os.path.abspath(other))


@contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """stdout, or a buffer that becomes ``path`` whole once the command has succeeded.

    ``-`` is stdout too, as for every input. A run that fails half-way (an
    exception out of the block) leaves an existing file as it was
    (``icscheck.writer``).
    """
    if path is None or path == STDOUT:
        yield sys.stdout
        return
    from icscheck.writer import write_text

    buffer = io.StringIO()
    yield buffer
    write_text(path, buffer.getvalue(), overwrite=True)


def refuse_partial(path: str | None, code: int) -> None:
    """Inside ``output_stream``: a run that could not check every file writes no file.

    The report of a run that ends in exit 2 (a file missing or unreadable, the
    files named in the wrong order) must not replace a file the user has.
    """
    if path is not None and path != STDOUT and code >= 2:
        raise UsageError(f"{path}{PARTIAL}")


PARTIAL = ": not written, because not every file could be checked"
"""What follows a report file's name when ``refuse_partial`` refuses it."""
