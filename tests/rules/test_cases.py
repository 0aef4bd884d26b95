"""Every rule's pass and fail cases, kept as data in tests/rules/cases/<RULE-ID>.yaml.

A case file holds ``pass`` and ``fail`` lists. Each case is a whole (usually
small) constitution, checked by the engine as ``icscheck validate`` would
(waivers included). Only the open findings of the case file's own rule are
compared, so a case need not satisfy every other rule: a pass case must give
no finding for the rule, a fail case exactly the listed ``line``/``column``
pairs, in file order, each message containing the case's ``message`` text.

A case that gives an ``exit_code`` is a *whole-file* case: an otherwise compliant
format version 2 constitution, checked whole. Every open finding and every
unconfirmed outcome of the file, of any rule, is compared exactly (rule,
severity, line, column, message), and so are ``icscheck validate``'s exit code
and its exit code under ``--strict`` (``strict_exit_code``). A whole-file fail
case breaks its own rule and no other; a whole-file pass case has no finding at
all (it may have unconfirmed outcomes: a question to confirm is not a gap).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.finding import Finding
from tests.conftest import RULES, TODAY, check_text

CASES = Path(__file__).parent / "cases"
runner = CliRunner()

WHOLE_FILE = {rule_id for rule_id, rule in RULES.items() if rule.since == 2} | {
    "COMM-006",
    "COMM-009",
    "FMT-003",
    "MAP-003",
}
"""The rules with a whole-file fail case that breaks them alone: every rule that needs
format version 2, and those issue 15 added to or changed for version 1 as well.
BOARD-016 (at least three ordinary members) cannot fail alone, since such a board
lacks posts other rules require; the non-compliant sample too-few-ordinary-members.yaml
gives its exact findings (tests/samples_expected.yaml)."""

Row = tuple[str, str, int, int, str]
"""A finding or unconfirmed outcome as a whole-file case gives it:
rule, severity, line, column, message."""


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        rule_id = path.stem
        for kind in ("pass", "fail"):
            for case in data.get(kind) or []:
                params.append(
                    pytest.param(rule_id, kind, case, id=f"{rule_id}:{kind}:{case['name']}")
                )
    return params


def _whole_file_cases() -> list[Any]:
    return [p for p in _cases() if "exit_code" in p.values[2]]


def _findings(rule_id: str, document: str) -> list[Finding]:
    result = check_text(document, f"{rule_id}.yaml")
    return [finding for finding in result.findings if finding.rule == rule_id]


@pytest.mark.parametrize(("rule_id", "kind", "case"), _cases())
def test_case(rule_id: str, kind: str, case: dict[str, Any]) -> None:
    findings = _findings(rule_id, case["document"])
    if kind == "pass":
        assert [(f.line, f.column, f.message) for f in findings] == []
        return
    expected = sorted(case["findings"], key=lambda e: (e["line"], e["column"]))
    assert [(f.line, f.column) for f in findings] == [(e["line"], e["column"]) for e in expected]
    assert all(f.severity == RULES[rule_id].severity for f in findings)
    # Each expected message names a distinct finding at its position (several
    # findings may share one position, e.g. each missing participant of a place).
    unmatched = list(findings)
    for want in expected:
        match = next(
            (
                f
                for f in unmatched
                if (f.line, f.column) == (want["line"], want["column"])
                and want["message"] in f.message
            ),
            None,
        )
        assert match is not None, (
            f"no finding at {want['line']}:{want['column']} says {want['message']!r}"
        )
        unmatched.remove(match)


def test_no_case_file_for_an_unknown_rule() -> None:
    assert {p.stem for p in CASES.glob("*.yaml")} <= set(RULES)


def _rows(entries: list[dict[str, Any]]) -> list[Row]:
    return [(e["rule"], e["severity"], e["line"], e["column"], e["message"]) for e in entries]


def _exit_code(path: Path, *flags: str) -> int:
    argv = ["validate", "--isolated", "--no-cache", "--date", TODAY.isoformat(), *flags, str(path)]
    return runner.invoke(app, argv).exit_code


@pytest.mark.parametrize(("rule_id", "kind", "case"), _whole_file_cases())
def test_whole_file_case(rule_id: str, kind: str, case: dict[str, Any], tmp_path: Path) -> None:
    result = check_text(case["document"], f"{rule_id}.yaml")
    assert result.error is None
    assert result.format_version == 2
    assert result.not_run == ()
    found = [(f.rule, f.severity.value, f.line, f.column, f.message) for f in result.findings]
    assert found == _rows(case.get("findings") or [])
    unconfirmed = [
        (
            u.finding.rule,
            u.finding.severity.value,
            u.finding.line,
            u.finding.column,
            u.finding.message,
        )
        for u in result.unconfirmed
    ]
    assert unconfirmed == _rows(case.get("unconfirmed") or [])
    assert result.waived == []
    if kind == "fail":
        assert {row[0] for row in found} == {rule_id}, (
            "a whole-file fail case breaks its rule alone"
        )
    else:
        assert found == []
    path = tmp_path / f"{rule_id}.yaml"
    path.write_text(case["document"], encoding="utf-8")
    assert _exit_code(path) == case["exit_code"]
    assert _exit_code(path, "--strict") == case["strict_exit_code"]


def test_every_rule_of_format_2_has_a_whole_file_case_that_breaks_it_alone() -> None:
    broken = {
        rule_id for rule_id, kind, _ in (p.values for p in _whole_file_cases()) if kind == "fail"
    }
    assert sorted(WHOLE_FILE - broken) == []


def test_an_unknown_mental_health_member_is_unconfirmed_not_a_gap() -> None:
    unconfirmed = [
        case
        for rule_id, kind, case in (p.values for p in _whole_file_cases())
        if rule_id == "BOARD-012" and kind == "pass"
    ]
    assert [[row[0] for row in _rows(case["unconfirmed"])] for case in unconfirmed] == [
        ["BOARD-012"]
    ]
    assert [(case["exit_code"], case["strict_exit_code"]) for case in unconfirmed] == [(0, 1)]
