"""``--help`` as a terminal of 80 columns shows it: no word broken, nothing cut off,
options in their groups, defaults shown, and examples on ``validate``."""

from __future__ import annotations

import re
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
