"""The ruleset line every report carries counts its rules in words: one rule is
"1 rule", not "1 rules" (audit12 item 13)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from icscheck import __version__
from icscheck.cli import app
from tests.conftest import ROOT

runner = CliRunner()
WEST_YORKSHIRE = str(ROOT / "sample_constitutions" / "west-yorkshire.yaml")


def lines(selected: str, name: str) -> list[str]:
    result = runner.invoke(
        app,
        ["validate", "--isolated", "--no-cache", "--select", selected, "-f", name, WEST_YORKSHIRE],
        env={"COLUMNS": "200", "NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stdout.splitlines() if "ruleset" in line.lower()]


@pytest.mark.parametrize(
    ("selected", "count"), [("COMM-001", "1 rule"), ("COMM-001,COMM-002", "2 rules")]
)
def test_every_format_counts_the_rules_in_words(selected: str, count: str) -> None:
    ruleset = f"icscheck {__version__} ({count})"
    assert lines(selected, "text") == [
        f"  format version: 2   ruleset: icscheck {__version__}, {count}"
    ]
    assert lines(selected, "markdown")[0].startswith(f"Ruleset: {ruleset}. Checked as on ")
    assert lines(selected, "html") == [f"<dt>Ruleset</dt><dd>{ruleset}</dd>"]
    assert lines(selected, "junit") == [f'      <property name="ruleset" value="{ruleset}" />']
    result = runner.invoke(
        app,
        [
            "validate",
            "--isolated",
            "--no-cache",
            "--select",
            selected,
            "-f",
            "json",
            WEST_YORKSHIRE,
        ],
    )
    assert json.loads(result.stdout)["ruleset"] == ruleset
