"""Where ``validate``'s reports go: ``--format NAME[:FILE]`` parsed into outputs, a
reporter made for each with what it needs, and each report written whole to its file or
stdout (``-q`` and ``--statistics`` take stdout's place)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

import typer

from icscheck.cli.options import PARTIAL, STDOUT, output_stream, refuse_partial, same_file
from icscheck.config import FORMATS
from icscheck.errors import UsageError
from icscheck.result import Report

if TYPE_CHECKING:
    from icscheck.reporters.base import Reporter
    from icscheck.reporters.sarif import SarifOptions
    from icscheck.repository import Root

Output = tuple[str, str | None]
"""A format and its file (None: stdout)."""

RECORDS_UNREADABLE = frozenset(
    {"text", "concise", "github", "json", "sarif", "junit", "gitlab", "markdown", "html"}
)
"""The reports that carry a file that could not be read as a result of its own (a SARIF
``icscheck/unreadable`` result, a JUnit error, a Code Quality issue, the board paper's
"Could not be checked" section and its row in the summary by ICB, the text report's
"Could not be checked" lines, a concise ``icscheck/unreadable`` line, a GitHub error
annotation: every format, as each prints it on stdout), so they are written even when the
run ends in exit 2: code scanning raises the broken file's alert only if the SARIF
file is uploaded, and the action's step summary (markdown) is where its overflow annotation
sends a reader. Not when a named file is missing: that may be arguments in the wrong order
(``-o c.yaml report.html``), and the report must not replace c.yaml."""


def complete_format(incomplete: str) -> list[str]:
    """Shell completion of --format: the format names that start with what is typed.

    FORMAT:FILE's file is not offered: bash splits a word at ``:`` (COMP_WORDBREAKS), so
    the shell sees the file as a word of its own."""
    return [name for name in FORMATS if name.startswith(incomplete)]


def parse(specs: list[str] | None, output: str | None) -> list[Output]:
    """(format, file or None for stdout) for each --format; --output names the stdout one's file.

    At most one format goes to stdout: two reports on one stream would be neither.
    """
    outputs: list[Output] = []
    for spec in specs or []:
        name, colon, path = spec.partition(":")
        if name.lower() not in FORMATS:
            raise typer.BadParameter(
                f"{name!r} is not a format; choose from {', '.join(FORMATS)}", param_hint="--format"
            )
        if colon and not path.strip():
            # Caught here, not by check_output, whose message names --output.
            raise UsageError(
                f"--format {name.lower()}: give the name of the file to write after the colon "
                f"(--format {name.lower()}:FILE), or leave the colon out for stdout"
            )
        outputs.append((name.lower(), path if colon else None))
    to_stdout = [name for name, path in outputs if path in (None, STDOUT)]
    if len(to_stdout) > 1:
        raise UsageError(
            f"--format {' and '.join(to_stdout)} would both go to stdout; give all but one a "
            "file (--format NAME:FILE)"
        )
    if to_stdout and output is not None:
        outputs = [(name, output if path is None else path) for name, path in outputs]
    elif output is not None and output != STDOUT:
        # No --format goes to stdout, so --output gets the configuration's report (text by
        # default); a --format file that is --output (``a.json``, ``./a.json``) would
        # replace it, so that is the usage error refuse_shared_files makes of two formats.
        for name, file in outputs:
            if file not in (None, STDOUT) and same_file(file, output):
                raise UsageError(
                    f"--format {name} and --output would both be written to {file}; give "
                    "each report a file of its own"
                )
    return outputs


def refuse_shared_files(outputs: list[Output]) -> None:
    """Two reports to one file is a usage error (exit 2): the last would replace the
    first, and a CI step would upload one report thinking it the other. The same file
    through a link, or named two ways (``r.json``, ``./r.json``), is the same file."""
    files = [(name, path) for name, path in outputs if path not in (None, STDOUT)]
    for number, (name, path) in enumerate(files):
        for other, other_path in files[:number]:
            if same_file(path, other_path):
                raise UsageError(
                    f"--format {other} and --format {name} would both be written to "
                    f"{path}; give each report a file of its own"
                )


def refuse_replaced(outputs: list[Output], *, quiet: bool, statistics: bool) -> None:
    """-q and --statistics print in place of the report on stdout: a format asked for there
    (other than text, the report they stand for) would silently not be written, and a CI
    step reading SARIF or JUnit from stdout would get the verdict instead. So that is a
    usage error (exit 2) before anything runs, as are both flags at once."""
    if quiet and statistics:
        raise UsageError("-q and --statistics both print in place of the report; give one")
    given = "-q" if quiet else "--statistics" if statistics else None
    if given is None:
        return
    for name, path in outputs:
        if path in (None, "-") and name != "text":
            raise UsageError(
                f"{given} prints in place of the report on stdout, so --format {name} there "
                f"would not be written; give it a file (--format {name}:FILE) or leave "
                f"{given} out"
            )


WITHOUT_MODEL = frozenset({"text", "concise", "json", "sarif", "junit", "github", "gitlab"})
"""The reports that never read a result's Model (the HTML and Markdown reports draw it), so
a cached result need not bring it back (tests/test_cache.py: every format is the same from
the cache as fresh)."""


def write(
    report: Report,
    outputs: list[Output],
    root: Root,
    sarif: SarifOptions,
    *,
    quiet: bool,
    statistics: bool,
) -> None:
    """Each report to its file or stdout; -q and --statistics take stdout's place (a report
    file is still written). A file is written whole, and only if every file was checked, or
    if its format records each file that could not be (``RECORDS_UNREADABLE``). A refused
    file does not stop the others: the SARIF after a refused board paper is still uploaded."""
    refused: list[UsageError] = []
    # A GitHub overflow annotation points only to a report that is written.
    written = [(n, p) for n, p in outputs if is_written(n, p, report)]
    for name, path in outputs:
        if path in (None, "-") and (quiet or statistics):
            continue
        try:
            with output_stream(path) as stream:
                _reporter(name, stream, root, sarif, written, path).write(report)
                if not is_written(name, path, report):
                    refuse_partial(path, report.exit_code)
        except UsageError as error:
            refused.append(error)
    if quiet:
        from icscheck.reporters.concise import setting_lines
        from icscheck.reporters.summary import verdict

        # The verdict alone on stdout; what configuration changed on stderr, so a
        # quiet gate still says what it did not check.
        for text in setting_lines(report):
            typer.echo(text, err=True)
        typer.echo(str(verdict(report)))
    elif statistics:
        from icscheck.reporters.statistics import StatisticsReporter

        StatisticsReporter(sys.stdout).write(report)
    if len(refused) == 1:
        raise refused[0]
    if refused:
        # One line naming every refused file: naming only the first would leave a CI step
        # looking for the others.
        partial = [error for error in refused if str(error).endswith(PARTIAL)]
        if len(partial) == len(refused):
            names = ", ".join(str(error).removesuffix(PARTIAL) for error in partial)
            raise UsageError(f"{names}{PARTIAL}")
        raise UsageError("; ".join(str(error) for error in refused))


def is_written(name: str, path: str | None, report: Report) -> bool:
    """Whether the ``name`` report to ``path`` (None: stdout) is written: stdout always;
    a file when every file was checked, or when its format records the ones that could
    not be and each of those is there (unreadable, not missing)."""
    if path in (None, "-") or report.exit_code < 2:
        return True
    return name in RECORDS_UNREADABLE and every_file_exists(report)


def every_file_exists(report: Report) -> bool:
    """Whether each file that could not be checked is there (unreadable, not missing)."""
    from icscheck.engine import STDIN_NAME

    return all(
        result.error is None or result.path == STDIN_NAME or os.path.lexists(result.path)
        for result in report.files
    )


def _reporter(
    name: str,
    stream: TextIO,
    root: Root,
    sarif: SarifOptions,
    outputs: list[Output],
    path: str | None,
) -> Reporter:
    """The reporter for ``name``: SARIF takes its --sarif-* options, GitHub annotations
    the place of the full report their overflow summary points to."""
    if name == "sarif":
        from icscheck.reporters.sarif import SarifReporter

        return SarifReporter(stream, root=root, sarif=sarif)
    if name == "github":
        from icscheck.reporters.github import GithubReporter, report_hint

        hint = report_hint(outputs, path, os.environ)
        return GithubReporter(stream, root=root, report_hint=hint)
    if name == "markdown":
        from icscheck.reporters.markdown import STEP_SUMMARY_LIMIT, MarkdownReporter

        # The report written as the step summary is kept under GitHub's limit for it.
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        to_summary = bool(summary and path and path != "-" and same_file(path, summary))
        return MarkdownReporter(
            stream, root=root, budget=STEP_SUMMARY_LIMIT if to_summary else None
        )
    from icscheck.reporters import REPORTERS

    return REPORTERS[name](stream, root=root)
