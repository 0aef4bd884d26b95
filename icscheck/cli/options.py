"""Options several commands share, and the one way they become a run context.

``validate``, ``map`` and ``diff`` all read the configuration (files, then
flags) through ``prepare``, so a setting means the same in each; ``--date``
is read here and nowhere else, so the clock is consulted once per run.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from icscheck.errors import UsageError

if TYPE_CHECKING:
    from icscheck.config import Flags
    from icscheck.run import Run

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

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Read settings from this file (.icscheck.toml or pyproject.toml).",
        dir_okay=False,
    ),
]
IsolatedOption = Annotated[
    bool, typer.Option("--isolated", help="Ignore every configuration file.")
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Check as on this date (waivers expire against it). [default: today]",
        show_default=False,
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
    from icscheck.config import Flags, resolve
    from icscheck.run import Run

    settings = resolve(Path.cwd(), config=config, isolated=isolated, flags=flags or Flags())
    return Run.prepare(settings, check_date(date))


def read_stdin(limit: int) -> bytes:
    """Standard input, at most one byte over ``limit`` (so "too big" can be told)."""
    return sys.stdin.buffer.read(limit + 1)


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
