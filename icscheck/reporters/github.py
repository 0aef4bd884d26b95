"""``--format github``: GitHub Actions workflow commands, shown as annotations on a pull request.

One line per open finding (``::error`` or ``::warning``, at its file, line and
column, titled with the rule ID), one ``::notice`` per waived finding with its
waiver, and one ``::error`` per file that could not be checked. Values are
escaped as the Actions runner expects, so a message cannot end the command
early or inject another.
"""

from __future__ import annotations

from icscheck.finding import Finding, Severity
from icscheck.reporters.base import Reporter
from icscheck.result import Report


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, carriage return and line feed."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{name} {joined}::{escape_data(message)}"


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
                        finding.message,
                        file=finding.path,
                        line=finding.line,
                        column=finding.column,
                        title=report.rule(finding.rule).label,
                    )
                )
            for item in result.waived:
                finding = item.finding
                lines.append(
                    command(
                        "notice",
                        f"{finding.message} — waived: {item.waiver.describe()}",
                        file=finding.path,
                        line=finding.line,
                        column=finding.column,
                        title=f"{report.rule(finding.rule).label} (waived)",
                    )
                )
        self.stream.writelines(line + "\n" for line in lines)
