"""Schema rules: one YAML record each, for the built-in rules and for house rules alike.

A record holds everything about the rule in one place (Spectral's model: the
rule's metadata beside what it checks)::

    id: BOARD-005
    severity: error
    title: The board has at least two non-executive members besides the chair.
    source: NHS England policy on board membership (...)
    fix: Add non-executive members ...
    doc: |
      What the rule checks and why (Markdown).
    fails: |
      a whole constitution that breaks the rule
    passes: |
      a whole constitution that meets it
    schema:
      x-message: the board has {count} non-executive member{s} ...
      properties: ...

``schema`` is a JSON Schema (Draft 2020-12) that a compliant constitution
validates against; ``x-message`` on any part of it words the gap
(icscheck/schemas.py). The record's own shape is
``schemas/rule.schema.json``: anything else is a RuleError naming the file,
line and column, so a broken house rule is never silently skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from icscheck.errors import RuleError
from icscheck.finding import Severity
from icscheck.rules.base import Area, Checker, Context, Gap, Rule
from icscheck.vocabulary import spell

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from icscheck.composer import NodePath
    from icscheck.loader import Document
    from icscheck.model import Model

RECORD_SCHEMA = "rule.schema.json"


@dataclass(frozen=True)
class SchemaCheck:
    """Validate a file against a record's schema (compiled once per process, on first use)."""

    schema: Mapping[str, Any]
    key: str = field(default="", compare=False)
    """The schema as canonical JSON: what the compiled validator is cached by."""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", json.dumps(self.schema, sort_keys=True))

    def validator(self) -> Validator:
        return _compiled(self.key)

    @property
    def reads(self) -> frozenset[str]:
        """Every property name the schema reads (``properties``, ``required``), through
        references to the packaged schemas (FMT-001's format schemas)."""
        return _reads(self.key)

    def turns_on(self, document: Document) -> dict[NodePath, frozenset[NodePath]]:
        """The unknown facts the file's outcome under this schema turns on, each with the
        nodes of the gaps a value in its place could clear (icscheck/rules/probe.py)."""
        from icscheck.rules.probe import turns

        if not document.unknowns:  # a version 1 file, or one with nothing unknown
            return {}
        return turns(self.key, self.reads, self.validator, document)

    def __call__(self, document: Document, model: Model, context: Context) -> Iterator[Gap]:
        # A generator: gaps are made only as the engine asks for them (icscheck/bounded.py),
        # and the engine closes it, so the entries it follows are let go at once.
        from icscheck.fastcheck import surely_valid
        from icscheck.keywords import following, uses_references
        from icscheck.schemas import schema_gaps

        unknowns = document.unknowns
        # A sure "valid" from the fast engine where installed (icscheck/fastcheck.py) means
        # no gap to word, and no need to import jsonschema; every gap comes from jsonschema.
        if not uses_references(self.key):
            if not surely_valid(self.key, document.data, whole_float=lambda: document.whole_float):
                yield from schema_gaps(self.validator(), document.data, unknowns)
            return
        with following(document.data):
            if not surely_valid(self.key, document.data, whole_float=lambda: document.whole_float):
                yield from schema_gaps(self.validator(), document.data, unknowns)


@cache
def _reads(key: str) -> frozenset[str]:
    from icscheck.schemas import packaged_by_id

    names: set[str] = set()
    followed: set[str] = set()
    stack: list[Any] = [json.loads(key)]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        properties, required = node.get("properties"), node.get("required")
        if isinstance(properties, dict):
            names.update(properties)
        if isinstance(required, list):
            names.update(name for name in required if isinstance(name, str))
        target = node.get("$ref")
        if isinstance(target, str) and target not in followed:
            followed.add(target)
            found = packaged_by_id().get(target.split("#")[0])
            if found is not None:
                stack.append(found)
        stack.extend(value for key, value in node.items() if key not in ("required", "$ref"))
    return frozenset(names)


@cache
def _compiled(key: str) -> Validator:
    # By the schema's text, so a copy of the check (pickled to a worker
    # process) finds the validator its parent compiled before forking.
    from icscheck.schemas import compile_schema

    schema: dict[str, Any] = json.loads(key)
    return compile_schema(schema)


def load(path: str, text: str, area: Area, *, house: bool = False) -> Checker:
    """The rule in record file ``path`` (its text); a RuleError if the record is malformed."""
    from icscheck.errors import LoadError
    from icscheck.loader import parse

    try:
        document = parse(path, text)
    except LoadError as error:
        raise RuleError(f"{error.location()}: {error.message}") from None
    _check_shape(document)
    data = document.data
    _check_schema(document)
    rule = Rule(
        id=data["id"],
        title=spell(data["title"].strip()),
        area=area,
        severity=Severity(data["severity"]),
        source=" ".join(data["source"].split()),
        fix=spell(" ".join(data["fix"].split())),
        doc=spell(data.get("doc", "").strip()),
        fails=_example(data.get("fails", "")),
        passes=_example(data.get("passes", "")),
        checked_by=f"JSON Schema ({path})",
        origin=path if house else None,
        since=data.get("since", 1),
    )
    return Checker(rule, SchemaCheck(data["schema"]))


def _example(text: str) -> str:
    text = text.strip("\n")
    return text + "\n" if text else ""


def _check_shape(document: Document) -> None:
    """The record's fields, against schemas/rule.schema.json."""
    from icscheck.schemas import schema_gaps

    gaps = list(schema_gaps(_record_validator(), document.data))
    if gaps:
        # A misspelt field explains a "missing" one: name it first.
        first = min(gaps, key=lambda g: ("unknown field" not in g.message, document.locate(g.node)))
        line, column = document.locate(first.node)
        raise RuleError(f"{document.path}:{line}:{column}: not a rule record: {first.message}")


@cache
def _record_validator() -> Validator:
    """schemas/rule.schema.json, compiled once however many house rules are read."""
    from icscheck.schemas import compile_schema, load_schema

    return compile_schema(load_schema(RECORD_SCHEMA))


def _check_schema(document: Document) -> None:
    """The record's ``schema`` must be a valid Draft 2020-12 schema."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError as InvalidSchema

    try:
        Draft202012Validator.check_schema(document.data["schema"])
    except InvalidSchema as error:
        node = ("schema", *error.absolute_path)
        line, column = document.locate(node)
        raise RuleError(
            f"{document.path}:{line}:{column}: the rule's schema is not a valid JSON Schema: "
            f"{error.message}"
        ) from None
