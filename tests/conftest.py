"""Shared paths, the run context tests check with, and fixtures."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from icscheck.checker import check_document
from icscheck.config import Settings
from icscheck.engine import check_files
from icscheck.loader import parse
from icscheck.result import FileResult, Report
from icscheck.rules.base import Rule
from icscheck.rules.registry import builtins
from icscheck.run import Run

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_constitutions"
VERSION_1_SAMPLES = SAMPLES / "version-1"
"""The three format version 1 samples, kept unchanged as compatibility fixtures."""
SUFFOLK = VERSION_1_SAMPLES / "suffolk-and-north-east-essex.yaml"

TODAY = dt.date(2026, 12, 3)
"""The date the tests check as on (``--date``), so no test depends on the clock."""
RULES: dict[str, Rule] = {checker.id: checker.rule for checker in builtins()}
"""The built-in rules by ID, in report order."""
V1: dict[str, Rule] = {rule_id: rule for rule_id, rule in RULES.items() if rule.since == 1}
"""The built-in rules that run on a format version 1 file (the others need version 2)."""


def run_for(settings: Settings | None = None, on: dt.date = TODAY) -> Run:
    """The run context for ``settings`` (default: none, no cache), as on ``on``."""
    return Run.prepare(settings or Settings(cache=False), on)


def check(
    paths: Iterable[str],
    *,
    stdin: bytes = b"",
    settings: Settings | None = None,
    on: dt.date = TODAY,
) -> Report:
    """Check ``paths`` as ``icscheck validate`` would, with default settings."""
    return check_files(paths, run_for(settings, on), stdin=stdin)


def check_text(text: str, name: str = "constitution.yaml", on: dt.date = TODAY) -> FileResult:
    """Check one constitution's text with every built-in rule."""
    return check_document(parse(name, text), builtins(), on=on)


ISOLATED = ("ICSCHECK_CACHE_DIR", "ICSCHECK_STATE_DIR")
"""What keeps the result cache and its key out of the user's home (``isolated_env``)."""


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The one place the suite's cache lives: the result cache and its key in temporary
    folders, for this process and its children, and the cache on by default whether or
    not the suite itself runs in CI (tests of CI's default set ``CI`` themselves)."""
    os.environ["ICSCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["ICSCHECK_STATE_DIR"] = str(tmp_path_factory.mktemp("state"))
    os.environ.pop("CI", None)


def isolated_env(**variables: str) -> dict[str, str]:
    """A minimal environment for a child process that still keeps the cache isolated."""
    return {name: os.environ[name] for name in ISOLATED} | variables


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own (the key stays the suite's)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ICSCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def suffolk_text() -> str:
    return SUFFOLK.read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write text to a file in a temporary directory and return its path as a string."""

    def _write(text: str | bytes, name: str = "constitution.yaml") -> str:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


def _not_run_on_version_1() -> str:
    from icscheck.rules.base import Area

    areas = list(Area)
    later = sorted(
        (i for i, r in RULES.items() if r.since > 1), key=lambda i: areas.index(RULES[i].area)
    )
    return (
        f"Not run: {', '.join(later)} ({len(later)} rules). Why: needs format version 2: "
        "icscheck migrate turns this file into it."
    )


NOT_RUN_V1 = _not_run_on_version_1()
"""What every report says of a version-1 file: the rules that need version 2, by count."""
