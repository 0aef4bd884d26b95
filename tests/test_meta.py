"""Every registered rule is complete: ID, title, citation, fix, docs, examples, one file, cases."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from icscheck.finding import Severity
from icscheck.rules.base import Area, Rule
from tests.conftest import ROOT, RULES

CASES = ROOT / "tests" / "rules" / "cases"
RULE_DOCS = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_the_catalogue_is_complete_and_ordered() -> None:
    expected = (
        ["FMT-001", "FMT-002", "FMT-003", "REF-001", "REF-002", "ICB-001"]
        + [f"PROV-{n:03d}" for n in range(1, 19)]
        + [f"BOARD-{n:03d}" for n in range(1, 19)]
        + ["QUORUM-001", "QUORUM-002", "QUORUM-003"]
        + [f"COMM-{n:03d}" for n in range(1, 11)]
        + ["PLACE-001", "PLACE-002"]
        + [f"MAP-{n:03d}" for n in range(1, 6)]
        + ["PRIN-001", "PRIN-002", "PRIN-003"]
        + ["WAIVE-001", "WAIVE-002", "WAIVE-003"]
    )
    assert list(RULES) == expected


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]+-\d{3}", rule.id)
    assert isinstance(rule.area, Area)
    assert isinstance(rule.severity, Severity)
    assert rule.title.endswith(".") and "\n" not in rule.title and len(rule.title) < 130
    assert len(rule.source) > 20, "a rule must cite its source"
    assert rule.fix.endswith(".") and len(rule.fix) > 15
    assert len(rule.doc.split()) >= 40, "the docstring is the rule's documentation"


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_rule_has_a_failing_and_a_passing_example(rule: Rule) -> None:
    # tests/rules/test_examples.py checks that they fail and pass.
    # A rule that needs format version 2 shows it in version 2; every other rule in version 1.
    version = f"icscheck: {rule.since}\n"
    assert rule.fails.startswith(version), f"{rule.id} has no Fails: example"
    assert rule.passes.startswith(version), f"{rule.id} has no Passes: example"
    assert rule.fails != rule.passes
    assert "Fails:" not in rule.doc and "Passes:" not in rule.doc


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_rule_is_documented_in_the_generated_docs(rule: Rule) -> None:
    section = RULE_DOCS.split(f"### {rule.id}\n", 1)[1].split("\n### ", 1)[0]
    assert f"**{rule.title}**" in section
    assert f"- Source: {rule.source}" in section
    assert rule.doc in section
    assert f"Fails:\n\n```yaml\n{rule.fails}```" in section
    assert f"Passes:\n\n```yaml\n{rule.passes}```" in section


def test_every_rule_file_is_one_registered_rule() -> None:
    """Discovery finds every file: none is skipped, none is registered twice."""
    files = sorted(
        path.stem.upper().replace("_", "-")
        for path in (ROOT / "icscheck" / "rules").glob("*/*")
        if path.suffix in (".py", ".yaml") and path.stem != "__init__"
    )
    assert files == sorted(RULES)


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_a_rule_is_said_in_one_file(rule: Rule) -> None:
    family, number = rule.id.lower().split("-")
    schema = ROOT / "icscheck" / "rules" / family / f"{family}_{number}.yaml"
    python = schema.with_suffix(".py")
    assert schema.is_file() != python.is_file()
    if schema.is_file():
        assert rule.checked_by == f"JSON Schema (icscheck/rules/{family}/{schema.name})"
        # Nothing said twice: the record's schema carries no metadata of its own.
        text = schema.read_text(encoding="utf-8")
        assert "x-severity" not in text and "x-source" not in text and "x-title" not in text
    else:
        assert rule.checked_by == "Python check"


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_has_a_pass_and_a_fail_case(rule_id: str) -> None:
    path = CASES / f"{rule_id}.yaml"
    assert path.is_file(), f"{path.name} is missing"
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert data["rule"] == rule_id
    assert data.get("pass"), f"{rule_id} has no pass case"
    assert data.get("fail"), f"{rule_id} has no fail case"
    for case in data["fail"]:
        assert case["findings"], f"{rule_id}:{case['name']} lists no findings"
        assert all("message" in f for f in case["findings"]), "name what the message says"
