"""Settings: from ``[tool.icscheck]`` in pyproject.toml or a ``.icscheck.toml``, then the command line.

The file is found by walking up from the working directory; at each level a
``.icscheck.toml`` wins over a ``pyproject.toml``, and a pyproject.toml without
``[tool.icscheck]`` is passed over. ``--config PATH`` names the file;
``--isolated`` ignores every file. Command-line flags win over the file.
Anything the file says that icscheck does not understand is a usage error
naming the key, the file and the line: a typo must not quietly change a gate.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from icscheck.errors import UsageError
from icscheck.finding import Severity
from icscheck.reader import MAX_BYTES
from icscheck.result import FailOn
from icscheck.rules import RULES, Rule

KEYS = (
    "select",
    "ignore",
    "severity",
    "per-file-ignores",
    "strict",
    "fail-on",
    "format",
    "max-file-size",
)
FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "html", "markdown")
"""Every ``--format``: the names of the reporters (icscheck/reporters/__init__.py)."""
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class ConfigError(UsageError):
    """The configuration asks for something icscheck does not understand."""


@dataclass(frozen=True)
class Settings:
    """Everything that decides what a run checks and how it ends."""

    select: tuple[str, ...] | None = None
    """Rule IDs or prefixes (``BOARD``) to run; None runs every rule."""
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, selectors) pairs; globs are relative to ``root``."""
    root: Path = Path()
    fail_on: FailOn = FailOn.ERROR
    format: str = "text"
    max_bytes: int = MAX_BYTES
    source: Path | None = None
    """The configuration file these settings came from, if any."""
    cache: bool = True
    """Reuse results for unchanged files (icscheck/cache.py); ``--no-cache`` turns it off."""
    jobs: int = 1
    """Processes to check files in; 1 checks them in this process."""

    def rules_for(self, path: str) -> list[Rule]:
        """The rules to run on ``path``, with severity overrides applied."""
        ignored = set(self.ignore)
        for pattern, selectors in self.per_file_ignores:
            if _matches(path, self.root, pattern):
                ignored.update(selectors)
        return [
            replace(rule, severity=self.severity[rule.id]) if rule.id in self.severity else rule
            for rule in RULES.values()
            if (self.select is None or _selected(rule.id, self.select))
            and not _selected(rule.id, ignored)
        ]


def parse_size(text: str | int) -> int:
    """A size such as ``10M``, ``512K`` or ``1048576`` (binary multiples)."""
    if isinstance(text, int) and not isinstance(text, bool) and text > 0:
        return text
    match = re.fullmatch(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", str(text), re.IGNORECASE)
    if match is None or int(match[1]) == 0:
        raise ValueError(f"{text!r} is not a size such as 10M, 512K or 1048576")
    return int(match[1]) * _UNITS[match[2].lower()]


def check_selectors(selectors: Iterable[str], where: str) -> tuple[str, ...]:
    """Each selector must name a rule or a rule family (``BOARD``, ``BOARD-001``)."""
    result = []
    for selector in selectors:
        if not isinstance(selector, str) or not any(
            _selected(rule_id, [selector]) for rule_id in RULES
        ):
            raise ConfigError(f"{where}: {selector!r} is not a rule ID or rule family")
        result.append(selector)
    return tuple(result)


def find_config(start: Path) -> Path | None:
    """The nearest ``.icscheck.toml``, or pyproject.toml with ``[tool.icscheck]``."""
    for directory in (start, *start.parents):
        dotfile = directory / ".icscheck.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "icscheck" in _read(pyproject)[1].get("tool", {}):
            return pyproject
    return None


def load_settings(path: Path) -> Settings:
    """Read and validate the settings in ``path``."""
    text, document = _read(path)
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("icscheck", {})
        header = "[tool.icscheck]"
    else:
        table = document
        header = path.name
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {header} must be a table")
    return _settings(path, text, header, table)


def _settings(path: Path, text: str, header: str, table: dict[str, Any]) -> Settings:
    def fail(key: str, message: str) -> ConfigError:
        line = _line_of(text, key)
        return ConfigError(f"{path}{f':{line}' if line else ''}: {message}")

    for key in table:
        if key not in KEYS:
            raise fail(key, f"unknown key '{key}' in {header} (expected one of: {', '.join(KEYS)})")
    settings = Settings(root=path.parent, source=path)
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, list):
                raise fail(key, f"'{key}' must be a list of rule IDs")
            try:
                selectors = check_selectors(value, f"'{key}'")
            except ConfigError as error:
                raise fail(key, str(error)) from None
            if key == "select":
                settings = replace(settings, select=selectors)
            else:
                settings = replace(settings, ignore=selectors)
    if "severity" in table:
        severity = table["severity"]
        if not isinstance(severity, dict):
            raise fail("severity", '\'severity\' must be a table of rule ID = "error" or "warning"')
        overrides = {}
        for rule_id, level in severity.items():
            if rule_id not in RULES:
                raise fail(rule_id, f"'severity': {rule_id!r} is not a rule ID")
            if level not in tuple(Severity):
                raise fail(
                    rule_id, f'\'severity\': {rule_id} = {level!r}; expected "error" or "warning"'
                )
            overrides[rule_id] = Severity(level)
        settings = replace(settings, severity=overrides)
    if "per-file-ignores" in table:
        ignores = table["per-file-ignores"]
        if not isinstance(ignores, dict):
            raise fail(
                "per-file-ignores", "'per-file-ignores' must be a table of glob = [rule IDs]"
            )
        pairs = []
        for pattern, selectors in ignores.items():
            if not isinstance(selectors, list):
                raise fail(
                    pattern, f"'per-file-ignores': {pattern!r} must map to a list of rule IDs"
                )
            try:
                pairs.append(
                    (pattern, check_selectors(selectors, f"'per-file-ignores' {pattern!r}"))
                )
            except ConfigError as error:
                raise fail(pattern, str(error)) from None
        settings = replace(settings, per_file_ignores=tuple(pairs))
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise fail("strict", "'strict' must be true or false")
        if table["strict"]:
            settings = replace(settings, fail_on=FailOn.WARNING)
    if "fail-on" in table:
        if table["fail-on"] not in tuple(FailOn):
            raise fail(
                "fail-on", f"'fail-on' = {table['fail-on']!r}; expected one of: {', '.join(FailOn)}"
            )
        settings = replace(settings, fail_on=FailOn(table["fail-on"]))
    if "format" in table:
        if table["format"] not in FORMATS:
            raise fail(
                "format", f"'format' = {table['format']!r}; expected one of: {', '.join(FORMATS)}"
            )
        settings = replace(settings, format=table["format"])
    if "max-file-size" in table:
        try:
            settings = replace(settings, max_bytes=parse_size(table["max-file-size"]))
        except ValueError as error:
            raise fail("max-file-size", f"'max-file-size': {error}") from None
    return settings


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


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key`` is set. tomllib gives no positions, so search for it."""
    pattern = re.compile(
        rf"^\s*(?:\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})\s*=", re.M
    )
    match = pattern.search(text) or re.search(rf"\b{re.escape(key)}\b", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _selected(rule_id: str, selectors: Iterable[str]) -> bool:
    return any(rule_id == s or rule_id.startswith(f"{s}-") for s in selectors)


def _matches(path: str, root: Path, pattern: str) -> bool:
    """Does ``path`` match ``pattern``, relative to the configuration's directory?"""
    candidate = Path(path).absolute()
    try:
        relative = PurePath(candidate.relative_to(root.absolute())).as_posix()
    except ValueError:
        relative = PurePath(path).as_posix()
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(PurePath(path).name, pattern)
