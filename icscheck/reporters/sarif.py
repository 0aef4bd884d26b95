"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run: the tool and every rule it knows (with title, documentation, fix,
source and a link to docs/rules.md at the version that ran), one result per
open finding, per question to confirm and per file that could not be checked
(icscheck/reporters/sarif_results.py builds them). Files are named from the
repository root, under ``uriBaseId: SRCROOT``.

What GitHub code scanning needs, and why (/work/shared/research/ci-outputs.md,
"SARIF → GitHub code scanning"): a waived finding is left out unless asked for
(``--sarif-include-waived``), since code scanning opens an alert for a result
even when it carries an accepted suppression; ``automationDetails.id`` names the
category (``--sarif-category``), so two uploads in one job do not collide; and an
unreadable file is a result, with ``executionSuccessful`` still true, since
icscheck ran and reported what it found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TextIO

from icscheck import __version__, untrusted
from icscheck.finding import Severity
from icscheck.reporters.base import Reporter
from icscheck.reporters.not_run import sarif_notifications
from icscheck.reporters.sarif_results import UNREADABLE_RULE, Locator, Results
from icscheck.reporters.sarif_settings import configuration
from icscheck.reporters.summary import in_report_order, report_order
from icscheck.repository import Root
from icscheck.result import FailOn, Report
from icscheck.rules.base import Rule
from icscheck.untrusted import ascii_only

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/icscheck/icscheck"
RULE = "{rule}"
"""What ``--sarif-help-uri`` replaces with the rule's anchor (``board-001``)."""
HELP_URI = f"{INFORMATION_URI}/blob/v{{version}}/docs/rules.md#{RULE}"
"""The rule's section in docs/rules.md at the release that ran: the text at ``main``
may have moved on from the rules that raised the alert."""


@dataclass(frozen=True)
class SarifOptions:
    """How the SARIF log is written (``--sarif-*``)."""

    include_waived: bool = False
    """Keep waived findings, as results with an accepted suppression."""
    category: str = "icscheck"
    """``automationDetails.id`` is this, ending in ``/``."""
    help_uri: str = HELP_URI
    """Each rule's ``helpUri``: ``{rule}`` is its anchor, ``{version}`` icscheck's version."""

    @property
    def automation_id(self) -> str:
        """The category, ending in ``/``: upload-sarif takes the run's category from
        ``automationDetails.id`` and refuses two runs of one tool and category in one
        job (ci-outputs.md, SARIF item 3: codeql-action issue 2694)."""
        return self.category if self.category.endswith("/") else f"{self.category}/"


def rule_name(rule: Rule) -> str:
    """A CamelCase identifier from the rule's title (``TheBoardHasExactlyOneChair``)."""
    name = "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", rule.title))
    return name or rule.id.replace("-", "")


def help_uri(rule_id: str, template: str = HELP_URI) -> str:
    """The rule's section in docs/rules.md (headings ``### BOARD-001`` → ``#board-001``)."""
    return template.replace("{version}", __version__).replace(RULE, rule_id.lower())


def rule_json(rule: Rule, template: str = HELP_URI) -> dict[str, Any]:
    level = "error" if rule.severity is Severity.ERROR else "warning"
    described: dict[str, Any] = {
        "id": rule.id,
        "name": rule_name(rule),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.doc or rule.title},
        "help": {
            "text": f"{rule.fix}\nSource: {rule.source}",
            # Rendered by viewers: a house rule's words are the repository's text.
            "markdown": f"{untrusted.markdown(rule.fix)}\n\n"
            f"Source: {untrusted.markdown(rule.source)}",
        },
        "helpUri": help_uri(rule.id, template),
        "defaultConfiguration": {"level": level},
        "properties": {
            "source": rule.source,
            "area": str(rule.area),
            "tags": [
                str(rule.area),
                "mandatory" if rule.severity is Severity.ERROR else "guidance",
            ],
        },
    }
    if rule.house:
        # Documented in its own record, not in icscheck's docs/rules.md.
        del described["helpUri"]
        described["properties"]["tags"].append("house rule")
        described["properties"]["origin"] = rule.origin
    return described


def report_sarif(
    report: Report, root: Root | None = None, options: SarifOptions | None = None
) -> dict[str, Any]:
    options = options or SarifOptions()
    locator = Locator(root)
    described = [rule_json(rule, options.help_uri) for rule in report.rules]
    if report.unreadable:
        described.append(UNREADABLE_RULE)
    index = {rule["id"]: position for position, rule in enumerate(described)}
    build = Results(locator, index, strict=report.fail_on is FailOn.WARNING)
    results: list[dict[str, Any]] = []
    for file in report.files:
        if file.error is not None:
            results.append(build.unreadable(file.error))
            continue
        # Gaps errors first, each in file order (as every report lists them), then the
        # questions to confirm, then (if asked) the waived, errors first too.
        results.extend(build.finding(finding) for finding in in_report_order(file.findings))
        results.extend(build.unconfirmed(question) for question in file.unconfirmed)
        if options.include_waived:
            waived = sorted(file.waived, key=lambda item: report_order(item.finding))
            results.extend(build.waived(item.finding, item.waiver) for item in waived)
    invocation: dict[str, Any] = {"executionSuccessful": True, "exitCode": int(report.exit_code)}
    # What configuration switched off or changed (icscheck/reporters/sarif_settings.py).
    invocation |= configuration(report.configured, index, locator.artifact)
    # The rules that did not run on a file (a version-1 file's), and why.
    notes = sarif_notifications(list(report.files), locator.artifact)
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "icscheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": described,
            }
        },
        "automationDetails": {"id": options.automation_id},
        "invocations": [invocation],
        **locator.base_ids(),
        # Columns count characters (code points), as in every icscheck report.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


class SarifReporter(Reporter):
    """SARIF 2.1.0 for code-scanning tools."""

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool | None = None,
        width: int | None = None,
        root: Root | None = None,
        sarif: SarifOptions | None = None,
    ):
        super().__init__(stream, color=color, width=width, root=root)
        self.sarif = sarif or SarifOptions()

    def write(self, report: Report) -> None:
        log = report_sarif(report, self.root, self.sarif)
        # Non-ASCII text as itself where the stream is UTF-8, else escaped: it must parse.
        self.stream.write(untrusted.json(log, ascii=ascii_only(self.stream)))
        self.stream.write("\n")
