"""The result cache and --jobs change how fast a run is, never what it says."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import hmac
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from icscheck import cache, checker, engine, vocabulary
from icscheck.cli import app
from icscheck.config import FORMATS, Settings
from icscheck.finding import Severity
from icscheck.rules.record import SchemaCheck
from tests.conftest import SAMPLES, SUFFOLK, run_for
from tests.hostile import CACHE_ENTRIES
from tests.test_cli import run as console
from tests.test_cli import two_partner_members

runner = CliRunner()


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


def test_the_key_covers_the_spelling_of_the_body_the_act_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # MAP-004's and MAP-005's messages say "delegated by NHS England": a renamed body
    # (icscheck/vocabulary.py) must not be served the old messages from the cache.
    rules = run_for().checkers_for("c.yaml")
    today = dt.date(2026, 1, 1)
    body = vocabulary.NHS_ENGLAND
    base = cache.key(b"a: 1\n", rules, today)
    monkeypatch.setattr(vocabulary, "NHS_ENGLAND", "the Secretary of State")
    renamed = cache.key(b"a: 1\n", rules, today)
    assert renamed != base
    monkeypatch.setattr(vocabulary, "NHS_ENGLAND", body)
    assert cache.key(b"a: 1\n", rules, today) == base


def test_a_damaged_entry_is_a_miss_and_is_replaced(cache_dir: Path) -> None:
    first = run("json", [str(SUFFOLK)])
    [entry] = cache_dir.glob("*.json")
    entry.write_text('{"rules": [', encoding="utf-8")
    assert run("json", [str(SUFFOLK)]) == first
    mac, body = entry.read_bytes().split(b"\n", 1)
    assert len(mac) == 64 and body.startswith(b'{"result": {"path"')


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


# --- What the cache trusts (docs/security.md, "The cache") ------------------------------


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def _only_entry(folder: Path, before: list[Path]) -> Path:
    [entry] = [p for p in _entries(folder) if p not in before]
    return entry


def test_a_passing_entry_copied_over_a_failing_one_does_not_pass(
    cache_dir: Path, tmp_path: Path
) -> None:
    """Issue 14's reproducer: the entry of a passing file copied onto a failing file's name."""
    failing = tmp_path / "failing.yaml"
    failing.write_text(two_partner_members(SUFFOLK.read_text(encoding="utf-8")), "utf-8")
    assert run("json", [str(SUFFOLK)])[0] == 0
    passing_entry = _only_entry(cache_dir, [])
    assert run("json", [str(failing)])[0] == 1
    failing_entry = _only_entry(cache_dir, [passing_entry])
    shutil.copy(passing_entry, failing_entry)
    code, stdout, _ = run("json", [str(failing)])
    assert code == 1
    assert json.loads(stdout)["summary"]["errors"] == 2


def test_entries_from_a_cache_with_another_key_are_misses(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder restored from elsewhere, key and all, vouches for nothing here."""
    first = run("json", [str(SUFFOLK)])
    monkeypatch.setenv("ICSCHECK_STATE_DIR", str(tmp_path / "another-user-state"))
    checked: list[str] = []
    real = checker.check_document

    def counted(document: Any, *args: Any, **kwargs: Any) -> Any:
        checked.append(document.path)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(engine, "check_document", counted)
    assert run("json", [str(SUFFOLK)]) == first
    assert checked == [str(SUFFOLK)]


def _craft(cache_dir: Path, entry: Path, data: object) -> None:
    """Write ``data`` as ``entry`` with a valid MAC: as if the key had leaked."""
    key = (Path(os.environ["ICSCHECK_STATE_DIR"]) / "cache.key").read_bytes()
    body = json.dumps(data).encode()
    mac = hmac.new(key, entry.stem.encode() + b"\0" + body, hashlib.sha256).hexdigest()
    entry.write_bytes(mac.encode() + b"\n" + body)


@pytest.mark.parametrize("data", CACHE_ENTRIES, ids=range(len(CACHE_ENTRIES)))
def test_a_crafted_entry_is_a_miss_never_a_traceback(cache_dir: Path, data: object) -> None:
    first = run("text", [str(SUFFOLK)], "--date", "2026-12-03")
    [entry] = _entries(cache_dir)
    _craft(cache_dir, entry, data)
    assert run("text", [str(SUFFOLK)], "--date", "2026-12-03") == first


def test_a_crafted_entry_cannot_write_to_the_terminal(cache_dir: Path, tmp_path: Path) -> None:
    """A valid entry whose ICB name and message hold ANSI and OSC 52 (clipboard) sequences."""
    failing = tmp_path / "failing.yaml"
    failing.write_text(two_partner_members(SUFFOLK.read_text(encoding="utf-8")), "utf-8")
    run("json", [str(failing)])
    [entry] = _entries(cache_dir)
    body = json.loads(entry.read_bytes().split(b"\n", 1)[1])
    body["result"]["icb"] = "\x1b]52;c;ZXZpbA==\x07\x1b[2J"
    body["result"]["findings"][0]["message"] = "\x1b[31mpwned\x1b[0m"
    _craft(cache_dir, entry, body)
    code, stdout, _ = run("text", [str(failing)])
    assert code == 1 and "\x1b" not in stdout and "\x07" not in stdout
    assert "\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J" in stdout and "\\x1b[31mpwned\\x1b[0m" in stdout


