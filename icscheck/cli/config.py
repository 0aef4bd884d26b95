"""``icscheck config``: the effective settings, and where each came from.

A command of its own rather than ``validate --show-settings``: it checks no
file, so it needs none, and it is what an auditor runs to ask "what does the
gate in this repository switch off, and who agreed it?" without reading TOML.
It reads the configuration exactly as ``validate`` does (``prepare``: the file
found from the working directory or ``--config``, then the flags), so a
configuration ``validate`` would refuse is refused here with the same message,
and overrides are judged lapsed or in force as on ``--date``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from icscheck.cli.options import (
    ConfigOption,
    DateOption,
    IsolatedOption,
    OutputOption,
    check_output,
    fail_on_option,
    format_option,
    ignore_option,
    output_stream,
    prepare,
    select_option,
    strict_option,
)
from icscheck.config import Flags
from icscheck.result import FailOn


class ConfigFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


CONFIG_VERSION = 1
"""Version of ``icscheck config --format json``'s shape (docs/configuration.md)."""


def show_config(
    output_format: Annotated[ConfigFormat, format_option(ConfigFormat, "text")] = ConfigFormat.TEXT,
    output: OutputOption = None,
    select: Annotated[
        str | None,
        select_option("As validate's --select: show the settings a run with it would use."),
    ] = None,
    ignore: Annotated[
        str | None,
        ignore_option("As validate's --ignore: show the settings a run with it would use."),
    ] = None,
    strict: Annotated[bool, strict_option("As validate's --strict.")] = False,
    fail_on: Annotated[
        FailOn | None, fail_on_option("As validate's --fail-on: error, warning or never.")
    ] = None,
    date: DateOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Print the effective settings and where each came from.

    Each setting is named with its source: the configuration file and
    line, the command line, or the default; then what the settings switch
    off and change.

    Overrides (\\[overrides.RULE]) show their reason, approver and end
    date, and whether they have lapsed as on --date.
    """
    # The first paragraph is the one line ``icscheck --help`` lists the command by; the
    # help is Rich markup, so the TOML table's "[" is escaped.
    from icscheck.cli.validate import selectors
    from icscheck.effective import effective
    from icscheck.reporters.summary import settings
    from icscheck.untrusted import ascii_only, json, line

    check_output(output)
    flags = Flags(
        select=selectors(select),
        ignore=selectors(ignore),
        strict=strict,
        fail_on=None if fail_on is None else str(fail_on),
    )
    run = prepare(config, isolated, date, flags)
    entries = effective(run.settings)
    with output_stream(output) as stream:
        if output_format is ConfigFormat.JSON:
            from icscheck.reporters.json import settings_data

            data = {
                "version": CONFIG_VERSION,
                "checked_on": run.on.isoformat(),
                "files": [str(path) for path in run.settings.files],
                "settings": [{"key": e.key, "value": e.value, "source": e.source} for e in entries],
                "rules_in_force": [checker.id for checker in run.checkers],
                "configured": settings_data(run.configured),
            }
            stream.write(json(data, ascii=ascii_only(stream)) + "\n")
            return
        read = ", ".join(str(path) for path in run.settings.files) or "none"
        lines = [f"Configuration read: {read}", f"As on: {run.on.isoformat()}", ""]
        width = max(len(e.key) for e in entries)
        lines += [f"{e.key.ljust(width)}  {e.value}  ({e.source})" for e in entries]
        lines += ["", f"Rules in force: {len(run.checkers)} of {len(run.every)}"]
        lines += [str(item) for item in settings(run.configured)[:-1]]
        stream.write("".join(line(text) + "\n" for text in lines))
