"""``--format html``: a self-contained compliance report for a board paper.

One HTML page: the verdict and the Settings (what configuration switched off or
changed, with its file and line, and an override's approver), a summary row per ICB
when several files are checked (each linking to its section), then per file the ICB
and file, each gap with its
location, fix and source, each waived gap with its waiver (reason, approver,
expiry), the questions to confirm (facts the file marks unknown that rules wait
on), the rules that did not run, a table per area listing every rule as met, gap or waived, and a
picture of the governance structure (icscheck.diagram). It works offline and
prints on A4: the stylesheet (report.css) is inlined, and the page has no
script, no link out of the page and no external address. Every piece of text from the
constitution is untrusted, so all of it goes through ``untrusted.html``
(markup escaped, control characters shown as escapes).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from itertools import groupby

from icscheck.finding import Finding, Severity
from icscheck.reporters.base import Reporter
from icscheck.reporters.batch import BatchRow, batch_rows
from icscheck.reporters.summary import (
    ERROR,
    PASS,
    TITLE,
    UNCONFIRMED,
    WAIVED,
    WARNING,
    WORD,
    Verdict,
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
from icscheck.result import NO_ICB_NAME, FileResult, Report, RuleResult
from icscheck.rules.base import Rule
from icscheck.untrusted import html as escape
from icscheck.untrusted import html_linked as linked
from icscheck.waivers import Waiver

CLASS = {
    PASS: "met",
    ERROR: "gap error",
    WARNING: "gap warning",
    WAIVED: "waived",
    UNCONFIRMED: "unconfirmed",
}
"""A rule row's classes, by mark: the stylesheet tints gaps and waivers."""
TONE = {
    PASS: "pass",
    ERROR: "error",
    WARNING: "warning",
    WAIVED: "waived",
    UNCONFIRMED: "unconfirmed",
}


def stylesheet() -> str:
    return files("icscheck.reporters").joinpath("report.css").read_text(encoding="utf-8")


class HtmlReporter(Reporter):
    """The board-paper report as one HTML page."""

    def write(self, report: Report) -> None:
        self.stream.write(render(report))


def render(report: Report) -> str:
    checked = [r for r in report.files if r.error is None]
    names = {r.icb_name for r in checked}
    title = TITLE
    if len(names) == 1 and None not in names:
        title = f"{names.pop()}: {TITLE.lower()}"
    overall = verdict(report)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{stylesheet()}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{TITLE}</h1>",
        _verdict(overall, "verdict"),
        '<dl class="facts">',
        f"<dt>Ruleset</dt><dd>{escape(report.ruleset)}</dd>",
        f"<dt>Checked as on</dt><dd><time>{report.on.isoformat()}</time></dd>",
        f"<dt>Fails on</dt><dd>{fails_on(report.fail_on)}</dd>",
        f"<dt>Files</dt><dd>{len(report.files)}</dd>",
        "</dl>",
        *_settings(report),
        *_batch(batch_rows(report)),
    ]
    for number, result in enumerate(report.files, start=1):
        parts.extend(_file(result, f"file-{number}", report))
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _settings(report: Report) -> list[str]:
    """What configuration switched off or changed, with where and, for an override, who
    agreed it and until when: beside the verdict that counts it, before any file."""
    lines = settings(report.configured)
    if not lines:
        return []
    items = [
        f"<li><strong>{escape(item.kind)}</strong>: "
        f"{escape(str(item).removeprefix(item.kind + ': '))}</li>"
        for item in lines
    ]
    return [
        '<section class="settings" aria-labelledby="settings-title">',
        '<h2 id="settings-title">Settings</h2>',
        '<ul class="settings">',
        *items,
        "</ul>",
        "</section>",
    ]


