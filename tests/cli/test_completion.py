"""Shell completion, asked for as a shell asks (bash's COMP_WORDS and COMP_CWORD, Typer's
zsh and fish _TYPER_COMPLETE_ARGS) of the console script, which registers only the command
being completed (icscheck/cli/app.py, icscheck/cli/complete.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck.cli.app import COMMANDS, build
from icscheck.cli.complete import families, rule_ids, selectors, typed
from icscheck.config import FORMATS
from icscheck.rules.base import Area
from tests.conftest import RULES, isolated_env

SCRIPT = """
import sys
sys.argv = ["icscheck", *sys.argv[1:]]
from icscheck.cli import main
main()
"""
NAMES = [name for name, _, _ in COMMANDS]
FAMILIES = ["FMT", "REF", "ICB", "PROV", "BOARD", "QUORUM", "COMM", "PLACE", "MAP", "PRIN", "WAIVE"]


def icscheck(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The console script's entry point in a child process, with only ``env`` set."""
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env=isolated_env(**env),
    )


def bash(line: str) -> list[str]:
    """The candidates bash is given for the last word of ``line`` (a trailing space starts
    a new word), as its completion function asks for them."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    result = icscheck(_ICSCHECK_COMPLETE="complete_bash", COMP_WORDS=line, COMP_CWORD=str(cword))
    assert (result.returncode, result.stderr) == (0, "")
    # One candidate a line; none is an empty line, which the shell's $(...) drops.
    return result.stdout.rstrip("\n").split("\n") if result.stdout.strip() else []


def test_commands() -> None:
    assert bash("icscheck ") == NAMES
    assert bash("icscheck r") == ["rules", "rule"]
    assert bash("icscheck cache ") == ["clear"]


def test_format_names() -> None:
    assert bash("icscheck validate --format ") == list(FORMATS)
    assert bash("icscheck validate -f ma") == ["markdown"]
    assert bash("icscheck validate -f j") == ["json", "junit"]


def test_select_and_ignore_offer_families_then_ids() -> None:
    assert families() == FAMILIES
    assert list(rule_ids()) == list(RULES)
    assert bash("icscheck validate --select ") == FAMILIES + list(RULES)
    assert bash("icscheck validate --ignore QUO") == ["QUORUM"] + [
        rule_id for rule_id in RULES if rule_id.startswith("QUORUM-")
    ]
    assert bash("icscheck validate --select FMT-00") == ["FMT-001", "FMT-002", "FMT-003"]
    # config shares the options (icscheck/cli/options.py), so it completes them alike.
    assert bash("icscheck config --select FMT-00") == ["FMT-001", "FMT-002", "FMT-003"]
    assert bash("icscheck config --ignore QUO")[0] == "QUORUM"


def test_a_list_keeps_what_is_typed_and_offers_nothing_twice() -> None:
    assert bash("icscheck validate --select BOARD,CO") == ["BOARD,COMM"] + [
        f"BOARD,{rule_id}" for rule_id in RULES if rule_id.startswith("COMM-")
    ]
    assert bash("icscheck validate --ignore FMT-001,FMT-00") == [
        "FMT-001,FMT-002",
        "FMT-001,FMT-003",
    ]
    assert selectors("FMT,FMT") == ["FMT,FMT-001", "FMT,FMT-002", "FMT,FMT-003"]


def test_rule_ids() -> None:
    assert bash("icscheck rule ") == list(RULES)
    assert bash("icscheck rule FMT-00") == ["FMT-001", "FMT-002", "FMT-003"]
    assert bash("icscheck rule NOPE") == []


def test_area_keys() -> None:
    # Every area's key, in the order tests/cli/test_rules.py pins.
    assert bash("icscheck rules --area ") == [area.key for area in Area]
    assert bash("icscheck rules --area p") == ["place", "principles"]


def test_zsh_and_fish_ask_with_the_line_so_far() -> None:
    zsh = icscheck(_ICSCHECK_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="icscheck rule FMT-00")
    assert zsh.stdout.startswith('_arguments \'*: :(("FMT-001"\n"FMT-002"\n"FMT-003"')
    fish = icscheck(
        _ICSCHECK_COMPLETE="complete_fish",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        _TYPER_COMPLETE_ARGS="icscheck validate --format j",
    )
    assert fish.stdout.splitlines() == ["json", "junit"]


@pytest.mark.parametrize(
    "line",
    [
        "icscheck ",
        "icscheck validate --select BOARD,CO",
        "icscheck rule BOARD-0",
        "icscheck cache ",
    ],
)
def test_the_lazy_application_completes_as_the_full_one(line: str) -> None:
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    full = CliRunner().invoke(
        build(),
        [],
        prog_name="icscheck",
        env={"_ICSCHECK_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)},
    )
    assert full.exit_code == 0
    assert full.stdout.splitlines() == bash(line)


@pytest.mark.parametrize(
    ("environ", "words"),
    [
        ({}, None),
        (
            {
                "_ICSCHECK_COMPLETE": "complete_bash",
                "COMP_WORDS": "icscheck rule B",
                "COMP_CWORD": "2",
            },
            ["rule"],
        ),
        ({"_ICSCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "icscheck ", "COMP_CWORD": "1"}, []),
        (
            {"_ICSCHECK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "icscheck rule B"},
            ["rule"],
        ),
        (
            {"_ICSCHECK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "icscheck rule "},
            ["rule"],
        ),
        ({"_ICSCHECK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "icscheck 'open"}, []),
    ],
)
def test_the_words_typed_so_far(environ: dict[str, str], words: list[str] | None) -> None:
    assert typed(environ) == words


PROBE = """
import json, os, sys
sys.argv = ["icscheck"]
from icscheck.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print("\\n@@" + json.dumps(sorted(sys.modules)))
"""


def test_completing_reads_no_rule_module_schema_or_renderer() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        env=isolated_env(
            _ICSCHECK_COMPLETE="complete_bash",
            COMP_WORDS="icscheck validate --select BOARD,CO",
            COMP_CWORD="3",
        ),
    )
    candidates, modules = result.stdout.rsplit("@@", 1)
    assert candidates.split()[0] == "BOARD,COMM"
    loaded = set(json.loads(modules))
    assert "icscheck.cli.validate" in loaded
    assert loaded.isdisjoint(
        {
            "icscheck.cli.rules",
            "icscheck.cli.diff",
            "icscheck.rules.registry",
            "icscheck.rules.catalogue",
            "icscheck.engine",
            "jsonschema",
            "ruamel",
            "rich",
        }
    )


def test_version_does_not_load_completion() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.replace('["icscheck"]', '["icscheck", "--version"]')],
        capture_output=True,
        text=True,
        check=True,
        env=isolated_env(),
    )
    assert "icscheck.cli.complete" not in json.loads(result.stdout.rsplit("@@", 1)[1])


@pytest.mark.parametrize(
    ("shell", "start", "hook"),
    [
        (
            "bash",
            "_icscheck_completion() {",
            "complete -o default -F _icscheck_completion icscheck",
        ),
        ("zsh", "#compdef icscheck", "compdef _icscheck_completion icscheck"),
        ("fish", "complete --command icscheck", "_ICSCHECK_COMPLETE=complete_fish"),
    ],
)
def test_show_completion_gives_the_named_shells_script(shell: str, start: str, hook: str) -> None:
    for args in (["--show-completion", shell], [f"--show-completion={shell}"]):
        result = icscheck(*args)
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout.startswith(start)
        assert hook in result.stdout
        assert f"_ICSCHECK_COMPLETE=complete_{shell}" in result.stdout


@pytest.mark.parametrize(
    ("shell", "where"),
    [
        ("bash", ".bash_completions/icscheck.sh"),
        ("zsh", ".zfunc/_icscheck"),
        ("fish", ".config/fish/completions/icscheck.fish"),
    ],
)
def test_install_completion_names_the_shell_by_its_name(
    tmp_path: Path, shell: str, where: str
) -> None:
    # Typer's own message named it by its enum: "Shells.fish completion installed in".
    for args in (["--install-completion", shell], [f"--install-completion={shell}"]):
        result = icscheck(*args, HOME=str(tmp_path))
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == (
            f"{shell} completion installed in {tmp_path / where}\n"
            "Completion will take effect once you restart the terminal\n"
        )
    installed = (tmp_path / where).read_text(encoding="utf-8")
    assert installed.rstrip("\n") == icscheck("--show-completion", shell).stdout.rstrip("\n")


def test_show_completion_refuses_a_shell_it_has_no_script_for() -> None:
    result = icscheck("--show-completion", "tcsh", COLUMNS="200")
    assert result.returncode == 2
    assert "Invalid value for '--show-completion': 'tcsh' is not one of 'bash', 'zsh'" in (
        result.stderr
    )
    assert "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION" not in os.environ
