"""``icscheck validate``: parse options, run the engine, hand the report to a reporter.

Option parsing (Typer) stays here and ends in a ``Settings``; the work is in
``engine``; output is the reporters'. Every error a user can cause ends as one
line on stderr and an exit code from ``errors.ExitCode``, never as a traceback.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from icscheck.cli.app import OutputOption, app, fail, output_stream
from icscheck.config import (
    FORMATS,
    Settings,
    check_selectors,
    find_config,
    load_settings,
    parse_size,
)
from icscheck.errors import ExitCode, IcscheckError, UsageError
from icscheck.result import FailOn

# The formats --format offers are the ones the configuration file accepts (config.FORMATS).
OutputFormat = StrEnum("OutputFormat", {name.upper(): name for name in FORMATS})  # type: ignore[misc]


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@app.command()
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
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Read settings from this file (.icscheck.toml or pyproject.toml).",
            dir_okay=False,
        ),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore every configuration file.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Check every file afresh; do not read or write the result cache."
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Check files in N processes (0: one per CPU). [default: 1]"
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
    try:
        code = _run(
            files,
            output_format,
            output,
            strict,
            fail_on,
            select,
            ignore,
            config,
            isolated,
            max_file_size,
            no_cache,
            jobs,
        )
    except IcscheckError as error:
        fail(error)
    raise typer.Exit(code)


def _run(
    files: list[str],
    output_format: OutputFormat | None,
    output: Path | None,
    strict: bool,
    fail_on: FailOn | None,
    select: str | None,
    ignore: str | None,
    config: Path | None,
    isolated: bool,
    max_file_size: int | None,
    no_cache: bool,
    jobs: int,
) -> ExitCode:
    from icscheck.engine import STDIN, check_files
    from icscheck.reporters import REPORTERS

    settings = _settings(config, isolated)
    if select is not None:
        settings = replace(settings, select=_selectors(select, "--select"))
    if ignore is not None:
        settings = replace(settings, ignore=_selectors(ignore, "--ignore"))
    if strict:
        settings = replace(settings, fail_on=FailOn.WARNING)
    if fail_on is not None:
        settings = replace(settings, fail_on=fail_on)
    if max_file_size is not None:
        settings = replace(settings, max_bytes=max_file_size)
    settings = replace(
        settings, cache=settings.cache and not no_cache, jobs=jobs or os.cpu_count() or 1
    )
    chosen = output_format.value if output_format is not None else settings.format

    stdin = sys.stdin.buffer.read(settings.max_bytes + 1) if STDIN in files else b""
    report = check_files(files, settings, stdin=stdin)
    for result in report.files:
        if result.error is not None:
            typer.echo(f"icscheck: error: {result.error}", err=True)
    with output_stream(output) as stream:
        REPORTERS[chosen](stream).write(report)
    # In GitHub Actions the default report also becomes annotations on the pull request.
    if (
        output_format is None
        and settings.format == "text"
        and os.environ.get("GITHUB_ACTIONS") == "true"
    ):
        REPORTERS["github"](sys.stdout).write(report)
    return report.exit_code


def _settings(config: Path | None, isolated: bool) -> Settings:
    if isolated:
        return Settings()
    path = config if config is not None else find_config(Path.cwd())
    if path is None:
        return Settings()
    if not path.is_file():
        raise UsageError(f"{path}: no such configuration file")
    return load_settings(path)


def _selectors(text: str, option: str) -> tuple[str, ...]:
    return check_selectors([s.strip() for s in text.split(",") if s.strip()], option)
