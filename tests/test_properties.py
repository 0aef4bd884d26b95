"""Property-based tests: whatever the file holds, icscheck answers, and answers the same.

Two sources of input: constitutions generated valid by the format schema
(tests/strategies.py), and random mutations of the bundled samples (deleted
lines, swapped types, truncation, random bytes). For each: an exit code in
{0, 1, 2}; no traceback; JSON that parses, with every finding inside the file;
the same output for the same input.

The default number of examples keeps the suite fast. For a long run set
ICSCHECK_HYPOTHESIS_EXAMPLES, e.g. ``ICSCHECK_HYPOTHESIS_EXAMPLES=5000 pytest
tests/test_properties.py`` (README, "Tests").
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.errors import LoadError
from icscheck.reader import LINE_BREAK, decode
from tests.conftest import SAMPLES
from tests.strategies import constitutions

runner = CliRunner()
EXAMPLES = int(os.environ.get("ICSCHECK_HYPOTHESIS_EXAMPLES", "30"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # write nothing into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SAMPLE_BYTES = [p.read_bytes() for p in sorted(SAMPLES.glob("*.yaml"))]


def run(path: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    return result.exit_code, result.stdout, result.stderr


def lines_of(path: Path) -> list[str] | None:
    try:
        return LINE_BREAK.split(decode(str(path), path.read_bytes()))
    except LoadError:
        return None


def assert_well_behaved(path: Path) -> dict[str, Any]:
    code, stdout, stderr = run(path)
    assert code in {0, 1, 2}
    assert "Traceback" not in stderr
    report = json.loads(stdout)
    result: dict[str, Any] = report["files"][0]
    assert len(report["files"]) == 1
    lines = lines_of(path)
    if code == 2:
        [message] = stderr.splitlines()
        assert message.startswith(f"icscheck: error: {path}")
        position = re.match(re.escape(f"icscheck: error: {path}") + r":(\d+):(\d+): ", message)
        if position and lines is not None:
            line, column = int(position[1]), int(position[2])
            assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1
    else:
        assert stderr == "" and lines is not None
        for finding in result["findings"]:
            line, column = finding["line"], finding["column"]
            assert 1 <= line <= len(lines), finding
            assert 1 <= column <= len(lines[line - 1]) + 1, finding
    assert run(path) == (code, stdout, stderr), "the same input must give the same output"
    return result


@SETTINGS
@given(document=constitutions())
def test_a_constitution_valid_by_the_format_schema_gives_no_format_finding(
    document: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "generated.yaml"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")  # JSON is YAML
    result = assert_well_behaved(path)
    assert [f for f in result["findings"] if f["rule"] == "FMT-001"] == []


def _delete_line(data: bytes, at: int) -> bytes:
    lines = data.splitlines(keepends=True)
    del lines[at % len(lines)]
    return b"".join(lines)


def _swap_type(data: bytes, at: int, replacement: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    index = at % len(lines)
    key, colon, _ = lines[index].partition(b":")
    if colon:
        lines[index] = key + b": " + replacement + b"\n"
    return b"".join(lines)


mutations = st.one_of(
    st.builds(_delete_line, st.sampled_from(SAMPLE_BYTES), st.integers(0, 10_000)),
    st.builds(
        _swap_type,
        st.sampled_from(SAMPLE_BYTES),
        st.integers(0, 10_000),
        st.sampled_from(
            [b"1.10", b"2022-07-01", b"[]", b"{}", b"~", b"yes", b"&a x", b"*a", b"!x y"]
        ),
    ),
    st.builds(lambda d, n: d[: n % (len(d) + 1)], st.sampled_from(SAMPLE_BYTES), st.integers()),
    st.builds(
        lambda d, n, junk: d[: n % len(d)] + junk + d[n % len(d) :],
        st.sampled_from(SAMPLE_BYTES),
        st.integers(0, 100_000),
        st.binary(min_size=1, max_size=16),
    ),
    st.binary(max_size=512),
)


@SETTINGS
@given(data=mutations)
def test_a_mutated_sample_gets_a_clear_answer(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "mutated.yaml"
    path.write_bytes(data)
    assert_well_behaved(path)


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_compliant_sample_is_well_behaved(sample: Path) -> None:
    assert assert_well_behaved(sample)["findings"] == []
