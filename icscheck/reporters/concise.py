"""``--format concise``: one line per gap, for a batch, a hook or an editor's problem list.

Each gap is ``path:line:col: RULE severity message`` (a document's gap is located
by page and clause instead: ``constitution.pdf:p12:§2.1.6: ...``), the form
compilers, ruff's ``--output-format concise`` and editors' problem matchers use.
In each file errors come before warnings, each in file order, then the questions
to confirm (``RULE unconfirmed``, with what to confirm). Waived gaps are not
listed: they are accepted, and the verdict counts them. A file that could not be
checked is one line too, ``path:line:col: icscheck/unreadable error message`` (the
rule SARIF gives it). Then one ``settings:``
line for each thing configuration switched off or changed, with the file and
line (or flag) that did it, and the configuration files read; the last line is
the verdict every human-facing report ends with, which counts them. Every string from the input goes
through ``untrusted.line``, so a line can neither break in two nor act on a
terminal or a CI log.
"""

from __future__ import annotations

from icscheck.reporters.base import UNREADABLE, Reporter
from icscheck.reporters.not_run import not_run_lines
from icscheck.reporters.summary import in_report_order, settings, verdict
from icscheck.result import Report
from icscheck.untrusted import line


class ConciseReporter(Reporter):
    """One line per gap, then the verdict."""

    def write(self, report: Report) -> None:
        if only_skipped(report):
            return
        lines = []
        for result in report.files:
            error = result.error
            if error is not None:
                # Also on stderr, as for every format; here it keeps the batch's count
                # honest, in the line's own shape, with SARIF's rule for it. Where it went
                # wrong is 1:1 when unknown, as ruff places E902 (file not found).
                where = f"{error.path}:{error.line or 1}:{error.column or 1}"
                lines.append(line(f"{where}: {UNREADABLE} error {error.message}"))
                continue
            for finding in in_report_order(result.findings):
                # The ID stays where tools expect it; a house rule says so at the end.
                house = " (house rule)" if report.rule(finding.rule).house else ""
                lines.append(
                    line(
                        f"{finding.location}: {finding.rule} {finding.severity} "
                        f"{finding.message}{house}"
                    )
                )
            for item in result.unconfirmed:
                finding = item.finding
                lines.append(
                    line(
                        f"{finding.location}: {finding.rule} unconfirmed {finding.message}"
                        f" (confirm: {'; '.join(item.confirm)})"
                    )
                )
            # The rules that did not run on it (a version-1 file's), and why.
            lines += [line(f"{result.path}: {text}") for text in not_run_lines(result)]
        lines += setting_lines(report)
        lines.append(str(verdict(report)))
        self.stream.write("\n".join(lines) + "\n")


def only_skipped(report: Report) -> bool:
    """Whether every file given was skipped as no constitution (``--only-constitutions``):
    then the one line saying so on stderr is the whole output, and no verdict on nothing
    follows it (a pre-commit hook shown a workflow file prints one line)."""
    return not report.files and bool(report.skipped)


def setting_lines(report: Report) -> list[str]:
    """One line per change configuration made (``settings: Severity: COMM-003: error to
    warning by override COMM-003 in .icscheck.toml:3; ...``), for concise and ``-q``."""
    return [line(f"settings: {item}") for item in settings(report.configured)]
