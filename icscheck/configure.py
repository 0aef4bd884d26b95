"""From the Settings and every rule known to the rules in force, and what that changed.

Run.prepare (icscheck/run.py) calls ``configure`` once a run. It decides, for
each rule, whether it runs and at what severity, and records why in a
``Configured`` (icscheck/overrides.py) with the file and line, or the flag,
that said it, so every report can show it.

It is also where accountability is enforced. A configuration file may
switch off (``select``, ``ignore``, ``per-file-ignores``) or soften
(``severity``) an error-level rule, the statutory minimum's, only through an
``[overrides.RULE]`` entry that gives a reason, an approver and an end date,
as a waiver must (docs/configuration.md); anything else is a usage error that
names the file, the line and the key. An override past its end date (the
run's date, never the clock) lapses and the rule runs at its own severity;
WAIVE-002 reports it. The command line needs no approver: ``--ignore`` is a
person at a terminal, and the report says the command line did it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from icscheck.config import COMMAND_LINE, ConfigError, Settings, flag
from icscheck.finding import Severity
from icscheck.overrides import Changed, Configured, GateOff, Lapsed, Off, Override, Why
from icscheck.rules.base import Checker


def naming(rule_id: str, selectors: Sequence[str]) -> str | None:
    """The first selector that names ``rule_id`` or its family (``BOARD``, ``X-EOE``)."""
    for selector in selectors:
        if rule_id == selector or rule_id.startswith(f"{selector}-"):
            return selector
    return None


def configure(
    settings: Settings, every: Sequence[Checker], on: _dt.date
) -> tuple[tuple[Checker, ...], Configured]:
    """The checkers in force (severities applied), in ``every``'s order, and what
    configuration changed: rules off, severities changed, overrides lapsed."""
    off: list[Off] = []
    changed: list[Changed] = []
    lapsed: list[Lapsed] = []
    statutory: list[str] = []
    chosen: list[Checker] = []
    for checker in every:
        rule_id = checker.id
        statutory_rule = checker.rule.severity is Severity.ERROR
        override = _override_for(rule_id, settings.overrides)
        active = None if override is None or override.accountability.lapsed(on) else override
        reasons = _plain_offs(settings, rule_id)
        if statutory_rule and override is not None and override.severity is None:
            # The override answers for the file's select or ignore: it is the reason, or,
            # lapsed, the rule runs again.
            reasons = [r for r in reasons if r.source in _flags()]
        elif statutory_rule:
            _refuse_unaccounted(rule_id, reasons, settings)
        if active is not None and active.severity is None:
            reasons.append(
                Off(
                    rule_id, Why.OVERRIDE, active.origin, active.selector, "", active.accountability
                )
            )
        if reasons:
            off.extend(reasons)
            if statutory_rule:
                statutory.append(rule_id)
            continue
        if override is not None and active is None:
            # Lapsed, and the rule runs (a flag may still have switched it off, above).
            lapsed.append(Lapsed(rule_id, override))
        checker, change = _severity(checker, settings, active)
        if change is not None:
            changed.append(change)
            if statutory_rule and change.now is Severity.WARNING:
                statutory.append(rule_id)
        chosen.append(checker)
    per_file = _per_file(settings, chosen)
    configured = Configured(
        files=tuple(str(path) for path in settings.files),
        off=tuple(off),
        changed=tuple(changed),
        lapsed=tuple(lapsed),
        per_file=per_file,
        statutory_rules=tuple(dict.fromkeys(statutory)),
        gate=_gate(settings, on),
    )
    return tuple(chosen), configured


def _gate(settings: Settings, on: _dt.date) -> GateOff | None:
    """The gate switched off, where and by whom; lapsed past a file's end date."""
    if settings.fail_on != "never":
        return None
    source = settings.origins.get("fail_on", COMMAND_LINE)
    if source == COMMAND_LINE:
        return GateOff(flag("fail_on"))
    gate = settings.gate
    return GateOff(source, gate, lapsed=gate is not None and gate.lapsed(on))


def _flags() -> tuple[str, ...]:
    return (flag("select"), flag("ignore"))


