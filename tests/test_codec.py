"""icscheck.codec: a result reads back exactly as the JSON report said it, and nothing else does."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from icscheck.codec import CodecError, file_data, file_result, model_data, model_from_data
from tests.conftest import RULES, SAMPLES, check

READABLE = sorted(p for p in SAMPLES.rglob("*.yaml") if p.name != "broken-yaml.yaml")


@pytest.mark.parametrize("sample", READABLE, ids=lambda p: p.name)
def test_every_sample_round_trips(sample: object) -> None:
    result = check([str(sample)]).files[0]
    data = json.loads(json.dumps(file_data(result, RULES)))
    assert result.model is not None
    model = model_from_data(json.loads(json.dumps(model_data(result.model))))
    assert file_result(data, result.path, model) == result


def _waivers() -> dict[str, Any]:
    result = check([str(SAMPLES / "non_compliant" / "waivers.yaml")]).files[0]
    data: dict[str, Any] = file_data(result, RULES)
    return data


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["findings"][0].update(line="3"),
        lambda d: d["findings"][0].update(line=0),
        lambda d: d["findings"][0].update(severity="fatal"),
        lambda d: d["findings"][0].update(rule="NOT-RUN"),
        lambda d: d["waived"][0]["waiver"].update(until="soon"),
        lambda d: d["rules"][0].update(status="pass", findings=7),
        lambda d: d.pop("not_run"),
        lambda d: d.update(format_version=True),
    ],
)
def test_a_damaged_entry_is_refused(damage: Any) -> None:
    data = copy.deepcopy(_waivers())
    damage(data)
    with pytest.raises(CodecError):
        file_result(data, "c.yaml")


def test_a_damaged_model_is_refused() -> None:
    result = check([str(SAMPLES / "suffolk-and-north-east-essex.yaml")]).files[0]
    assert result.model is not None
    data = model_data(result.model)
    data["board"]["members"][0]["voting"] = "yes"
    with pytest.raises(CodecError):
        model_from_data(data)
    data = model_data(result.model)
    data["board"]["extra"] = 1
    with pytest.raises(CodecError):
        model_from_data(data)
