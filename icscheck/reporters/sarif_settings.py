"""What configuration did, as SARIF 2.1.0 says it on the run's invocation.

Each rule switched off is a ``ruleConfigurationOverrides`` entry with
``configuration.enabled: false`` (§3.51, §3.50.2), each severity changed one
with ``configuration.level`` (§3.50.3); the property bag carries where it was
said (``source``, ``file``, ``line``) and an override's reason, approver and
end date. Rules not run, per-file ignores and lapsed overrides are also
``toolConfigurationNotifications`` (§3.20.22), located at the configuration
file's line where there is one, so a viewer that shows notifications and not
overrides still says them. Kept apart from sarif.py, which another branch is
reworking (docs/ci.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from icscheck.overrides import Accountability, Configured, place

Locate = Callable[[str], dict[str, Any]]
"""A path as a SARIF artifactLocation (sarif.artifact_location)."""


def configuration(configured: Configured, index: dict[str, int], locate: Locate) -> dict[str, Any]:
    """The invocation's ``ruleConfigurationOverrides`` and ``toolConfigurationNotifications``
    (each left out when empty); ``index`` places the rules in ``tool.driver.rules`` and
    ``locate`` gives a configuration file's artifactLocation."""
    overrides = [
        _override(
            _descriptor(off.rule, index),
            {"enabled": False},
            off.source,
            off.accountability,
            off.describe(),
        )
        for off in configured.off
    ]
    overrides += [
        _override(
            _descriptor(change.rule, index),
            {"level": str(change.now)},
            change.source,
            change.accountability,
            change.describe(),
        )
        for change in configured.changed
    ]
    notes = [
        _notification(off.rule, "note", f"{off.rule} not run: {off.describe()}", off.source, locate)
        for off in configured.off
    ]
    notes += [
        _notification(
            off.rule,
            "note",
            f"{off.rule} not run on some files: {off.describe()}",
            off.source,
            locate,
        )
        for off in configured.per_file
    ]
    notes += [
        _notification(item.rule, "warning", item.describe(), item.override.origin, locate)
        for item in configured.lapsed
    ]
    gate = configured.gate
    if gate is not None:
        notes.append(
            _notification(
                None, "warning" if gate.lapsed else "note", gate.describe(), gate.source, locate
            )
        )
    found: dict[str, Any] = {}
    if overrides:
        found["ruleConfigurationOverrides"] = overrides
    if notes:
        found["toolConfigurationNotifications"] = notes
    return found


def _descriptor(rule: str, index: dict[str, int]) -> dict[str, Any]:
    """A rule switched off is not among the driver's rules (those in force): its ID alone."""
    return {"id": rule, "index": index[rule]} if rule in index else {"id": rule}


def _override(
    descriptor: dict[str, Any],
    setting: dict[str, Any],
    source: str,
    accountability: Accountability | None,
    described: str,
) -> dict[str, Any]:
    return {
        "descriptor": descriptor,
        "configuration": setting,
        "properties": {"description": described, **_where(source, accountability)},
    }


def _notification(
    rule: str | None, level: str, text: str, source: str, locate: Locate
) -> dict[str, Any]:
    """A notification about ``rule``; None for the gate, which is no rule's."""
    note: dict[str, Any] = {"level": level, "message": {"text": text}}
    if rule is not None:
        note["associatedRule"] = {"id": rule}
    path, line = place(source)
    if path is not None:
        location: dict[str, Any] = {"artifactLocation": locate(path)}
        if line is not None:
            location["region"] = {"startLine": line}
        note["locations"] = [{"physicalLocation": location}]
    return note


def _where(source: str, accountability: Accountability | None) -> dict[str, Any]:
    path, line = place(source)
    where: dict[str, Any] = {"source": source, "file": path, "line": line}
    if accountability is not None:
        where |= {
            "reason": accountability.reason,
            "approvedBy": accountability.approved_by,
            "until": accountability.until.isoformat(),
        }
    return where
