"""Every rule's pass and fail cases, kept as data in tests/rules/cases/<RULE-ID>.yaml.

A case file holds ``pass`` and ``fail`` lists. Each case is a whole (usually
small) constitution, checked by the engine as ``icscheck validate`` would
(waivers included). Only the open findings of the case file's own rule are
compared, so a case need not satisfy every other rule: a pass case must give
no finding for the rule, a fail case exactly the listed ``line``/``column``
pairs, in file order, each message containing the case's ``message`` text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from icscheck.finding import Finding
from tests.conftest import RULES, check_text

CASES = Path(__file__).parent / "cases"


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
