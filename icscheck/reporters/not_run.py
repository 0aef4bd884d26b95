"""The rules that did not run on a file, for the CI formats and concise (gaps15 item 7).

A version-1 file runs without the 27 rules that need format version 2; the text and
HTML reports say so per file ("Not run: ... (27 rules). Why: needs format version 2:
icscheck migrate turns this file into it."), and a CI reviewer must read the same, or a
green check on a version-1 file reads as every rule met. Each format says it where its
consumer shows a file's notes: a concise line, a GitHub ``::notice`` at the file, a
GitLab ``info`` issue at its first line, the JUnit suite's ``not_run`` property and
``<system-out>``, and a SARIF ``toolExecutionNotifications`` entry (§3.20.21) at the
file. The count is the rules', computed, never written in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from icscheck.reporters.summary import not_run, plural
from icscheck.result import FileResult

CHECK_NAME = "icscheck-not-run"
"""GitLab's check_name, and the GitHub title's, for a file's rules not run."""


def not_run_lines(result: FileResult) -> list[str]:
    """One sentence per reason: ``Not run: ICB-001, ... (27 rules). Why: needs format
    version 2: icscheck migrate turns this file into it.``"""
    return [
        f"Not run: {', '.join(rules)} ({plural(len(rules), 'rule')}). Why: {reason}."
        for reason, rules in not_run(result)
    ]


def titled(result: FileResult) -> list[tuple[str, str]]:
    """(title, sentence) per reason, the title counting them: ``27 rules not run``."""
    return [
        (f"{plural(len(rules), 'rule')} not run", line)
        for (_, rules), line in zip(not_run(result), not_run_lines(result), strict=True)
    ]


def gitlab_issues(result: FileResult, path: str) -> list[dict[str, Any]]:
    """One ``info`` Code Quality issue per reason, at the file's first line."""
    return [
        {
            "description": f"icscheck: {line}",
            "check_name": CHECK_NAME,
            "fingerprint": hashlib.sha256(
                "\0".join((CHECK_NAME, path, line)).encode("utf-8", "surrogateescape")
            ).hexdigest(),
            "severity": "info",
            "location": {"path": path, "lines": {"begin": 1}},
        }
        for line in not_run_lines(result)
    ]


def sarif_notifications(
    results: list[FileResult], locate: Callable[[str], dict[str, Any]]
) -> list[dict[str, Any]]:
    """SARIF ``toolExecutionNotifications``: one ``note`` per file and reason."""
    return [
        {
            "level": "note",
            "message": {"text": line},
            "locations": [{"physicalLocation": {"artifactLocation": locate(result.path)}}],
        }
        for result in results
        if result.error is None
        for line in not_run_lines(result)
    ]
