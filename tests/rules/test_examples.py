"""Every rule's docstring examples do what they say: documentation that is tested.

The ``Fails:`` example must give at least one open finding of its rule and the
``Passes:`` example none, checked by the engine as ``icscheck validate`` would
(other rules' findings are not this rule's concern).
"""

from __future__ import annotations

import pytest

from icscheck.finding import Finding
from icscheck.ruledoc import RuleDoc, parse_docstring
from icscheck.rules.base import Rule
from tests.conftest import RULES, check_text


def _findings(rule: Rule, document: str) -> list[Finding]:
    result = check_text(document, f"{rule.id}.yaml")
    return [finding for finding in result.findings if finding.rule == rule.id]


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_the_failing_example_fails(rule: Rule) -> None:
    assert rule.fails, f"{rule.id} has no Fails: example"
    assert _findings(rule, rule.fails), f"{rule.id}'s Fails: example gives no {rule.id} finding"


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_the_passing_example_passes(rule: Rule) -> None:
    assert rule.passes, f"{rule.id} has no Passes: example"
    assert [(f.line, f.column, f.message) for f in _findings(rule, rule.passes)] == []


DOC = """The board has a chair.

    Why it matters.

    Fails:

        icscheck: 1
        board:

          members: []

    Passes:

        icscheck: 1
    """


def test_a_docstring_splits_into_title_prose_and_examples() -> None:
    assert parse_docstring(DOC) == RuleDoc(
        title="The board has a chair.",
        prose="Why it matters.",
        fails="icscheck: 1\nboard:\n\n  members: []\n",
        passes="icscheck: 1\n",
    )


def test_a_docstring_without_examples_has_empty_ones() -> None:
    doc = parse_docstring("Title.\n\nProse.\n")
    assert (doc.prose, doc.fails, doc.passes) == ("Prose.", "", "")


@pytest.mark.parametrize(
    ("docstring", "message"),
    [
        ("T.\n\nFails:\n\n    a: 1\nprose after the example\n", "Fails: example must be indented"),
        ("T.\n\nPasses:\n\n    a: 1\n\nPasses:\n\n    a: 2\n", "Passes: appears twice"),
    ],
)
def test_a_malformed_example_is_refused(docstring: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_docstring(docstring)
