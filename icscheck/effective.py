"""The effective settings, each with where it came from: what ``icscheck config`` prints.

ruff's ``--show-settings`` is the model: one line per setting, its value as the
run will use it and its source (the configuration file and line, the flag, or
the default). The values come from the same ``resolve`` and ``Run.prepare``
that ``validate`` uses, so what this shows is what a run does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from icscheck.config import COMMAND_LINE, Settings, flag
from icscheck.reader import human_size

DEFAULT = "default"


@dataclass(frozen=True)
class Entry:
    """One setting: its key as a configuration file spells it, its value, its source."""

    key: str
    value: str
    source: str


def effective(settings: Settings) -> tuple[Entry, ...]:
    """Every setting the run uses, in the order docs/configuration.md lists them."""
    origins = settings.origins

    def source(*keys: str) -> str:
        """The file:line, the flag (named by the first key), or ``default``."""
        for key in keys:
            origin = origins.get(key)
            if origin == COMMAND_LINE:
                return flag(keys[0])
            if origin is not None:
                return origin
        return DEFAULT

    entries = [
        Entry(
            "select",
            "every rule" if settings.select is None else _list(settings.select),
            source("select"),
        ),
        Entry("ignore", _list(settings.ignore), source("ignore")),
    ]
    entries += [
        Entry(
            f"severity.{rule}",
            json.dumps(str(level)),
            origins.get(f"severity.{rule}", COMMAND_LINE),
        )
        for rule, level in settings.severity.items()
    ]
    entries += [
        Entry(
            f"per-file-ignores.{json.dumps(pattern)}",
            _list(selectors),
            origins.get(f"per-file-ignores.{pattern}", COMMAND_LINE),
        )
        for _, pattern, selectors in settings.per_file_ignores
    ]
    entries += [
        Entry(
            f"overrides.{override.selector}",
            ("ignore = true" if override.severity is None else f'severity = "{override.severity}"')
            + f"; {override.accountability.describe()}",
            override.origin,
        )
        for override in settings.overrides
    ]
    entries += [
        Entry("rules-dir", _list([str(path) for path in settings.rules_dirs]), source("rules-dir")),
        Entry("fail-on", json.dumps(settings.fail_on), _fail_on_source(source("fail_on"), origins)),
        Entry("format", json.dumps(settings.format), source("format")),
        Entry(
            "max-file-size",
            human_size(settings.max_bytes),
            source("max_bytes", "max-file-size"),
        ),
        Entry(
            "cache",
            "on, except in CI" if settings.cache is None else str(settings.cache).lower(),
            source("cache"),
        ),
        Entry(
            "cache-dir",
            "ICSCHECK_CACHE_DIR, else the user cache folder"
            if settings.cache_dir is None
            else str(settings.cache_dir),
            source("cache_dir"),
        ),
        Entry("cache-max-age", f"{settings.cache_max_age} days", source("cache-max-age")),
    ]
    return tuple(entries)


def _list(values: Iterable[str]) -> str:
    return json.dumps(list(values))


def _fail_on_source(source: str, origins: dict[str, str]) -> str:
    """``--strict`` when that flag, not ``--fail-on``, set ``fail-on`` (config.apply)."""
    if source == flag("fail_on") and origins.get("strict") == COMMAND_LINE:
        return "--strict"
    return source
