"""Errors come before warnings in every report (issue 12), each in file order: the
machine formats too, whose consumers list results in the order given."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from tests.conftest import ROOT

runner = CliRunner()
SAMPLES = ROOT / "sample_constitutions" / "non_compliant"
CONFLICTED = [
    ("COMM-004", 142),
    ("COMM-006", 143),
    ("BOARD-011", 123),
    ("BOARD-013", 124),
    ("COMM-009", 135),
]
WAIVERS = [
    ("WAIVE-002", 17),
    ("WAIVE-001", 123),
    ("PRIN-003", 18),
    ("WAIVE-003", 67),
    ("QUORUM-002", 123),
]


def report(name: str, *args: str) -> object:
    result = runner.invoke(
        app, ["validate", "--no-cache", "-f", name, *args], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [("conflicted-committee-chairs.yaml", CONFLICTED), ("waivers.yaml", WAIVERS)],
)
def test_json_lists_errors_first(sample: str, expected: list[tuple[str, int]]) -> None:
    document = report("json", str(SAMPLES / sample))
    assert isinstance(document, dict)
    findings = document["files"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == expected


@pytest.mark.parametrize(
    ("sample", "expected"),
    [("conflicted-committee-chairs.yaml", CONFLICTED), ("waivers.yaml", WAIVERS)],
)
def test_sarif_lists_errors_first(sample: str, expected: list[tuple[str, int]]) -> None:
    document = report("sarif", str(SAMPLES / sample))
    assert isinstance(document, dict)
    results = document["runs"][0]["results"]
    located = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
        if r.get("kind", "fail") == "fail"
    ]
    assert located == expected


@pytest.mark.parametrize(
    ("sample", "expected"),
    [("conflicted-committee-chairs.yaml", CONFLICTED), ("waivers.yaml", WAIVERS)],
)
def test_gitlab_lists_errors_first(sample: str, expected: list[tuple[str, int]]) -> None:
    issues = report("gitlab", str(SAMPLES / sample))
    assert isinstance(issues, list)
    located = [
        (i["check_name"], i["location"]["positions"]["begin"]["line"])
        for i in issues
        if i["check_name"] not in ("icscheck-settings", "icscheck-not-run")
    ]
    assert located == expected
