"""``--format gitlab``: a GitLab Code Quality report, shown in merge requests.

A JSON array with one issue per open finding. Each fingerprint is built from
the rule, the path from the repository root, the node and the message but not
the line, so GitLab recognises the same gap when unrelated lines move, and
from any folder the run starts in; only new gaps show as new. Waived findings
are left out; a file that could not be checked is one ``blocker``; a question
to confirm (a rule resting on a fact the file marks unknown) is an ``info``
issue, ``minor`` under ``--strict``, where it fails the gate.

The fields are those GitLab's Code Quality documentation lists (the table in
"Implementing a custom tool", gitlab-org/gitlab doc/user/project/merge_requests/
code_quality.md, now https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
``description``, ``fingerprint``, ``severity``, ``location.path`` ("the relative
path to the file") and "``location.lines.begin`` or ``location.positions.begin.line``";
the current page adds ``check_name`` (as the project's research note,
../shared/research/ci-outputs.md, quotes it). So the path is named from the repository root (icscheck/repository.py). The
``positions`` form is Code Climate's, whose ``begin`` holds a ``column`` beside
the line, and GitLab accepts both forms (gitlab.com/smueller18/pylint-gitlab
merge request 21, which moved pylint-gitlab to it for its columns): a YAML finding
has both. A document's findings have no line or column of their own (they are
located by page and clause, which the description gives), so they keep
``lines.begin`` 1.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from icscheck.errors import LoadError
from icscheck.finding import Finding, Severity
from icscheck.reporters.base import UNREADABLE, Reporter
from icscheck.reporters.ci_settings import gitlab_issues
from icscheck.reporters.not_run import gitlab_issues as not_run_issues
from icscheck.reporters.summary import in_report_order
from icscheck.result import FailOn, Report, Unconfirmed
from icscheck.rules.base import Rule
from icscheck.untrusted import ascii_only, json

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor"}
CHECK_NAME = "icscheck"
"""The check name of a file that could not be checked."""
UNCONFIRMED = "unconfirmed"
"""Hashed into a question's fingerprint, so the gap it may turn into once the fact is
known shows as new."""

Paths = Callable[[str], str]
"""A path as given to the path from the repository root (``Reporter.path``)."""


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def fingerprint(finding: Finding, path: str) -> str:
    """SHA-256 (hex) of rule, root-relative path, node and message, joined by NULs;
    never the line."""
    return _hash(finding.rule, path, finding.node, finding.message)


def _location(finding: Finding, path: str) -> dict[str, Any]:
    if finding.document:
        return {"path": path, "lines": {"begin": 1}}
    begin = {"line": finding.line, "column": finding.column}
    return {"path": path, "positions": {"begin": begin}}


def _stated(finding: Finding) -> str:
    return f" (stated in {finding.provenance})" if finding.provenance else ""


def _where(finding: Finding) -> str:
    return f" ({finding.location})" if finding.document else ""


def issue(finding: Finding, rule: Rule, path: str) -> dict[str, Any]:
    return {
        "description": f"{rule.label}: {finding.message}{_where(finding)}{_stated(finding)}",
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding, path),
        "severity": SEVERITY[finding.severity],
        "location": _location(finding, path),
    }


def question(item: Unconfirmed, rule: Rule, path: str, *, strict: bool) -> dict[str, Any]:
    """A question to confirm: ``info`` (shown, not a gap), ``minor`` when it fails the gate."""
    finding = item.finding
    confirm = "; ".join(item.confirm)
    return {
        "description": f"{rule.label}: to confirm: {finding.message}{_where(finding)}; "
        f"confirm {confirm}{_stated(finding)}",
        "check_name": finding.rule,
        "fingerprint": _hash(UNCONFIRMED, finding.rule, path, finding.node, finding.message),
        "severity": "minor" if strict else "info",
        "location": _location(finding, path),
    }


def unreadable(error: LoadError, path: str) -> dict[str, Any]:
    return {
        "description": f"{UNREADABLE}: cannot check this file: {error.message}",
        "check_name": UNREADABLE,
        # Hashed with the name it had before (CHECK_NAME), so a merge request's widget
        # does not see every broken file as fixed and broken anew.
        "fingerprint": _hash(CHECK_NAME, path, error.message),
        "severity": "blocker",
        "location": {"path": path, "lines": {"begin": error.line or 1}},
    }


def report_gitlab(report: Report, path: Paths) -> list[dict[str, Any]]:
    strict = report.fail_on is FailOn.WARNING
    issues: list[dict[str, Any]] = []
    for result in report.files:
        if result.error is not None:
            issues.append(unreadable(result.error, path(result.error.path)))
            continue
        # Errors first, each in file order, as every report lists them.
        issues.extend(
            issue(f, report.rule(f.rule), path(f.path)) for f in in_report_order(result.findings)
        )
        issues.extend(
            question(u, report.rule(u.finding.rule), path(u.finding.path), strict=strict)
            for u in result.unconfirmed
        )
        issues += not_run_issues(result, path(result.path))
    # What configuration switched off or changed (icscheck/reporters/ci_settings.py).
    return issues + gitlab_issues(report, path)


class GitlabReporter(Reporter):
    """GitLab Code Quality JSON."""

    def write(self, report: Report) -> None:
        issues = report_gitlab(report, self.path)
        self.stream.write(json(issues, ascii=ascii_only(self.stream)) + "\n")
