"""``icscheck validate``: parse options, run the engine, hand the report to a reporter.

Option parsing (Typer) stays here and ends in ``Flags``, which
icscheck/cli/options.py lays over the configuration file to make the run; the
work is in ``engine``; output is the reporters'.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from icscheck.cli.options import (
    ConfigOption,
    DateOption,
    IsolatedOption,
    OutputOption,
    check_output,
    output_stream,
    prepare,
    read_stdin,
    refuse_partial,
)
from icscheck.config import FORMATS, MAX_JOBS, Flags, parse_size
from icscheck.errors import UsageError
from icscheck.result import FailOn
from icscheck.untrusted import line

WITHOUT_MODEL = frozenset({"text", "json", "sarif", "junit", "github", "gitlab"})
"""The reports that never read a result's Model (the HTML and Markdown reports draw it), so
a cached result need not bring it back (tests/test_cache.py: every format is the same from
the cache as fresh)."""

# The formats --format offers are the ones the configuration file accepts (config.FORMATS).
OutputFormat = StrEnum("OutputFormat", {name.upper(): name for name in FORMATS})  # type: ignore[misc]


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def validate(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Constitution files (YAML), directories (their *.yaml and *.yml files) "
            "or - for standard input.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format. [default: text]", case_sensitive=False),
    ] = None,
    output: OutputOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Fail on warnings as well as errors (--fail-on warning)."),
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Lowest severity that makes the exit code 1. [default: error]",
            case_sensitive=False,
        ),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option(
            help="Run only these rules: IDs or families, comma-separated (BOARD,COMM-001)."
        ),
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="Do not run these rules: IDs or families, comma-separated.")
    ] = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    date: DateOption = None,
    cache: Annotated[
        bool | None,
        typer.Option(
            "--cache/--no-cache",
            help="Reuse results for unchanged files, or check every file afresh and write "
            "nothing. [default: --cache, except in CI (CI set)]",
            show_default=False,
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            metavar="DIR",
            help="Keep the result cache in DIR. [default: ICSCHECK_CACHE_DIR, else the user "
            "cache folder]",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            max=MAX_JOBS,
            help="Check files in N processes (0: one per CPU). [default: 1]",
        ),
    ] = 1,
    max_file_size: Annotated[
        int | None,
        typer.Option(
            "--max-file-size",
            parser=_size,
            metavar="SIZE",
            help="Refuse files larger than SIZE (bytes, or e.g. 512K, 10M). [default: 10M]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check each FILE and report every gap, with its location, rule, severity and source.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it
    (errors by default, warnings too with --strict); 2 usage error, or a file
    that cannot be read or parsed.
    """
    from icscheck.engine import STDIN, check_files, expand
    from icscheck.reporters import REPORTERS

    _refuse_stray_options(files)
    check_output(output, expand(files))
    flags = Flags(
        select=_selectors(select),
        ignore=_selectors(ignore),
        strict=strict,
        fail_on=None if fail_on is None else str(fail_on),
        format=None if output_format is None else output_format.value,
        max_bytes=max_file_size,
        cache=cache,
        cache_dir=cache_dir,
        jobs=jobs or os.cpu_count() or 1,
    )
    run = prepare(config, isolated, date, flags)
    if run.settings.format in WITHOUT_MODEL:
        run = replace(run, keep_model=False)
    stdin = read_stdin(run.settings.max_bytes) if STDIN in files else b""
    report = check_files(files, run, stdin=stdin)
    for result in report.files:
        if result.error is not None:
            typer.echo(line(f"icscheck: error: {result.error}"), err=True)
    with output_stream(output) as stream:
        REPORTERS[run.settings.format](stream).write(report)
        refuse_partial(output, report.exit_code)
    # In GitHub Actions the default report also becomes annotations on the pull request.
    if (
        output_format is None
        and run.settings.format == "text"
        and os.environ.get("GITHUB_ACTIONS") == "true"
    ):
        REPORTERS["github"](sys.stdout).write(report)
    raise typer.Exit(report.exit_code)


def _refuse_stray_options(files: list[str]) -> None:
    """An option that arrived as a file name (after ``--``) is a usage error, loudly.

    The pre-commit hook's entry ends with ``--`` (.pre-commit-hooks.yaml), so
    that a committed file named like an option (``--output=x``) is only ever a
    file to check; pre-commit puts a configuration's ``args`` after the entry,
    so they arrive here as file names too. A file that exists is checked,
    whatever it is called; a "file" that does not and looks like an option is
    a hook option in the wrong place, and checking the rest without it would
    quietly drop it from the gate.
    """
    for path in files:
        if path.startswith("-") and path != "-" and not os.path.lexists(path):
            raise UsageError(
                f"{path}: no such file, and it looks like an option: after --, as in "
                "icscheck's pre-commit hook, every argument is a file to check; give "
                "options in .icscheck.toml or [tool.icscheck] in pyproject.toml, not in "
                "the hook's args (docs/ci.md)"
            )


def _selectors(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(s.strip() for s in text.split(",") if s.strip())
