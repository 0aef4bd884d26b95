"""Every rule icscheck knows, discovered from the rule files, in report order.

Built-in rules live in one folder per family (``rules/board/``,
``rules/comm/`` ...): a ``.yaml`` file is a schema rule's record
(record.py), a ``.py`` module a Python rule (base.py). Nothing lists them by
hand: adding a rule is adding its file, and tests/test_meta.py then insists
on its citation, documentation, examples and case file.

Report order is the families' order below, then each family's files by name
(``board_001`` ... ``board_014``).

A run does not read the rule files: ``builtins`` reads the catalogue built
from them (catalogue.py, ``catalogue.json``), which costs one JSON read
where parsing and validating every record cost about 0.3 s a start
(docs/performance.md). ``discover`` reads the files themselves; the
catalogue is generated from it by ``python docs/generate.py``, and
tests/test_docs.py fails while it is stale. House rules (``rules-dir`` in the
configuration) are records too, loaded by ``house_rules``; their IDs live in
the ``X-`` namespace, so they can never shadow a built-in rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from icscheck.errors import RuleError
from icscheck.finding import Severity
from icscheck.rules import record
from icscheck.rules.base import Area, Checker, Context, Gap, Rule
from icscheck.vocabulary import spell

if TYPE_CHECKING:
    from icscheck.loader import Document
    from icscheck.model import Model

FAMILIES: tuple[tuple[str, Area], ...] = (
    ("fmt", Area.FORMAT),
    ("ref", Area.FORMAT),
    ("icb", Area.CONSTITUTION),
    ("prov", Area.CONSTITUTION),
    ("board", Area.BOARD),
    ("quorum", Area.BOARD),
    ("comm", Area.COMMITTEES),
    ("place", Area.PLACE),
    ("map", Area.MAP),
    ("prin", Area.PRINCIPLES),
    ("waive", Area.WAIVERS),
)
"""Each family's folder and the report area its rules belong to, in report order."""

HOUSE_PREFIX = "X-"
"""House rule IDs begin with this (X-EOE-001): no built-in family can."""
HOUSE_ID = re.compile(r"X-[A-Z][A-Z0-9]*-[0-9]{3}")
BUILTIN_ID = re.compile(r"[A-Z]+-[0-9]{3}")


@cache
def builtins() -> tuple[Checker, ...]:
    """Every built-in rule, in report order, from the shipped catalogue."""
    from icscheck.rules.catalogue import load

    return load()


def discover() -> tuple[Checker, ...]:
    """Every built-in rule, in report order, read from the rule files themselves."""
    checkers: list[Checker] = []
    for family, area in FAMILIES:
        folder = files("icscheck.rules") / family
        for entry in sorted(folder.iterdir(), key=lambda item: item.name):
            stem, _, suffix = entry.name.partition(".")
            if suffix == "yaml":
                where = f"icscheck/rules/{family}/{entry.name}"
                checker = record.load(where, entry.read_text(encoding="utf-8"), area)
            elif suffix == "py" and stem != "__init__":
                checker = from_module(import_module(f"icscheck.rules.{family}.{stem}"), area)
            else:
                continue
            expected = stem.upper().replace("_", "-")
            if checker.id != expected or not BUILTIN_ID.fullmatch(checker.id):
                raise RuleError(f"{family}/{entry.name}: its rule ID must be {expected}")
            checkers.append(checker)
    return tuple(checkers)


def from_module(module: ModuleType, area: Area) -> Checker:
    """A Python rule: the module's constants, its docstring and its ``check``."""
    from icscheck.ruledoc import parse_docstring

    try:
        doc = parse_docstring(module.__doc__ or "")
    except ValueError as error:
        raise RuleError(f"{module.ID}: docstring: {error}") from None
    rule = Rule(
        id=module.ID,
        title=spell(doc.title),
        area=area,
        severity=Severity(module.SEVERITY),
        source=module.SOURCE,
        fix=spell(module.FIX),
        doc=spell(doc.prose),
        fails=doc.fails,
        passes=doc.passes,
        since=getattr(module, "SINCE", 1),
    )
    check = PythonCheck(module.check, judges_unknowns=getattr(module, "UNKNOWNS_JUDGED", False))
    return Checker(rule, check, review=getattr(module, "REVIEW", False))


@dataclass(frozen=True)
class PythonCheck:
    """A Python rule's ``check(model, context)``, called as every check is called."""

    function: Callable[[Model, Context], Iterator[Gap]]
    judges_unknowns: bool = False
    """``UNKNOWNS_JUDGED = True`` in the module: the rule says itself (its gaps' ``rests_on``)
    which unknown facts its outcome turns on, so reading one is no question of its own
    (FMT-003: an unknown is no placeholder; REF-001 and REF-002). Otherwise each unknown
    fact it reads and no gap rests on is an unconfirmed outcome (icscheck/checker.py)."""

    def __call__(self, document: Document, model: Model, context: Context) -> Iterator[Gap]:
        return self.function(model, context)


def house_rules(folder: Path) -> tuple[Checker, ...]:
    """The house rules in ``folder``: every ``*.yaml`` record in it, by file name.

    A malformed record, an ID outside the ``X-`` namespace or an ID used twice
    is a RuleError naming the file: a house rule must never be skipped quietly.
    """
    if not folder.is_dir():
        raise RuleError(f"{folder}: the house rules folder does not exist")
    checkers: list[Checker] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RuleError(f"{path}: cannot read the house rule: {error}") from None
        checker = record.load(str(path), text, Area.HOUSE, house=True)
        if not HOUSE_ID.fullmatch(checker.id):
            raise RuleError(
                f"{path}: house rule ID {checker.id!r} must be {HOUSE_PREFIX}NAMESPACE-NNN "
                "(e.g. X-EOE-001), so that it can never shadow a built-in rule"
            )
        if checker.id in seen:
            raise RuleError(f"{path}: rule ID {checker.id} is already used by {seen[checker.id]}")
        seen[checker.id] = str(path)
        checkers.append(checker)
    return tuple(checkers)
