"""``--help`` as a terminal of 80 columns shows it: no word broken, nothing cut off,
options in their groups, defaults shown, and examples on ``validate``."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from icscheck.cli import app

runner = CliRunner()
GROUP: Any = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)
FRAME = {
    "Usage: [OPTIONS] COMMAND [ARGS]... Arguments Options Commands [required]",
    "--help Show this message and exit.",
    "Output Rule selection Settings Files Cache",
}


def help_of(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def core(token: str) -> str:
    return re.sub(r"^\W+|\W+$", "", token)


def vocabulary(command: Any) -> set[str]:
    """Every word the command's help is written with, whole."""
    texts = [command.name or "", command.help or "", command.epilog or "", "icscheck"]
    for param in command.params:
        texts += [*param.opts, *param.secondary_opts, param.metavar or "", param.name or ""]
        texts += [getattr(param, "help", None) or "", str(param.default)]
    if hasattr(command, "commands"):  # a group lists its commands with their help
        for sub in command.commands.values():
            texts += [sub.name or "", sub.get_short_help_str(limit=1000), sub.help or ""]
    words = {core(word) for text in texts for word in re.split(r"[\s/]+", text)}
    return words | {core(word) for text in FRAME for word in text.split()}


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_no_word_is_broken_or_cut_at_80_columns(name: str) -> None:
    command = GROUP.commands[name] if name else GROUP
    text = help_of(*([name] if name else []))
    assert "…" not in text
    known = vocabulary(command) | {"default", "str", "0<=x<=1024", "1<=x<=2", "text"}
    lines = [line.strip("│ ").strip() for line in text.splitlines()]
    broken = [
        word
        for line in lines
        for word in re.split(r"[\s/]+", line)
        if core(word) and not set(core(word)) <= set("─╭╮╰╯│*") and core(word) not in known
    ]
    assert broken == []


def test_validate_groups_its_options_and_shows_defaults_and_examples() -> None:
    text = help_of("validate")
    panels = re.findall(r"╭─ (.+?) ─", text)
    assert panels == [
        "Arguments",
        "Options",
        "Output",
        "Rule selection",
        "Settings",
        "Files",
        "Cache",
    ]
    flat = " ".join(line.strip("│ ") for line in text.splitlines())
    flat = " ".join(flat.split())
    assert (
        "Output format: text, concise, json, sarif, junit, github, gitlab, html or markdown; "
        "FORMAT:FILE writes that format to FILE, and may be given again"
    ) in flat
    assert "[default: error]" in flat and "[default: 10M]" in flat
    assert "Examples: icscheck validate constitution.yaml" in flat


def test_metavars_are_one_casing() -> None:
    for name in COMMANDS:
        for param in GROUP.commands[name].params:
            if param.metavar:
                assert param.metavar == param.metavar.upper(), (name, param.metavar)


@pytest.mark.parametrize("name", COMMANDS)
def test_arguments_are_shown_by_their_metavar_alone(name: str) -> None:
    # One casing (upper), and no Typer type beside it: <str> told a reader nothing.
    text = help_of(name)
    assert "<str>" not in text
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    assert not re.search(r"[{\[ ][a-z]+(\.\.\.)?[}\]]", usage), usage  # FILE, not {files}


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_each_line_of_a_description_stays_one_line_at_80_columns(name: str) -> None:
    # Rich keeps a docstring's line breaks: a line too long for 80 columns is wrapped
    # and then broken again where the docstring breaks it ("the configuration file
    # and" / "line, the command line"), so each line a paragraph goes on after must fit
    # whole. (A paragraph's last line may wrap: it ends where the paragraph does.)
    command = GROUP.commands[name] if name else GROUP
    rendered = {
        line.strip("│ ").strip() for line in help_of(*([name] if name else [])).splitlines()
    }
    lines = [line.strip() for line in (command.help or "").replace("\\[", "[").splitlines()]
    for line, after in pairwise(lines):
        assert not (line and after) or line in rendered, line


def test_a_command_is_listed_by_one_sentence() -> None:
    for name in COMMANDS:
        assert "\n" not in GROUP.commands[name].get_short_help_str(limit=1000), name
    rows = [line for line in help_of().splitlines() if line.startswith("│ config ")]
    assert rows == [
        "│ config    Print the effective settings and where each came from.             │"
    ]


def test_config_help_shows_the_overrides_table_by_its_toml_name() -> None:
    text = help_of("config")
    assert (
        "\n Overrides ([overrides.RULE]) show their reason, approver and end               \n"
        " date, and whether they have lapsed as on --date.                               \n"
    ) in text


def test_usage_names_a_required_argument_by_its_metavar_alone() -> None:
    usages = {
        name: next(line.strip() for line in help_of(name).splitlines() if "Usage:" in line)
        for name in ("validate", "rule", "map", "diff", "migrate", "draft", "init")
    }
    assert usages == {
        "validate": "Usage: icscheck validate [OPTIONS] FILE...",
        "rule": "Usage: icscheck rule [OPTIONS] ID",
        "map": "Usage: icscheck map [OPTIONS] FILE",
        # Braces kept where they group alternatives.
        "diff": "Usage: icscheck diff [OPTIONS] {OLD NEW | FILE}",
        "migrate": "Usage: icscheck migrate [OPTIONS] FILE...",
        "draft": "Usage: icscheck draft [OPTIONS] SOURCE...",
        "init": "Usage: icscheck init [OPTIONS] [PATH]",
    }
