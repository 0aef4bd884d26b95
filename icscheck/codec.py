"""Results as JSON data and back: one encoding for ``--format json`` and the result cache.

``file_data`` gives a file's result in the shape of the JSON report
(docs/json-output.md); ``file_result`` reads that shape back, so a cached
result is exactly what the JSON report would say. The cache also stores the
file's Model (``model_data``), which the JSON report leaves out. Worker
processes need none of this: results pickle as they are.

Decoding checks every field's type (``CodecError`` otherwise), because the
cache is a file on disk that something else may have written.
"""

from __future__ import annotations

import datetime as _dt
import functools
import types
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

from icscheck.errors import LoadError
from icscheck.finding import Finding, Severity
from icscheck.result import FileResult, NotRun, RuleResult, Unconfirmed, Waived
from icscheck.rules.base import Rule
from icscheck.waivers import Waiver

if TYPE_CHECKING:
    from icscheck.model import Model


class CodecError(ValueError):
    """Data that is not an encoded result."""


def finding_data(finding: Finding, rule: Rule | None) -> dict[str, Any]:
    data = _finding_data(finding, rule)
    if finding.document:
        # A document's finding: where in the document (docs/documents.md). Such results
        # are never cached, so decoding never needs it.
        data["document"] = {
            "location": finding.location,
            "page": finding.page,
            "clause": finding.clause or None,
        }
    return data


def _finding_data(finding: Finding, rule: Rule | None) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "source": finding.source,
        "node": finding.node,
        "title": rule.title if rule else "",
        "fix": rule.fix if rule else "",
        "provenance": finding.provenance or None,
    }


def waiver_data(waiver: Waiver) -> dict[str, Any]:
    return {
        "line": waiver.line,
        "column": waiver.column,
        "target": waiver.target,
        "rules": list(waiver.rules),
        "reason": waiver.reason,
        "approved_by": waiver.approved_by,
        "until": waiver.until.isoformat() if waiver.until else None,
    }


def file_data(result: FileResult, rules: Mapping[str, Rule]) -> dict[str, Any]:
    """One file's result as the JSON report shows it; ``rules`` gives titles and fixes."""
    error = result.error
    return {
        "path": result.path,
        "icb": result.icb_name,
        "format_version": result.format_version,
        "error": None
        if error is None
        else {"message": error.message, "line": error.line, "column": error.column},
        "summary": {
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "waived": len(result.waived),
            "unconfirmed": len(result.unconfirmed),
        },
        "rules": [_outcome_data(outcome, rules[outcome.rule]) for outcome in result.rules],
        "not_run": [{"rule": item.rule, "reason": item.reason} for item in result.not_run],
        "findings": [finding_data(f, rules.get(f.rule)) for f in result.findings],
        "waived": [
            {
                **finding_data(item.finding, rules.get(item.finding.rule)),
                "waiver": waiver_data(item.waiver),
            }
            for item in result.waived
        ],
        "unconfirmed": [
            {
                **finding_data(item.finding, rules.get(item.finding.rule)),
                "confirm": list(item.confirm),
            }
            for item in result.unconfirmed
        ],
    }


def _outcome_data(outcome: RuleResult, rule: Rule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": outcome.rule,
        "title": rule.title,
        "area": str(rule.area),
        "severity": str(rule.severity),
        "status": str(outcome.status),
        "findings": len(outcome.findings),
        "waived": len(outcome.waived),
        "unconfirmed": len(outcome.unconfirmed),
    }
    if rule.origin is not None:
        data["origin"] = rule.origin  # a house rule: the record that defines it
    return data


def file_result(data: Any, path: str, model: Model | None = None) -> FileResult:
    """The FileResult ``file_data`` encoded, for ``path``; CodecError if it is not one."""
    try:
        return _file_result(data, path, model)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CodecError(f"not an encoded result: {error!r}") from None