def _batch(rows: list[BatchRow]) -> list[str]:
    """The cross-ICB summary at the top of a report of several files: a row per file, each
    linking to the file's section (``file-N``), with its verdict and gaps by area."""
    if not rows:
        return []
    head = "".join(
        f'<th scope="col">{name}</th>' for name in ("ICB", "File", "Verdict", "Gaps by area")
    )
    parts = [
        '<div class="batch" id="batch">',
        f'<h2 id="batch-title">Summary by ICB ({len(rows)} files)</h2>',
        '<table class="batch" aria-labelledby="batch-title">',
        "<caption>Each file's verdict, as its own section gives it, and its open gaps "
        "and questions to confirm by rule area.</caption>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
    ]
    for number, row in enumerate(rows, start=1):
        areas = (
            "<ul>" + "".join(f"<li>{escape(str(area))}</li>" for area in row.areas) + "</ul>"
            if row.areas
            else escape(row.areas_text)
        )
        parts.append(
            f'<tr class="{TONE[row.tone]}">'
            f'<th scope="row"><a href="#file-{number}">{escape(row.icb)}</a></th>'
            f"<td><code>{escape(row.path)}</code></td>"
            f'<td class="verdict-cell">{escape(row.verdict_text)}</td>'
            f"<td>{areas}</td></tr>"
        )
    return [*parts, "</tbody>", "</table>", "</div>"]


def _verdict(line: Verdict, html_id: str) -> str:
    return (
        f'<p class="verdict {TONE[line.mark]}" id="{html_id}">'
        f"{line.mark} {escape(line.summary)}: {escape(line.conclusion)}</p>"
    )


def _file(result: FileResult, ident: str, report: Report) -> list[str]:
    """One file's section: what was checked, the verdict, then the gaps a board acts on
    first, the waived gaps, every rule by area as evidence, and the structure."""
    heading = result.icb_name or NO_ICB_NAME
    parts = [
        f'<section class="file" id="{ident}" aria-labelledby="{ident}-title">',
        f'<h2 id="{ident}-title">{escape(heading)}</h2>',
        '<dl class="facts">',
        f"<dt>File</dt><dd><code>{escape(result.path)}</code></dd>",
    ]
    if result.error is not None:
        parts += [
            "</dl>",
            f'<p class="unreadable">{ERROR} Could not be checked: {escape(str(result.error))}</p>',
            "</section>",
        ]
        return parts
    version = result.format_version if result.format_version is not None else "not given"
    findings, waived = in_report_order(result.findings), result.waived
    parts += [
        f"<dt>Format version</dt><dd>{escape(str(version))}</dd>",
        f"<dt>Rules checked</dt><dd>{len(result.rules)}</dd>",
        "</dl>",
        _verdict(file_verdict(result, report.fail_on, report.configured), f"{ident}-verdict"),
        _counts(result),
        *(
            f'<p class="not-run">Not run: {escape(", ".join(rules))} ({plural(len(rules), "rule")}). '
            f"Why: {escape(reason)}.</p>"
            for reason, rules in not_run(result)
        ),
        f'<h3 id="{ident}-gaps">Gaps ({len(findings)})</h3>',
    ]
    if findings:
        parts += [
            '<ol class="findings">',
            *(_finding(f, report.rule(f.rule)) for f in findings),
            "</ol>",
        ]
    else:
        parts.append("<p>None: every rule that ran is met or waived.</p>")
    parts += _questions(result, ident)
    if waived:
        parts += [
            f'<h3 id="{ident}-waived">Waived gaps ({len(waived)})</h3>',
            '<ol class="findings">',
            *(
                _finding(item.finding, report.rule(item.finding.rule), item.waiver)
                for item in waived
            ),
            "</ol>",
        ]
    parts.append(f'<h3 id="{ident}-areas">Compliance by area</h3>')
    for area, outcomes in groupby(result.rules, key=lambda o: report.rule(o.rule).area):
        parts += _table(str(area), ((o, report.rule(o.rule)) for o in outcomes), ident)
    return [*parts, *_structure(result, ident), "</section>"]


