"""A fast yes for schema rules a file meets, from jsonschema-rs where it is installed.

Most rules pass on most files, and a passing rule has no gap to word. So,
as the loader uses libyaml where it is installed, a schema rule first asks
jsonschema-rs (the ``fast`` extra: ``pip install 'icscheck[fast]'``) whether
the file is valid; only where the answer is not a sure yes does jsonschema,
which stays the reference for what a schema means, validate it and word
every gap. Findings therefore always come from jsonschema: the fast engine
can only say "nothing to find", and only where it cannot be more lenient
than icscheck's dialect (icscheck/keywords.py):

- a document holding a whole-number float (``1e1``) is never vouched for:
  Draft 2020-12, and jsonschema-rs, count 10.0 as an integer, icscheck does
  not;
- the reference keywords (``x-member`` ...) are given to jsonschema-rs as
  keywords of its own, following the same entries (``keywords.following``);
- any error from jsonschema-rs (a value it cannot read, a reference it
  cannot resolve) is "not sure", never "valid".

A cold check of a file that meets every schema rule then never imports
jsonschema, which was about 60 ms of every start (docs/performance.md).
tests/test_fastcheck.py checks that the findings are identical with and
without it on every sample, every rule case and generated documents.
``ICSCHECK_ENGINE=jsonschema`` turns the fast engine off.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from typing import Any

from icscheck.keywords import REFERENCES, current_entries
from icscheck.loader import has_whole_float


@cache
def _module() -> Any:
    if os.environ.get("ICSCHECK_ENGINE", "") == "jsonschema":
        return None
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs


def available() -> bool:
    """Whether jsonschema-rs is installed and not turned off."""
    return _module() is not None


def surely_valid(
    schema_key: str, data: Any, *, whole_float: Callable[[], bool] | None = None
) -> bool:
    """True only when ``data`` surely meets the schema (as canonical JSON text); False when it
    does not, or when the fast engine cannot be sure. ``whole_float`` answers
    ``has_whole_float(data)`` for a caller that knows it already: a document asks once, not
    once for each of its schema rules (``loader.Document.whole_float``)."""
    if _module() is None or (whole_float or (lambda: has_whole_float(data)))():
        return False
    try:
        validator = _validator(schema_key)
        return bool(validator.is_valid(data))
    except Exception:  # not sure: jsonschema decides
        return False


@cache
def _registry() -> Any:
    from icscheck.schemas import in_dialect, load_schema, packaged_schemas

    resources = [
        (load_schema(name)["$id"], in_dialect(load_schema(name))) for name in packaged_schemas()
    ]
    return _module().Registry(resources)


@cache
def _validator(schema_key: str) -> Any:
    from icscheck.schemas import in_dialect

    schema = in_dialect(json.loads(schema_key))
    return _compile(schema)


def _compile(schema: Any) -> Any:
    module = _module()
    return module.Draft202012Validator(
        schema,
        registry=_registry(),
        validate_formats=True,
        keywords={keyword: _follower(keyword) for keyword in REFERENCES},
    )


def _follower(keyword: str) -> type:
    class Follow:
        """``x-member`` and the others: the entry an id names must meet the subschema."""

        def __init__(self, parent_schema: Any, value: Any, schema_path: Any) -> None:
            self.check = _compile(value)

        def validate(self, instance: Any) -> None:
            found = current_entries()
            target = found.get(keyword, {}).get(instance) if isinstance(instance, str) else None
            if target is not None and not self.check.is_valid(target):
                raise ValueError(f"{instance!r} does not meet what {keyword} asks of it")

    return Follow
