"""``--format junit``: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure).

Follows the Apache Ant JUnit schema (tests/data/junit.xsd): a ``<testsuites>``
root with one ``<testsuite>`` per file and one ``<testcase>`` per rule that ran
on it. The schema allows one outcome per test case, so a rule's open gaps
share one ``<failure>``; a rule whose every gap is waived is ``<skipped>``,
with each waiver; a file that could not be checked is a suite with one
``icscheck/unreadable`` test case holding an ``<error>``.

A case fails only when the gate does: an error unless the gate is off
(``--fail-on never``), a warning or a question to confirm only under
``--strict`` (``--fail-on warning``). A file that could not be checked is an
``<error>`` whatever the gate, as it is exit 2 whatever the gate. GitLab's test
reports "do not affect job status" (the page below) and Jenkins' ``junit`` step
marks a build unstable on any failure (the research note below), so a failure the exit code ignores would show failed tests on a green
pipeline. Below the gate, the gaps and questions go in the case's
``<system-out>``, which GitLab parses from test cases only, beside the
``file`` it links (the table of parsed elements and attributes in
https://docs.gitlab.com/ci/testing/unit_test_reports/). A case's ``file``,
``line`` and ``<system-out>``, and the totals on ``<testsuites>`` (which ruff
writes), are beyond the Ant schema; ``line`` is the first finding's, where a
reader that takes it (GitLab does not) opens the file. ``classname`` is the
path from the repository root with ``.`` for ``/`` and no extension: Jenkins
splits it at its last ``.`` into package and class (../shared/research/ci-outputs.md,
"JUnit", the project's research note).
"""

from __future__ import annotations

import datetime as _dt
import socket
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

from icscheck.errors import LoadError
from icscheck.finding import Finding, Severity
from icscheck.reporters.base import UNREADABLE, Reporter
from icscheck.reporters.ci_settings import junit_properties
from icscheck.reporters.not_run import not_run_lines
from icscheck.result import FailOn, Report, RuleResult, Status, Unconfirmed, Waived
from icscheck.rules.base import Rule
from icscheck.untrusted import log, xml


def _hostname() -> str:
    try:
        return socket.gethostname().strip() or "localhost"
    except OSError:
        return "localhost"


def _stated(finding: Finding) -> str:
    return f"\nstated in: {xml(finding.provenance)}" if finding.provenance else ""


def _gap(finding: Finding, rule: Rule) -> str:
    """One gap as lines of text; each line's untrusted part is shown by ``untrusted.xml``,
    so the lines are icscheck's own."""
    return (
        f"{xml(finding.location)}: {xml(finding.message)}\n"
        f"fix: {xml(rule.fix)}\n"
        f"source: {xml(finding.source)}"
        f"{_stated(finding)}"
    )


def _question(item: Unconfirmed) -> str:
    """A question to confirm: what the rule would find, and each unknown fact it rests on."""
    finding = item.finding
    confirm = "".join(f"\nconfirm: {xml(fact)}" for fact in item.confirm)
    return (
        f"{xml(finding.location)}: to confirm: {xml(finding.message)}{confirm}\n"
        f"source: {xml(finding.source)}"
        f"{_stated(finding)}"
    )


def _waived(item: Waived, rule: Rule) -> str:
    describe = xml(item.waiver.describe())
    return f"{_gap(item.finding, rule)}\nwaiver (line {item.waiver.line}): {describe}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def classname(path: str) -> str:
    """``constitutions/nhs-x.yaml`` as ``constitutions.nhs-x``: Jenkins' package and class."""
    pure = PurePosixPath(path.lstrip("/"))
    stem = pure.with_suffix("") if pure.name and pure.suffix else pure
    return stem.as_posix().replace("/", ".")


def _message(findings: list[Finding] | tuple[Finding, ...], counted: str) -> str:
    """The first finding's message alone, or all of them after ``counted`` (``2 gaps``)."""
    if len(findings) == 1:
        return findings[0].message
    return f"{counted}: " + "; ".join(f.message for f in findings)