def _file_result(data: Any, path: str, model: Model | None) -> FileResult:
    if data["error"] is not None:
        error = data["error"]
        message = _typed(error["message"], str)
        line, column = _typed(error["line"], int, None), _typed(error["column"], int, None)
        return FileResult(path=path, error=LoadError(path, message, line, column))
    open_ = [_finding(item, path) for item in _typed(data["findings"], list)]
    waived = [
        Waived(_finding(item, path), _waiver(item["waiver"]))
        for item in _typed(data["waived"], list)
    ]
    unconfirmed = [
        Unconfirmed(
            _finding(item, path), tuple(_typed(c, str) for c in _typed(item["confirm"], list))
        )
        for item in _typed(data["unconfirmed"], list)
    ]
    # Grouped by rule in one pass each, in file order, as the engine made them.
    by_rule: dict[str, _Group] = {}
    for entry in _typed(data["rules"], list):
        rule_id = _typed(entry["id"], str)
        if rule_id in by_rule:
            raise CodecError(f"{rule_id} is listed twice")
        by_rule[rule_id] = ([], [], [])
    for finding in open_:
        _group(by_rule, finding.rule)[0].append(finding)
    for item in waived:
        _group(by_rule, item.finding.rule)[1].append(item)
    for question in unconfirmed:
        _group(by_rule, question.finding.rule)[2].append(question)
    outcomes = []
    for entry in data["rules"]:
        rule_id = entry["id"]
        found, accepted, asked = by_rule[rule_id]
        outcome = RuleResult(rule_id, tuple(found), tuple(accepted), tuple(asked))
        if str(outcome.status) != entry["status"] or len(outcome.findings) != entry["findings"]:
            raise CodecError(f"the findings of {rule_id} do not add up")
        outcomes.append(outcome)
    return FileResult(
        path=path,
        icb_name=_typed(data["icb"], str, None),
        format_version=_typed(data["format_version"], int, None),
        rules=tuple(outcomes),
        not_run=tuple(
            NotRun(_typed(item["rule"], str), _typed(item["reason"], str))
            for item in _typed(data["not_run"], list)
        ),
        model=model,
    )


_Group = tuple[list[Finding], list[Waived], list[Unconfirmed]]


def _group(by_rule: dict[str, _Group], rule_id: str) -> _Group:
    if rule_id not in by_rule:
        raise CodecError("findings of a rule that did not run")
    return by_rule[rule_id]


def _finding(data: Mapping[str, Any], path: str) -> Finding:
    line, column = _typed(data["line"], int), _typed(data["column"], int)
    if line < 1 or column < 1:
        raise CodecError("a position before the start of the file")
    return Finding(
        path=path,
        line=line,
        column=column,
        rule=_typed(data["rule"], str),
        severity=Severity(data["severity"]),
        message=_typed(data["message"], str),
        source=_typed(data["source"], str),
        node=_typed(data["node"], str),
        provenance=_typed(data["provenance"], str, None) or "",
    )


def _waiver(data: Mapping[str, Any]) -> Waiver:
    until = _typed(data["until"], str, None)
    return Waiver(
        line=_typed(data["line"], int),
        column=_typed(data["column"], int),
        target=_typed(data["target"], int),
        rules=tuple(_typed(rule, str) for rule in _typed(data["rules"], list)),
        reason=_typed(data["reason"], str, None),
        approved_by=_typed(data["approved_by"], str, None),
        until=_dt.date.fromisoformat(until) if until else None,
    )


def _typed(value: Any, kind: type, *allowed: None) -> Any:
    if value is None and allowed:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CodecError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


# The Model: every entity is a frozen dataclass of text, numbers, flags, tuples
# and other entities, so one pair of functions, driven by the type hints,
# encodes and decodes them all.


def model_data(model: Model) -> dict[str, Any]:
    """The Model as JSON-ready data (for the cache)."""
    encoded: dict[str, Any] = _encode(model)
    return encoded


def model_from_data(data: Any) -> Model:
    """The Model ``model_data`` encoded; CodecError if it is not one."""
    from icscheck.model import Model

    try:
        model: Model = _decode(data, Model)
    except (KeyError, TypeError, ValueError) as error:
        raise CodecError(f"not an encoded model: {error!r}") from None
    return model


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, frozenset):
        return sorted(value)
    return value


@functools.cache
def _shape(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    """A dataclass's field types and names, worked out once per class: evaluating the
    annotations was most of reading a cached result (docs/performance.md)."""
    return typing.get_type_hints(cls), frozenset(f.name for f in fields(cls))


def _decode(data: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        real = [option for option in options if option is not type(None)]
        if len(real) > 1:  # a node path's steps: text or a list index
            if type(data) not in real:
                raise CodecError(f"expected one of {real}, found {type(data).__name__}")
            return data
        return _decode(data, real[0])
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_decode(value, item) for value in _typed(data, list))
    if origin is dict:
        value = typing.get_args(hint)[1]
        return {_typed(k, str): _decode(v, value) for k, v in _typed(data, dict).items()}
    if origin is frozenset:
        item = typing.get_args(hint)[0]
        return frozenset(_decode(value, item) for value in _typed(data, list))
    if isinstance(hint, type) and is_dataclass(hint):
        _typed(data, dict)
        hints, known = _shape(hint)
        if set(data) != known:
            raise CodecError(f"{hint.__name__} with fields {sorted(data)}")
        return hint(**{name: _decode(data[name], hints[name]) for name in known})
    if hint is int and isinstance(data, bool):
        raise CodecError("expected int, found bool")
    if hint in (str, int, bool) and not isinstance(data, hint):
        raise CodecError(f"expected {hint.__name__}, found {type(data).__name__}")
    return data


__all__ = [
    "CodecError",
    "file_data",
    "file_result",
    "finding_data",
    "model_data",
    "model_from_data",
    "waiver_data",
]