def _counts(result: FileResult) -> str:
    return (
        '<p class="counts">'
        + _count("gaps", len(result.findings), "gap", "gaps")
        + " ("
        + _count("errors", result.count(Severity.ERROR), "error", "errors")
        + ", "
        + _count("warnings", result.count(Severity.WARNING), "warning", "warnings")
        + "), "
        + _count("waived", len(result.waived), "waived gap", "waived gaps")
        + ", "
        + _count("unconfirmed", len(result.unconfirmed), "outcome", "outcomes")
        + " to confirm.</p>"
    )


def _questions(result: FileResult, ident: str) -> list[str]:
    """The board paper's short list: each unknown fact once, with the rules waiting on it."""
    asked = questions(result)
    if not asked:
        return []
    return [
        f'<h3 id="{ident}-questions">Questions to confirm ({len(asked)})</h3>',
        '<ol class="questions">',
        *(
            f'<li><span class="mark unconfirmed">{UNCONFIRMED}</span> {escape(fact)}: '
            f"needed by {escape(', '.join(rules))}</li>"
            for fact, rules in asked
        ),
        "</ol>",
    ]


def _table(area: str, outcomes: Iterable[tuple[RuleResult, Rule]], ident: str) -> list[str]:
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("Status", "Rule", "Severity", "Requirement", "Gaps")
    )
    parts = [
        '<table class="rules">',
        f"<caption>{escape(area)}</caption>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
    ]
    for outcome, rule in outcomes:
        symbol = mark(outcome, rule)
        parts.append(
            f'<tr class="{CLASS[symbol]}" id="{ident}-{rule.id}" data-rule="{rule.id}" '
            f'data-status="{WORD[symbol]}">'
            f'<td class="status">{symbol} {WORD[symbol]}</td>'
            f'<th scope="row">{escape(rule.id)}</th>'
            f"<td>{escape(str(rule.severity))}</td>"
            f"<td>{escape(rule.title)}</td>"
            f'<td class="count">{escape(gaps_cell(outcome))}</td></tr>'
        )
    return [*parts, "</tbody>", "</table>"]


def _count(key: str, number: int, one: str, many: str) -> str:
    """A count with its noun, marked (``data-count``) for tools and the browser test."""
    return f'<span data-count="{key}">{number}</span> {one if number == 1 else many}'


def _finding(finding: Finding, rule: Rule, waiver: Waiver | None = None) -> str:
    symbol = finding_mark(finding, waived=waiver is not None)
    location = finding.location
    facts = [("Requirement", rule.title), ("Fix", rule.fix), ("Source", finding.source)]
    if waiver is not None:
        facts += [
            ("Reason", waiver.reason or "not given"),
            ("Approved by", waiver.approved_by or "not given"),
            ("Until", waiver.until.isoformat() if waiver.until else "not given"),
            ("Waiver", f"the comment on line {waiver.line}"),
        ]
    shown = [(name, escape(value)) for name, value in facts]
    if finding.provenance:
        # Where the fact is stated: its web address a link a reviewer can open.
        shown.insert(3, ("Stated in", linked(finding.provenance)))
    return (
        f'<li class="{TONE[symbol]}" data-rule="{escape(finding.rule)}">'
        f'<p class="head"><span class="mark {TONE[symbol]}">{symbol} {WORD[symbol]}</span> '
        f"<code>{escape(location)}</code> {escape(finding.rule)} ({escape(str(finding.severity))})</p>"
        f"<p>{escape(finding.message)}</p>"
        '<dl class="facts">'
        + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in shown)
        + "</dl></li>"
    )


def _structure(result: FileResult, ident: str) -> list[str]:
    from icscheck.diagram import svg_pages

    return [
        '<div class="structure">',
        f'<h3 id="{ident}-structure">Governance structure</h3>',
        "<figure>",
        *svg_pages(result),
        "<figcaption>The board and its members by role, the committees with their chairs "
        "and reporting lines, the place partnerships and the decision map, as the "
        "constitution sets them out.</figcaption>",
        "</figure>",
        "</div>",
    ]