class JunitReporter(Reporter):
    """JUnit XML for CI test-result views."""

    def write(self, report: Report) -> None:
        timestamp = _dt.datetime.now().replace(microsecond=0, tzinfo=None).isoformat()
        hostname = _hostname()
        root = ET.Element("testsuites")
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for number, result in enumerate(report.files):
            path = self.path(result.path)
            suite = ET.SubElement(
                root,
                "testsuite",
                _attributes(
                    name=path,
                    tests="0",
                    failures="0",
                    errors="0",
                    skipped="0",
                    time="0",
                    timestamp=timestamp,
                    hostname=hostname,
                    # Required in <testsuites>: the suite's name, and its index from 0.
                    package=path,
                    id=str(number),
                ),
            )
            properties = ET.SubElement(suite, "properties")
            if result.error is not None:
                counts = self._unreadable(suite, path, result.error)
            else:
                _property(properties, "ruleset", report.ruleset)
                if result.icb_name is not None:
                    _property(properties, "icb", result.icb_name)
                if result.format_version is not None:
                    _property(properties, "format_version", str(result.format_version))
                # What configuration switched off or changed (reporters/ci_settings.py).
                for value in junit_properties(report):
                    _property(properties, "settings", value)
                for value in not_run_lines(result):
                    _property(properties, "not_run", value)
                counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
                for outcome in result.rules:
                    counts["tests"] += 1
                    shown = self._case(suite, path, outcome, report.rule(outcome.rule), report)
                    if shown == "failure":
                        counts["failures"] += 1
                    elif shown == "skipped":
                        counts["skipped"] += 1
            suite.attrib.update({key: str(value) for key, value in counts.items()})
            for key, count in counts.items():
                totals[key] += count
            # The rules not run (a version-1 file's), where Jenkins shows a suite's output.
            output = ET.SubElement(suite, "system-out")
            if result.error is None and result.not_run:
                output.text = xml("\n".join(not_run_lines(result)))
            ET.SubElement(suite, "system-err")
        # Totals on the root, as ruff writes them and GitLab reads ``time`` there.
        root.attrib.update({key: str(count) for key, count in totals.items()})
        root.set("time", "0")
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")

    def _case(
        self, suite: ET.Element, path: str, outcome: RuleResult, rule: Rule, report: Report
    ) -> str:
        """One rule's test case; returns the outcome element written (``failure``,
        ``skipped``, ``system-out`` or ``""`` for a pass)."""
        first = _first(outcome)
        attributes = {"name": f"{rule.label}: {rule.title}", "classname": classname(path)}
        attributes["file"] = path
        if first is not None and not first.document:  # a document has no lines
            attributes["line"] = str(first.line)
        attributes["time"] = "0"
        case = ET.SubElement(suite, "testcase", _attributes(**attributes))
        strict = report.fail_on is FailOn.WARNING
        gate_on = report.fail_on is not FailOn.NEVER
        findings = outcome.findings
        errors = any(f.severity is Severity.ERROR for f in findings)
        gating = (gate_on and errors) or (strict and bool(findings))
        asking = strict and bool(outcome.unconfirmed)
        parts = []
        if findings:
            parts.append("\n\n".join(_gap(f, rule) for f in findings))
        if outcome.waived:
            heading = f"{_plural(len(outcome.waived), 'more gap')} waived:\n\n" if parts else ""
            parts.append(heading + "\n\n".join(_waived(item, rule) for item in outcome.waived))
        if outcome.unconfirmed:
            heading = f"{len(outcome.unconfirmed)} to confirm:\n\n" if parts else ""
            parts.append(heading + "\n\n".join(_question(item) for item in outcome.unconfirmed))
        text = log("\n\n".join(parts))  # a line of it begins with a path
        if gating or asking:
            if gating:
                message = _message(findings, _plural(len(findings), "gap"))
                kind = str(rule.severity)
            else:
                questions = [item.finding for item in outcome.unconfirmed]
                counted = f"{len(questions)} to confirm"
                message = (
                    _message(questions, counted)
                    if len(questions) > 1
                    else ("to confirm: " + questions[0].message)
                )
                kind = "unconfirmed"
            failure = ET.SubElement(case, "failure", _attributes(message=message, type=kind))
            failure.text = text
            return "failure"
        if outcome.status is Status.WAIVED:
            waivers = list(dict.fromkeys(item.waiver for item in outcome.waived))
            message = (
                f"waived: {waivers[0].describe()}"
                if len(waivers) == 1
                else f"waived: {_plural(len(outcome.waived), 'gap')}, "
                f"{_plural(len(waivers), 'waiver')}"
            )
            skipped = ET.SubElement(case, "skipped", _attributes(message=message))
            skipped.text = text
            return "skipped"
        if parts:
            # Below the gate: passed, with what was found for whoever opens the case.
            ET.SubElement(case, "system-out").text = text
            return "system-out"
        return ""

    def _unreadable(self, suite: ET.Element, path: str, error: LoadError) -> dict[str, int]:
        place = {"file": path} | ({"line": str(error.line)} if error.line else {})
        case = ET.SubElement(
            suite,
            "testcase",
            _attributes(name=UNREADABLE, classname=classname(path), **place, time="0"),
        )
        element = ET.SubElement(case, "error", _attributes(message=error.message, type="LoadError"))
        element.text = xml(str(error))
        return {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}


def _first(outcome: RuleResult) -> Finding | None:
    """The first finding in the file a case is about: a gap, a question, or a waived gap."""
    found = [
        *outcome.findings,
        *(item.finding for item in outcome.unconfirmed),
        *(item.finding for item in outcome.waived),
    ]
    return min(found, key=lambda f: (f.line, f.column)) if found else None


def _attributes(**values: str) -> dict[str, str]:
    return {key: xml(value) for key, value in values.items()}


def _property(properties: ET.Element, name: str, value: str) -> None:
    ET.SubElement(properties, "property", _attributes(name=name, value=value))
