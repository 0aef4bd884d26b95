"""``--statistics``: gaps per rule across every file, then files per verdict.

For a batch (an NHS England region's ICBs, a repository of drafts) what matters
first is which rules fail most and how many constitutions pass, as ruff's
``--statistics`` gives counts per rule. Rules are listed most gaps first (errors
before warnings on a tie), with their severity and title; questions to confirm
and waived gaps are counted apart, as every report shows them.
"""

from __future__ import annotations

from collections import Counter

from icscheck.finding import Severity
from icscheck.reporters.base import Reporter
from icscheck.reporters.summary import file_verdict, verdict
from icscheck.result import Report
from icscheck.untrusted import line


class StatisticsReporter(Reporter):
    """Counts, not findings."""

    def write(self, report: Report) -> None:
        gaps: Counter[str] = Counter()
        questions: Counter[str] = Counter()
        waived: Counter[str] = Counter()
        verdicts: Counter[str] = Counter()
        for result in report.files:
            if result.error is not None:
                verdicts["could not be checked"] += 1
                continue
            for outcome in result.rules:
                gaps[outcome.rule] += len(outcome.findings)
                questions[outcome.rule] += len(outcome.unconfirmed)
                waived[outcome.rule] += len(outcome.waived)
            verdicts[file_verdict(result, report.fail_on, report.configured).conclusion] += 1
        ranked = sorted(
            (rule for rule in report.catalogue if gaps[rule] or questions[rule] or waived[rule]),
            key=lambda rule: (
                -gaps[rule],
                report.rule(rule).severity is not Severity.ERROR,
                -questions[rule],
                rule,
            ),
        )
        lines = ["Gaps by rule:"]
        for rule_id in ranked:
            rule = report.rule(rule_id)
            extra = [
                f"{n} {word}"
                for n, word in ((questions[rule_id], "to confirm"), (waived[rule_id], "waived"))
                if n
            ]
            more = f" (+ {', '.join(extra)})" if extra else ""
            lines.append(
                line(f"{gaps[rule_id]:>6}  {rule.id:<10} {rule.severity!s:<8} {rule.title}{more}")
            )
        if not ranked:
            lines.append("  none: no gap, question or waived gap in any file")
        lines += ["", "Files by verdict:"]
        for conclusion, count in verdicts.most_common():
            lines.append(f"{count:>6}  {conclusion}")
        lines.append(str(verdict(report)))
        self.stream.write("\n".join(lines) + "\n")
