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

``resolve`` is the one place where files and flags meet; every command that
checks files (validate, map, diff) calls it, so they all read the same
settings. What each setting's value came from is kept in ``Settings.origins``
so a report can say who switched a rule off.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import tomllib
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


def resolve(
    start: Path, *, config: Path | None = None, isolated: bool = False, flags: Flags = Flags()
) -> Settings:
    """The settings for a run: the configuration file (found from ``start``), then ``flags``."""
    settings = Settings()
    if not isolated:
        # A --config path is made absolute from ``start`` (normalised, not resolved: a
        # symlink keeps its name), as a file found by walking up is: every report and
        # ``icscheck config`` name the file read the same way, whatever the folder.
        path = find_config(start) if config is None else Path(os.path.normpath(start / config))
        if path is not None:
            if not path.is_file():
                raise UsageError(f"{path}: no such configuration file")
            settings = load_settings(path)
    return apply(settings, flags)


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


def find_config(start: Path) -> Path | None:
    """The nearest ``.icscheck.toml``, or pyproject.toml with ``[tool.icscheck]``.

    The search stops at the root of the repository ``start`` is in (the folder
    holding ``.git``, a folder or, in a worktree or submodule, a file): what
    lies above a checkout (a CI runner's workspace, a shared home) is not the
    project's, and a ``fail-on = "never"`` there must not turn its gate off.
    """
    for directory in (start, *start.parents):
        dotfile = directory / ".icscheck.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "icscheck" in _read(pyproject)[1].get("tool", {}):
            return pyproject
        if os.path.lexists(directory / ".git"):
            return None
    return None


def load_settings(path: Path, _seen: tuple[Path, ...] = ()) -> Settings:
    """Read and check the settings in ``path``, after those of any file it extends."""
    resolved = path.resolve()
    if resolved in _seen:
        chain = " -> ".join(str(p) for p in (*_seen, resolved))
        raise ConfigError(f"{path}: 'extend' goes round in a circle ({chain})")
    text, document = _read(path)
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("icscheck", {})
        header = "[tool.icscheck]"
    else:
        table = document
        header = path.name
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {header} must be a table")
    base = Settings()
    if "extend" in table:
        parent = table["extend"]
        if not isinstance(parent, str) or not parent:
            raise _Where(path, text).error("extend", "'extend' must be the path of another file")
        target = (path.parent / parent).expanduser()
        if not target.is_file():
            message = f"'extend' = {parent!r}: no such configuration file ({target})"
            raise _Where(path, text).error("extend", message)
        base = load_settings(target, (*_seen, resolved))
    return _read_table(base, path, _Where(path, text), header, table)


