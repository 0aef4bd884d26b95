"""Settings: from ``[tool.icscheck]`` in pyproject.toml or a ``.icscheck.toml``, then the command line.

The file is found by walking up from the working directory, no further than
the root of the git repository it is in (the folder holding ``.git``); at each
level a ``.icscheck.toml`` wins over a ``pyproject.toml``, and a
pyproject.toml without ``[tool.icscheck]`` is passed over. ``--config PATH`` names the file;
``--isolated`` ignores every file. A file may ``extend`` another (a regional
baseline): that file's settings apply first, then this one's. Command-line
flags win over every file. Anything a file says that icscheck does not
understand is a usage error naming the key, the file and the line: a typo
must not quietly change a gate.

``resolve`` (icscheck/config_file.py) is the one place where files and flags meet;
every command that checks files (validate, map, diff) calls it, so they all read
the same settings. What each setting's value came from is kept in ``Settings.origins``
so a report can say who switched a rule off. Reading a file, key by key, is
icscheck/config_file.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from icscheck.errors import UsageError
from icscheck.finding import Severity
from icscheck.overrides import Accountability, Override
from icscheck.reader import MAX_BYTES

KEYS = (
    "extend",
    "rules-dir",
    "select",
    "ignore",
    "severity",
    "per-file-ignores",
    "strict",
    "fail-on",
    "format",
    "max-file-size",
    "cache",
    "overrides",
    "cache-max-age",
)
OVERRIDE_KEYS = ("severity", "ignore", "reason", "approved-by", "until")
"""The keys of one ``[overrides.RULE]`` table: what it changes, then the waiver's three."""
FAIL_ON_KEYS = ("level", "reason", "approved-by", "until")
"""The keys of a ``fail-on`` table: the level, then the waiver's three."""
FORMATS = (
    "text",
    "concise",
    "json",
    "sarif",
    "junit",
    "github",
    "gitlab",
    "html",
    "markdown",
)
"""Every ``--format``: the names of the reporters (icscheck/reporters/__init__.py)."""
FAIL_ON = ("error", "warning", "never")
"""The values of ``fail-on`` (icscheck.result.FailOn)."""
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
MAX_SIZE = 1024**3
"""The largest size limit (1 GiB): a file is read whole into memory, and past a
million nodes (about 10 MiB of YAML) it is refused however big the limit."""
MAX_JOBS = 1024
"""The most processes ``--jobs`` may ask for."""
MAX_AGE = 3650
"""The most days ``cache-max-age`` may keep an unused cache entry."""
COMMAND_LINE = "the command line"


class ConfigError(UsageError):
    """The configuration asks for something icscheck does not understand."""


@dataclass(frozen=True)
class Settings:
    """Everything that decides what a run checks and how it ends, with where each came from."""

    select: tuple[str, ...] | None = None
    """Rule IDs or prefixes (``BOARD``) to run; None runs every rule."""
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[Path, str, tuple[str, ...]], ...] = ()
    """(folder the glob is relative to, glob, selectors)."""
    rules_dirs: tuple[Path, ...] = ()
    """Folders of house rules (``rules-dir``), every file's in turn."""
    fail_on: str = "error"
    format: str = "text"
    max_bytes: int = MAX_BYTES
    files: tuple[Path, ...] = ()
    """The configuration files read, the extended ones first."""
    origins: dict[str, str] = field(default_factory=dict)
    """Where each setting was given: ``select`` -> ``pyproject.toml:12``; a severity
    override as ``severity.BOARD-003``; flags as ``the command line``."""
    cache: bool | None = None
    """Reuse results for unchanged files (icscheck/cache.py): ``--cache``/``--no-cache`` or
    ``cache = true``; None is the default, on except in CI (``CI`` set)."""
    jobs: int = 1
    """Processes to check files in; 1 checks them in this process."""
    overrides: tuple[Override, ...] = ()
    """The accountable changes (``[overrides.RULE]``), one per selector, in file order."""
    cache_dir: Path | None = None
    """Where the result cache lives (``--cache-dir``); None: ``ICSCHECK_CACHE_DIR``, else
    the user cache folder. Never read from a configuration file: a repository must not
    choose a folder for icscheck to write and prune (docs/security.md)."""
    cache_max_age: int = 30
    """Days a cache entry may go unused before it is pruned (``cache-max-age``)."""
    gate: Accountability | None = None
    """Who agreed to a configuration file's ``fail-on = "never"``, why and until when; after
    that date the gate fails on errors again (icscheck/configure.py)."""


@dataclass(frozen=True)
class Flags:
    """What the command line says; None (or False) where it says nothing."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    strict: bool = False
    fail_on: str | None = None
    format: str | None = None
    max_bytes: int | None = None
    cache: bool | None = None
    jobs: int | None = None
    cache_dir: Path | None = None


def apply(settings: Settings, flags: Flags) -> Settings:
    """``settings`` with the command line's flags on top.

    ``--strict --fail-on never`` is refused: one says fail on warnings, the other never
    fail. A flag otherwise wins over a file as every flag does: ``--strict`` over a file's
    ``fail-on = "never"`` is the stricter gate, and ``--fail-on never`` on the command line
    is the caller's own, named in every report's settings."""
    if flags.strict and flags.fail_on == "never":
        raise UsageError(
            "--strict and --fail-on never contradict each other: --strict fails on warnings, "
            "--fail-on never on nothing; give one"
        )
    given: dict[str, Any] = {
        "select": flags.select,
        "ignore": flags.ignore,
        "fail_on": "warning" if flags.strict and flags.fail_on is None else flags.fail_on,
        "format": flags.format,
        "max_bytes": flags.max_bytes,
        "cache": flags.cache,
        "jobs": flags.jobs,
        "cache_dir": flags.cache_dir,
    }
    given = {key: value for key, value in given.items() if value is not None}
    if "fail_on" in given:
        given["gate"] = None  # the command line's gate is its own
    origins = {**settings.origins, **dict.fromkeys(given, COMMAND_LINE)}
    if flags.strict and flags.fail_on is None:
        # ``fail-on`` came from --strict: ``icscheck config`` names the flag typed.
        origins["strict"] = COMMAND_LINE
    return replace(settings, **given, origins=origins)


def flag(key: str) -> str:
    """How a report names a setting the command line gave: ``--ignore``, ``--fail-on``."""
    return "--" + key.replace("_", "-")


def parse_size(text: str | int) -> int:
    """A size such as ``10M``, ``512K`` or ``1048576`` (binary multiples)."""
    if isinstance(text, int) and not isinstance(text, bool) and text > 0:
        size = text
    else:
        match = re.fullmatch(r"\s*(\d{1,30})\s*([kmg]?)(?:i?b)?\s*", str(text), re.IGNORECASE)
        if match is None or int(match[1]) == 0:
            raise ValueError(f"{text!r} is not a size such as 10M, 512K or 1048576")
        size = int(match[1]) * _UNITS[match[2].lower()]
    if size > MAX_SIZE:
        raise ValueError(f"{text!r} is more than the largest limit, 1G")
    return size
