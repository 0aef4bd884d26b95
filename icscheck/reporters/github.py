"""``--format github``: GitHub Actions workflow commands, shown as annotations on a pull request.

One line per annotation, errors first, then warnings, then notices:

- ``::error`` per file that could not be checked, and per open error-level finding;
- ``::warning`` per open warning-level finding;
- ``::notice`` per change configuration made (first, so the cap never drops one), per
  waived finding (with its waiver), and per outcome to confirm (a rule that rests on a
  fact the file marks unknown: ``::warning`` under ``--strict``, where it fails the gate).

Each is at its file (from the repository root, ``Reporter.path``), line and column,
titled with the rule ID; a finding whose fact has a source says "(stated in …)".
Messages and titles are shown as ``untrusted.text`` shows them, then every value is
escaped as the Actions runner expects (``untrusted.workflow_data``), so a message
cannot end the command early or inject another.

Actions shows at most 10 error, 10 warning and 10 notice annotations per step
(``LIMIT``); a level with more gives its first 9 and one annotation saying how many more there are
and where the full report is (``report_hint``, chosen by icscheck/cli/outputs.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from icscheck.finding import Finding, Severity
from icscheck.reporters.base import UNREADABLE, Reporter
from icscheck.reporters.ci_settings import github_notices
from icscheck.reporters.not_run import titled
from icscheck.repository import Root
from icscheck.result import FailOn, Report
from icscheck.untrusted import text, workflow_data, workflow_property

LIMIT = 10
"""Annotations of each level Actions shows per step. actions/toolkit's
docs/problem-matchers.md, "Limitations" (as of commit 4573039), says: "10 warning
annotations, 10 error annotations, and 10 notice annotations per step; 50 annotations
per job (sum of annotations from all the steps)". So notices are capped too."""

LOCAL = "run icscheck validate locally"
"""Where the full report is when the run writes it nowhere else."""

LOG = "see the report above in this step's log"
"""Where the full report is when the text report goes to the log with the annotations."""

TITLE = "icscheck"


def command(
    name: str,
    message: str,
    *,
    file: str | None,
    line: int | None = None,
    column: int | None = None,
    title: str,
) -> str:
    """One workflow command line, e.g. ``::error file=a.yaml,line=3,col=5,title=X::msg``.

    No file (a summary of the run) annotates the run itself."""
    properties = [] if file is None else [("file", file)]
    if file is not None and line is not None:
        properties.append(("line", str(line)))
        if column is not None:
            properties.append(("col", str(column)))
    properties.append(("title", title))
    joined = ",".join(f"{key}={workflow_property(text(value))}" for key, value in properties)
    return f"::{name} {joined}::{workflow_data(text(message))}"


def _located(finding: Finding) -> str:
    """A document's finding has no line to annotate: its page and clause lead the message.
    Where the fact is stated follows, so a reviewer can open the clause."""
    message = f"{finding.location}: {finding.message}" if finding.document else finding.message
    return f"{message} (stated in {finding.provenance})" if finding.provenance else message


def _level(finding: Finding) -> str:
    return "error" if finding.severity is Severity.ERROR else "warning"


def capped(level: str, lines: list[str], hint: str) -> list[str]:
    """``lines`` of one level, or its first ``LIMIT - 1`` and one saying how many more."""
    if len(lines) <= LIMIT:
        return lines
    more = len(lines) - (LIMIT - 1)
    noun = level if more == 1 else f"{level}s"
    summary = command(
        level,
        f"{more} more {noun} not annotated (Actions shows at most {LIMIT} per step): {hint}",
        file=None,
        title=f"{TITLE}: {more} more {noun}",
    )
    return [*lines[: LIMIT - 1], summary]


def report_hint(
    outputs: list[tuple[str, str | None]], own: str | None, environ: Mapping[str, str]
) -> str:
    """Where the summary annotation sends a reader, given the (format, file or None for
    stdout) outputs the run writes and this report's own file: the step summary if the
    markdown report goes there, else another report's file, else a report in the log,
    else ``LOCAL``. The caller leaves out a file that will not be written (a named file
    is missing: icscheck/cli/outputs.py), so the hint never sends a reader to nothing."""
    summary = environ.get("GITHUB_STEP_SUMMARY")
    others = [(name, path) for name, path in outputs if name != "github" or path != own]
    if summary and ("markdown", summary) in others:
        return "see the step summary"
    files = [path for _, path in others if path not in (None, "-")]
    if files:
        return f"see {files[0]}"
    if any(name in ("text", "concise") for name, _ in others):
        return LOG
    return LOCAL


class GithubReporter(Reporter):
    """Workflow commands for GitHub Actions annotations."""

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool | None = None,
        width: int | None = None,
        root: Root | None = None,
        report_hint: str = LOCAL,
    ):
        super().__init__(stream, color=color, width=width, root=root)
        self.report_hint = report_hint
        """Where the full report is, for the annotation that stands for those not shown
        ("see the step summary", "see icscheck.sarif", or ``LOCAL``)."""

    def _at(self, level: str, finding: Finding, message: str, title: str) -> str:
        return command(
            level,
            message,
            file=self.path(finding.path),
            line=None if finding.document else finding.line,
            column=None if finding.document else finding.column,
            title=title,
        )

    def write(self, report: Report) -> None:
        # What configuration switched off or changed (icscheck/reporters/ci_settings.py)
        # comes first of the notices: Actions' cap is per level per step (``LIMIT``), so
        # these count towards the 10 notices too; placed first, they take their slots
        # before any finding's notice, and the cap drops findings' notices instead (a run
        # with the gate off or a rule switched off must say so on every pull request).
        levels: dict[str, list[str]] = {
            "error": [],
            "warning": [],
            "notice": github_notices(report, self.path),
        }
        # Under --strict a question to confirm fails the gate, so it is a warning.
        asked = "warning" if report.fail_on is FailOn.WARNING else "notice"
        for result in report.files:
            error = result.error
            if error is not None:
                levels["error"].append(
                    command(
                        "error",
                        error.message,
                        file=self.path(result.path),
                        line=error.line,
                        column=error.column,
                        title=UNREADABLE,
                    )
                )
                continue
            for finding in result.findings:
                label = report.rule(finding.rule).label
                levels[_level(finding)].append(
                    self._at(_level(finding), finding, _located(finding), label)
                )
            for question in result.unconfirmed:
                finding = question.finding
                message = f"{_located(finding)} — to confirm: {'; '.join(question.confirm)}"
                title = f"{report.rule(finding.rule).label} (to confirm)"
                levels[asked].append(self._at(asked, finding, message, title))
            # The rules that did not run on it (a version-1 file's), first of its own
            # notices (after the settings'), so the cap on notices does not hide them.
            levels["notice"] += [
                command("notice", text, file=self.path(result.path), title=f"{TITLE}: {title}")
                for title, text in titled(result)
            ]
            for item in result.waived:
                finding = item.finding
                message = f"{_located(finding)} — waived: {item.waiver.describe()}"
                title = f"{report.rule(finding.rule).label} (waived)"
                levels["notice"].append(self._at("notice", finding, message, title))
        lines = [
            *capped("error", levels["error"], self.report_hint),
            *capped("warning", levels["warning"], self.report_hint),
            *capped("notice", levels["notice"], self.report_hint),
        ]
        self.stream.writelines(line + "\n" for line in lines)
