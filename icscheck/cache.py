"""A result cache keyed by file content, so an unchanged constitution is not checked again.

pre-commit and CI run icscheck on every commit, mostly over files that did not
change. A result depends only on the file's bytes, the icscheck version (and so
its rules), the rules selected for the file with their severities, and the date
(waivers expire); the key is a SHA-256 of exactly those, so anything else that
changes gives a new key rather than a stale answer. The path is not in the key:
results are stored without it and given the path they are read for.

Entries are small JSON files in the user cache directory (``platformdirs``),
written to a temporary file and renamed into place, so concurrent icscheck
processes (pre-commit runs several) never see a half-written entry. A corrupt
or unreadable entry is a miss. ``--no-cache`` bypasses the cache and
``ICSCHECK_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from icscheck import __version__
from icscheck.errors import LoadError
from icscheck.finding import Finding, Severity
from icscheck.result import FileResult, RuleResult, Waived
from icscheck.rules import Rule
from icscheck.structure import Structure
from icscheck.waivers import Waiver

FORMAT = 2
"""Version of the entry layout; part of the key."""


def directory() -> Path:
    """Where entries live: ``ICSCHECK_CACHE_DIR``, else the user cache directory."""
    override = os.environ.get("ICSCHECK_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("icscheck", appauthor=False)


def key(raw: bytes, rules: list[Rule], today: _dt.date) -> str:
    """The entry name for checking ``raw`` with ``rules`` on ``today``."""
    digest = hashlib.sha256()
    header = {
        "format": FORMAT,
        "version": __version__,
        "rules": [[rule.id, str(rule.severity)] for rule in rules],
        "today": today.isoformat(),
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    digest.update(b"\0")
    digest.update(raw)
    return digest.hexdigest()


def get(name: str, path: str, rules: list[Rule]) -> FileResult | None:
    """The cached result for entry ``name``, for ``path``; None on a miss."""
    try:
        data = json.loads((directory() / f"{name}.json").read_text(encoding="utf-8"))
        return from_data(data, path, {rule.id: rule for rule in rules})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, unreadable or from a damaged write: check the file again


def put(name: str, result: FileResult) -> None:
    """Store ``result`` under ``name``; a cache that cannot be written is skipped."""
    folder = directory()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(to_data(result), stream)
        os.replace(temporary, folder / f"{name}.json")
    except (OSError, ValueError):
        return  # no room, no permission, or data JSON cannot hold: check again next time


def to_data(result: FileResult) -> dict[str, Any]:
    """A FileResult as JSON-ready data, without its path."""

    def finding(f: Finding) -> dict[str, Any]:
        data = asdict(f)
        del data["path"]
        return data

    error = result.error
    return {
        "icb_name": result.icb_name,
        "format_version": result.format_version,
        "error": None if error is None else [error.message, error.line, error.column],
        "rules": [
            {
                "id": outcome.rule.id,
                "findings": [finding(f) for f in outcome.findings],
                "waived": [
                    {"finding": finding(w.finding), "waiver": _waiver(w.waiver)}
                    for w in outcome.waived
                ],
            }
            for outcome in result.rules
        ],
        "structure": None if result.structure is None else result.structure.to_data(),
    }


def from_data(data: dict[str, Any], path: str, rules: dict[str, Rule]) -> FileResult:
    """The FileResult ``to_data`` stored, for ``path``."""

    def finding(f: dict[str, Any]) -> Finding:
        return Finding(path=path, **{**f, "severity": Severity(f["severity"])})

    if data["error"] is not None:
        message, line, column = data["error"]
        return FileResult(path=path, error=LoadError(path, message, line, column))
    return FileResult(
        path=path,
        icb_name=data["icb_name"],
        format_version=data["format_version"],
        rules=tuple(
            RuleResult(
                rules[outcome["id"]],
                tuple(finding(f) for f in outcome["findings"]),
                tuple(
                    Waived(finding(w["finding"]), _unwaiver(w["waiver"])) for w in outcome["waived"]
                ),
            )
            for outcome in data["rules"]
        ),
        structure=None if data["structure"] is None else Structure.from_data(data["structure"]),
    )


def _waiver(waiver: Waiver) -> dict[str, Any]:
    data = asdict(waiver)
    data["until"] = waiver.until.isoformat() if waiver.until else None
    return data


def _unwaiver(data: dict[str, Any]) -> Waiver:
    until = _dt.date.fromisoformat(data["until"]) if data["until"] else None
    return replace(
        Waiver(
            **{
                **data,
                "until": None,
                "rules": tuple(data["rules"]),
                "problems": tuple(data["problems"]),
            }
        ),
        until=until,
    )
