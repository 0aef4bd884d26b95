"""The packaged JSON Schemas, compiled validators, and schema errors as gaps.

``constitution.schema.json`` is the format (rule FMT-001 refers to it). Each
guide rail JSON Schema can say is a schema rule's record
(icscheck/rules/record.py), whose schema names the gap with ``x-message``: at
its root, and on any branch (one required sector, one principle), where the
deepest one on the failing path wins. Messages may use ``{count}``, ``{min}``
and ``{max}`` for ``contains`` / ``minContains`` / ``maxContains`` failures
(``{s}`` is "s" unless the count is 1), and ``{missing}`` for the property a
``required`` failure is about, ``{value}`` for the failing value itself
when it is text or a number, and ``{nhs_england}`` for the body the Act names
(icscheck/vocabulary.py; docs/house-rules.md). Without a message, the
error is worded by ``describe``, naming the field.

Schemas are read only from the installed package, and nothing is fetched:
every validator gets a registry of the packaged schemas whose retrieval
refuses any other URI. (Without a registry, jsonschema would still fetch a
remote ``$ref`` over HTTP, with only a deprecation warning.)
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from icscheck.errors import SchemaError
from icscheck.loader import NodePath, field_name
from icscheck.rules.base import Gap

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator
    from referencing import Registry, Resource

FORMAT_SCHEMA = "constitution.schema.json"
"""Format version 1's schema."""
LATEST_SCHEMA = "constitution-2.schema.json"
"""The latest format's schema (version 2, a superset of version 1): what editors get."""


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Read one packaged schema by file name."""
    text = (files("icscheck.schema_files") / name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def packaged_schemas() -> list[str]:
    """File names of every schema shipped in the package."""
    root = files("icscheck.schema_files")
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".schema.json"))


@cache
def packaged_by_id() -> dict[str, dict[str, Any]]:
    """Every packaged schema by its ``$id``."""
    return {load_schema(name)["$id"]: load_schema(name) for name in packaged_schemas()}


def _refuse_retrieval(uri: str) -> Resource[Any]:
    raise SchemaError(f"schema reference {uri!r} is not packaged with icscheck; nothing is fetched")


@cache
def registry() -> Registry[Any]:
    """The packaged schemas by ``$id``; any other reference is refused, never fetched."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    return Registry(retrieve=_refuse_retrieval).with_resources(  # type: ignore[call-arg]
        (load_schema(name)["$id"], DRAFT202012.create_resource(in_dialect(load_schema(name))))
        for name in packaged_schemas()
    )


