"""icscheck.vocabulary: one spelling of every code, for every output."""

from __future__ import annotations

import pytest

from icscheck.vocabulary import NHS_ENGLAND, NOT_GIVEN, words


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
