"""``icscheck schema``: the format's JSON Schema, whole and usable on its own."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from icscheck import starter
from icscheck.cli import app
from icscheck.loader import load
from icscheck.schemas import FORMAT_SCHEMA, LATEST_SCHEMA, load_schema
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()
SCRIPT = Path(sys.executable).with_name("icscheck")
PACKAGED = ROOT / "schemas" / LATEST_SCHEMA


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_schema_prints_the_packaged_format_schema() -> None:
    code, out, err = invoke("schema")
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert printed == load_schema(LATEST_SCHEMA) == json.loads(PACKAGED.read_text("utf-8"))
    assert printed["$id"] == "urn:icscheck:schema:constitution:2"
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    code, out, _ = invoke("schema", "--format-version", "1")
    assert (code, json.loads(out)) == (0, load_schema(FORMAT_SCHEMA))
    assert invoke("schema", "--format-version", "3")[0] == 2


def test_the_schema_is_self_contained() -> None:
    """An editor gets this one file: every reference must point inside it."""
    schema = json.loads(invoke("schema")[1])
    found = list(refs(schema))
    assert found  # the walk does find references
    assert [ref for ref in found if not ref.startswith("#/$defs/")] == []
    for ref in found:
        assert ref.removeprefix("#/$defs/") in schema["$defs"]
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_printed_schema_alone_accepts_the_compliant_samples(sample: Path) -> None:
    version = load(str(sample)).data["icscheck"]
    schema = json.loads(invoke("schema", "--format-version", str(version))[1])
    check = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in check.iter_errors(load(str(sample)).data)] == []


def test_output_writes_the_same_text_and_replaces_an_old_copy(tmp_path: Path) -> None:
    target = tmp_path / "constitution.schema.json"
    target.write_text("{}\n", encoding="utf-8")
    assert invoke("schema", "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == invoke("schema")[1]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_output_to_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    assert invoke("schema", "--output", str(tmp_path)) == (
        2, "", f"icscheck: error: {tmp_path} names a directory; give the name of the file to write\n"
    )  # fmt: skip


def test_the_installed_console_script_prints_the_schema_file_as_packaged() -> None:
    result = subprocess.run(
        [str(SCRIPT), "schema"], capture_output=True, timeout=60, check=False
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == PACKAGED.read_bytes()


# Every Draft 7 keyword (json-schema.org/draft-07/json-schema-validation and -core).
DRAFT_7 = {
    "$schema", "$id", "$ref", "$comment", "definitions", "title", "description", "default",
    "readOnly", "writeOnly", "examples", "type", "enum", "const", "multipleOf", "maximum",
    "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
    "items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains",
    "maxProperties", "minProperties", "required", "properties", "patternProperties",
    "additionalProperties", "dependencies", "propertyNames", "if", "then", "else", "allOf",
    "anyOf", "oneOf", "not", "format", "contentEncoding", "contentMediaType",
}  # fmt: skip


def keywords(node: Any) -> Iterator[str]:
    """The keywords a schema uses (not the names of the properties it describes)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key in ("properties", "$defs"):
                for child in value.values():
                    yield from keywords(child)
            else:
                yield from keywords(value)
    elif isinstance(node, list):
        for item in node:
            yield from keywords(item)


def test_older_language_servers_understand_every_keyword() -> None:
    """docs/editors.md: a Draft 7 language server still completes and checks the file."""
    assert set(keywords(load_schema(LATEST_SCHEMA))) - DRAFT_7 == {"$defs"}


def test_the_editor_docs_work_as_written(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w+)\n(.*?)```", doc, flags=re.DOTALL)
    (modeline,) = [text for kind, text in blocks if kind == "yaml"]
    assert modeline == starter.template().splitlines(keepends=True)[0]
    (settings,) = [json.loads(text) for kind, text in blocks if kind == "json"]
    assert list(settings["yaml.schemas"]) == [starter.SCHEMA_FILE]
    commands = [line for kind, text in blocks if kind == "sh" for line in text.splitlines()]
    assert [c.split()[:2] for c in commands] == [
        ["icscheck", "schema"], ["icscheck", "init"], ["icscheck", "schema"],
        ["icscheck", "validate"],
    ]  # fmt: skip
    for command in commands:
        result = subprocess.run(
            [str(SCRIPT), *shlex.split(command)[1:]],
            cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert (result.returncode, result.stderr) == (0, ""), command
    assert json.loads((tmp_path / starter.SCHEMA_FILE).read_text("utf-8")) == load_schema(
        LATEST_SCHEMA
    )
