"""``icscheck validate``: parse options, run the engine, hand the report to a reporter.

Option parsing (Typer) stays here and ends in ``Flags``, which
icscheck/cli/options.py lays over the configuration file to make the run; the
work is in ``engine``; output is the reporters'.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from icscheck.cli.options import (
    CACHE,
    FILES,
    OUTPUT,
    WORDS,
    ConfigOption,
    DateOption,
    IsolatedOption,
    OutputOption,
    check_output,
    fail_on_option,
    ignore_option,
    prepare,
    read_stdin,
    select_option,
    strict_option,
)
from icscheck.cli.outputs import (
    WITHOUT_MODEL,
    complete_format,
    parse,
    refuse_replaced,
    refuse_shared_files,
    write,
)
from icscheck.cli.sarif_options import (
    CategoryOption,
    HelpUriOption,
    IncludeWaivedOption,
    sarif_options,
)
from icscheck.config import FORMATS, MAX_JOBS, Flags, parse_size
from icscheck.errors import UsageError
from icscheck.result import FailOn
from icscheck.untrusted import line

EPILOG = """Examples:

  icscheck validate constitution.yaml

  icscheck validate --strict -f concise constitutions/

  icscheck validate -f sarif -o icscheck.sarif constitution.yaml

  icscheck validate --select BOARD,COMM --date 2026-04-01 constitution.yaml

  icscheck validate -f html -o board-paper.html constitution.pdf"""
"""What ``validate --help`` ends with: the commands people run most."""


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def validate(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            click_type=WORDS,
            help="Constitution files (YAML), directories (their *.yaml and *.yml files), "
            "- for standard input, or a published constitution (.pdf, .docx, .html, .txt), "
            "drafted in memory and checked (docs/documents.md).",
            show_default=False,
        ),
    ],
    output_formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT[:FILE]",
            help=f"Output format: {', '.join(FORMATS[:-1])} or {FORMATS[-1]}; FORMAT:FILE "
            "writes that format to FILE, and may be given again (-f sarif:icscheck.sarif "
            "-f text). \\[default: text]",
            show_default=False,
            autocompletion=complete_format,
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    output: OutputOption = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print only the verdict line (an --output file still gets the report).",
            rich_help_panel=OUTPUT,
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help="Print gaps per rule across all files, and files per verdict, instead of "
            "the gaps.",
            rich_help_panel=OUTPUT,
        ),
    ] = False,
    sarif_include_waived: IncludeWaivedOption = False,
    sarif_category: CategoryOption = None,
    sarif_help_uri: HelpUriOption = None,
    strict: Annotated[
        bool,
        strict_option(
            "Fail on warnings and questions to confirm as well as errors (--fail-on warning)."
        ),
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        fail_on_option(
            "Lowest severity that makes the exit code 1: error, warning or never."
            " \\[default: error]"
        ),
    ] = None,
    select: Annotated[
        str | None,
        select_option("Run only these rules: IDs or families, comma-separated (BOARD,COMM-001)."),
    ] = None,
    ignore: Annotated[
        str | None,
        ignore_option("Do not run these rules: IDs or families, comma-separated."),
    ] = None,
    date: DateOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    only_constitutions: Annotated[
        bool,
        typer.Option(
            "--only-constitutions",
            help="Skip, with one line, a YAML file that is no icscheck constitution (no "
            "top-level field of the format's); the pre-commit hook passes this.",
            rich_help_panel=FILES,
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            max=MAX_JOBS,
            metavar="N",
            help=f"Check files in N processes, 0 to {MAX_JOBS} (0: one per CPU). \\[default: 1]",
            show_default=False,
            rich_help_panel=FILES,
        ),
    ] = 1,
    max_file_size: Annotated[
        int | None,
        typer.Option(
            "--max-file-size",
            parser=_size,
            metavar="SIZE",
            help="Refuse files larger than SIZE (bytes, or e.g. 512K, 10M). \\[default: 10M]",
            show_default=False,
            rich_help_panel=FILES,
        ),
    ] = None,
    cache: Annotated[
        bool | None,
        typer.Option(
            "--cache/--no-cache",
            help="Reuse results for unchanged files, or check every file afresh and write nothing."
            " \\[default: --cache, except in CI (CI set)]",
            show_default=False,
            rich_help_panel=CACHE,
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            metavar="DIR",
            help="Keep the result cache in DIR. \\[default: ICSCHECK_CACHE_DIR, else the user "
            "cache folder]",
            show_default=False,
            rich_help_panel=CACHE,
        ),
    ] = None,
) -> None:
    """Check each FILE and report every gap, with its location, rule, severity and source.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it
    (errors by default, warnings too with --strict); 2 usage error, or a file
    that cannot be read or parsed.
    """
    from icscheck.cli.progress import Progress
    from icscheck.engine import STDIN, check_files, expand, units
    from icscheck.repository import find_root

    _refuse_stray_options(files)
    outputs = parse(output_formats, output)
    refuse_replaced(outputs, quiet=quiet, statistics=statistics)
    inputs = expand(files)
    check_output(output, inputs)
    for _, path in outputs:
        check_output(path, inputs)
    to_stdout = [name for name, path in outputs if path in (None, output)]
    flags = Flags(
        select=selectors(select),
        ignore=selectors(ignore),
        strict=strict,
        fail_on=None if fail_on is None else str(fail_on),
        format=to_stdout[0] if to_stdout else None,
        max_bytes=max_file_size,
        cache=cache,
        cache_dir=cache_dir,
        jobs=jobs or os.cpu_count() or 1,
    )
    run = prepare(config, isolated, date, flags)
    if only_constitutions:
        run = replace(run, only_constitutions=True)
    if not to_stdout and (not output_formats or output is not None):
        # The configuration's format, or text: when no --format is given, or to --output.
        # Every --format to a file of its own puts nothing on stdout but -q's verdict.
        outputs.append((run.settings.format, output))
    refuse_shared_files(outputs)
    if all(name in WITHOUT_MODEL for name, _ in outputs):
        run = replace(run, keep_model=False)
    stdin = read_stdin(run.settings.max_bytes) if STDIN in files else b""
    with Progress(units(inputs), quiet=quiet) as progress:
        report = check_files(files, run, stdin=stdin, on_checked=progress)
    for path in report.skipped:
        typer.echo(line(f"icscheck: {path}: not an icscheck constitution: skipped"), err=True)
    for result in report.files:
        if result.error is not None:
            typer.echo(line(f"icscheck: error: {result.error}"), err=True)
    # CI consumers place files from the repository root (icscheck/repository.py).
    root = find_root(Path.cwd(), os.environ, files)
    sarif = sarif_options(sarif_include_waived, sarif_category, sarif_help_uri)
    try:
        write(report, outputs, root, sarif, quiet=quiet, statistics=statistics)
        # In GitHub Actions the default report also becomes annotations on the pull request.
        if (
            not output_formats
            and run.settings.format == "text"
            and os.environ.get("GITHUB_ACTIONS") == "true"
        ):
            from icscheck.reporters.github import LOG, GithubReporter

            GithubReporter(sys.stdout, root=root, report_hint=LOG).write(report)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head -1``): the gate's answer is still the run's exit
        # code, not Click's 1 for a broken pipe, and no traceback.
        discard_stdout()
    raise typer.Exit(report.exit_code)


def discard_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit (what is left in its
    buffer) cannot raise again: the Python documentation's recipe for SIGPIPE, "Note on
    SIGPIPE" in the signal module's page."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured stream)
        pass


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


def selectors(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(s.strip() for s in text.split(",") if s.strip())
