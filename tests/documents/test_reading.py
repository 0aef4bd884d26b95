"""Readings that once failed, found by fuzz/fuzz_validate.py."""

from __future__ import annotations

from icscheck.documents import read_one
from icscheck.documents.draft import draft

LEAD_IN = b"""1. Introduction

1.1 This is the constitution of NHS Testmoor Integrated Care Board.

2. Composition of the Board

2.1 The Board consists of:
- a Chair;
- a Chief Executive;
- two Non-Executive Members.

2.2 The member with knowledge and experience of mental health services is chosen from:
- the Non-Executive Members;
- the Chief Executive.

3. Appointments

3.1 NHS England appoints the Chair.
"""


def test_mental_health_words_in_a_lead_in_are_read_whole() -> None:
    """The words are in the clause's lead-in and in none of its items: no crash, no seat."""
    result = draft(read_one("lead-in.txt", LEAD_IN), ["lead-in.txt"])
    facts = {fact.field: fact for fact in result.facts}
    assert "board.mental_health_member" in facts
    assert not facts["board.mental_health_member"].known