@pytest.mark.parametrize("kind", ["/dev/zero", "FIFO"])
def test_an_entry_that_is_no_regular_file_is_a_miss_at_once(cache_dir: Path, kind: str) -> None:
    first = run("json", [str(SUFFOLK)])
    [entry] = _entries(cache_dir)
    entry.unlink()
    if kind == "FIFO":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    script = Path(sys.executable).with_name("icscheck")
    done = subprocess.run(
        [str(script), "validate", "--format", "json", str(SUFFOLK)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ICSCHECK_CACHE_DIR": str(cache_dir)},
    )
    assert (done.returncode, done.stdout) == (first[0], first[1])


def _warning(folder: Path, why: str) -> str:
    return f"icscheck: warning: the cache folder {folder} {why}; the result cache is off for this run\n"


@pytest.mark.parametrize("problem", ["world-writable", "group-writable", "link", "another user"])
def test_a_cache_folder_others_can_change_is_refused(
    cache_dir: Path, tmp_path: Path, problem: str
) -> None:
    if problem == "link":
        (tmp_path / "elsewhere").mkdir()
        cache_dir.symlink_to(tmp_path / "elsewhere")
        why = "is a symbolic link"
    else:
        cache_dir.mkdir()
        why = "is writable by other users (group or world)"
        if problem == "world-writable":
            cache_dir.chmod(0o777)
        elif problem == "group-writable":
            cache_dir.chmod(0o770)
        else:
            if os.geteuid() != 0:
                pytest.skip("giving a folder to another user needs root")
            os.chown(cache_dir, 65534, 65534)
            why = "belongs to another user"
    code, _, stderr = run("json", [str(SUFFOLK)])
    assert (code, stderr) == (0, _warning(cache_dir, why))
    assert (
        list((tmp_path / "elsewhere").iterdir() if problem == "link" else _entries(cache_dir)) == []
    )


def test_a_key_others_can_read_is_refused(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state"
    monkeypatch.setenv("ICSCHECK_STATE_DIR", str(state))
    run("json", [str(SUFFOLK)])  # makes the key
    key = state / "cache.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    key.chmod(0o644)
    assert run("json", [str(SUFFOLK)])[2] == (
        f"icscheck: warning: the cache key {key} can be read or written by other users; "
        "the result cache is off for this run\n"
    )
    monkeypatch.setenv("ICSCHECK_STATE_DIR", str(cache_dir))
    assert run("json", [str(SUFFOLK)])[2] == (
        f"icscheck: warning: the cache key {cache_dir / 'cache.key'} is inside the cache folder "
        f"{cache_dir}; the result cache is off for this run\n"
    )


def test_a_full_disk_leaves_no_temporary_file(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert run("json", [str(SUFFOLK)])[0] == 0
    assert list(cache_dir.iterdir()) == []


def test_in_ci_the_cache_is_off_unless_asked_for(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    assert run("json", [str(SUFFOLK)])[0] == 0
    assert not cache_dir.exists()
    assert run("json", [str(SUFFOLK)], "--cache")[0] == 0
    assert len(_entries(cache_dir)) == 1
    config = tmp_path / "settings.toml"
    config.write_text("cache = true\n", encoding="utf-8")
    shutil.rmtree(cache_dir)
    assert run("json", [str(SUFFOLK)], "--config", str(config))[0] == 0
    assert len(_entries(cache_dir)) == 1
    shutil.rmtree(cache_dir)
    assert run("json", [str(SUFFOLK)], "--config", str(config), "--no-cache")[0] == 0
    assert not cache_dir.exists()


def test_the_suite_never_touches_the_users_cache_or_key() -> None:
    """Guard: every way the suite runs icscheck points the cache and its key at temporary
    folders (conftest.py), the console script's minimal environment too."""
    from platformdirs import user_cache_path, user_state_path

    folder, key_file = cache.locations(os.environ)
    temporary = Path(tempfile.gettempdir()).resolve()
    assert folder.resolve().is_relative_to(temporary)
    assert key_file.resolve().is_relative_to(temporary)
    assert folder != user_cache_path("icscheck", appauthor=False)
    assert key_file.parent != user_state_path("icscheck", appauthor=False)
    before = len(_entries(folder))
    done = console("validate", "--format", "json", str(SUFFOLK), "--date", "2001-01-01")
    assert done.returncode == 0, done.stderr
    assert len(_entries(folder)) == before + 1
