"""``validate``'s ``--sarif-*`` options, which shape ``--format sarif`` for GitHub code
scanning (icscheck/reporters/sarif.py), and the ``SarifOptions`` they make."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from icscheck.cli.options import OUTPUT

if TYPE_CHECKING:
    from icscheck.reporters.sarif import SarifOptions

RULE = "{rule}"


def _template(value: str | None) -> str | None:
    if value is not None and RULE not in value:
        raise typer.BadParameter(
            f"{value!r} has no {RULE}: it is replaced by each rule's anchor (board-001), "
            "so every rule links to its own section",
            param_hint="--sarif-help-uri",
        )
    return value


def _category(value: str | None) -> str | None:
    if value is not None and not value.strip("/ "):
        raise typer.BadParameter(
            "give a name, such as icscheck-east", param_hint="--sarif-category"
        )
    return value


IncludeWaivedOption = Annotated[
    bool,
    typer.Option(
        "--sarif-include-waived",
        help="Keep waived findings in SARIF, as suppressed results (code scanning still "
        "opens an alert for each). \\[default: left out]",
        rich_help_panel=OUTPUT,
    ),
]
CategoryOption = Annotated[
    str | None,
    typer.Option(
        "--sarif-category",
        metavar="NAME",
        callback=_category,
        help="SARIF automationDetails.id NAME/, so two uploads in one job do not collide. "
        "\\[default: icscheck/]",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]
HelpUriOption = Annotated[
    str | None,
    typer.Option(
        "--sarif-help-uri",
        metavar="TEMPLATE",
        callback=_template,
        help="Each SARIF rule's helpUri: {rule} becomes the rule's anchor (board-001), "
        "{version} icscheck's version. \\[default: docs/rules.md at this release on GitHub]",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]


def sarif_options(include_waived: bool, category: str | None, help_uri: str | None) -> SarifOptions:
    """The options as given; each one not given keeps SarifOptions' default."""
    from dataclasses import replace

    from icscheck.reporters.sarif import SarifOptions

    options = SarifOptions(include_waived=include_waived)
    if category is not None:
        options = replace(options, category=category.strip())
    if help_uri is not None:
        options = replace(options, help_uri=help_uri)
    return options
