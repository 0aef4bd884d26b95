"""``icscheck rules`` and ``icscheck rule ID``: the rule catalogue and one rule's documentation.

Both read the registry, and so the rule modules' docstrings that docs/rules.md
is generated from: the terminal and the docs cannot disagree. Areas are named
by their short key (``Area.key``: ``board``, ``committees``, ...).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from icscheck.cli import complete
from icscheck.cli.options import WORDS, ConfigOption, IsolatedOption, format_option, prepare
from icscheck.errors import UsageError
from icscheck.rules.base import Area
from icscheck.untrusted import json as untrusted_json
from icscheck.untrusted import text as shown

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from icscheck.rules.base import Rule

AREAS = ", ".join(area.key for area in Area)
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[
    ListFormat,
    format_option(ListFormat, "text"),
]


def list_rules(
    area: Annotated[
        str | None,
        typer.Option(
            metavar="AREA",
            help=f"Only the rules of this area: {AREAS} (its key, which the table shows "
            "in brackets, or its name).",
            show_default=False,
            autocompletion=complete.areas,
        ),
    ] = None,
    output_format: FormatOption = ListFormat.TEXT,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """List every rule: its ID, severity, area and requirement (house rules too)."""
    chosen = None if area is None else _area(area)
    known = prepare(config, isolated, None).every
    rules = [rule for rule in known if chosen is None or rule.area is chosen]
    if output_format is ListFormat.JSON:
        _json([_summary(rule) for rule in rules])
        return

    from rich.table import Table
    from rich.text import Text

    table = Table()
    table.add_column("Rule", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Area", ratio=1)
    table.add_column("Requirement", overflow="fold", ratio=2)
    for rule in rules:
        # A house rule's words are its repository's: shown as untrusted text.
        # The area as every report and the JSON name it, then the key --area takes
        # (as ``icscheck rule ID`` shows it) unless that is the name itself.
        area = str(rule.area)
        if area.lower() != rule.area.key:
            area += f" ({rule.area.key})"
        table.add_row(Text(shown(rule.id)), _severity(rule), area, Text(shown(rule.title)))
    with _output() as console:
        console.print(table)


def show_rule(
    rule_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A rule ID, e.g. BOARD-003.",
            show_default=False,
            autocompletion=complete.rule,
            click_type=WORDS,
        ),
    ],
    output_format: FormatOption = ListFormat.TEXT,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Show a rule's documentation: what it checks, its source, the fix and two examples.

    The examples are whole constitutions: one the rule reports, one it accepts.
    """
    rule = _rule(rule_id, prepare(config, isolated, None).every)
    if output_format is ListFormat.JSON:
        _json(
            _summary(rule)
            | {"checked_by": rule.checked_by, "description": rule.doc}
            | {"fails": rule.fails, "passes": rule.passes}
        )
        return

    from rich.markdown import Markdown
    from rich.table import Table
    from rich.text import Text

    facts = Table.grid(padding=(0, 2))
    facts.add_column(no_wrap=True, style="bold")
    facts.add_column(overflow="fold")
    facts.add_row("severity", _severity(rule))
    facts.add_row("area", Text(f"{rule.area} ({rule.area.key})"))
    facts.add_row("checked by", Text(shown(rule.checked_by)))
    if rule.since > 1:
        facts.add_row("runs on", Text(f"format version {rule.since} and later"))
    facts.add_row("source", Text(shown(rule.source)))
    facts.add_row("fix", Text(shown(rule.fix)))
    with _output() as console:
        console.print(Text(shown(f"{rule.id}: {rule.title}"), style="bold"))
        console.print()
        console.print(facts)
        console.print()
        console.print(Text("What it checks", style="bold"))
        console.print(Markdown(rule.doc))
        for heading, example in (("Fails:", rule.fails), ("Passes:", rule.passes)):
            console.print()
            console.print(Text(heading, style="bold"))
            # Never wrapped (the terminal may soft-wrap): a copied example is
            # exactly the YAML the tests check.
            console.print(_yaml(example), soft_wrap=True)


def _area(key: str) -> Area:
    wanted = " ".join(key.split()).lower()
    for area in Area:
        if wanted in (area.key, str(area).lower()):
            return area
    raise UsageError(f"no area {key!r}; choose one of {AREAS}")


def _rule(rule_id: str, known: tuple[Rule, ...]) -> Rule:
    rules = {rule.id: rule for rule in known}
    wanted = rule_id.strip().upper()
    if wanted in rules:
        return rules[wanted]
    from icscheck.suggest import closest

    close = closest(wanted, rules)
    if close and close[0] not in rules:
        # A family (COMM, or BORD -> BOARD) is no rule ID, and ``rule`` refuses it: the
        # suggestion is the family's first rules, and where to see them all.
        return _family(rule_id, close[0], known)
    hint = f"did you mean {', '.join(close)}?" if close else "'icscheck rules' lists them all"
    raise UsageError(f"no rule {rule_id!r}; {hint}")


def _family(rule_id: str, family: str, known: tuple[Rule, ...]) -> NoReturn:
    members = [rule for rule in known if rule.id.rsplit("-", 1)[0] == family]
    hint = f"did you mean {', '.join(rule.id for rule in members[:3])}?"
    if len(members) > 3:
        areas = {rule.area for rule in members}
        lister = f"icscheck rules --area {areas.pop().key}" if len(areas) == 1 else "icscheck rules"
        hint += f" ('{lister}' lists all {len(members)} {family} rules)"
    raise UsageError(f"no rule {rule_id!r}; {hint}")


def _summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "severity": str(rule.severity),
        "area": str(rule.area),
        "area_key": rule.area.key,
        "title": rule.title,
        "source": rule.source,
        "fix": rule.fix,
    }


def _json(document: object) -> None:
    # ASCII escapes parse whatever the terminal's encoding.
    sys.stdout.write(untrusted_json(document, ascii=True) + "\n")


def _severity(rule: Rule) -> RenderableType:
    from rich.text import Text

    return Text(str(rule.severity), style=SEVERITY_STYLE.get(str(rule.severity), ""))


def _yaml(text: str) -> Text:
    from rich.syntax import Syntax

    # Highlighted Text rather than a Syntax panel, which pads and crops.
    highlighted = Syntax(text, "yaml", theme="ansi_dark", background_color="default").highlight(
        text
    )
    highlighted.rstrip()
    return highlighted


@contextmanager
def _output() -> Iterator[Console]:
    """The reports' console: plain text without a terminal or with NO_COLOR."""
    from icscheck.reporters.console import console, plain_lines

    out = console(sys.stdout)
    with out.capture() as captured:
        yield out
    sys.stdout.writelines(plain_lines(captured.get()))
