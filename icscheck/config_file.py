"""A configuration file read: found by walking up, its ``extend`` chain, every key checked.

Reading is kept apart from what the settings are (icscheck/config.py) and from what they
do to the rules (icscheck/configure.py). Every key a file sets is checked here, with the
file and line it is on, so a typo is a usage error, never a quiet change to a gate.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from icscheck.config import (
    FAIL_ON,
    FAIL_ON_KEYS,
    FORMATS,
    KEYS,
    MAX_AGE,
    OVERRIDE_KEYS,
    ConfigError,
    Flags,
    Settings,
    apply,
    parse_size,
)
from icscheck.errors import UsageError
from icscheck.finding import Severity
from icscheck.overrides import Accountability, Override


def resolve(
    start: Path,
    *,
    config: Path | None = None,
    isolated: bool = False,
    flags: Flags | None = None,
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
    return apply(settings, flags or Flags())


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
