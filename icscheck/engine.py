"""Run every rule over every file. A file that cannot be read is a result, not a crash."""

from __future__ import annotations

from collections.abc import Iterable

from icscheck import __version__
from icscheck.errors import LoadError
from icscheck.loader import Document, load
from icscheck.reader import MAX_BYTES
from icscheck.result import FileResult, Report, RuleResult
from icscheck.rules import RULES, Rule

RULESET = f"icscheck {__version__} ({len(RULES)} rules)"


def check_document(document: Document, rules: Iterable[Rule] = RULES.values()) -> FileResult:
    """Apply ``rules`` to one parsed document."""
    name = (
        document.data.get("icb", {}).get("name")
        if isinstance(document.data.get("icb"), dict)
        else None
    )
    version = document.data.get("icscheck")
    return FileResult(
        path=document.path,
        icb_name=name if isinstance(name, str) else None,
        format_version=version
        if isinstance(version, int) and not isinstance(version, bool)
        else None,
        rules=tuple(RuleResult(rule, tuple(rule.check(document))) for rule in rules),
    )


def check_file(path: str, max_bytes: int = MAX_BYTES) -> FileResult:
    """Load and check one file; a load failure becomes the result's ``error``."""
    try:
        document = load(path, max_bytes)
    except LoadError as error:
        return FileResult(path=path, error=error)
    return check_document(document)


def check_files(paths: Iterable[str], strict: bool = False, max_bytes: int = MAX_BYTES) -> Report:
    """Check each file in turn; one bad file never stops the others."""
    return Report(
        files=tuple(check_file(path, max_bytes) for path in paths), ruleset=RULESET, strict=strict
    )
