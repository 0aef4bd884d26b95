"""Reporters: turn a Report into output. The only code, with the CLI, that writes.

Each reporter is a small class behind a name in ``REPORTERS``; the name is what
``--format`` accepts. Reporters import their heavy dependencies (Rich) only when
they run, so choosing ``json`` never loads Rich.
"""

from __future__ import annotations

from icscheck.reporters.base import Reporter
from icscheck.reporters.concise import ConciseReporter
from icscheck.reporters.github import GithubReporter
from icscheck.reporters.gitlab import GitlabReporter
from icscheck.reporters.html import HtmlReporter
from icscheck.reporters.json import JsonReporter
from icscheck.reporters.junit import JunitReporter
from icscheck.reporters.markdown import MarkdownReporter
from icscheck.reporters.sarif import SarifReporter
from icscheck.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "concise": ConciseReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
    "html": HtmlReporter,
    "markdown": MarkdownReporter,
}

__all__ = ["REPORTERS", "Reporter"]
