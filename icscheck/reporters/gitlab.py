"""``--format gitlab``: a GitLab Code Quality report, shown in merge requests.

A JSON array with one issue per open finding. Each fingerprint is built from
the rule, path, node and message but not the line, so GitLab recognises the
same gap when unrelated lines move and only new gaps show as new. Waived
findings are left out; a file that could not be checked is one ``blocker``.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from icscheck.errors import LoadError
from icscheck.finding import Finding, Severity
from icscheck.reporters.base import Reporter
from icscheck.reporters.ci_settings import gitlab_issues
from icscheck.result import Report
from icscheck.rules.base import Rule
from icscheck.untrusted import ascii_only, json

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor"}
CHECK_NAME = "icscheck"
"""The check name of a file that could not be checked."""


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def fingerprint(finding: Finding) -> str:
    """SHA-256 (hex) of rule, path, node and message, joined by NULs; never the line."""
    return _hash(finding.rule, finding.path, finding.node, finding.message)


def _path(path: str) -> str:
    """The path with forward slashes, as GitLab matches it against the repository."""
    return PurePath(path).as_posix()


def issue(finding: Finding, rule: Rule) -> dict[str, Any]:
    return {
        "description": f"{rule.label}: {finding.message}"
        + (f" ({finding.location})" if finding.document else ""),
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding),
        "severity": SEVERITY[finding.severity],
        "location": {
            "path": _path(finding.path),
            "lines": {"begin": 1 if finding.document else finding.line},
        },
    }


def unreadable(error: LoadError) -> dict[str, Any]:
    return {
        "description": f"{CHECK_NAME}: cannot check this file: {error.message}",
        "check_name": CHECK_NAME,
        "fingerprint": _hash(CHECK_NAME, error.path, error.message),
        "severity": "blocker",
        "location": {"path": _path(error.path), "lines": {"begin": error.line or 1}},
    }


def report_gitlab(report: Report) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    for result in report.files:
        if result.error is not None:
            issues.append(unreadable(result.error))
        else:
            issues.extend(issue(f, report.rule(f.rule)) for f in result.findings)
    # What configuration switched off or changed (icscheck/reporters/ci_settings.py).
    return issues + gitlab_issues(report)


class GitlabReporter(Reporter):
    """GitLab Code Quality JSON."""

    def write(self, report: Report) -> None:
        self.stream.write(json(report_gitlab(report), ascii=ascii_only(self.stream)) + "\n")
