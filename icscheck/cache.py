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
from collections.abc import Sequence
from pathlib import Path

from icscheck import __version__
from icscheck.codec import CodecError, file_data, file_result, model_data, model_from_data
from icscheck.result import FileResult
from icscheck.rules.base import Checker, Rule

FORMAT = 4
"""Version of the entry layout; part of the key."""


def directory() -> Path:
    """Where entries live: ``ICSCHECK_CACHE_DIR``, else the user cache directory."""
    override = os.environ.get("ICSCHECK_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("icscheck", appauthor=False)


def key(raw: bytes, checkers: Sequence[Checker], on: _dt.date) -> str:
    """The entry name for checking ``raw`` with ``checkers`` as on date ``on``."""
    digest = hashlib.sha256()
    header = {
        "format": FORMAT,
        "version": __version__,
        "rules": [list(checker.identity) for checker in checkers],
        "on": on.isoformat(),
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    digest.update(b"\0")
    digest.update(raw)
    return digest.hexdigest()


def get(folder: Path, name: str, path: str) -> FileResult | None:
    """The cached result for entry ``name``, for ``path``; None on a miss."""
    try:
        data = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        model = None if data["model"] is None else model_from_data(data["model"])
        return file_result(data["result"], path, model)
    except (OSError, ValueError, KeyError, TypeError, CodecError):
        return None  # missing, unreadable or from a damaged write: check the file again


def put(folder: Path, name: str, result: FileResult, rules: Sequence[Rule]) -> None:
    """Store ``result`` under ``name``; a cache that cannot be written is skipped."""
    entry = {
        "result": file_data(result, {rule.id: rule for rule in rules}),
        "model": None if result.model is None else model_data(result.model),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(entry, stream)
        os.replace(temporary, folder / f"{name}.json")
    except (OSError, ValueError):
        return  # no room, no permission, or data JSON cannot hold: check again next time
