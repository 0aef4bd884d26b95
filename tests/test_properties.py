"""Property-based tests: whatever the file holds, icscheck answers, and answers the same.

Two sources of input: constitutions generated valid by the format schema
(tests/strategies.py), and random mutations of the bundled samples (deleted
lines, swapped types, truncation, random bytes). For each: an exit code in
{0, 1, 2}; no traceback; JSON that parses, with every finding inside the file;
the same output for the same input. And two about waivers: a waiver-shaped
line inside any kind of value is never a waiver, and libyaml and ruamel's
pure parser find the same waivers wherever a comment is put in a sample.

The default number of examples keeps the suite fast. For a long run set
ICSCHECK_HYPOTHESIS_EXAMPLES, e.g. ``ICSCHECK_HYPOTHESIS_EXAMPLES=5000 pytest
tests/test_properties.py`` (README, "Tests").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.error import MarkedYAMLError
from typer.testing import CliRunner

from icscheck import cache
from icscheck.cli import app
from icscheck.composer import compose
from icscheck.errors import LoadError
from icscheck.loader import parse
from icscheck.reader import LINE_BREAK, decode
from icscheck.waivers import find_waivers
from tests.conftest import SAMPLES
from tests.strategies import constitutions, file_names, hostile_text, json_values

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


FAKE_WAIVER = "# icscheck: waive BOARD-001 reason=r approved-by=a until=2099-12-31"
value_lines = st.lists(
    st.text(
        st.characters(
            codec="utf-8",
            exclude_categories=("Cs", "Cc", "Zl", "Zp"),
            exclude_characters="\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        ),
        max_size=40,
    ),
    max_size=6,
)


def _block(style: str, lines: list[str]) -> str:
    return f"note: {style}\n" + "".join(f"  {line}\n" if line else "\n" for line in lines)


def _single_quoted(lines: list[str]) -> str:
    return "note: '" + "\n  ".join(line.replace("'", "''") for line in lines) + "'\n"


def _double_quoted(lines: list[str]) -> str:
    escaped = (line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    return 'note: "' + "\n  ".join(escaped) + '"\n'


@SETTINGS
@given(
    before=value_lines,
    after=value_lines,
    style=st.sampled_from(["|", "|-", "|+", ">", ">-", "'", '"']),
)
def test_a_waiver_shaped_line_inside_a_value_is_never_a_waiver(
    before: list[str], after: list[str], style: str
) -> None:
    lines = [*before, FAKE_WAIVER, *after]
    if style == "'":
        body = _single_quoted(lines)
    elif style == '"':
        body = _double_quoted(lines)
    else:
        body = _block(style, [line.lstrip(" \t") for line in lines])
    text = "icscheck: 1\n" + body + "after: 1\n"
    try:
        fast, slow = parse("c.yaml", text), compose("c.yaml", text, pure=True)
    except LoadError:  # text YAML refuses, or a block whose first line is indented further
        return
    assert fast.waivers == ()
    assert slow is not None
    assert find_waivers(text, slow.spans) == ()
    assert FAKE_WAIVER in fast.data["note"]  # it is the value's text


@SETTINGS
@given(
    sample=st.sampled_from(SAMPLE_BYTES),
    at=st.integers(0, 10_000),
    indent=st.sampled_from(["", "  ", "    ", "\t"]),
)
def test_both_parsers_find_the_same_waivers_wherever_a_comment_goes(
    sample: bytes, at: int, indent: str
) -> None:
    lines = sample.decode("utf-8").splitlines(keepends=True)
    lines.insert(at % (len(lines) + 1), f"{indent}{FAKE_WAIVER}\n")
    text = "".join(lines)
    try:
        fast = compose("c.yaml", text)
    except (LoadError, MarkedYAMLError):
        with pytest.raises((LoadError, MarkedYAMLError)):
            compose("c.yaml", text, pure=True)
        return
    slow = compose("c.yaml", text, pure=True)
    assert fast is not None and slow is not None
    assert (fast.root, fast.positions, fast.spans) == (slow.root, slow.positions, slow.spans)
    assert find_waivers(text, fast.spans) == find_waivers(text, slow.spans)


RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
"""What no human-readable output may carry (a line break aside)."""


def assert_inert(output: str, output_format: str) -> None:
    assert RAW.search(output.replace("\n", "")) is None, output_format
    lines = output.splitlines()
    if output_format == "github":  # icscheck's own commands, and nothing else
        assert all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
    else:
        assert not [line for line in lines if line.lstrip().startswith("::") or "##[" in line]
    if output_format == "markdown":
        prose = re.sub(r"```mermaid\n.*?```|`[^`\n]*`", "", output, flags=re.S)
        assert re.search(r"(?<![0-9A-Za-z_])@(?!&#8203;)[0-9A-Za-z]", prose) is None


@SETTINGS
@given(
    name=file_names,
    value=hostile_text,
    output_format=st.sampled_from(["text", "markdown", "html", "github", "junit"]),
)
def test_a_value_or_a_file_name_reaches_every_output_as_inert_text(
    name: str, value: str, output_format: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    text = SAMPLE_BYTES[0].decode("utf-8") + f"x-note: {json.dumps(value)}\n"
    try:
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
    except OSError:  # a name this file system will not take
        return
    result = runner.invoke(app, ["validate", "--no-cache", "-f", output_format, str(path)])
    assert result.exit_code in (1, 2)  # x-note is an unknown field, or the value is refused
    assert_inert(result.stdout, output_format)
    assert_inert(result.stderr, "text")


@SETTINGS
@given(data=json_values)
def test_a_signed_cache_entry_of_any_shape_is_a_miss_or_a_result(data: Any, tmp_path: Path) -> None:
    """As if the key had leaked: whatever an entry holds, reading it never raises."""
    store = cache.Cache(tmp_path, b"k" * 32)
    body = json.dumps(data).encode()
    name = "0" * 64
    mac = hmac.new(store.key, name.encode() + b"\0" + body, hashlib.sha256).hexdigest()
    (tmp_path / f"{name}.json").write_bytes(mac.encode() + b"\n" + body)
    found = cache.get(store, name, "c.yaml")
    assert found is None or found.path == "c.yaml"
