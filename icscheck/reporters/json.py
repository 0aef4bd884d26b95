"""``--format json``: one JSON document, shape documented in docs/json-output.md.

The shape is public and versioned (``"version": 2``); schemas/report.schema.json
describes it and the tests validate every output against it. Each file's
part is icscheck/codec.py's encoding, the same the result cache stores.
"""

from __future__ import annotations

from typing import Any

from icscheck import __version__
from icscheck.codec import file_data
from icscheck.finding import Severity
from icscheck.reporters.base import Reporter
from icscheck.result import Report
from icscheck.untrusted import ascii_only, json

OUTPUT_VERSION = 2
"""2: unconfirmed outcomes (format 2's unknown facts) and rules not run, per file."""


def report_json(report: Report) -> dict[str, Any]:
    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "icscheck", "version": __version__},
        "ruleset": report.ruleset,
        "checked_on": report.on.isoformat(),
        "exit_code": int(report.exit_code),
        "fail_on": str(report.fail_on),
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "waived": report.waived,
            "unconfirmed": report.unconfirmed,
            "unreadable": report.unreadable,
        },
        "files": [file_data(result, report.catalogue) for result in report.files],
    }


class JsonReporter(Reporter):
    """Machine-readable output for tools and tests."""

    def write(self, report: Report) -> None:
        # Non-ASCII text as itself where the stream is UTF-8, else as JSON escapes:
        # the output must parse whatever the locale.
        self.stream.write(json(report_json(report), ascii=ascii_only(self.stream)) + "\n")