def _override_for(rule_id: str, overrides: Sequence[Override]) -> Override | None:
    """The override for ``rule_id``: its own entry, else its family's."""
    named = [o for o in overrides if naming(rule_id, [o.selector])]
    return max(named, key=lambda o: len(o.selector), default=None)


def _source(settings: Settings, key: str) -> str:
    origin = settings.origins.get(key)
    return flag(key) if origin in (None, COMMAND_LINE) else origin


def _plain_offs(settings: Settings, rule_id: str) -> list[Off]:
    """What ``select`` and ``ignore`` (file or flag) say about ``rule_id``."""
    reasons: list[Off] = []
    if settings.select is not None and naming(rule_id, settings.select) is None:
        reasons.append(Off(rule_id, Why.SELECT, _source(settings, "select")))
    by = naming(rule_id, settings.ignore)
    if by is not None:
        reasons.append(Off(rule_id, Why.IGNORE, _source(settings, "ignore"), by))
    return reasons


def _refuse_unaccounted(rule_id: str, reasons: Sequence[Off], settings: Settings) -> None:
    """A configuration file's select or ignore that leaves out an error-level rule without
    an override to answer for it: a usage error naming the file, line and key."""
    for reason in reasons:
        if reason.source in _flags():
            continue
        if reason.why is Why.SELECT:
            said = f"'select' = {list(settings.select or ())} leaves out"
        else:
            said = f"'ignore' {reason.selector!r} switches off"
        table = _table(reason.source, reason.selector or rule_id)
        raise ConfigError(
            f"{reason.source}: {said} {rule_id}, an error-level rule: switching it off needs "
            f"a reason, an approver and an end date; give them in a {table} table with "
            "ignore = true, reason, approved-by and until (docs/configuration.md), or "
            f"--ignore {rule_id} on the command line for one run"
        )


def _table(source: str, selector: str) -> str:
    """The override table's header as the file that ``source`` names spells it."""
    in_pyproject = source.rpartition(":")[0].endswith("pyproject.toml")
    return f"[{'tool.icscheck.' if in_pyproject else ''}overrides.{selector}]"


def _severity(
    checker: Checker, settings: Settings, active: Override | None
) -> tuple[Checker, Changed | None]:
    """The checker at the severity configuration gives it, and the change, if any."""
    written = checker.rule.severity
    if active is not None and active.severity is not None:
        if active.severity is written:
            return checker, None
        change = Changed(
            checker.id,
            written,
            active.severity,
            active.origin,
            active.accountability,
            active.selector,
        )
        return checker.with_severity(active.severity), change
    level = settings.severity.get(checker.id)
    if level is None or level is written:
        return checker, None
    origin = settings.origins.get(f"severity.{checker.id}", COMMAND_LINE)
    if written is Severity.ERROR and origin != COMMAND_LINE:
        raise ConfigError(
            f"{origin}: 'severity': {checker.id} = {str(level)!r} softens an error-level rule: "
            "that needs a reason, an approver and an end date; give them in a "
            f"{_table(origin, checker.id)} table with severity, reason, approved-by and "
            "until (docs/configuration.md)"
        )
    return checker.with_severity(level), Changed(checker.id, written, level, origin)


def _per_file(settings: Settings, chosen: Sequence[Checker]) -> tuple[Off, ...]:
    """Each per-file ignore of a rule in force; one of an error-level rule is refused (a
    waiver in the file is the accountable way to leave one file's gap open)."""
    found: list[Off] = []
    for _, pattern, selectors in settings.per_file_ignores:
        source = settings.origins.get(f"per-file-ignores.{pattern}", COMMAND_LINE)
        for checker in chosen:
            by = naming(checker.id, selectors)
            if by is None:
                continue
            written = checker.rule.default_severity or checker.rule.severity
            if written is Severity.ERROR and source != COMMAND_LINE:
                raise ConfigError(
                    f"{source}: 'per-file-ignores' {pattern!r}: {by!r} switches off "
                    f"{checker.id}, an error-level rule, for the files it matches: that "
                    "needs a reason, an approver and an end date; waive the gap in the "
                    "file (docs/waivers.md), or switch the rule off for every file in a "
                    f"{_table(source, checker.id)} table (docs/configuration.md)"
                )
            found.append(Off(checker.id, Why.PER_FILE, source, by, pattern))
    return tuple(found)
