"""The catalogue a run reads holds exactly the rules the rule files say (icscheck/rules/catalogue.py).

tests/test_docs.py fails while catalogue.json's text is stale; these tests say
why it matters: each rule read from it is the rule read from its file, and
it checks what that rule checks.
"""

from __future__ import annotations

import pickle

import pytest

from icscheck.errors import RuleError
from icscheck.rules.catalogue import ModuleCheck, module_of, parse, render
from icscheck.rules.record import SchemaCheck
from icscheck.rules.registry import builtins, discover


def test_every_rule_is_the_rule_its_file_says() -> None:
    shipped, files = builtins(), discover()
    assert [c.id for c in shipped] == [c.id for c in files]
    for ours, theirs in zip(shipped, files, strict=True):
        assert ours.rule == theirs.rule
        assert ours.review == theirs.review
        assert ours.identity == theirs.identity  # what the result cache is keyed by
        if isinstance(theirs.check, SchemaCheck):
            assert isinstance(ours.check, SchemaCheck)
            assert ours.check.schema == theirs.check.schema
        else:
            assert ours.check == ModuleCheck(
                f"icscheck.rules.{ours.id.split('-')[0].lower()}.{ours.id.lower().replace('-', '_')}"
            )
            assert module_of(ours) == module_of(theirs)


def test_a_python_rule_is_imported_only_when_it_runs() -> None:
    check = next(c.check for c in builtins() if isinstance(c.check, ModuleCheck))
    assert pickle.loads(pickle.dumps(check)) == check  # a name, for --jobs workers


def test_the_catalogue_round_trips() -> None:
    assert render(parse(render(discover()))) == render(discover())


@pytest.mark.parametrize(
    "text",
    ["", "[]", '{"layout": 1}', '{"layout": 99, "rules": []}', '{"layout": 1, "rules": [{}]}'],
)
def test_a_damaged_catalogue_is_a_rule_error(text: str) -> None:
    with pytest.raises(RuleError, match=r"catalogue\.json"):
        parse(text)
