"""Run the selected rules over every file, then apply waivers.

A file that cannot be read is a result, not a crash: one bad file never stops
the others.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from icscheck import __version__, cache
from icscheck.config import Settings
from icscheck.errors import LoadError
from icscheck.finding import Finding
from icscheck.loader import Document, load_bytes
from icscheck.reader import human_size, read_bytes
from icscheck.result import FileResult, Report, RuleResult, Waived
from icscheck.rules import RULES, Outcome, Rule
from icscheck.schemas import validator
from icscheck.structure import Structure
from icscheck.waivers import Waiver, today

RULESET = f"icscheck {__version__} ({len(RULES)} rules)"
STDIN = "-"
"""The path that stands for standard input."""
STDIN_NAME = "<stdin>"


def check_document(
    document: Document,
    rules: Iterable[Rule] = RULES.values(),
    on: _dt.date | None = None,
) -> FileResult:
    """Apply ``rules`` to one parsed document, and its waivers to their findings."""
    rules = list(rules)
    usable = [w for w in document.waivers if w.applies(on or today())]
    outcomes: dict[str, RuleResult] = {}
    raw: list[Finding] = []
    for rule in (r for r in rules if not r.review):
        found = tuple(rule.check(document))
        raw.extend(found)
        outcomes[rule.id] = _waive(rule, found, usable)
    review = Outcome(findings=tuple(raw), ran=frozenset(r.id for r in rules))
    for rule in (r for r in rules if r.review):
        outcomes[rule.id] = RuleResult(rule, tuple(rule.check(document, review)))
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
        rules=tuple(outcomes[rule.id] for rule in rules),
        structure=Structure.from_document(document),
    )


def _waive(rule: Rule, found: Sequence[Finding], waivers: Sequence[Waiver]) -> RuleResult:
    """Split ``found`` into open findings and those an applicable waiver accepts.

    A waiver covers a finding of a rule it names on its target line: the line
    of the node, or the line after a waiver that stands alone (docs/waivers.md).
    """
    if rule.id.startswith("WAIVE-"):
        return RuleResult(rule, tuple(found))
    open_: list[Finding] = []
    waived: list[Waived] = []
    for finding in found:
        waiver = next((w for w in waivers if w.target == finding.line and rule.id in w.rules), None)
        if waiver is None:
            open_.append(finding)
        else:
            waived.append(Waived(finding, waiver))
    return RuleResult(rule, tuple(open_), tuple(waived))


def check_file(path: str, settings: Settings) -> FileResult:
    """Read and check one file; a file that cannot be read becomes the result's ``error``."""
    try:
        raw = read_bytes(path, settings.max_bytes)
    except LoadError as error:
        return FileResult(path=path, error=error)
    return check_bytes(path, raw, settings)


def check_bytes(name: str, raw: bytes, settings: Settings) -> FileResult:
    """Check a constitution's bytes (a file's, or standard input's), through the cache."""
    if len(raw) > settings.max_bytes:
        limit = human_size(settings.max_bytes)
        return FileResult(path=name, error=LoadError(name, f"is over the {limit} limit"))
    rules = settings.rules_for(name)
    entry = cache.key(raw, rules, today()) if settings.cache else None
    if entry is not None and (hit := cache.get(entry, name, rules)) is not None:
        return hit
    try:
        result = check_document(load_bytes(name, raw), rules)
    except LoadError as error:
        result = FileResult(path=name, error=error)
    if entry is not None:
        cache.put(entry, result)
    return result


def expand(paths: Iterable[str]) -> list[str]:
    """Files to check: each path as given; a directory's *.yaml and *.yml files, sorted.

    Hidden directories (``.git``, ``.venv``) are not searched.
    """
    files: list[str] = []
    for path in paths:
        folder = Path(path)
        if path != STDIN and folder.is_dir():
            found = [
                p
                for p in folder.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(folder).parts[:-1])
            ]
            # An empty directory stays, to be reported: a gate must not pass on nothing.
            files.extend([str(p) for p in sorted(found)] or [path])
        else:
            files.append(path)
    return files


def check_files(
    paths: Iterable[str], settings: Settings | None = None, stdin: bytes = b""
) -> Report:
    """Check each path in turn (``-`` is ``stdin``); one bad file never stops the others."""
    settings = settings or Settings()
    files = expand(paths)
    if settings.jobs > 1 and len(files) > 1 and STDIN not in files:
        results = _in_parallel(files, settings)
    else:
        results = tuple(
            check_bytes(STDIN_NAME, stdin, settings)
            if path == STDIN
            else check_file(path, settings)
            for path in files
        )
    return Report(files=results, ruleset=RULESET, fail_on=settings.fail_on)


def _in_parallel(files: list[str], settings: Settings) -> tuple[FileResult, ...]:
    """Check ``files`` in ``settings.jobs`` processes; results come back in order.

    Results cross the process boundary as the cache's plain data (rules hold
    functions, which do not pickle). The validators are compiled first, so that
    forked workers inherit them instead of each compiling its own.
    """
    from concurrent.futures import ProcessPoolExecutor

    for rule in RULES.values():
        if rule.schema is not None:
            validator(rule.schema, rule.id)
    chunk = max(1, len(files) // (settings.jobs * 4))
    with ProcessPoolExecutor(max_workers=settings.jobs) as pool:
        data = list(pool.map(_check_as_data, files, [settings] * len(files), chunksize=chunk))
    return tuple(
        cache.from_data(item, path, {r.id: r for r in settings.rules_for(path)})
        for path, item in zip(files, data, strict=True)
    )


def _check_as_data(path: str, settings: Settings) -> dict[str, object]:
    return cache.to_data(check_file(path, settings))
