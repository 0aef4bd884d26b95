"""Shell completion (bash, zsh, fish): which command a completing shell is in, and the
candidates for rule IDs, families, areas and formats.

A shell asks for candidates by running ``icscheck`` with ``_ICSCHECK_COMPLETE`` set
(Typer's ``--install-completion`` writes the script that does), once per Tab, so the
answer must be quick: the command being completed is found from the words typed so
far and only it is registered (icscheck/cli/app.py), and rule IDs come from the
generated catalogue's JSON (icscheck/rules/catalogue.json), read as data: no rule
module, schema or validator is imported. House rules are the repository's own
configuration and are not offered.
"""

from __future__ import annotations

import functools
import json
import shlex
from collections.abc import Mapping
from importlib.resources import files

VARIABLE = "_ICSCHECK_COMPLETE"
"""What a completing shell sets (click's ``_{PROG}_COMPLETE``)."""


def typed(environ: Mapping[str, str]) -> list[str] | None:
    """The words a completing shell has typed before the cursor (the program's name left
    out), or None when no shell is completing. Bash gives them in ``COMP_WORDS`` and
    ``COMP_CWORD``; Typer's zsh, fish and PowerShell scripts in ``_TYPER_COMPLETE_ARGS``,
    the word being typed last unless the line ends in a space."""
    if not environ.get(VARIABLE):
        return None
    try:
        if "COMP_WORDS" in environ:
            words = shlex.split(environ["COMP_WORDS"])
            return words[1 : int(environ.get("COMP_CWORD", len(words)))]
        line = environ.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(line)[1:]
    except ValueError:  # an open quote, a cursor word that is not a number
        return []
    return words if line.endswith(" ") else words[:-1]


@functools.cache
def rule_ids() -> tuple[str, ...]:
    """The built-in rules' IDs, in report order, from the shipped catalogue."""
    text = (files("icscheck.rules") / "catalogue.json").read_text(encoding="utf-8")
    return tuple(str(rule["id"]) for rule in json.loads(text)["rules"])


def families() -> list[str]:
    """The rule families (an ID's part before the dash), in report order."""
    return list(dict.fromkeys(rule_id.rsplit("-", 1)[0] for rule_id in rule_ids()))


def rule(incomplete: str) -> list[str]:
    """``icscheck rule ID``: the IDs that start with what is typed. (Typer keeps only the
    candidates that start with the word as typed, so an ID is completed from its case.)"""
    return [rule_id for rule_id in rule_ids() if rule_id.startswith(incomplete)]


def selectors(incomplete: str) -> list[str]:
    """``--select`` and ``--ignore``: a comma-separated list of families and IDs. The word
    after the last comma is completed, families first, and the list so far is kept in
    each candidate (a shell replaces the whole word); a name already listed is not
    offered again."""
    done, comma, last = incomplete.rpartition(",")
    given = {name.strip() for name in done.split(",")} if comma else set()
    return [
        f"{done}{comma}{name}"
        for name in (*families(), *rule_ids())
        if name.startswith(last) and name not in given
    ]


def areas(incomplete: str) -> list[str]:
    """``icscheck rules --area``: the areas' short keys, in report order."""
    # Area is an enum in a module of no rule's: importing it loads no rule, schema or
    # renderer (the rules command, being completed, imports it anyway).
    from icscheck.rules.base import Area

    return [area.key for area in Area if area.key.startswith(incomplete)]


def install(shell: str) -> str:
    """``icscheck --install-completion SHELL``: install the shell's script as Typer does
    (its files, its rc lines), and say where, naming the shell by its name."""
    from typer._completion_shared import install as typer_install

    _, path = typer_install(shell=shell, prog_name="icscheck", complete_var=VARIABLE)
    return (
        f"{shell} completion installed in {path}\n"
        "Completion will take effect once you restart the terminal"
    )
