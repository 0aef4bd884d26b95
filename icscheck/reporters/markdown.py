"""``--format markdown``: the board-paper report as GitHub-flavoured Markdown.

The same content as ``--format html`` (icscheck/reporters/html.py) for a wiki,
a pull request or a document pipeline: with several files, a summary row per ICB
linked to its section; per file a summary line, a table per
area with every rule, each gap with ``file:line:col``, rule, message, fix and
source, each waived gap with its waiver, and the governance structure as a
Mermaid diagram, with the questions to confirm (facts the file marks unknown
that rules wait on) and the rules that did not run; after the verdict, a Settings section with
what configuration switched off or changed and where. Text from the constitution is untrusted: ``icscheck.untrusted``
escapes it so it cannot add markup, links, HTML or table cells, and an
``@mention`` in it notifies no one when the report is posted on GitHub.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, TextIO

from icscheck.finding import Finding
from icscheck.reporters.base import Reporter
from icscheck.reporters.batch import BatchRow, batch_rows
from icscheck.reporters.summary import (
    TITLE,
    WORD,
    fails_on,
    file_verdict,
    finding_mark,
    gaps_cell,
    in_report_order,
    mark,
    not_run,
    plural,
    questions,
    settings,
    verdict,
)
from icscheck.result import NO_ICB_NAME, FileResult, Report
from icscheck.rules.base import Rule
from icscheck.untrusted import markdown as text
from icscheck.untrusted import markdown_code as code
from icscheck.untrusted import markdown_fence as fenced
from icscheck.untrusted import markdown_linked as linked
from icscheck.waivers import Waiver

STEP_SUMMARY_LIMIT = 1024 * 1024
"""GitHub's limit on a step's job summary. Over it GitHub drops the whole summary
("$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k"), so the
report written there is kept under it (``budget``)."""


class MarkdownReporter(Reporter):
    """The board-paper report as Markdown, within ``budget`` bytes where one is given."""

    def __init__(self, stream: TextIO, *, budget: int | None = None, **options: Any) -> None:
        super().__init__(stream, **options)
        self.budget = budget

    def write(self, report: Report) -> None:
        self.stream.write(render(report, budget=self.budget))


def render(report: Report, *, budget: int | None = None) -> str:
    """The whole report; over ``budget`` bytes, each file's gaps without its table of rules
    and its map; still over, as many files' sections as fit, and a line saying how many
    are left out (the summary by ICB above them lists every file)."""
    head = _head(report)
    sections = [
        _section(number, result, report, brief=False) for number, result in _numbered(report)
    ]
    whole = _joined(head, sections)
    if budget is None or len(whole.encode()) <= budget:
        return whole
    head = [*head, "", SHORTENED]
    sections = [
        _section(number, result, report, brief=True) for number, result in _numbered(report)
    ]
    room = budget - len(_joined(head, []).encode()) - len(_left_out(len(sections)).encode()) - 2
    kept: list[list[str]] = []
    for section in sections:
        size = len("\n".join(["", *section]).encode()) + 1
        if size > room:
            break
        kept.append(section)
        room -= size
    if len(kept) == len(sections):
        return _joined(head, kept)
    return _joined(head, kept) + "\n" + _left_out(len(sections) - len(kept)) + "\n"


SHORTENED = (
    "_Shortened to keep within GitHub's 1 MiB step summary: each file's gaps, questions and "
    "waivers, without its table of rules met and its structure map. "
    "`icscheck validate -f markdown` or `-f html` gives the whole report._"
)


def _left_out(count: int) -> str:
    return (
        f"_{plural(count, 'more file')} left out here to keep within GitHub's 1 MiB step "
        "summary: the summary by ICB above lists every file._"
    )


def _numbered(report: Report) -> list[tuple[int, FileResult]]:
    return list(enumerate(report.files, start=1))


def _joined(head: list[str], sections: list[list[str]]) -> str:
    lines = list(head)
    for section in sections:
        lines += ["", *section]
    return "\n".join(lines) + "\n"


def _section(number: int, result: FileResult, report: Report, *, brief: bool) -> list[str]:
    # A report of several files links its summary rows to each file's own anchor: an
    # id of the report's choosing, not a slug of the ICB's name (a constitution's text).
    anchor = [f'<a id="file-{number}"></a>', ""] if len(report.files) > 1 else []
    return [*anchor, *_file(result, report, brief=brief)]


def _head(report: Report) -> list[str]:
    overall = verdict(report)
    lines = [
        f"# {TITLE}",
        "",
        f"**{overall.mark} {overall.summary}: {overall.conclusion}**",
        "",
        f"Ruleset: {text(report.ruleset)}. Checked as on {report.on.isoformat()}. "
        f"Fails on: {fails_on(report.fail_on)}.",
    ]
    configured = settings(report.configured)
    if configured:
        lines += ["", "## Settings", ""]
        lines += [
            f"- **{item.kind}**: {text(str(item).removeprefix(item.kind + ': '))}"
            for item in configured
        ]
    return [*lines, *_batch(batch_rows(report))]


def _batch(rows: list[BatchRow]) -> list[str]:
    """The cross-ICB summary of a report of several files: a row per file, linked to its
    section, with its verdict and gaps by area (icscheck/reporters/summary.py)."""
    if not rows:
        return []
    lines = [
        "",
        f"## Summary by ICB ({len(rows)} files)",
        "",
        "| ICB | File | Verdict | Gaps by area |",
        "|---|---|---|---|",
    ]
    for number, row in enumerate(rows, start=1):
        # GFM splits a table row at every unescaped |, even inside a code span.
        path = code(row.path).replace("|", "\\|")
        cells = (
            f"[{text(row.icb)}](#file-{number})",
            path,
            text(row.verdict_text),
            text(row.areas_text),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _file(result: FileResult, report: Report, *, brief: bool = False) -> list[str]:
    lines = [f"## {text(result.icb_name or NO_ICB_NAME)}", "", f"- File: {code(result.path)}"]
    if result.error is not None:
        return [*lines, "", f"✗ Could not be checked: {text(str(result.error))}"]
    version = result.format_version if result.format_version is not None else "not given"
    line = file_verdict(result, report.fail_on, report.configured)
    lines += [
        f"- Format version: {version}",
        f"- Rules checked: {len(result.rules)}",
        "",
        f"**{line.mark} {line.summary}: {line.conclusion}**",
    ]
    for reason, rules in not_run(result):
        lines += [
            "",
            f"Not run: {text(', '.join(rules))} ({plural(len(rules), 'rule')}). Why: {text(reason)}.",
        ]
    findings = in_report_order(result.findings)
    lines += ["", f"### Gaps ({len(findings)})", ""]
    if findings:
        for number, finding in enumerate(findings, start=1):
            lines += _finding(number, finding, report.rule(finding.rule))
    else:
        lines.append("None: every rule that ran is met or waived.")
    asked = questions(result)
    if asked:
        lines += ["", f"### Questions to confirm ({len(asked)})", ""]
        for number, (fact, rules) in enumerate(asked, start=1):
            lines.append(f"{number}. ? {text(fact)}: needed by {text(', '.join(rules))}")
    waived = result.waived
    if waived:
        lines += ["", f"### Waived gaps ({len(waived)})", ""]
        for number, item in enumerate(waived, start=1):
            lines += _finding(number, item.finding, report.rule(item.finding.rule), item.waiver)
    if brief:
        return lines
    lines += ["", "### Compliance by area"]
    for area, outcomes in groupby(result.rules, key=lambda o: report.rule(o.rule).area):
        lines += [
            "",
            f"#### {text(str(area))}",
            "",
            "| Status | Rule | Severity | Requirement | Gaps |",
            "|---|---|---|---|---:|",
        ]
        for outcome in outcomes:
            rule = report.rule(outcome.rule)
            symbol = mark(outcome, rule)
            row = (
                f"{symbol} {WORD[symbol]}",
                rule.id,
                str(rule.severity),
                rule.title,
                gaps_cell(outcome),
            )
            lines.append("| " + " | ".join(text(value) for value in row) + " |")
    return [*lines, *_structure(result)]


def _finding(number: int, finding: Finding, rule: Rule, waiver: Waiver | None = None) -> list[str]:
    symbol = finding_mark(finding, waived=waiver is not None)
    location = code(finding.location)
    facts = [("Fix", rule.fix), ("Source", finding.source)]
    if waiver is not None:
        facts += [
            ("Reason", waiver.reason or "not given"),
            ("Approved by", waiver.approved_by or "not given"),
            ("Until", waiver.until.isoformat() if waiver.until else "not given"),
            ("Waiver", f"the comment on line {waiver.line}"),
        ]
    shown = [(name, text(value)) for name, value in facts]
    if finding.provenance:
        # Where the fact is stated: its web address a link a reviewer can open.
        shown.insert(2, ("Stated in", linked(finding.provenance)))
    item = f"{number}. "
    # The details nest under the item only when indented to its text.
    indent = " " * len(item)
    return [
        f"{item}{symbol} {WORD[symbol]} {location} **{finding.rule}** ({finding.severity}): "
        f"{text(finding.message)}",
        *(f"{indent}- {name}: {value}" for name, value in shown),
    ]


def _structure(result: FileResult) -> list[str]:
    from icscheck.diagram import mermaid

    return ["", "### Governance structure", "", fenced(mermaid(result), "mermaid")]
