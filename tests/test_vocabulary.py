"""icscheck.vocabulary: one spelling of every code, for every output."""

from __future__ import annotations

import pytest

from icscheck import vocabulary
from icscheck.rules.registry import discover
from icscheck.vocabulary import NHS_ENGLAND, NOT_GIVEN, spell, words


@pytest.mark.parametrize(
    ("code", "spelt"),
    [
        ("non_executive_member", "non-executive member"),
        ("nhs_trusts_and_foundation_trusts", "NHS trusts and foundation trusts"),
        ("ics_partnership_representative", "integrated care partnership representative"),
        ("healthwatch", "Healthwatch"),
        ("nhs_england", NHS_ENGLAND),
        ("secretary_of_state", "the Secretary of State"),
        ("director_of_finance", "director of finance"),
        ("primary_medical_services", "primary medical services"),
        (None, NOT_GIVEN),
    ],
)
def test_codes_read_as_words(code: str | None, spelt: str) -> None:
    assert words(code) == spelt


def test_nhs_england_is_spelt_in_one_place() -> None:
    assert NHS_ENGLAND == "NHS England"


RENAMED = "the Secretary of State"
"""What the Health Bill (not yet law) would put in place of NHS England."""


def _messages(schema: object) -> list[str]:
    """Every ``x-message`` in a schema rule's schema, at any depth."""
    if isinstance(schema, dict):
        own = [schema["x-message"]] if isinstance(schema.get("x-message"), str) else []
        return own + [m for value in schema.values() for m in _messages(value)]
    if isinstance(schema, list):
        return [m for value in schema for m in _messages(value)]
    return []


def test_no_rule_title_fix_or_message_hard_codes_nhs_england(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the body renamed in icscheck/vocabulary.py alone, every rule read from its file
    names the new body in its title and fix, and no schema rule's message names the old one.

    A rule's source and the prose of its documentation are left out on purpose: a source
    cites a document NHS England published (still true after the Bill), and the prose
    quotes the Act as it was read, which is rewritten with the citation when the law changes.
    """
    monkeypatch.setattr(vocabulary, "NHS_ENGLAND", RENAMED)
    rules = {checker.id: checker for checker in discover()}
    hard_coded = [
        (ident, part)
        for ident, checker in rules.items()
        for part, text in (
            ("title", checker.rule.title),
            ("fix", checker.rule.fix),
            *(("x-message", m) for m in _messages(getattr(checker.check, "schema", None))),
        )
        if "NHS England" in text
    ]
    assert hard_coded == []
    titles = {ident: rules[ident].rule.title for ident in ("PROV-004", "BOARD-018", "MAP-005")}
    assert titles == {
        "PROV-004": f"The constitution lets only {RENAMED} remove the chair, with the Secretary "
        "of State's approval.",
        "BOARD-018": f"The chief executive is appointed by the chair, with {RENAMED}'s approval.",
        "MAP-005": f"A function {RENAMED} delegates is decided by an ICB body, with {RENAMED} "
        "accountable.",
    }
    assert rules["MAP-004"].rule.fix == (
        f"Add a decision_map entry with delegated_function set to each function {RENAMED} "
        "delegates."
    )


def test_a_rule_s_text_spells_the_placeholder_and_keeps_any_other_brace() -> None:
    assert spell("appointed by {nhs_england} ({count} of {min})") == (
        "appointed by NHS England ({count} of {min})"
    )
