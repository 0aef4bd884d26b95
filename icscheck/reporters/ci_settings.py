"""What configuration did, for the CI formats that have no settings section of their own.

GitHub annotations and GitLab Code Quality issues are located at a file and line,
so each change configuration made is one ``::notice`` or one ``info`` issue at
the configuration file's line that made it (a flag's, having no line, at no
file on GitHub, and at the first file checked on GitLab); a JUnit suite carries
them as ``settings`` properties. Kept apart from those reporters, which another
branch is reworking (docs/ci.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from icscheck.overrides import place
from icscheck.reporters.summary import Setting, settings
from icscheck.result import Report
from icscheck.untrusted import text, workflow_data, workflow_property

TITLE = "icscheck settings"
CHECK_NAME = "icscheck-settings"


def changes(report: Report) -> list[Setting]:
    """Each change configuration made, without the list of files read."""
    return [item for item in settings(report.configured) if item.source]


def github_notices(report: Report, path_of: Callable[[str], str] | None = None) -> list[str]:
    """One ``::notice`` workflow command per change, at its configuration file's line (a
    flag's at no file: Actions shows it on the run's summary), named by ``path_of`` (the
    reporter's: from the repository root, as Actions places an annotation)."""
    if path_of is None:
        path_of = _posix
    notices = []
    for item in changes(report):
        path, line = place(item.source)
        properties = [] if path is None else [("file", path_of(path))]
        if line is not None:
            properties.append(("line", str(line)))
        properties.append(("title", TITLE))
        joined = ",".join(f"{key}={workflow_property(text(value))}" for key, value in properties)
        notices.append(f"::notice {joined}::{workflow_data(text(str(item)))}")
    return notices


def gitlab_issues(
    report: Report, path_of: Callable[[str], str] | None = None
) -> list[dict[str, Any]]:
    """One ``info`` Code Quality issue per change, at the configuration file's line,
    named by ``path_of`` (the reporter's: from the repository root, as GitLab matches it)."""
    if path_of is None:
        path_of = _posix
    checked = [result.path for result in report.files if result.error is None]
    issues = []
    for item in changes(report):
        where, line = place(item.source)
        if where is None:
            if not checked:
                continue
            where, line = checked[0], 1
        text = f"{TITLE}: {item}"
        issues.append(
            {
                "description": text,
                "check_name": CHECK_NAME,
                "fingerprint": hashlib.sha256(
                    "\0".join((CHECK_NAME, text)).encode("utf-8", "surrogateescape")
                ).hexdigest(),
                "severity": "info",
                "location": {"path": path_of(where), "lines": {"begin": line or 1}},
            }
        )
    return issues


def _posix(path: str) -> str:
    return PurePath(path).as_posix()


def junit_properties(report: Report) -> list[str]:
    """The value of each ``settings`` property of a JUnit suite."""
    return [str(item) for item in settings(report.configured)]
