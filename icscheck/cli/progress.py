"""The progress bar a long batch shows on stderr (issue 12: "300 files take 30 s with no
progress").

The engine never prints: it tells ``engine.check_files``'s ``on_checked`` of each
result, and ``Progress`` here draws the bar. The bar is for a person at a terminal
only: never in a CI log (``CI`` set), never when stderr is a pipe or a file, never
with ``-q``, and only once the batch has run for ``DELAY`` seconds, so a quick run
(one file, a warm cache) shows nothing at all. It is transient: it clears itself
before the report is written, and Rich is imported only when it is drawn.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from icscheck.cache import on_ci
from icscheck.result import FileResult

if TYPE_CHECKING:
    import rich.progress

DELAY = 1.0
"""Seconds a batch runs before its bar is drawn: about the point where a silent wait
starts to look like a hang."""


def wanted(*, terminal: bool, ci: bool, quiet: bool, elapsed: float) -> bool:
    """Whether to draw the bar now: at a terminal, outside CI, without -q, after DELAY."""
    return terminal and not ci and not quiet and elapsed >= DELAY


class Progress:
    """``on_checked`` for ``engine.check_files``: counts results, and draws a bar on
    ``stream`` once ``wanted`` says so. Use as a context manager, so the bar is cleared
    whatever happens."""

    def __init__(
        self,
        total: int,
        *,
        quiet: bool,
        stream: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.done = 0
        self.stream = sys.stderr if stream is None else stream
        self.quiet = quiet
        self.ci = on_ci(os.environ if environ is None else environ)
        self.clock = clock
        self.started = clock()
        self._bar: rich.progress.Progress | None = None
        self._task: rich.progress.TaskID | None = None

    @property
    def drawn(self) -> bool:
        """Whether the bar is on the terminal now."""
        return self._bar is not None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __call__(self, result: FileResult) -> None:
        self.done += 1
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=self.done)
            return
        if self.done < self.total and wanted(
            terminal=_is_terminal(self.stream),
            ci=self.ci,
            quiet=self.quiet,
            elapsed=self.clock() - self.started,
        ):
            self._start()

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        console = Console(file=self.stream, stderr=True)
        self._bar = bar = Bar(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        bar.start()
        self._task = bar.add_task("checking", total=self.total, completed=self.done)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False