class _Where:
    """Errors and origins that name the file and the line a key is set on."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def line(self, key: str) -> int | None:
        """The line where ``key`` is set. tomllib gives no positions, so search for it."""
        pattern = re.compile(
            # [ \t]*, not \s*: a blank line before the key must not count as its line.
            rf"^[ \t]*(?:\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})[ \t]*=",
            re.M,
        )
        match = pattern.search(self.text) or re.search(rf"\b{re.escape(key)}\b", self.text)
        return self.text.count("\n", 0, match.start()) + 1 if match else None

    def origin(self, key: str) -> str:
        line = self.line(key)
        return f"{self.path}:{line}" if line else str(self.path)

    def table_origin(self, name: str, key: str) -> str:
        """``file:line`` of the table ``[...name.key]`` (or of ``key = {...}`` inside ``[name]``)."""
        quoted = rf"(?:\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})"
        header = re.compile(
            rf"^[ \t]*\[[ \t]*(?:tool[ \t]*\.[ \t]*icscheck[ \t]*\.[ \t]*)?{name}[ \t]*\."
            rf"[ \t]*{quoted}[ \t]*\]",
            re.M,
        )
        match = header.search(self.text)
        if match is None:
            return self.origin(key)
        line = self.text.count("\n", 0, match.start()) + 1
        return f"{self.path}:{line}"

    def error(self, key: str, message: str) -> ConfigError:
        line = self.line(key)
        return ConfigError(f"{self.path}{f':{line}' if line else ''}: {message}")


def _read_table(
    base: Settings, path: Path, where: _Where, header: str, table: dict[str, Any]
) -> Settings:
    """``base`` with the keys of one file's table on top, each checked for its type.

    Whether a selector names a real rule is checked when the run is prepared
    (icscheck/run.py), once every file's house rules are known; ``origins``
    keeps the file and line for that message.
    """
    for key in table:
        if key not in KEYS:
            expected = ", ".join(KEYS)
            raise where.error(key, f"unknown key '{key}' in {header} (expected one of: {expected})")
    origins = dict(base.origins)
    for key in (k for k in table if k != "extend"):
        origins[key] = where.origin(key)
    changes = {
        **_rules(base, path, where, table, origins),
        **_gate(where, table, origins),
    }
    if "overrides" in table:
        changes["overrides"] = _overrides(base, where, header, table["overrides"])
    return replace(base, **changes, files=(*base.files, path), origins=origins)


def _rules(
    base: Settings, path: Path, where: _Where, table: dict[str, Any], origins: dict[str, str]
) -> dict[str, Any]:
    """What decides which rules run, and at what severity."""
    changes: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise where.error(key, f"'{key}' must be a list of rule IDs")
            changes[key] = tuple(value)
    if "rules-dir" in table:
        folder = table["rules-dir"]
        if not isinstance(folder, str) or not folder:
            raise where.error("rules-dir", "'rules-dir' must be the path of a folder")
        changes["rules_dirs"] = (*base.rules_dirs, path.parent / folder)
    if "severity" in table:
        severity = table["severity"]
        if not isinstance(severity, dict):
            message = '\'severity\' must be a table of rule ID = "error" or "warning"'
            raise where.error("severity", message)
        overrides = dict(base.severity)
        for rule_id, level in severity.items():
            if level not in tuple(Severity):
                message = f'\'severity\': {rule_id} = {level!r}; expected "error" or "warning"'
                raise where.error(rule_id, message)
            overrides[rule_id] = Severity(level)
            origins[f"severity.{rule_id}"] = where.origin(rule_id)
        changes["severity"] = overrides
    if "per-file-ignores" in table:
        ignores = table["per-file-ignores"]
        if not isinstance(ignores, dict):
            message = "'per-file-ignores' must be a table of glob = [rule IDs]"
            raise where.error("per-file-ignores", message)
        pairs = list(base.per_file_ignores)
        for pattern, selectors in ignores.items():
            if not isinstance(selectors, list) or not all(isinstance(v, str) for v in selectors):
                message = f"'per-file-ignores': {pattern!r} must map to a list of rule IDs"
                raise where.error(pattern, message)
            pairs.append((path.parent, pattern, tuple(selectors)))
            origins[f"per-file-ignores.{pattern}"] = where.origin(pattern)
        changes["per_file_ignores"] = tuple(pairs)
    return changes


def _gate(where: _Where, table: dict[str, Any], origins: dict[str, str]) -> dict[str, Any]:
    """What decides how a run ends and what it reads: strictness, format, size limit."""
    changes: dict[str, Any] = {}
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise where.error("strict", "'strict' must be true or false")
        if table["strict"]:
            changes["fail_on"] = "warning"
            changes["gate"] = None
            origins["fail_on"] = origins["strict"]
    if "fail-on" in table:
        changes.update(_fail_on(where, table))
        origins["fail_on"] = origins["fail-on"]
    if "format" in table:
        if table["format"] not in FORMATS:
            message = f"'format' = {table['format']!r}; expected one of: {', '.join(FORMATS)}"
            raise where.error("format", message)
        changes["format"] = table["format"]
    if "cache" in table:
        if not isinstance(table["cache"], bool):
            raise where.error("cache", "'cache' must be true or false")
        changes["cache"] = table["cache"]
    if "cache-max-age" in table:
        days = table["cache-max-age"]
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_AGE:
            raise where.error(
                "cache-max-age", f"'cache-max-age' must be a whole number of days, 1 to {MAX_AGE}"
            )
        changes["cache_max_age"] = days
    if "max-file-size" in table:
        try:
            changes["max_bytes"] = parse_size(table["max-file-size"])
        except ValueError as error:
            raise where.error("max-file-size", f"'max-file-size': {error}") from None
    return changes


def _fail_on(where: _Where, table: dict[str, Any]) -> dict[str, Any]:
    """``fail-on``: a level, or a table with ``level`` and a waiver's three keys. Switching
    the gate off (``never``) lets every error-level finding through, so it needs the same
    accountability as switching an error-level rule off (``_accountability``), and
    ``strict = true`` beside it contradicts it."""
    value = table["fail-on"]
    entry = value if isinstance(value, dict) else {"level": value}

    def fail(message: str) -> ConfigError:
        return where.error("fail-on", f"'fail-on' {message}")

    for key in entry:
        if key not in FAIL_ON_KEYS:
            raise fail(f"has an unknown key '{key}' (expected one of: {', '.join(FAIL_ON_KEYS)})")
    level = entry.get("level")
    if level not in FAIL_ON:
        raise fail(f"= {level!r}; expected one of: {', '.join(FAIL_ON)}")
    changes: dict[str, Any] = {"fail_on": level, "gate": None}
    if level == "never":
        if table.get("strict") is True:
            raise fail('= "never" and strict = true contradict each other: leave one out')
        if not isinstance(value, dict):
            raise fail(
                '= "never" switches the gate off: that needs a reason, an approver and an end '
                'date, as a waiver does; write fail-on = {level = "never", reason = "...", '
                'approved-by = "...", until = YYYY-MM-DD} (docs/configuration.md)'
            )
        # _accountability's messages speak of a rule; here it is the gate.
        rule = "switching a rule off or changing its severity"
        changes["gate"] = _accountability(
            entry, lambda message: fail(message.replace(rule, "switching the gate off"))
        )
    return changes


def _overrides(base: Settings, where: _Where, header: str, entries: object) -> tuple[Override, ...]:
    """The ``[overrides.RULE]`` tables: each one change, with a reason, an approver and an end
    date (docs/configuration.md). A later file's entry for a selector replaces an extended
    file's."""
    prefix = "tool.icscheck.overrides" if header == "[tool.icscheck]" else "overrides"
    if not isinstance(entries, dict):
        message = f"'overrides' must be tables: [{prefix}.RULE] with {', '.join(OVERRIDE_KEYS)}"
        raise where.error("overrides", message)
    merged = {override.selector: override for override in base.overrides}
    for selector, entry in entries.items():
        origin = where.table_origin("overrides", selector)
        name = f"[{prefix}.{selector}]"

        def fail(message: str, origin: str = origin, name: str = name) -> ConfigError:
            return ConfigError(f"{origin}: {name} {message}")

        if not isinstance(entry, dict):
            raise fail(f"must be a table of {', '.join(OVERRIDE_KEYS)}")
        for key in entry:
            if key not in OVERRIDE_KEYS:
                raise fail(
                    f"has an unknown key '{key}' (expected one of: {', '.join(OVERRIDE_KEYS)})"
                )
        merged[selector] = Override(
            selector=selector,
            severity=_override_change(entry, fail),
            accountability=_accountability(entry, fail),
            origin=origin,
        )
    return tuple(merged.values())


