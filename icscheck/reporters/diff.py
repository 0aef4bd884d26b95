"""``icscheck diff`` output: text for people, JSON for tools, markdown for a pull request.

Each reporter writes one ``Diff`` (icscheck/diff/) to one stream. They are
apart from ``REPORTERS`` (``validate``'s formats) because they write a
different thing; ``DIFF_REPORTERS`` is what ``diff --format`` accepts. The JSON
shape is public and versioned (``"version": 1``); docs/diff.md describes it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, TextIO

from icscheck import __version__, untrusted
from icscheck.codec import finding_data
from icscheck.diff import Change, Diff, Kind, RuleChange, RuleKind, Section
from icscheck.finding import Finding, Severity
from icscheck.reporters.summary import ERROR, PASS, plural
from icscheck.result import NO_ICB_NAME, FileResult
from icscheck.untrusted import ascii_only
from icscheck.untrusted import markdown as text
from icscheck.untrusted import markdown_code as code

if TYPE_CHECKING:
    from rich.console import Console

OUTPUT_VERSION = 1
CHANGED = "~"
RULE_MARK = {RuleKind.NEWLY_FAILING: ERROR, RuleKind.NEWLY_PASSING: PASS, RuleKind.CHANGED: CHANGED}
RULE_WORDS = {
    RuleKind.NEWLY_FAILING: "newly failing",
    RuleKind.NEWLY_PASSING: "newly passing",
    RuleKind.CHANGED: "changed",
}
NOTHING = "No governance changes and no rule changes."
STYLE = {Kind.ADDED: "green", Kind.REMOVED: "red", Kind.CHANGED: "yellow"}
RULE_STYLE = {
    RuleKind.NEWLY_FAILING: "bold red",
    RuleKind.NEWLY_PASSING: "green",
    RuleKind.CHANGED: "yellow",
}


def summary(diff: Diff) -> str:
    """The one-line conclusion every format ends with (or, for markdown, starts with)."""
    if diff.empty:
        return NOTHING
    old, new = diff.old, diff.new
    return (
        f"{plural(len(diff.changes), 'change')}; "
        f"{plural(len(diff.newly_failing), 'rule')} newly failing, "
        f"{len(diff.newly_passing)} newly passing; "
        f"errors {old.count(Severity.ERROR)} → {new.count(Severity.ERROR)}, "
        f"warnings {old.count(Severity.WARNING)} → {new.count(Severity.WARNING)}"
    )


def sections(diff: Diff) -> list[tuple[Section, list[Change]]]:
    """The changes under their headings, in report order (the core's order within each)."""
    grouped = [(s, [c for c in diff.changes if c.section is s]) for s in Section]
    return [(s, changes) for s, changes in grouped if changes]


def line(change: Change) -> str:
    """``member Kim Lee (ned-finance): non-executive member``."""
    return f"{change.label}: {change.detail}"


def _findings(rule: RuleChange) -> str:
    """``2 → 0``, with the outcomes where they differ (``0 → 0 (pass → unconfirmed)``): a
    rule that now waits on a fact marked unknown has no more gaps, but a question."""
    counts = f"{rule.old_findings} → {rule.new_findings}"
    if rule.kind is not RuleKind.CHANGED or rule.old is rule.new:
        return counts  # "newly failing" and "newly passing" say it already
    return f"{counts} ({rule.old} → {rule.new})"


class DiffReporter(ABC):
    """Writes one Diff to one stream."""

    def __init__(self, stream: TextIO, *, color: bool | None = None, width: int | None = None):
        self.stream = stream
        self.color = color
        """True or False forces colour; None decides from the stream and NO_COLOR."""
        self.width = width

    @abstractmethod
    def write(self, diff: Diff) -> None:
        """Write ``diff`` to the stream."""


class DiffTextReporter(DiffReporter):
    """The report for people, rendered with Rich; plain text off a terminal or with NO_COLOR."""

    def write(self, diff: Diff) -> None:
        from rich.text import Text

        from icscheck.reporters.console import console, plain_lines

        out = console(self.stream, self.color, self.width)
        with out.capture() as captured:
            shown = untrusted.text
            out.print(Text(shown(diff.new.icb_name or NO_ICB_NAME), style="bold"))
            # Paths are never split: copying one must give the real path.
            out.print(Text(f"  old: {shown(diff.old.path)}"), soft_wrap=True)
            out.print(Text(f"  new: {shown(diff.new.path)}"), soft_wrap=True)
            for section, changes in sections(diff):
                out.print()
                out.print(Text(str(section), style="bold"))
                self._changes(out, changes)
            if diff.rules:
                out.print()
                out.print(Text("Rules", style="bold"))
                for rule in diff.rules:
                    self._rule(out, diff, rule)
            out.print()
            out.print(Text(summary(diff)))
        self.stream.writelines(plain_lines(captured.get()))

    def _changes(self, out: Console, changes: list[Change]) -> None:
        from rich.table import Table
        from rich.text import Text

        # A grid keeps the kind in its own column, so a long line wraps under its text.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for change in changes:
            grid.add_row(
                Text(f"  {change.kind:<7}", style=STYLE[change.kind]),
                Text(untrusted.text(line(change))),
            )
        out.print(grid)

    def _rule(self, out: Console, diff: Diff, rule: RuleChange) -> None:
        from rich.padding import Padding
        from rich.text import Text

        head = Text("  ")
        head.append(f"{RULE_MARK[rule.kind]} {RULE_WORDS[rule.kind]}", style=RULE_STYLE[rule.kind])
        shown = untrusted.text
        head.append(f"  {shown(rule.rule)}  {rule.severity}  gaps {_findings(rule)}", style="bold")
        out.print(head)
        body = Text(shown(rule.title), overflow="fold")
        for title, findings in (("new", rule.added), ("resolved", rule.resolved)):
            for finding in findings:
                body.append(f"\n{title}: ", style="bold")
                body.append(shown(f"{_where(finding)}  {finding.message}"))
        out.print(Padding(body, (0, 0, 0, 4)))


def _where(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}"


def _file_json(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "icb": result.icb_name,
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
    }


def _value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def diff_json(diff: Diff) -> dict[str, Any]:
    """The ``--format json`` document (docs/diff.md)."""
    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "icscheck", "version": __version__},
        "old": _file_json(diff.old),
        "new": _file_json(diff.new),
        "summary": {
            "changes": len(diff.changes),
            "newly_failing": len(diff.newly_failing),
            "newly_passing": len(diff.newly_passing),
            "new_findings": diff.new_findings,
        },
        "changes": [
            {
                "section": str(change.section),
                "element": str(change.element),
                "kind": str(change.kind),
                "subject": change.subject,
                "field": change.field,
                "old": _value(change.old),
                "new": _value(change.new),
                "label": change.label,
                "detail": change.detail,
                "node": change.node,
            }
            for change in diff.changes
        ],
        "rules": [
            {
                "rule": rule.rule,
                "title": rule.title,
                "severity": str(rule.severity),
                "kind": str(rule.kind),
                "old": {"status": str(rule.old), "findings": rule.old_findings},
                "new": {"status": str(rule.new), "findings": rule.new_findings},
                "added": [finding_data(f, diff.catalogue.get(f.rule)) for f in rule.added],
                "resolved": [finding_data(f, diff.catalogue.get(f.rule)) for f in rule.resolved],
            }
            for rule in diff.rules
        ],
    }


