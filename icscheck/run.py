"""The run context: the settings, the rules in force, the date and the cache, resolved once.

Every command that checks files prepares one ``Run`` from its Settings
(icscheck/config.py: files first, then flags) and the date it checks as on,
and passes it down; nothing below reads the clock, the configuration or the
registry on its own. Preparing a run is where rule selectors are checked
against every rule known, built-in and house, so a typo in ``select``,
``ignore``, ``severity`` or ``per-file-ignores`` is a usage error naming the
file and line that said it.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from icscheck.config import COMMAND_LINE, ConfigError, Settings
from icscheck.overrides import Configured, GateOff
from icscheck.result import FailOn, NotRun
from icscheck.rules.base import Area, Checker, Rule

if TYPE_CHECKING:
    from icscheck.cache import Cache


@dataclass(frozen=True)
class Run:
    """One run's settings, rules, date and cache."""

    settings: Settings
    on: _dt.date
    """The date files are checked as on: waivers expire against it everywhere."""
    checkers: tuple[Checker, ...]
    """The rules in force (selected, not ignored, severities applied), in report order."""
    every: tuple[Rule, ...] = ()
    """Every rule known, built-in and house, in force or not (severities applied)."""
    cache: Cache | None = None
    """Where results are cached, and the key that vouches for them; None when off."""
    warnings: tuple[str, ...] = ()
    """One line each for the command line to show (a cache refused, say)."""
    only_constitutions: bool = False
    """Skip a YAML file that is no icscheck constitution (``--only-constitutions``, which
    the pre-commit hook gives: a broad ``files:`` pattern passes workflow files too)."""
    configured: Configured = field(default_factory=Configured)
    """What configuration changed (rules off, severities, lapsed overrides), with where each
    was said: every report shows it (icscheck/configure.py)."""
    keep_model: bool = True
    """Whether a result read from the cache brings its Model back. Only the map, the diff
    and the board-paper reports read it; reading it back was about 40 ms of a warm run
    (docs/performance.md)."""

    @classmethod
    def prepare(
        cls, settings: Settings, on: _dt.date, environ: Mapping[str, str] | None = None
    ) -> Run:
        """The run ``settings`` ask for, on date ``on``, in the process environment ``environ``
        (which says whether this is CI and where the cache and its key live; None: no cache
        unless the settings ask for one)."""
        from icscheck.configure import configure
        from icscheck.rules.registry import builtins, house_rules

        every = list(builtins())
        for folder in settings.rules_dirs:
            every.extend(house_rules(folder))
        # Report order is by area (house rules before the waivers), then as found.
        areas = list(Area)
        every.sort(key=lambda checker: areas.index(checker.rule.area))
        known = frozenset(checker.id for checker in every)
        _check_selectors(settings, known)
        chosen, configured = configure(settings, every, on)
        cache, warning = _cache(settings, environ)
        in_force = {checker.id: checker.rule for checker in chosen}
        every_rule = tuple(in_force.get(checker.id, checker.rule) for checker in every)
        warnings = () if warning is None else (warning,)
        return cls(settings, on, chosen, every_rule, cache, warnings, configured=configured)

    @property
    def known(self) -> frozenset[str]:
        """Every rule ID known, built-in and house, in force or not."""
        return frozenset(rule.id for rule in self.every)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The catalogue of the rules in force, for the report."""
        return tuple(checker.rule for checker in self.checkers)

    @property
    def fail_on(self) -> FailOn:
        """The gate; a file's ``fail-on = "never"`` past its end date fails on errors."""
        if self.lapsed_gate is not None:
            return FailOn.ERROR
        return FailOn(self.settings.fail_on)

    @property
    def lapsed_gate(self) -> GateOff | None:
        """A file's ``fail-on = "never"`` past its end date: WAIVE-002 reports it on every file."""
        gate = self.configured.gate
        return gate if gate is not None and gate.lapsed else None

    def not_run_for(self, path: str) -> tuple[NotRun, ...]:
        """The rules in force that ``path``'s per-file ignores leave out, with why."""
        left_out = [
            NotRun(off.rule, f"per-file-ignores {off.files!r} in {off.source}")
            for off in self.configured.per_file
            for root, pattern, _ in self.settings.per_file_ignores
            if pattern == off.files and _matches(path, root, pattern)
        ]
        return tuple(dict.fromkeys(left_out))

    def checkers_for(self, path: str) -> tuple[Checker, ...]:
        """The rules to run on ``path``: those in force, less its per-file ignores."""
        ignored = [
            selector
            for root, pattern, selectors in self.settings.per_file_ignores
            if _matches(path, root, pattern)
            for selector in selectors
        ]
        if not ignored:
            return self.checkers
        return tuple(c for c in self.checkers if not selected(c.id, ignored))


def _cache(
    settings: Settings, environ: Mapping[str, str] | None
) -> tuple[Cache | None, str | None]:
    """The cache the settings ask for: on by default, off by default in CI, where a runner's
    cache folder may have been restored from another job; ``--cache`` turns it on there."""
    from icscheck import cache

    if environ is None:
        return None, None
    wanted = settings.cache if settings.cache is not None else not cache.on_ci(environ)
    if not wanted:
        return None, None
    return cache.open_cache(*cache.locations(environ, settings.cache_dir))


def selected(rule_id: str, selectors: Iterable[str]) -> bool:
    """Does a selector name ``rule_id`` or its family (``BOARD``, ``X-EOE``)?"""
    return any(rule_id == s or rule_id.startswith(f"{s}-") for s in selectors)


def _check_selectors(settings: Settings, known: frozenset[str]) -> None:
    """Every selector and severity key must name a known rule or family."""
    origins = settings.origins
    groups: list[tuple[str, str, Iterable[str]]] = [
        ("select", "'select'", settings.select or ()),
        ("ignore", "'ignore'", settings.ignore),
    ]
    groups += [
        (f"per-file-ignores.{pattern}", f"'per-file-ignores' {pattern!r}", selectors)
        for _, pattern, selectors in settings.per_file_ignores
    ]
    for key, name, selectors in groups:
        origin = origins.get(key)
        if origin in (None, COMMAND_LINE) and key in ("select", "ignore"):
            where = f"--{key}"
        else:
            where = f"{origin or 'the configuration'}: {name}"
        for selector in selectors:
            if not any(selected(rule_id, [selector]) for rule_id in known):
                from icscheck.suggest import closest

                near = closest(selector, known)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                raise ConfigError(f"{where}: {selector!r} is not a rule ID or rule family{hint}")
    for rule_id in settings.severity:
        if rule_id not in known:
            origin = origins.get(f"severity.{rule_id}", COMMAND_LINE)
            raise ConfigError(f"{origin}: 'severity': {rule_id!r} is not a rule ID")
    for override in settings.overrides:
        if not any(selected(rule_id, [override.selector]) for rule_id in known):
            from icscheck.suggest import closest

            near = closest(override.selector, known)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise ConfigError(
                f"{override.origin}: [overrides.{override.selector}]: {override.selector!r} "
                f"is not a rule ID or rule family{hint}"
            )


def _matches(path: str, root: Path, pattern: str) -> bool:
    """Does ``path`` match ``pattern``, relative to the folder of the file that gave it?"""
    candidate = Path(path).absolute()
    try:
        relative = PurePath(candidate.relative_to(root.absolute())).as_posix()
    except ValueError:
        relative = PurePath(path).as_posix()
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(PurePath(path).name, pattern)