def _override_change(entry: dict[str, Any], fail: Any) -> Severity | None:
    """The severity an override sets, or None for ``ignore = true``: exactly one of the two."""
    if ("severity" in entry) == (entry.get("ignore") is True):
        raise fail('must say one change: severity = "warning" (or "error"), or ignore = true')
    if "ignore" in entry and entry["ignore"] is not True:
        raise fail("'ignore' must be true (leave it out to keep the rule running)")
    if "severity" in entry:
        level = entry["severity"]
        if level not in tuple(Severity):
            raise fail(f'\'severity\' = {level!r}; expected "error" or "warning"')
        return Severity(level)
    return None


def _accountability(entry: dict[str, Any], fail: Any) -> Accountability:
    """reason, approved-by and until, as a waiver gives them: all three, or a usage error."""
    missing = [
        key
        for key in ("reason", "approved-by", "until")
        if not (isinstance(entry.get(key), str) and entry[key].strip())
        and not isinstance(entry.get(key), _dt.date)
    ]
    if missing:
        raise fail(
            f"needs {', '.join(missing)}: switching a rule off or changing its severity in "
            "configuration needs a reason, an approver and an end date, as a waiver does "
            "(docs/configuration.md)"
        )
    for key in ("reason", "approved-by"):
        if not isinstance(entry[key], str):
            raise fail(f"'{key}' must be text")
    until = entry["until"]
    if isinstance(until, _dt.datetime) or not isinstance(until, _dt.date | str):
        raise fail("'until' must be a date (YYYY-MM-DD)")
    if isinstance(until, str):
        try:
            until = _dt.date.fromisoformat(until.strip())
        except ValueError:
            raise fail(f"'until' = {until!r} is not a date (YYYY-MM-DD)") from None
    return Accountability(entry["reason"].strip(), entry["approved-by"].strip(), until)


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the configuration is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        # tomllib puts "(at line L, column C)" in the message; keep it.
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
