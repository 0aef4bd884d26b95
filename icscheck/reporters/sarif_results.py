"""The SARIF log's results: where each one is, its fingerprint, and what it says.

Paths are named from the repository root (icscheck/repository.py): GitHub code
scanning reads a relative ``uri`` as relative to the root of the repository,
and "the filepath has to be consistent across the runs" for its fingerprints
(GitHub, "SARIF support for code scanning"; /work/shared/research/ci-outputs.md,
SARIF items 1 and 5). So a relative ``uri`` carries ``uriBaseId: SRCROOT``,
which the run's ``originalUriBaseIds`` resolves to the root (the third way
GitHub's page names to give the source root); a file outside the root is a ``file://`` URI with no base,
never a ``../`` path no consumer can open.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from icscheck.engine import STDIN_NAME
from icscheck.errors import LoadError
from icscheck.finding import Finding
from icscheck.reporters.base import UNREADABLE
from icscheck.repository import Root
from icscheck.result import Unconfirmed
from icscheck.waivers import Waiver

FINGERPRINT = "icscheck/v1"
SRCROOT = "SRCROOT"
# The rule of a file icscheck could not read or parse (icscheck/reporters/base.py): a
# result, so code scanning shows an alert for it (a tool-execution notification is not
# shown as one; ci-outputs.md item 4).

UNREADABLE_RULE: dict[str, Any] = {
    "id": UNREADABLE,
    "name": "FileCouldNotBeChecked",
    "shortDescription": {"text": "A file could not be read or parsed, so no rule checked it."},
    "fullDescription": {
        "text": "icscheck could not read this file, or could not parse it as YAML (or as "
        "the document it names), so none of its rules ran on it. The message says why."
    },
    "help": {
        "text": "Fix what the message names (a missing file, invalid YAML, a file too "
        "large), then run icscheck again.",
        "markdown": "Fix what the message names (a missing file, invalid YAML, a file too "
        "large), then run icscheck again.",
    },
    "defaultConfiguration": {"level": "error"},
    "properties": {"tags": ["icscheck"]},
}


class Locator:
    """Names checked files as SARIF artifact locations, from ``root`` when there is one.

    With no root (a reporter built without one), a path is named as given: relative
    paths as relative URIs with no base, absolute ones as ``file://`` URIs.
    """

    def __init__(self, root: Root | None) -> None:
        self.root = root

    def key(self, path: str) -> str:
        """The path the fingerprint is computed from: the same whatever folder icscheck
        ran in (``../x.yaml`` from ``sub/`` and ``x.yaml`` from the root)."""
        if self.root is None:
            return PurePath(path).as_posix()
        return self.root.relative(path)

    def artifact(self, path: str) -> dict[str, Any]:
        if path == STDIN_NAME:
            return {"description": {"text": "standard input"}}
        named = self.key(path)
        if Path(named).is_absolute():
            return {"uri": Path(named).as_uri()}
        uri = quote(PurePath(named).as_posix(), errors="surrogateescape")
        if self.root is None:
            return {"uri": uri}
        return {"uri": uri, "uriBaseId": SRCROOT}

    def base_ids(self) -> dict[str, Any]:
        """``run.originalUriBaseIds``: SRCROOT as the root's ``file://`` URI, ending in ``/``
        (a base without it would lose its last segment when a relative reference is
        resolved against it, RFC 3986 §5.2.3)."""
        if self.root is None:
            return {}
        uri = self.root.top.as_uri()
        return {"originalUriBaseIds": {SRCROOT: {"uri": uri if uri.endswith("/") else uri + "/"}}}

    def physical(self, path: str, line: int | None, column: int | None) -> dict[str, Any]:
        location: dict[str, Any] = {"artifactLocation": self.artifact(path)}
        where = region(line, column)
        if where:
            location["region"] = where
        return {"physicalLocation": location}


def region(line: int | None, column: int | None) -> dict[str, int]:
    found: dict[str, int] = {}
    if line is not None:
        found["startLine"] = line
        if column is not None:
            found["startColumn"] = column
    return found


def fingerprint(rule: str, path: str, node: str, message: str) -> str:
    """SHA-256 (hex) of rule, root-relative path, node and message: stable when unrelated
    lines move and whichever folder icscheck ran in.

    The message is included because one rule may report several gaps at the
    same node (BOARD-004: one per missing sector); without it they would collide.
    """
    key = "\0".join((rule, path, node, message))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


class Results:
    """Builds each kind of result for one run."""

    def __init__(self, locator: Locator, index: dict[str, int], *, strict: bool) -> None:
        self.locator = locator
        self.index = index
        self.strict = strict
        """--strict (``--fail-on warning``): a question to confirm fails the gate."""

    def finding(self, finding: Finding) -> dict[str, Any]:
        return self._result(finding, str(finding.severity), finding.message)

    def waived(self, finding: Finding, waiver: Waiver) -> dict[str, Any]:
        result = self.finding(finding)
        result["suppressions"] = [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": waiver.describe(),
                "location": self.locator.physical(finding.path, waiver.line, waiver.column),
            }
        ]
        return result

    def unconfirmed(self, question: Unconfirmed) -> dict[str, Any]:
        """A question to confirm: ``kind: review`` at ``level: none`` ("an issue that
        requires human review to determine if there's actually a problem": the SARIF
        editor's guidance to viewers, microsoft/sarif-vscode-extension issue 357), unless --strict makes it fail the gate, when it is a ``fail``
        at ``warning``, as the exit code counts it (icscheck/result.py)."""
        finding = question.finding
        facts = "; ".join(question.confirm)
        rests = "it" if len(question.confirm) == 1 else "them"
        message = f"To confirm: {facts}. {finding.rule} rests on {rests}: {finding.message}"
        level, kind = ("warning", "fail") if self.strict else ("none", "review")
        result = self._result(finding, level, message, kind=kind)
        result.setdefault("properties", {})["confirm"] = list(question.confirm)
        return result

    def unreadable(self, error: LoadError) -> dict[str, Any]:
        """A file that could not be checked: an error at the place it went wrong, if known."""
        result: dict[str, Any] = {"ruleId": UNREADABLE}
        if UNREADABLE in self.index:
            result["ruleIndex"] = self.index[UNREADABLE]
        key = self.locator.key(error.path)
        return result | {
            "level": "error",
            "message": {"text": error.message},
            "locations": [self.locator.physical(error.path, error.line, error.column)],
            "partialFingerprints": {FINGERPRINT: fingerprint(UNREADABLE, key, "", error.message)},
        }

    def _result(
        self, finding: Finding, level: str, message: str, *, kind: str | None = None
    ) -> dict[str, Any]:
        result: dict[str, Any] = {"ruleId": finding.rule}
        if finding.rule in self.index:
            result["ruleIndex"] = self.index[finding.rule]
        if kind is not None:
            result["kind"] = kind
        key = self.locator.key(finding.path)
        result |= {
            "level": level,
            "message": {"text": message},
            "locations": [self._location(finding)],
            "partialFingerprints": {
                FINGERPRINT: fingerprint(finding.rule, key, finding.node, finding.message)
            },
        }
        properties: dict[str, Any] = {}
        if finding.node:
            properties["node"] = finding.node
        if finding.provenance:
            # Where the constitution states the fact, so a reviewer can open the clause.
            properties["provenance"] = finding.provenance
        if properties:
            result["properties"] = properties
        return result

    def _location(self, finding: Finding) -> dict[str, Any]:
        """A document's finding: the file, with the clause as a logical location and the
        page as a property (SARIF 2.1.0 §3.28 and §3.33; a region is lines, which a
        document does not have)."""
        if not finding.document:
            return self.locator.physical(finding.path, finding.line, finding.column)
        location = self.locator.physical(finding.path, None, None)
        if finding.clause:
            location["logicalLocations"] = [
                {"name": finding.clause, "fullyQualifiedName": finding.location, "kind": "section"}
            ]
        if finding.page:
            location["properties"] = {"page": finding.page}
        return location
