"""``--format json``: one JSON document, shape documented in docs/json-output.md.

The shape is public and versioned (``"version": 1``); schemas/report.schema.json
describes it and the tests validate every output against it.
"""

from __future__ import annotations

import json
from typing import Any

from icscheck import __version__
from icscheck.finding import Finding, Severity
from icscheck.reporters.base import Reporter
from icscheck.result import FileResult, Report
from icscheck.rules import RULES
from icscheck.waivers import Waiver

OUTPUT_VERSION = 1


def finding_json(finding: Finding) -> dict[str, Any]:
    rule = RULES[finding.rule]
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "source": finding.source,
        "node": finding.node,
        "title": rule.title,
        "fix": rule.fix,
    }


def waiver_json(waiver: Waiver) -> dict[str, Any]:
    return {
        "line": waiver.line,
        "rules": list(waiver.rules),
        "reason": waiver.reason,
        "approved_by": waiver.approved_by,
        "until": waiver.until.isoformat() if waiver.until else None,
    }


def file_json(result: FileResult) -> dict[str, Any]:
    error = result.error
    return {
        "path": result.path,
        "icb": result.icb_name,
        "format_version": result.format_version,
        "error": None
        if error is None
        else {"message": error.message, "line": error.line, "column": error.column},
        "summary": {
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "waived": len(result.waived),
        },
        "rules": [
            {
                "id": outcome.rule.id,
                "title": outcome.rule.title,
                "area": str(outcome.rule.area),
                "severity": str(outcome.rule.severity),
                "status": str(outcome.status),
                "findings": len(outcome.findings),
                "waived": len(outcome.waived),
            }
            for outcome in result.rules
        ],
        "findings": [finding_json(f) for f in result.findings],
        "waived": [
            {**finding_json(item.finding), "waiver": waiver_json(item.waiver)}
            for item in result.waived
        ],
    }


def report_json(report: Report) -> dict[str, Any]:
    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "icscheck", "version": __version__},
        "ruleset": report.ruleset,
        "exit_code": int(report.exit_code),
        "fail_on": str(report.fail_on),
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "waived": report.waived,
            "unreadable": report.unreadable,
        },
        "files": [file_json(result) for result in report.files],
    }


class JsonReporter(Reporter):
    """Machine-readable output for tools and tests."""

    def write(self, report: Report) -> None:
        # Non-ASCII text as itself where the stream is UTF-8, else as JSON escapes:
        # the output must parse whatever the locale.
        encoding = (getattr(self.stream, "encoding", None) or "utf-8").lower().replace("-", "")
        json.dump(report_json(report), self.stream, indent=2, ensure_ascii=encoding != "utf8")
        self.stream.write("\n")
