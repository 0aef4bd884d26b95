"""Reporters: turn a Report into output. The only code, with the CLI, that writes.

Each reporter is a small class behind a name in ``REPORTERS``; the name is what
``--format`` accepts. A reporter's module is imported only when its format is
asked for, and reporters import their heavy dependencies (Rich) only when
they run, so choosing ``json`` loads neither Rich nor the other reporters
(issue 13, docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from icscheck.reporters.base import Reporter

_WHERE: dict[str, tuple[str, str]] = {
    "text": ("text", "TextReporter"),
    "concise": ("concise", "ConciseReporter"),
    "json": ("json", "JsonReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
    "github": ("github", "GithubReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
    "html": ("html", "HtmlReporter"),
    "markdown": ("markdown", "MarkdownReporter"),
}
"""Each format's module in icscheck/reporters/ and its class."""


class _Reporters(Mapping[str, type[Reporter]]):
    """The reporter classes by format name, each imported when first looked up."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module, cls = _WHERE[name]
        found: type[Reporter] = getattr(import_module(f"icscheck.reporters.{module}"), cls)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


REPORTERS: Mapping[str, type[Reporter]] = _Reporters()

__all__ = ["REPORTERS", "Reporter"]
