"""The sample corpus (sample_documents/) in its four forms, and its facts in comparable form."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from icscheck.documents import read
from icscheck.documents.draft import Draft, draft
from icscheck.documents.facts import Post

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "sample_documents"
NAMES = ("eastbrook", "westfield", "riverside", "northmoor", "hillcrest")
FORMS = ("pdf", "docx", "html", "txt")


def sources(name: str, form: str) -> list[str]:
    """The files of one sample in one form, relative to the repository (as a user types them)."""
    if form == "html":
        pages = sorted((SAMPLES / "web").glob(f"{name}.html")) or sorted(
            (SAMPLES / "web").glob(f"{name}-*.html")
        )
        return [str(p.relative_to(ROOT)) for p in pages]
    return [str((SAMPLES / f"{name}.{form}").relative_to(ROOT))]


def drafted(name: str, form: str) -> Draft:
    """The sample drafted as a user in the repository's folder would draft it."""
    paths = sources(name, form)
    with contextlib.chdir(ROOT):
        return draft(read(paths), paths)


def _plain(value: Any) -> Any:
    if isinstance(value, Post):
        return f"{value.id} ({value.role})"
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def facts(result: Draft) -> list[list[Any]]:
    """Every fact as [field, value, clause]; an unknown one as [field, "unknown", note]."""
    return [
        [fact.field, _plain(fact.value), fact.clause.label if fact.clause else None]
        if fact.known
        else [fact.field, "unknown", fact.unknown]
        for fact in result.facts
    ]
