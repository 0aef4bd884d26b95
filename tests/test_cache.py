"""The result cache and --jobs change how fast a run is, never what it says."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icscheck import cache, engine
from icscheck.cli import app
from icscheck.config import FORMATS, Settings
from icscheck.finding import Severity
from icscheck.rules.record import SchemaCheck
from tests.conftest import SAMPLES, SUFFOLK, run_for

runner = CliRunner()


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ICSCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Every sample, plus a missing file, in a fixed order."""
    files = sorted(str(p.relative_to(SAMPLES.parent)) for p in SAMPLES.rglob("*.yaml"))
    return [*files, "sample_constitutions/missing.yaml"]


def run(output_format: str, files: list[str], *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--format", output_format, *args, *files])
    # JUnit stamps each suite with the time it was written: the one field that may differ.
    stdout = re.sub(r'timestamp="[^"]*"', 'timestamp=""', result.stdout)
    return result.exit_code, stdout, result.stderr


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_is_identical_with_and_without_cache_and_jobs(
    output_format: str,
    inputs: list[str],
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(SAMPLES.parent)
    fresh = run(output_format, inputs, "--no-cache")
    assert fresh[0] == 2  # broken-yaml.yaml and the missing file
    assert not cache_dir.exists(), "--no-cache must not write the cache"
    cold = run(output_format, inputs)
    warm = run(output_format, inputs)
    parallel = run(output_format, inputs, "--jobs", "3", "--no-cache")
    parallel_warm = run(output_format, inputs, "--jobs", "3")
    assert fresh == cold == warm == parallel == parallel_warm
    assert len(list(cache_dir.glob("*.json"))) == len(inputs) - 1  # a missing file has no entry


def test_a_warm_cache_does_not_check_again(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("json", [str(SUFFOLK)])

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again despite a cache entry")

    monkeypatch.setattr(engine, "check_document", refuse)
    assert run("json", [str(SUFFOLK)]) == first


def test_the_key_covers_content_rules_severity_schema_and_date() -> None:
    rules = run_for().checkers_for("c.yaml")
    today = dt.date(2026, 1, 1)
    base = cache.key(b"a: 1\n", rules, today)
    assert base == cache.key(b"a: 1\n", list(rules), today)
    assert base != cache.key(b"a: 2\n", rules, today)
    assert base != cache.key(b"a: 1\n", rules[1:], today)
    softer = run_for(Settings(severity={"BOARD-001": Severity.WARNING})).checkers_for("c.yaml")
    assert base != cache.key(b"a: 1\n", softer, today)
    assert base != cache.key(b"a: 1\n", rules, dt.date(2026, 1, 2))
    # A schema rule whose schema changes (a house rule edited) is a different rule.
    first = rules[0]
    assert isinstance(first.check, SchemaCheck)
    edited = replace(first, check=SchemaCheck({**first.check.schema, "required": ["icb"]}))
    assert base != cache.key(b"a: 1\n", [edited, *rules[1:]], today)


def test_a_damaged_entry_is_a_miss_and_is_replaced(cache_dir: Path) -> None:
    first = run("json", [str(SUFFOLK)])
    [entry] = cache_dir.glob("*.json")
    entry.write_text('{"rules": [', encoding="utf-8")
    assert run("json", [str(SUFFOLK)]) == first
    assert entry.read_text(encoding="utf-8").startswith('{"result": {"path"')


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("ICSCHECK_CACHE_DIR", str(blocker / "cache"))
    assert run("json", [str(SUFFOLK)])[0] == 0


def test_concurrent_processes_share_the_cache_safely(cache_dir: Path) -> None:
    files = sorted(str(p) for p in SAMPLES.glob("*.yaml"))
    script = Path(sys.executable).with_name("icscheck")
    env = {**os.environ, "ICSCHECK_CACHE_DIR": str(cache_dir)}
    processes = [
        subprocess.Popen(
            [str(script), "validate", "--format", "json", *files],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(6)
    ]
    outputs = {p.communicate(timeout=120) for p in processes}
    assert len(outputs) == 1
    assert all(p.returncode == 0 for p in processes)
    assert sorted(p.name for p in cache_dir.iterdir() if p.name.startswith(".tmp")) == []
    assert len(list(cache_dir.glob("*.json"))) == len(files)
