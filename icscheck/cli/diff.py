"""``icscheck diff OLD NEW`` and ``icscheck diff --since REV FILE``: what an amendment changes.

Both versions are checked the way ``validate`` checks a file (the engine, and
the same configuration), then compared by icscheck/diff/; the reporters in
icscheck/reporters/diff.py write the result. docs/diff.md describes it all.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icscheck.cli.options import (
    WORDS,
    ConfigOption,
    DateOption,
    IsolatedOption,
    OutputOption,
    check_output,
    format_option,
    output_stream,
    prepare,
    read_stdin,
)
from icscheck.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from icscheck.result import FileResult
    from icscheck.run import Run


class DiffFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def diff(
    files: Annotated[
        list[str],
        typer.Argument(
            help="OLD and NEW constitution files (- for standard input); "
            "with --since, the one FILE.",
            show_default=False,
            metavar="OLD NEW | FILE",
            click_type=WORDS,
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Compare FILE with its version at git revision REV (a commit, branch or tag).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        format_option(DiffFormat, "text"),
    ] = DiffFormat.TEXT,
    output: OutputOption = None,
    fail_on_new: Annotated[
        bool,
        typer.Option(
            "--fail-on-new", help="Exit 1 if NEW has an open finding that OLD did not have."
        ),
    ] = False,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    date: DateOption = None,
) -> None:
    """Show what an amendment changes: members, committees and chairs, quorum, delegations, rules.

    Exit codes: 0 the comparison was made (a diff is information, not a
    verdict); 1 with --fail-on-new, when NEW brings in a finding; 2 usage
    error, or a version that cannot be read or parsed.
    """
    from icscheck.diff import at_revision, compare
    from icscheck.engine import check_bytes
    from icscheck.reporters.diff import DIFF_REPORTERS

    check_output(output, files)
    run = prepare(config, isolated, date)
    if since is None:
        if len(files) != 2:
            raise UsageError("diff compares two files: icscheck diff OLD NEW")
        if files.count("-") > 1:
            raise UsageError("only one of OLD and NEW can be standard input (-)")
        old, new = (_check(path, run) for path in files)
    else:
        if len(files) != 1 or files[0] == "-":
            raise UsageError("with --since, give one file: icscheck diff --since REV FILE")
        # The working file first: a missing file is reported as such, not as a git error.
        new = _check(files[0], run)
        # The repository is the working directory's, never one found from the file.
        name, raw = at_revision(files[0], since, run.settings.max_bytes, cwd=Path.cwd())
        old = check_bytes(name, raw, run)
    result = compare(old, new, {rule.id: rule for rule in run.rules})
    with output_stream(output) as stream:
        DIFF_REPORTERS[output_format.value](stream).write(result)
    raise typer.Exit(ExitCode.FINDINGS if fail_on_new and result.new_findings else ExitCode.OK)


def _check(path: str, run: Run) -> FileResult:
    """Check one version the way ``validate`` does; ``-`` is standard input."""
    from icscheck.engine import STDIN, STDIN_NAME, check_bytes, check_file

    if path != STDIN and Path(path).is_dir():
        raise UsageError(f"{path}: is a directory; diff compares two files")
    if path == STDIN:
        result = check_bytes(STDIN_NAME, read_stdin(run.settings.max_bytes), run)
    else:
        result = check_file(path, run)
    if result.error is not None:
        raise result.error
    return result
