"""How every code in a constitution reads as words, for every output.

The format spells roles, sectors and kinds as codes (``non_executive_member``,
``nhs_trusts_and_foundation_trusts``); a rule's message, the map, the diff and
the board paper all show them to people. They all ask here, so one code
never reads two ways. Codes not listed read as their words
(``director_of_finance`` -> ``director of finance``).
"""

from __future__ import annotations

NHS_ENGLAND = "NHS England"
"""The body that appoints the chair, approves the chief executive and the constitution, and
delegates functions to ICBs (NHS Act 2006 Sch. 1B paras 5 to 7, s.14Z25). The Health Bill
(introduced May 2026, not yet law) would move these functions to the Secretary of State: when
it is law, this line is what changes in every message that names the body."""

BODY = "{nhs_england}"
"""How a rule's title, fix or documentation names the body (``spell`` writes it out), so
that none of them hard-codes it."""


def spell(text: str) -> str:
    """A rule's text with each ``{nhs_england}`` written as ``NHS_ENGLAND``. Only that
    placeholder is replaced, so any other brace in a house rule's text is kept as written."""
    return text.replace(BODY, NHS_ENGLAND)


_SPELLING = {
    "nhs_england": NHS_ENGLAND,
    "secretary_of_state": "the Secretary of State",
    # The hyphen is how the Act and every constitution spell it.
    "non_executive_member": "non-executive member",
    "nhs_trusts_and_foundation_trusts": "NHS trusts and foundation trusts",
    "ics_partnership_representative": "integrated care partnership representative",
    "healthwatch": "Healthwatch",
    "vcse": "VCSE",
}
_WORDS = {"nhs": "NHS", "ics": "ICS", "icb": "ICB", "vcse": "VCSE"}

NOT_GIVEN = "(not given)"
"""How any output says that a value is missing."""


def words(code: str | None) -> str:
    """A code as words: ``director_of_finance`` -> ``director of finance``."""
    if code is None:
        return NOT_GIVEN
    spelt = _SPELLING.get(code)
    if spelt is not None:
        return spelt
    return " ".join(_WORDS.get(word, word) for word in code.split("_"))
