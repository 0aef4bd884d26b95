"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run: the tool and every rule it knows (with title, documentation, fix,
source and a link to docs/rules.md), one result per open finding, and one per
waived finding carrying an accepted in-source suppression with the waiver's
reason, approver and end date. A file that could not be checked is a
tool-execution notification on the run's invocation, which then reports
``executionSuccessful: false``.

Each result has a ``partialFingerprints["icscheck/v1"]`` that does not depend on
line numbers, so a viewer recognises the same gap after unrelated lines move.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from icscheck import __version__, untrusted
from icscheck.engine import STDIN_NAME
from icscheck.errors import LoadError
from icscheck.finding import Finding, Severity
from icscheck.reporters.base import Reporter
from icscheck.reporters.sarif_settings import configuration
from icscheck.result import Report
from icscheck.rules.base import Rule
from icscheck.untrusted import ascii_only
from icscheck.waivers import Waiver

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/icscheck/icscheck"
DOCS_URL = "https://github.com/icscheck/icscheck/blob/main/docs/rules.md"
FINGERPRINT = "icscheck/v1"


def fingerprint(finding: Finding) -> str:
    """SHA-256 (hex) of rule, path, node and message: stable when unrelated lines move.

    The message is included because one rule may report several gaps at the
    same node (BOARD-004: one per missing sector); without it they would collide.
    """
    key = "\0".join((finding.rule, finding.path, finding.node, finding.message))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def rule_name(rule: Rule) -> str:
    """A CamelCase identifier from the rule's title (``TheBoardHasExactlyOneChair``)."""
    name = "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", rule.title))
    return name or rule.id.replace("-", "")


def help_uri(rule_id: str) -> str:
    """The rule's section in docs/rules.md (headings ``### BOARD-001`` → ``#board-001``)."""
    return f"{DOCS_URL}#{rule_id.lower()}"


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path as a relative URI; an absolute one as a ``file://`` URI."""
    if path == STDIN_NAME:
        return {"description": {"text": "standard input"}}
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(PurePath(path).as_posix(), errors="surrogateescape")}


def region(line: int | None, column: int | None) -> dict[str, int]:
    found: dict[str, int] = {}
    if line is not None:
        found["startLine"] = line
        if column is not None:
            found["startColumn"] = column
    return found


def physical_location(path: str, line: int | None, column: int | None) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": artifact_location(path)}
    where = region(line, column)
    if where:
        location["region"] = where
    return {"physicalLocation": location}


def rule_json(rule: Rule) -> dict[str, Any]:
    level = "error" if rule.severity is Severity.ERROR else "warning"
    described: dict[str, Any] = {
        "id": rule.id,
        "name": rule_name(rule),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.doc or rule.title},
        "help": {
            "text": f"{rule.fix}\nSource: {rule.source}",
            # Rendered by viewers: a house rule's words are the repository's text.
            "markdown": f"{untrusted.markdown(rule.fix)}\n\n"
            f"Source: {untrusted.markdown(rule.source)}",
        },
        "helpUri": help_uri(rule.id),
        "defaultConfiguration": {"level": level},
        "properties": {
            "source": rule.source,
            "area": str(rule.area),
            "tags": [
                str(rule.area),
                "mandatory" if rule.severity is Severity.ERROR else "guidance",
            ],
        },
    }
    if rule.house:
        # Documented in its own record, not in icscheck's docs/rules.md.
        del described["helpUri"]
        described["properties"]["tags"].append("house rule")
        described["properties"]["origin"] = rule.origin
    return described


def result_json(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result |= {
        "level": str(finding.severity),
        "message": {"text": finding.message},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding)},
    }
    if finding.node:
        result["properties"] = {"node": finding.node}
    return result


def _location(finding: Finding) -> dict[str, Any]:
    """A document's finding: the file, with the clause as a logical location and the
    page as a property (SARIF 2.1.0 §3.28 and §3.33; a region is lines, which a
    document does not have)."""
    if not finding.document:
        return physical_location(finding.path, finding.line, finding.column)
    location = physical_location(finding.path, None, None)
    if finding.clause:
        location["logicalLocations"] = [
            {"name": finding.clause, "fullyQualifiedName": finding.location, "kind": "section"}
        ]
    if finding.page:
        location["properties"] = {"page": finding.page}
    return location


def suppression_json(path: str, waiver: Waiver) -> dict[str, Any]:
    return {
        "kind": "inSource",
        "status": "accepted",
        "justification": waiver.describe(),
        "location": physical_location(path, waiver.line, waiver.column),
    }


def notification_json(error: LoadError) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": error.message},
        "locations": [physical_location(error.path, error.line, error.column)],
    }


def report_sarif(report: Report) -> dict[str, Any]:
    rules = list(report.rules)
    index = {rule.id: position for position, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for file in report.files:
        if file.error is not None:
            notifications.append(notification_json(file.error))
            continue
        results.extend(result_json(finding, index) for finding in file.findings)
        for item in file.waived:
            result = result_json(item.finding, index)
            result["suppressions"] = [suppression_json(file.path, item.waiver)]
            results.append(result)
    invocation: dict[str, Any] = {
        "executionSuccessful": not notifications,
        "exitCode": int(report.exit_code),
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    # What configuration switched off or changed (icscheck/reporters/sarif_settings.py).
    invocation |= configuration(report.configured, index, artifact_location)
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "icscheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_json(rule) for rule in rules],
                    }
                },
                "invocations": [invocation],
                # Columns count characters (code points), as in every icscheck report.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


class SarifReporter(Reporter):
    """SARIF 2.1.0 for code-scanning tools."""

    def write(self, report: Report) -> None:
        # Non-ASCII text as itself where the stream is UTF-8, else escaped: it must parse.
        self.stream.write(untrusted.json(report_sarif(report), ascii=ascii_only(self.stream)))
        self.stream.write("\n")