def in_dialect(schema: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` without its ``$schema``, so it is read in icscheck's dialect.

    jsonschema picks the validator class for each schema it enters by its
    ``$schema``: a ``$ref`` into a schema that names plain Draft 2020-12 (as the
    packaged format schema does, for editors) would be validated without
    icscheck's keywords, so ``population: 1e1`` would pass as a whole number.
    """
    return {key: value for key, value in schema.items() if key != "$schema"}


def compile_schema(schema: Mapping[str, Any]) -> Validator:
    """A validator for ``schema`` in icscheck's dialect of Draft 2020-12 (icscheck/keywords.py)
    that resolves references offline only."""
    from icscheck.keywords import dialect

    validator = dialect()
    return validator(
        in_dialect(schema), registry=registry(), format_checker=validator.FORMAT_CHECKER
    )


def schema_gaps(
    check: Validator, data: Any, unknowns: Mapping[NodePath, str] | None = None
) -> Iterator[Gap]:
    """Validate ``data`` against one rule's compiled schema and yield its gaps, as found.

    One by one, never all at once: a file can hold hundreds of thousands of
    errors, and the engine asks for only so many (icscheck/bounded.py). The
    engine puts the gaps in file order; jsonschema finds them in an order of
    its own that is the same on every run.

    ``unknowns`` (format 2) lets a count say when it is decided whatever the
    unknown facts turn out to be: 0 of 3 partner members with one role
    unknown is a gap, not a question (see ``_decided``).
    """
    root = check.schema if isinstance(check.schema, Mapping) else {}
    for error in validation_errors(check, data):
        for gap in _gaps(error, root, check):
            if unknowns and _decided(error, check, unknowns):
                gap = replace(gap, decided=True)
            yield gap


def _decided(error: ValidationError, check: Validator, unknowns: Mapping[NodePath, str]) -> bool:
    """A ``contains`` count fails whatever the unknown facts of its list turn out to be.

    An unknown field is absent from the data, so knowing it can only add matches:
    too many matches stay too many, and too few stay too few when even every item
    with an unknown field matching would not reach the minimum.
    """
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if "contains" not in schema or not isinstance(error.instance, list):
        return False
    matcher = check.evolve(schema=schema["contains"])
    count = sum(1 for item in error.instance if matcher.is_valid(item))
    if "maxContains" in schema and count > schema["maxContains"]:
        return True
    base = tuple(error.absolute_path)
    open_items = {
        at[len(base)] for at in unknowns if at[: len(base)] == base and len(at) > len(base)
    }
    minimum: int = schema.get("minContains", 1)
    return count + len(open_items) < minimum


def validation_errors(check: Validator, instance: Any) -> Iterator[ValidationError]:
    """Each error of ``instance``; a reference outside the package is a SchemaError."""
    from referencing.exceptions import Unresolvable

    try:
        yield from check.iter_errors(instance)
    except Unresolvable as error:
        raise SchemaError(f"schema reference {error.ref!r} cannot be resolved offline") from None


def _error_order(error: ValidationError) -> tuple[str, str]:
    return (json.dumps(list(error.absolute_path)), json.dumps(list(error.absolute_schema_path)))


def _gaps(error: ValidationError, root: Mapping[str, Any], check: Validator) -> Iterator[Gap]:
    node: NodePath = tuple(error.absolute_path)
    template = _template(root, error)
    if template is not None:
        yield Gap(node, template.format_map(_facts(error, check)))
        return
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        branch = _branch_of_the_right_type(error.context)
        if branch:
            # One alternative takes a value of this type (a mapping, say): its
            # errors say what is wrong ("missing field 'name'"), where the best
            # match across all branches might only say "expected a string".
            for sub in sorted(branch, key=_error_order):
                yield from _gaps(sub, root, check)
            return

        yield from _gaps(best_match(error.context), root, check)
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        known = sorted(schema.get("properties", {}))
        for key in error.instance:
            if key not in known:
                yield Gap(
                    (*node, key),
                    f"unknown field '{key}' in {field_name(node)}" + _did_you_mean(key, known),
                )
        return
    yield Gap(node, describe(error))


def _branch_of_the_right_type(context: list[ValidationError]) -> list[ValidationError]:
    """The errors of the only anyOf/oneOf branch whose type fits the value, if exactly one does."""
    branches: dict[Any, list[ValidationError]] = {}
    for sub in context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        errors
        for errors in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errors)
    ]
    return fitting[0] if len(fitting) == 1 else []


def _template(root: Mapping[str, Any], error: ValidationError) -> str | None:
    """The deepest ``x-message`` on the path from the rule's root to the failing keyword."""
    found: str | None = root.get("x-message")
    node: Any = root
    for step in error.absolute_schema_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, Mapping) and "x-message" in node:
            found = node["x-message"]
    return found


def _facts(error: ValidationError, check: Validator) -> dict[str, Any]:
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    count = 0
    if "contains" in schema and isinstance(error.instance, list):
        matcher = check.evolve(schema=schema["contains"])
        count = sum(1 for item in error.instance if matcher.is_valid(item))
    missing = ""
    if error.validator == "required":
        # jsonschema gives one error per missing property; its name is only in the message.
        required = error.validator_value if isinstance(error.validator_value, list) else []
        missing = next((k for k in required if error.message.startswith(repr(k))), "")
    value = error.instance if isinstance(error.instance, str | int | float) else ""
    from icscheck.vocabulary import NHS_ENGLAND

    return {
        "nhs_england": NHS_ENGLAND,
        "value": value,
        "count": count,
        "min": schema.get("minContains", 1),
        "max": schema.get("maxContains", ""),
        "missing": missing,
        "s": "" if count == 1 else "s",
    }


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


_TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "a mapping"


def describe(error: ValidationError) -> str:
    """A one-line, field-naming message for a format-schema error."""
    where = field_name(tuple(error.absolute_path))
    value: Any = error.validator_value
    match error.validator:
        case "required":
            missing = re.match(r"'(.*)' is a required property", error.message)
            name = missing.group(1) if missing else error.message
            return f"missing required field '{name}' in {where}"
        case "enum":
            allowed = ", ".join(str(v) for v in value)
            hint = _did_you_mean(str(error.instance), [str(v) for v in value])
            return f"{where}: {error.instance!r} is not allowed{hint}; allowed values: {allowed}"
        case "const":
            return f"{where}: must be {value!r}, found {error.instance!r}"
        case "type":
            expected = _TYPE_NAMES.get(value, str(value))
            message = f"{where}: expected {expected}, found {_kind(error.instance)}"
            if value == "string" and isinstance(error.instance, int | float):
                # YAML reads 1.10 as the number 1.1; quoting keeps the text.
                message += " (put the value in quotes)"
            return message
        case "minItems":
            return f"{where}: needs at least {value} item{'s' if value != 1 else ''}"
        case "uniqueItems":
            return f"{where}: lists the same item more than once"
        case "pattern":
            return f"{where}: {error.instance!r} does not match the expected form {value}"
        case "format":
            return f"{where}: {error.instance!r} is not a valid {value}"
        case "minLength":
            return f"{where}: must not be empty"
        case "minimum":
            return f"{where}: must be at least {value}"
        case _:
            return f"{where}: {error.message}"