class DiffJsonReporter(DiffReporter):
    """One JSON document, for tools and tests."""

    def write(self, diff: Diff) -> None:
        # As validate's JSON: non-ASCII as itself on a UTF-8 stream, else escaped.
        self.stream.write(untrusted.json(diff_json(diff), ascii=ascii_only(self.stream)) + "\n")


MD_MARK = {RuleKind.NEWLY_FAILING: "❌", RuleKind.NEWLY_PASSING: "✅", RuleKind.CHANGED: "🔄"}


class DiffMarkdownReporter(DiffReporter):
    """GitHub-flavoured markdown, to post as a pull-request comment.

    Escaped as ``validate --format markdown`` escapes (``icscheck.untrusted``):
    what a file says shows as written, cannot add markup or a table cell, and
    notifies no one.
    """

    def write(self, diff: Diff) -> None:
        out = [
            f"## icscheck diff: {text(diff.new.icb_name or NO_ICB_NAME)}",
            "",
            f"{code(diff.old.path)} → {code(diff.new.path)}",
            "",
            f"**{text(summary(diff))}**",
        ]
        for section, changes in sections(diff):
            out += ["", f"### {section}", "", "| Change | What | Detail |", "|---|---|---|"]
            out += [f"| {c.kind} | {text(c.label)} | {text(c.detail)} |" for c in changes]
        if diff.rules:
            out += ["", "### Rules", "", "| | Rule | Severity | Change | Gaps |", "|---|---|---|---|---|"]  # fmt: skip
            out += [
                f"| {MD_MARK[r.kind]} | {r.rule} | {r.severity} | "
                f"{RULE_WORDS[r.kind]}: {text(r.title)} | {_findings(r)} |"
                for r in diff.rules
            ]
            for title, mark, attr in (
                ("New findings", "❌", "added"),
                ("Resolved", "✅", "resolved"),
            ):
                findings = [f for r in diff.rules for f in getattr(r, attr)]
                if findings:
                    out += ["", f"{title}:", ""]
                    out += [
                        f"- {mark} {f.rule} {code(_where(f))}: {text(f.message)}" for f in findings
                    ]
        self.stream.write("\n".join(out) + "\n")


DIFF_REPORTERS: dict[str, type[DiffReporter]] = {
    "text": DiffTextReporter,
    "json": DiffJsonReporter,
    "markdown": DiffMarkdownReporter,
}
