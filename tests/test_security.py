"""The promises of docs/security.md: nothing is fetched, nothing is written."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck.cli import app
from icscheck.errors import SchemaError
from icscheck.schemas import compile_schema, load_schema, packaged_schemas, validation_errors
from tests.conftest import SAMPLES
from tests.hostile import CASES

runner = CliRunner()
SAMPLE_FILES = sorted(str(p) for p in SAMPLES.rglob("*.yaml"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every way of opening a connection record the attempt and fail."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args!r}")
            raise OSError(f"network use in a test: {name}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_run_over_every_sample_opens_no_socket(output_format: str, no_network: list[str]) -> None:
    result = runner.invoke(app, ["validate", "--format", output_format, *SAMPLE_FILES])
    assert result.exit_code == 2  # broken-yaml.yaml is among the samples
    assert no_network == []


def test_a_remote_reference_is_refused_not_fetched(no_network: list[str]) -> None:
    check = compile_schema({"$ref": "https://example.org/schema.json"})
    with pytest.raises(SchemaError, match=r"'https://example.org/schema.json'.*offline"):
        list(validation_errors(check, {"a": 1}))
    assert no_network == []


def test_packaged_schemas_refer_only_to_each_other() -> None:
    for name in packaged_schemas():
        check = compile_schema({"$ref": load_schema(name)["$id"]})
        list(validation_errors(check, {}))  # resolves without fetching, or raises


def _snapshot(directory: Path) -> dict[str, tuple[int, int, bytes | None]]:
    """Every entry under ``directory``: its mode, modification time and (regular files) bytes."""
    state = {}
    for root, dirs, files in os.walk(directory, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(root, name)
            info = path.lstat()
            content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
            if path.is_file() and not os.access(path, os.R_OK):
                content = None
            state[str(path)] = (info.st_mode, info.st_mtime_ns, content)
    return state


def test_nothing_is_written_beside_samples_or_hostile_inputs(tmp_path: Path) -> None:
    inputs = []
    for case in CASES:
        folder = tmp_path / case.name.replace(" ", "-")
        folder.mkdir()
        inputs.append(str(case.build(folder)))
    before = (_snapshot(tmp_path), _snapshot(SAMPLES))
    for output_format in ("text", "json"):
        for path in [*inputs, *SAMPLE_FILES]:
            runner.invoke(app, ["validate", "--format", output_format, path])
    assert (_snapshot(tmp_path), _snapshot(SAMPLES)) == before
