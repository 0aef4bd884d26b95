"""``--format json``: one JSON document, shape documented in docs/json-output.md.

The shape is public and versioned (``"version": 2``); schemas/report.schema.json
describes it and the tests validate every output against it. Each file's
part is icscheck/codec.py's encoding, the same the result cache stores.
"""

from __future__ import annotations

from typing import Any

from icscheck import __version__
from icscheck.codec import file_data, finding_data
from icscheck.finding import Severity
from icscheck.overrides import Accountability, Configured, place
from icscheck.reporters.base import Reporter
from icscheck.reporters.summary import in_report_order, report_order
from icscheck.result import FileResult, Report
from icscheck.untrusted import ascii_only, json

OUTPUT_VERSION = 2
"""2: unconfirmed outcomes (format 2's unknown facts) and rules not run, per file."""
SETTINGS_VERSION = 1
"""The ``settings`` block's own version: 1, what configuration switched off, changed and read."""


def report_json(report: Report) -> dict[str, Any]:
    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "icscheck", "version": __version__},
        "ruleset": report.ruleset,
        "checked_on": report.on.isoformat(),
        "exit_code": int(report.exit_code),
        "fail_on": str(report.fail_on),
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "waived": report.waived,
            "unconfirmed": report.unconfirmed,
            "unreadable": report.unreadable,
        },
        "settings": settings_data(report.configured),
        "files": [_errors_first(result, report) for result in report.files],
    }


def _errors_first(result: FileResult, report: Report) -> dict[str, Any]:
    """One file's data, its open and waived findings errors first, each in file order, as
    every report lists them (``summary.in_report_order``); the cache keeps file order."""
    data = file_data(result, report.catalogue)
    data["findings"] = [
        finding_data(f, report.catalogue.get(f.rule)) for f in in_report_order(result.findings)
    ]
    waived = sorted(
        zip(result.waived, data["waived"], strict=True),
        key=lambda pair: report_order(pair[0].finding),
    )
    data["waived"] = [entry for _, entry in waived]
    return data


def settings_data(configured: Configured) -> dict[str, Any]:
    """What configuration did to the run, each change with its source (docs/json-output.md)."""
    return {
        "version": SETTINGS_VERSION,
        "files": list(configured.files),
        "not_run": [
            {
                "rule": off.rule,
                "why": str(off.why),
                "selector": off.selector or None,
                **_source(off.source),
                **_accountability(off.accountability),
            }
            for off in configured.off
        ],
        "per_file_ignores": [
            {"rule": off.rule, "files": off.files, "selector": off.selector, **_source(off.source)}
            for off in configured.per_file
        ],
        "severity": [
            {
                "rule": change.rule,
                "from": str(change.was),
                "to": str(change.now),
                "selector": change.selector or None,
                **_source(change.source),
                **_accountability(change.accountability),
            }
            for change in configured.changed
        ],
        "lapsed": [
            {
                "rule": item.rule,
                "selector": item.override.selector,
                "severity": None if item.override.severity is None else str(item.override.severity),
                **_source(item.override.origin),
                **_accountability(item.override.accountability),
            }
            for item in configured.lapsed
        ],
        "statutory": list(configured.statutory_rules),
        "gate_off": None
        if configured.gate is None
        else {
            "lapsed": configured.gate.lapsed,
            **_source(configured.gate.source),
            **_accountability(configured.gate.accountability),
        },
    }


def _source(source: str) -> dict[str, Any]:
    path, line = place(source)
    return {"source": source, "file": path, "line": line}


def _accountability(accountability: Accountability | None) -> dict[str, Any]:
    if accountability is None:
        return {"reason": None, "approved_by": None, "until": None}
    return {
        "reason": accountability.reason,
        "approved_by": accountability.approved_by,
        "until": accountability.until.isoformat(),
    }


class JsonReporter(Reporter):
    """Machine-readable output for tools and tests."""

    def write(self, report: Report) -> None:
        # Non-ASCII text as itself where the stream is UTF-8, else as JSON escapes:
        # the output must parse whatever the locale.
        self.stream.write(json(report_json(report), ascii=ascii_only(self.stream)) + "\n")
