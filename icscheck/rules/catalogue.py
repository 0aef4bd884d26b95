"""The built-in rules as one generated JSON file, read at each run instead of the rule files.

Reading the rule files means parsing every YAML record, validating it
against ``schemas/rule.schema.json``, checking its schema against the
metaschema and importing every Python rule's module: about 0.3 s before the
first file is read, at every start (issue 13, docs/performance.md). None of
that can change between two runs of the same install, so
``python docs/generate.py`` does it once and writes ``catalogue.json``
beside this module: every rule's metadata, each schema rule's schema, and
for each Python rule the module that checks it, imported only when the rule
runs (``ModuleCheck``). A run reads one JSON file.

The catalogue is generated, never edited: tests/test_docs.py fails while it
differs from what the rule files say, and tests/rules/test_catalogue.py
checks that the rules read from it are the rules read from the files. House
rules are not in it: they are the repository's own, and are read from their
YAML records at each run (registry.house_rules).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from icscheck.errors import RuleError
from icscheck.finding import Severity
from icscheck.rules.base import Area, Checker, Context, Gap, Rule
from icscheck.rules.record import SchemaCheck

if TYPE_CHECKING:
    from icscheck.loader import Document
    from icscheck.model import Model

FILE = "catalogue.json"
"""The catalogue's file name, in the icscheck.rules package."""
LAYOUT = 1
"""The catalogue's own layout version: a catalogue of another layout is refused."""


@dataclass(frozen=True)
class ModuleCheck:
    """A Python rule's ``check``, imported from its module the first time the rule runs.

    Only the module's name is held, so a run that selects a few rules, or
    answers from the cache, imports none of the others (and a copy pickled
    to a worker process is a name, not a function).
    """

    module: str

    def __call__(self, document: Document, model: Model, context: Context) -> Iterator[Gap]:
        function = import_module(self.module).check
        gaps: Iterator[Gap] = function(model, context)
        return gaps

    @property
    def judges_unknowns(self) -> bool:
        """The module's ``UNKNOWNS_JUDGED`` (registry.PythonCheck), asked once it has run."""
        return bool(getattr(import_module(self.module), "UNKNOWNS_JUDGED", False))


def module_of(checker: Checker) -> str | None:
    """The module of a Python rule's check (read from the files or the catalogue); None for
    a schema rule."""
    check: Any = checker.check
    if isinstance(check, ModuleCheck):
        return check.module
    function = getattr(check, "function", None)
    return None if function is None else str(function.__module__)


def render(checkers: Sequence[Checker]) -> str:
    """The catalogue's text for ``checkers`` (the rules read from the files, in report order)."""
    rules: list[dict[str, Any]] = []
    for checker in checkers:
        rule = checker.rule
        entry: dict[str, Any] = {
            "id": rule.id,
            "area": rule.area.name,
            "severity": str(rule.severity),
            "title": rule.title,
            "source": rule.source,
            "fix": rule.fix,
            "doc": rule.doc,
            "fails": rule.fails,
            "passes": rule.passes,
            "checked_by": rule.checked_by,
            "since": rule.since,
            "review": checker.review,
        }
        if isinstance(checker.check, SchemaCheck):
            entry["schema"] = checker.check.schema
        else:
            module = module_of(checker)
            if module is None:
                raise RuleError(f"{rule.id}: neither a schema rule nor a Python rule")
            entry["module"] = module
        rules.append(entry)
    body = {
        "generated": "by python docs/generate.py from icscheck/rules/; do not edit",
        "layout": LAYOUT,
        "rules": rules,
    }
    return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def load() -> tuple[Checker, ...]:
    """The built-in rules, from the shipped catalogue."""
    text = (files("icscheck.rules") / FILE).read_text(encoding="utf-8")
    return parse(text)


def parse(text: str) -> tuple[Checker, ...]:
    """The rules a catalogue's text holds; a RuleError if it is not one this icscheck wrote."""
    try:
        body = json.loads(text)
        if body["layout"] != LAYOUT:
            raise RuleError(f"icscheck/rules/{FILE}: layout {body['layout']!r}, not {LAYOUT}")
        return tuple(_checker(entry) for entry in body["rules"])
    except (ValueError, KeyError, TypeError) as error:
        raise RuleError(
            f"icscheck/rules/{FILE} is damaged ({error!r}): reinstall icscheck, or run "
            "python docs/generate.py in a checkout"
        ) from None


def _checker(entry: dict[str, Any]) -> Checker:
    rule = Rule(
        id=entry["id"],
        title=entry["title"],
        area=Area[entry["area"]],
        severity=Severity(entry["severity"]),
        source=entry["source"],
        fix=entry["fix"],
        doc=entry["doc"],
        fails=entry["fails"],
        passes=entry["passes"],
        checked_by=entry["checked_by"],
        since=entry["since"],
    )
    check = SchemaCheck(entry["schema"]) if "schema" in entry else ModuleCheck(entry["module"])
    return Checker(rule, check, review=entry["review"])
