"""``--format github``: GitHub Actions workflow commands, shown as annotations on a pull request.

One line per open finding (``::error`` or ``::warning``, at its file, line and
column, titled with the rule ID), one ``::notice`` per waived finding with its
waiver, and one ``::error`` per file that could not be checked. Messages
and titles are shown as ``untrusted.text`` shows them, then every value is
escaped as the Actions runner expects (``untrusted.workflow_data``), so a
message cannot end the command early or inject another.
"""

from __future__ import annotations

from icscheck.finding import Finding, Severity
from icscheck.reporters.base import Reporter
from icscheck.reporters.ci_settings import github_notices
from icscheck.result import Report
from icscheck.untrusted import text, workflow_data, workflow_property


def command(
    name: str,
    message: str,
    *,
    file: str,
    line: int | None = None,
    column: int | None = None,
    title: str,
) -> str:
    """One workflow command line, e.g. ``::error file=a.yaml,line=3,col=5,title=X::msg``."""
    properties = [("file", file)]
    if line is not None:
        properties.append(("line", str(line)))
        if column is not None:
            properties.append(("col", str(column)))
    properties.append(("title", title))
    joined = ",".join(f"{key}={workflow_property(text(value))}" for key, value in properties)
    return f"::{name} {joined}::{workflow_data(text(message))}"


def _located(finding: Finding) -> str:
    """A document's finding has no line to annotate: its page and clause lead the message."""
    return f"{finding.location}: {finding.message}" if finding.document else finding.message


def _level(finding: Finding) -> str:
    return "error" if finding.severity is Severity.ERROR else "warning"


class GithubReporter(Reporter):
    """Workflow commands for GitHub Actions annotations."""

    def write(self, report: Report) -> None:
        lines: list[str] = []
        for result in report.files:
            error = result.error
            if error is not None:
                lines.append(
                    command(
                        "error",
                        error.message,
                        file=result.path,
                        line=error.line,
                        column=error.column,
                        title="icscheck",
                    )
                )
                continue
            for finding in result.findings:
                lines.append(
                    command(
                        _level(finding),
                        _located(finding),
                        file=finding.path,
                        line=None if finding.document else finding.line,
                        column=None if finding.document else finding.column,
                        title=report.rule(finding.rule).label,
                    )
                )
            for item in result.waived:
                finding = item.finding
                lines.append(
                    command(
                        "notice",
                        f"{_located(finding)} — waived: {item.waiver.describe()}",
                        file=finding.path,
                        line=None if finding.document else finding.line,
                        column=None if finding.document else finding.column,
                        title=f"{report.rule(finding.rule).label} (waived)",
                    )
                )
        # What configuration switched off or changed (icscheck/reporters/ci_settings.py).
        lines += github_notices(report)
        self.stream.writelines(line + "\n" for line in lines)
