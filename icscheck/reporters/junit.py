"""``--format junit``: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure).

Follows the Apache Ant JUnit schema (tests/data/junit.xsd): a ``<testsuites>``
root with one ``<testsuite>`` per file and one ``<testcase>`` per rule that ran
on it. The schema allows one outcome per test case, so a rule's open gaps
share one ``<failure>``; a rule whose every gap is waived is ``<skipped>``,
with each waiver; a file that could not be checked is a suite with one
``load`` test case holding an ``<error>``.
"""

from __future__ import annotations

import datetime as _dt
import socket
from xml.etree import ElementTree as ET

from icscheck.errors import LoadError
from icscheck.finding import Finding
from icscheck.reporters.base import Reporter
from icscheck.reporters.ci_settings import junit_properties
from icscheck.result import FileResult, Report, RuleResult, Status, Waived
from icscheck.rules.base import Rule
from icscheck.untrusted import log, xml


def _hostname() -> str:
    try:
        return socket.gethostname().strip() or "localhost"
    except OSError:
        return "localhost"


def _gap(finding: Finding, rule: Rule) -> str:
    """One gap as lines of text; each line's untrusted part is shown by ``untrusted.xml``,
    so the lines are icscheck's own."""
    return (
        f"{xml(finding.location)}: {xml(finding.message)}\n"
        f"fix: {xml(rule.fix)}\n"
        f"source: {xml(finding.source)}"
    )


def _waived(item: Waived, rule: Rule) -> str:
    describe = xml(item.waiver.describe())
    return f"{_gap(item.finding, rule)}\nwaiver (line {item.waiver.line}): {describe}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class JunitReporter(Reporter):
    """JUnit XML for CI test-result views."""

    def write(self, report: Report) -> None:
        timestamp = _dt.datetime.now().replace(microsecond=0, tzinfo=None).isoformat()
        hostname = _hostname()
        root = ET.Element("testsuites")
        for number, result in enumerate(report.files):
            suite = ET.SubElement(
                root,
                "testsuite",
                _attributes(
                    name=result.path,
                    tests="0",
                    failures="0",
                    errors="0",
                    skipped="0",
                    time="0",
                    timestamp=timestamp,
                    hostname=hostname,
                    # Required in <testsuites>: the suite's name, and its index from 0.
                    package=result.path,
                    id=str(number),
                ),
            )
            properties = ET.SubElement(suite, "properties")
            if result.error is not None:
                counts = self._unreadable(suite, result.path, result.error)
            else:
                _property(properties, "ruleset", report.ruleset)
                if result.icb_name is not None:
                    _property(properties, "icb", result.icb_name)
                if result.format_version is not None:
                    _property(properties, "format_version", str(result.format_version))
                # What configuration switched off or changed (reporters/ci_settings.py).
                for value in junit_properties(report):
                    _property(properties, "settings", value)
                counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
                for outcome in result.rules:
                    counts["tests"] += 1
                    status = self._case(suite, result, outcome, report.rule(outcome.rule))
                    if status is Status.FAIL:
                        counts["failures"] += 1
                    elif status is Status.WAIVED:
                        counts["skipped"] += 1
            suite.attrib.update({key: str(value) for key, value in counts.items()})
            ET.SubElement(suite, "system-out")
            ET.SubElement(suite, "system-err")
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")

    def _case(
        self, suite: ET.Element, result: FileResult, outcome: RuleResult, rule: Rule
    ) -> Status:
        case = ET.SubElement(
            suite,
            "testcase",
            _attributes(name=f"{rule.label}: {rule.title}", classname=result.path, time="0"),
        )
        status = outcome.status
        if status is Status.FAIL:
            findings = outcome.findings
            message = (
                findings[0].message
                if len(findings) == 1
                else f"{_plural(len(findings), 'gap')}: " + "; ".join(f.message for f in findings)
            )
            text = "\n\n".join(_gap(f, rule) for f in findings)
            if outcome.waived:
                more = _plural(len(outcome.waived), "more gap")
                text += f"\n\n{more} waived:\n\n" + "\n\n".join(
                    _waived(item, rule) for item in outcome.waived
                )
            failure = ET.SubElement(
                case, "failure", _attributes(message=message, type=str(rule.severity))
            )
            failure.text = log(text)  # a line of it begins with a path
        elif status is Status.WAIVED:
            waivers = list(dict.fromkeys(item.waiver for item in outcome.waived))
            message = (
                f"waived: {waivers[0].describe()}"
                if len(waivers) == 1
                else f"waived: {_plural(len(outcome.waived), 'gap')}, "
                f"{_plural(len(waivers), 'waiver')}"
            )
            skipped = ET.SubElement(case, "skipped", _attributes(message=message))
            skipped.text = log("\n\n".join(_waived(item, rule) for item in outcome.waived))
        return status

    def _unreadable(self, suite: ET.Element, path: str, error: LoadError) -> dict[str, int]:
        case = ET.SubElement(suite, "testcase", _attributes(name="load", classname=path, time="0"))
        element = ET.SubElement(case, "error", _attributes(message=error.message, type="LoadError"))
        element.text = xml(str(error))
        return {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}


def _attributes(**values: str) -> dict[str, str]:
    return {key: xml(value) for key, value in values.items()}


def _property(properties: ET.Element, name: str, value: str) -> None:
    ET.SubElement(properties, "property", _attributes(name=name, value=value))
