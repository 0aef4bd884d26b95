"""The fast engine (jsonschema-rs, icscheck/fastcheck.py) never changes a finding.

It may only say "nothing to find" for a schema rule; jsonschema words every
gap. So every sample, every rule case and generated documents must give the
same findings, unconfirmed outcomes and waivers with it and without it, and
wherever it says "valid", jsonschema must agree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from ruamel.yaml import YAML

from icscheck import fastcheck
from icscheck.checker import check_document
from icscheck.config import FORMATS
from icscheck.errors import LoadError
from icscheck.loader import load_bytes, parse
from icscheck.result import FileResult
from icscheck.rules.record import SchemaCheck
from icscheck.rules.registry import builtins
from icscheck.schemas import validation_errors
from tests.conftest import SAMPLES, TODAY
from tests.strategies import constitutions
from tests.test_cache import run as run_cli
from tests.test_properties import mutations

CASES = Path(__file__).parent / "rules" / "cases"
SCHEMA_RULES = [c for c in builtins() if isinstance(c.check, SchemaCheck)]

pytestmark = pytest.mark.skipif(
    not fastcheck.available(), reason="jsonschema-rs is not installed (the fast extra)"
)


def outcome(result: FileResult) -> list[Any]:
    return [
        (r.rule, r.findings, [u.finding for u in r.unconfirmed], [w.finding for w in r.waived])
        for r in result.rules
    ]


def both(name: str, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    document = parse(name, text)
    fast = outcome(check_document(document, builtins(), on=TODAY))
    with monkeypatch.context() as patch:
        patch.setattr(fastcheck, "surely_valid", lambda key, data, **_: False)
        reference = outcome(check_document(parse(name, text), builtins(), on=TODAY))
    return fast, reference


def agrees(data: Any) -> int:
    """For every schema rule: a fast "valid" is jsonschema's "valid" too. How many said so."""
    from icscheck.keywords import following

    said = 0
    for checker in SCHEMA_RULES:
        check = checker.check
        assert isinstance(check, SchemaCheck)
        with following(data):
            if fastcheck.surely_valid(check.key, data):
                said += 1
                assert next(validation_errors(check.validator(), data), None) is None, checker.id
    return said


def case_documents() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            for case in data.get(kind) or []:
                params.append(
                    pytest.param(case["document"], id=f"{path.stem}:{kind}:{case['name']}")
                )
    return params


@pytest.mark.parametrize("sample", sorted(SAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_gives_the_same_findings(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = sample.read_text(encoding="utf-8", errors="replace")
    try:
        load_bytes(sample.name, sample.read_bytes())
    except Exception:
        pytest.skip("not a constitution icscheck can read (its error is the same either way)")
    fast, reference = both(sample.name, text, monkeypatch)
    assert fast == reference


def test_the_fast_engine_vouches_for_the_compliant_samples() -> None:
    for sample in sorted(SAMPLES.glob("*.yaml")):
        data = load_bytes(sample.name, sample.read_bytes()).data
        assert agrees(data) >= 20, sample.name  # else the fast path is never taken


@pytest.mark.parametrize("document", case_documents())
def test_every_rule_case_gives_the_same_findings(
    document: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference = both("case.yaml", document, monkeypatch)
    assert fast == reference
    agrees(parse("case.yaml", document).data)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=constitutions())
def test_generated_documents_give_the_same_findings(
    document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = json.dumps(document, indent=2, ensure_ascii=False)  # JSON is YAML
    try:
        parse("generated.yaml", text)
    except LoadError:
        return  # a generated name with a control character (U+202A...) is refused either way
    fast, reference = both("generated.yaml", text, monkeypatch)
    assert fast == reference
    agrees(parse("generated.yaml", text).data)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutations)
def test_mutated_samples_give_the_same_findings(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        text = data.decode("utf-8")
        parse("mutated.yaml", text)
    except (UnicodeDecodeError, LoadError):
        return  # refused before any rule runs, with or without the fast engine
    fast, reference = both("mutated.yaml", text, monkeypatch)
    assert fast == reference


def test_a_whole_number_float_is_never_vouched_for() -> None:
    key = json.dumps({"properties": {"n": {"type": "integer"}}}, sort_keys=True)
    assert fastcheck.surely_valid(key, {"n": 10})
    assert not fastcheck.surely_valid(key, {"n": 10.0})  # icscheck's integer is an int


def test_the_reference_keywords_are_followed() -> None:
    key = json.dumps(
        {
            "properties": {
                "board": {
                    "properties": {
                        "deputy": {"x-member": {"properties": {"role": {"const": "chair"}}}}
                    }
                }
            }
        },
        sort_keys=True,
    )
    from icscheck.keywords import following

    def data(role: str) -> dict[str, Any]:
        return {"board": {"deputy": "a", "members": [{"id": "a", "role": role}]}}

    with following(data("chair")):
        assert fastcheck.surely_valid(key, data("chair"))
    with following(data("ceo")):
        assert not fastcheck.surely_valid(key, data("ceo"))


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_is_identical_with_either_engine(
    output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(str(p.relative_to(SAMPLES.parent)) for p in SAMPLES.rglob("*.yaml"))
    fast = run_cli(output_format, files, "--no-cache")
    monkeypatch.setattr(fastcheck, "surely_valid", lambda key, data, **_: False)
    assert run_cli(output_format, files, "--no-cache") == fast
