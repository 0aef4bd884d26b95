"""docs/rules.md lists what icscheck does not check as a rule, and why its citations of the
Hertfordshire and West Essex constitution carry no version date."""

from __future__ import annotations

from pathlib import Path

from icscheck.unchecked import NOT_RULES

RULES_MD = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_transparency_duties_no_rule_checks_are_listed_with_their_reason() -> None:
    # requirements-gap row 30: audited accounts, complaints, freedom of information.
    (row,) = [row for row in NOT_RULES if "Freedom of Information Act 2000" in row[0]]
    what, source, why = row
    assert what.startswith("The annual accounts are externally audited and published")
    assert "a complaints process is published" in what
    assert source.startswith("Hertfordshire and West Essex ICB constitution s.7.3.3 to s.7.3.5")
    assert why.startswith("The format has no field for them")
    assert f"| {what} | {source} | {why} |" in RULES_MD.read_text(encoding="utf-8")


def test_rules_md_says_why_the_constitutions_version_date_is_not_given() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    sources = text[text.index("## Sources") : text.index("## Requirements icscheck does not")]
    assert "The version's date could not be read" in sources
    assert "(web version, undated)" not in text
    assert text.count("version date not readable, see docs/rules.md") >= 23
